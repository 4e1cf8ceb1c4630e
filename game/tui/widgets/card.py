"""The desk: the card being answered (advisors, choices with previews), or the month's orders.

The card's widgets are built once and updated in place from card to card: mounting
widgets costs far more than changing their text, and a new card must paint at once.
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from game.describe import preview_text
from game.tui.orders import MonthOrders
from game.tui.text import hanging
from game.tui.visibility import visible
from game.tui.widgets.choice import ChoiceRow, choice_content
from game.tui.widgets.policy_summary import PolicyView, preview_mode

Parts = list[str | tuple[str, str]]


def advice_content(rt: Any, card: Any) -> tuple[Content, dict[str, list[str]]]:
    """The advisors' positions, and who favours which choice."""
    favours: dict[str, list[str]] = {}
    parts: Parts = [("Advisors", "bold $accent")]
    for advisor_id, advice in card.advice.items():
        name = rt.pack.get("advisors", advisor_id).name
        says = advice if isinstance(advice, str) else advice.says
        parts += ["\n", (f"{name}: ", "bold"), says]
        if not isinstance(advice, str) and advice.favors:
            favours.setdefault(advice.favors, []).append(name)
    return Content.assemble(*parts), favours


def discussion_content(questions: Any) -> Content:
    """Discussion questions with the paragraphs they point to."""
    parts: Parts = [("For discussion", "bold $accent")]
    for q in questions:
        parts += ["\n• ", q.question, (f" ({', '.join(q.cites)})", "dim")]
    return Content.assemble(*parts)


class OrdersView(Vertical):
    """The end of the month: each card's answer and outcome, the policies, and how to go on."""

    def __init__(self, orders: MonthOrders) -> None:
        super().__init__(id="orders")
        self.orders = orders

    def compose(self) -> ComposeResult:
        o, s = self.orders, self.orders.session
        if not o.at_orders:
            return
        yield Static(Content.assemble((f"Orders for {s.date}", "bold")), classes="card-title")
        rows: list[tuple[Text | str, ...]] = []
        for card, pick in zip(o.cards, o.picks, strict=True):
            choice = next(c for c in card.choices if c.id == pick)
            rows.append(("◆", Text.assemble((card.title, "bold"), " → ", choice.label, "\n",
                                            (choice.outcome, "italic"))))
        if not o.cards:
            rows.append(("", "No card reached the desk this month."))
        yield Static(hanging(rows), classes="card-text")
        yield Static(Content.assemble(("Standing policies this month", "bold $accent")))
        yield PolicyView(s, o, id="orders-policies")
        back = " · backspace: revise the last answer" if o.cards else ""
        yield Static(f"enter: end the month · p: change policies{back}", classes="hint")


class CardView(Vertical):
    """Bound to the dashboard's step, selection and month."""

    step: reactive[int] = reactive(0, init=False, repaint=False)
    month: reactive[int] = reactive(0, init=False, repaint=False)
    selected: reactive[int] = reactive(-1, init=False, repaint=False)

    def __init__(self, orders: MonthOrders) -> None:
        super().__init__(id="card")
        self.orders = orders

    def compose(self) -> ComposeResult:
        with Vertical(id="card-body"):
            for name in ("card-title", "card-meta", "card-text", "advisors"):
                yield Static("", classes=name)
            for i in range(4):
                yield ChoiceRow(i)
            yield Static("", classes="discussion")
            yield Static("", classes="hint")
        yield OrdersView(self.orders)

    def on_mount(self) -> None:
        self.show()

    def show(self) -> None:
        """Show the card being answered, or the month's orders."""
        card = self.orders.card()
        body, orders = self.query_one("#card-body"), self.query_one(OrdersView)
        body.display = card is not None
        orders.display = card is None
        if card is None:
            orders.refresh(recompose=True)
        else:
            self.show_card(card)

    def show_card(self, card: Any) -> None:
        o, s = self.orders, self.orders.session
        rt = s.rt
        self.part("card-title").update(Content.assemble((f"Card {o.step + 1} of {len(o.cards)} · ", "dim"),
                                                        (card.title, "bold")))
        cites = f" · cites {', '.join(card.cites)} (b: brief)"
        self.part("card-meta").update(Content.assemble(s.date, (cites, "dim")))
        self.part("card-text").update(Content(card.text))
        advice, favours = advice_content(rt, card) if card.advice else (Content(""), {})
        self.part("advisors").update(advice)
        self.part("advisors").display = bool(card.advice)
        mode = preview_mode(s)
        open_ = s.available(card.id)
        for row in self.query(ChoiceRow):
            if row.index >= len(card.choices):
                row.display = False
                continue
            choice = card.choices[row.index]
            reason = None if open_[row.index] else (choice.unavailable or "not available now")
            preview = None
            if reason is None:
                preview = preview_text(rt, visible(s, s.preview(card.id, choice.id)), mode)
            row.show(choice_content(row.index + 1, choice, preview, reason, favours.get(choice.id, [])),
                     available=reason is None, selected=row.index == o.selected)
        teaching = bool(s.options.get("teaching")) and bool(card.discussion)
        self.part("discussion").update(discussion_content(card.discussion) if teaching else "")
        self.part("discussion").display = teaching
        back = " · backspace: previous card" if o.step else ""
        self.part("hint").update(f"1-{len(card.choices)}: choose · enter: confirm{back} · ↑↓: scroll")

    def part(self, name: str) -> Static:
        return self.query_one(f"#card-body > .{name}", Static)

    def watch_step(self) -> None:
        self.show()

    def watch_month(self) -> None:
        self.show()

    def watch_selected(self, selected: int) -> None:
        for row in self.query(ChoiceRow):
            row.set_class(row.index == selected, "-selected")
