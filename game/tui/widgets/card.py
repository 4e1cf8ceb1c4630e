"""The desk: the card being answered (advisors, choices with previews), or the month's orders.

The card's widgets and the orders' are built once and updated in place from card to card
and month to month: mounting widgets costs far more than changing their text, and a new
card must paint at once (issue 4: under 50 ms from the key press).
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from game.describe import card_title
from game.engine.passing import PASSED_NOTE, PASSED_SAY
from game.goals import locked_reason
from game.history import basis_label, desk_text, held_over
from game.preview import choice_preview, lens_for
from game.tui.orders import MonthOrders
from game.tui.text import hanging
from game.tui.widgets.choice import ChoiceRow, choice_content
from game.tui.widgets.parts import GridStatic, Group, find_part, set_display, set_text
from game.tui.widgets.policy_summary import PolicyView

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


BADGE_STYLES = {"historical": "bold $text-success", "plausible": "bold $text-warning"}


def basis_badge(card: Any) -> Parts:
    """' · Historical' or ' · Plausible development', in theme colours (nothing without a history)."""
    label = basis_label(card)
    if label is None:
        return []
    return [" · ", (label, BADGE_STYLES[card.history.basis])]


class OrdersView(Group):
    """The end of the month: each card's answer and outcome, the policies, and how to go on."""

    def __init__(self, orders: MonthOrders) -> None:
        super().__init__(id="orders")
        self.orders = orders

    def compose(self) -> ComposeResult:
        yield Static("", classes="card-title")
        yield GridStatic("", classes="card-text")
        yield Static(Content.assemble(("Standing policies this month", "bold $accent")))
        yield PolicyView(self.orders.session, self.orders, id="orders-policies")
        yield Static("", classes="hint")

    def show(self) -> None:
        """Show the month's orders (once every card is answered)."""
        o, s = self.orders, self.orders.session
        if not o.at_orders:
            return
        set_text(self.part("card-title"), Content.assemble((f"Orders for {s.date}", "bold")))
        rows: list[tuple[Text | str, ...]] = []
        for i, (card, pick) in enumerate(zip(o.cards, o.picks, strict=True)):
            choice = next((c for c in card.choices if c.id == pick), None)
            rows.append(("◆", self.answer(i, card, choice) if choice is not None  # None: the card passed
                         else Text.assemble((card_title(card), "bold"), f" → {PASSED_NOTE}, with no effect")))
        if not o.cards:
            rows.append(("", "No card reached the desk this month."))
        self.part("card-text").update(hanging(rows))
        find_part(self, "#orders-policies", PolicyView).refresh_text()
        back = " · backspace: revise the last answer" if o.cards else ""
        set_text(self.part("hint"), f"enter: end the month · p: change policies{back}")

    def answer(self, index: int, card: Any, choice: Any) -> Text:
        """One card's line in the orders: its title, the answer and the outcome."""
        title = card_title(card)
        return Text.assemble((title, "bold"), " → ", choice.label, "\n", (choice.outcome, "italic"))

    def part(self, name: str) -> Static:
        return find_part(self, f"#orders > .{name}")


class CardView(Group):
    """Bound to the dashboard's step, selection and month."""

    step: reactive[int] = reactive(0, init=False, repaint=False)
    month: reactive[int] = reactive(0, init=False, repaint=False)
    selected: reactive[int] = reactive(-1, init=False, repaint=False)

    def __init__(self, orders: MonthOrders) -> None:
        super().__init__(id="card")
        self.orders = orders
        self._rows: list[ChoiceRow] = []

    def compose(self) -> ComposeResult:
        with Group(id="card-body"):
            for name in ("card-title", "card-meta", "card-text"):
                yield Static("", classes=name)
            for i in range(4):  # the choices before the advisors: reachable without scrolling past them
                yield ChoiceRow(i)
            yield Static("", classes="advisors")
            yield Static("", classes="discussion")
            yield Static("", classes="hint")
        yield OrdersView(self.orders)

    def on_mount(self) -> None:
        self.show()

    def show(self) -> None:
        """Show the card being answered, or the month's orders."""
        card = self.orders.card()
        body, orders = find_part(self, "#card-body", Group), find_part(self, "#orders", OrdersView)
        set_display(body, card is not None)
        set_display(orders, card is None)
        if card is None:
            orders.show()
        else:
            self.show_card(card)

    def show_card(self, card: Any) -> None:
        o, s = self.orders, self.orders.session
        rt = s.rt
        set_text(self.part("card-title"), Content.assemble((f"Card {o.step + 1} of {len(o.cards)} · ", "dim"),
                                                           (card_title(card), "bold")))
        cites = f" · cites {', '.join(card.cites)} (b: brief)"
        late = f" · {held_over(s, card)}" if held_over(s, card) else ""
        open_ = s.available(card.id)
        passing = () if any(open_) else ("\n", (f"{PASSED_SAY} Enter: go on.", "bold"))  # game.engine.passing
        set_text(self.part("card-meta"), Content.assemble(s.date, *basis_badge(card), late, (cites, "dim"),
                                                          *passing))
        set_text(self.part("card-text"), Content(desk_text(s, card)))
        advice, favours = advice_content(rt, card) if card.advice else (Content(""), {})
        set_text(self.part("advisors"), advice)
        set_display(self.part("advisors"), bool(card.advice))
        lens = lens_for(s)
        for row in self.rows():
            if row.index >= len(card.choices):
                set_display(row, False)
                continue
            choice = card.choices[row.index]
            reason = None if open_[row.index] else locked_reason(s, card.id, choice.id)
            preview = None
            if reason is None:
                preview = choice_preview(lens, card.id, choice.id)
            row.show(choice_content(row.index + 1, choice, preview, reason, favours.get(choice.id, [])),
                     available=reason is None, selected=row.index == o.selected)
        teaching = bool(s.options.get("teaching")) and bool(card.discussion)
        set_text(self.part("discussion"), discussion_content(card.discussion) if teaching else Content(""))
        set_display(self.part("discussion"), teaching)
        back = " · backspace: previous card" if o.step else ""
        if any(open_):
            set_text(self.part("hint"), f"1-{len(card.choices)}: choose · enter: confirm{back} · ↑↓: scroll")
        else:  # the card passes (game.engine.passing)
            set_text(self.part("hint"), Content.assemble((PASSED_SAY, "bold"), f" enter: go on{back}"))

    def part(self, name: str) -> Static:
        return find_part(self, f"#card-body > .{name}")

    def rows(self) -> list[ChoiceRow]:
        """The four choice rows (built once)."""
        if not self._rows:
            self._rows = list(self.query(ChoiceRow))
        return self._rows

    def watch_step(self) -> None:
        self.show()

    def watch_month(self) -> None:
        self.show()

    def watch_selected(self, selected: int) -> None:
        for row in self.rows():
            row.set_class(row.index == selected, "-selected")
