"""The desk: the card being answered (advisors, choices with previews), or the month's orders."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from game.describe import preview_text
from game.tui.orders import MonthOrders
from game.tui.visibility import visible
from game.tui.widgets.choice import ChoiceRow, choice_content
from game.tui.widgets.policy_summary import PolicyView, preview_mode


class CardView(Vertical):
    """Bound to the dashboard's step, selection and month; recomposes when the card changes."""

    step: reactive[int] = reactive(0, init=False, recompose=True)
    month: reactive[int] = reactive(0, init=False, recompose=True)
    selected: reactive[int] = reactive(-1, init=False)

    def __init__(self, orders: MonthOrders) -> None:
        super().__init__(id="card")
        self.orders = orders

    def compose(self) -> ComposeResult:
        card = self.orders.card()
        if card is None:
            yield from self.compose_orders()
        else:
            yield from self.compose_card(card)

    def compose_card(self, card: Any) -> ComposeResult:
        o, s = self.orders, self.orders.session
        rt = s.rt
        yield Static(Content.assemble((f"Card {o.step + 1} of {len(o.cards)} · ", "dim"),
                                      (card.title, "bold")), classes="card-title")
        yield Static(Content.assemble(s.date, (f" · cites {', '.join(card.cites)} (b: brief)", "dim")),
                     classes="card-meta")
        yield Static(Content(card.text), classes="card-text")
        favours: dict[str, list[str]] = {}
        if card.advice:
            parts: list[str | tuple[str, str]] = [("Advisors", "bold $accent")]
            for advisor_id, advice in card.advice.items():
                name = rt.pack.get("advisors", advisor_id).name
                says = advice if isinstance(advice, str) else advice.says
                parts += ["\n", (f"{name}: ", "bold"), says]
                if not isinstance(advice, str) and advice.favors:
                    favours.setdefault(advice.favors, []).append(name)
            yield Static(Content.assemble(*parts), classes="advisors")
        mode = preview_mode(s)
        for i, (choice, open_) in enumerate(zip(card.choices, s.available(card.id), strict=True)):
            reason = None if open_ else (choice.unavailable or "not available now")
            preview = preview_text(rt, visible(s, s.preview(card.id, choice.id)), mode) if open_ else None
            row = ChoiceRow(i, choice_content(i + 1, choice, preview, reason, favours.get(choice.id, [])),
                            available=open_)
            row.set_class(i == o.selected, "-selected")
            yield row
        if s.options.get("teaching") and card.discussion:
            parts = [("For discussion", "bold $accent")]
            for q in card.discussion:
                parts += ["\n• ", q.question, (f" ({', '.join(q.cites)})", "dim")]
            yield Static(Content.assemble(*parts), classes="discussion")
        hint = "1-4: choose · enter: confirm" + (" · backspace: previous card" if o.step else "")
        yield Static(hint, classes="hint")

    def compose_orders(self) -> ComposeResult:
        o, s = self.orders, self.orders.session
        yield Static(Content.assemble((f"Orders for {s.date}", "bold")), classes="card-title")
        parts: list[str | tuple[str, str]] = []
        for card, pick in zip(o.cards, o.picks, strict=True):
            choice = next(c for c in card.choices if c.id == pick)
            parts += [(card.title, "bold"), " → ", choice.label, "\n  ", (choice.outcome, "italic"), "\n"]
        if not o.cards:
            parts.append("No card reached the desk this month.\n")
        yield Static(Content.assemble(*parts).rstrip(), classes="card-text")
        yield Static(Content.assemble(("Standing policies this month", "bold $accent")))
        yield PolicyView(s, o, id="orders-policies")
        back = " · backspace: revise the last answer" if o.cards else ""
        yield Static(f"enter: end the month · p: change policies{back}", classes="hint")

    def watch_selected(self, selected: int) -> None:
        for row in self.query(ChoiceRow):
            row.set_class(row.index == selected, "-selected")
