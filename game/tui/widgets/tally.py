"""The class vote's desk: a number input beside each open choice, the split so far, the majority."""

from __future__ import annotations

from typing import Any, ClassVar

from rich.text import Text
from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Input, Static

from game.tui.vote_orders import VoteOrders
from game.tui.widgets.card import CardView, OrdersView
from game.tui.widgets.choice import ChoiceRow
from game.tui.widgets.parts import Group, find_part, set_display, set_text
from game.tui.widgets.standing import standing_content
from game.vote import PASSED_VOTE, VoteError, voted, winners

TALLY_HEADING = Content.assemble(("Type the class's votes for each choice", "bold $accent"))


class TallyInput(Input):
    """One choice's count: digits only; other keys go on to the screen's bindings."""

    DEFAULT_CSS = """
    TallyInput { width: 8; margin-right: 1; text-style: bold; background: $panel; }
    TallyInput:focus { background: $accent 40%; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "leave", "Leave the tallies", id="tally_leave", show=False),
    ]

    class Back(Message):
        """backspace in an empty tally: go back to the previous card."""

    def __init__(self, index: int) -> None:
        super().__init__("", placeholder="0", restrict=r"\d{0,4}", max_length=4, compact=True,
                         id=f"tally-{index}", classes="tally", select_on_focus=True)
        self.index = index

    def check_consume_key(self, key: str, character: str | None) -> bool:
        """Only digits are typed here (letters keep their meaning: g, w, p...)."""
        return character is not None and character.isdigit()

    async def _on_key(self, event: events.Key) -> None:
        if event.key == "backspace" and not self.value:
            event.stop()
            event.prevent_default()
            self.post_message(self.Back())
            return
        if event.is_printable and not (event.character or "").isdigit():
            event.prevent_default()  # not typed here (Input would swallow it): it bubbles on to the bindings
            return
        await super()._on_key(event)

    def action_move(self, step: int) -> None:
        """The cursor to the previous or next open choice's tally, at once (keys typed right
        after ↓ land in the new tally, however fast they come)."""
        boxes = [b for b in self.screen.query(TallyInput) if b.display and b.parent and b.parent.display]
        if self in boxes:
            boxes[(boxes.index(self) + step) % len(boxes)].take_cursor()

    def take_cursor(self) -> None:
        """Focus this tally now (not after the queued keys) and scroll its whole choice into view."""
        self.screen.set_focus(self, scroll_visible=False)
        if isinstance(self.parent, Widget):
            self.parent.scroll_visible(animate=False)

    def action_leave(self) -> None:
        """The cursor out of the tallies, to the desk (where 1-4 go back to a choice's tally)."""
        holder = next((w for w in self.ancestors_with_self[1:] if getattr(w, "can_focus", False)), None)
        if isinstance(holder, Widget):
            holder.focus()
        else:
            self.blur()

    @property
    def count(self) -> int:
        """The number typed (0 when empty)."""
        return int(self.value) if self.value.isdigit() else 0


class VoteOrdersView(OrdersView):
    """The month's orders, each answer with the class's split."""

    def answer(self, index: int, card: Any, choice: Any) -> Text:
        text = super().answer(index, card, choice)
        tallies = self.orders.tallies if isinstance(self.orders, VoteOrders) else []
        if index < len(tallies):
            text.append(f"\nThe class voted: {voted(tallies[index], [c.label for c in card.choices])}")
        return text


class VoteCardView(CardView):
    """The card with a tally beside each choice (locked choices show their reason and take none)."""

    orders: VoteOrders

    DEFAULT_CSS = """
    VoteCardView .tally-row { height: auto; }
    VoteCardView .tally-locked { width: 8; margin-right: 1; text-style: bold; color: $text-disabled; }
    VoteCardView ChoiceRow { width: 1fr; }
    VoteCardView ChoiceRow.-leading { border-left: thick $success; }
    """

    def compose(self) -> ComposeResult:
        with Group(id="card-body"):
            for name in ("card-title", "card-meta", "card-text"):
                yield Static("", classes=name)
            yield Static(TALLY_HEADING, classes="tally-heading")
            for i in range(4):
                with Horizontal(classes="tally-row", id=f"tally-row-{i}"):
                    yield TallyInput(i)
                    yield Static("✕ none", classes="tally-locked")
                    yield ChoiceRow(i)
            yield Static("", classes="advisors")
            yield Static("", classes="discussion")
            yield Static("", classes="hint")
        yield VoteOrdersView(self.orders)

    def show_card(self, card: Any) -> None:
        super().show_card(card)
        counts, open_ = self.orders.counts(), self.orders.open_choices()
        heading = TALLY_HEADING if any(open_) else Content.assemble((PASSED_VOTE, "bold"))
        set_text(find_part(self, "#card-body > .tally-heading"), heading)
        for i in range(4):
            row = find_part(self, f"#tally-row-{i}", Horizontal)
            set_display(row, i < len(card.choices))
            if i >= len(card.choices):
                continue
            box = find_part(self, f"#tally-{i}", TallyInput)
            set_display(box, open_[i])
            set_display(find_part(self, f"#tally-row-{i} > .tally-locked"), not open_[i])
            text = str(counts[i]) if counts[i] else ""
            if box.value != text:
                with box.prevent(Input.Changed):
                    box.value = text
        self.show_standing()
        back = " · backspace in an empty tally: previous card" if self.orders.step else ""
        if not any(open_):  # the card passes (game.engine.passing): no vote
            back = " · backspace: previous card" if self.orders.step else ""
            set_text(self.part("hint"), Content.assemble(("No vote: ", "bold"), f"enter: go on{back} · "
                                                         "s: show or hide the state"))
            return
        set_text(self.part("hint"), f"↑↓: next tally · enter: take the majority{back} · "
                                    "esc: leave the tallies · s: show or hide the state")

    def show(self) -> None:
        super().show()
        if self.is_attached:
            set_display(self.standing(), self.orders.card() is not None)

    def standing(self) -> Static:
        """The split so far: kept in view below the desk by the vote's screen."""
        return find_part(self.screen, "#standing")

    def show_standing(self) -> None:
        """The split so far and the majority (the leading rows marked)."""
        card = self.orders.card()
        if card is None:
            return
        counts, open_ = self.orders.counts(), self.orders.open_choices()
        set_text(self.standing(), standing_content(card, counts, open_))
        try:
            leaders = winners(counts, open_)
        except VoteError:
            leaders = []
        for row in self.rows():
            row.set_class(row.index in leaders, "-leading")

    def tallies(self) -> list[TallyInput]:
        """The open choices' inputs on the current card, in order."""
        card = self.orders.card()
        if card is None:
            return []
        open_ = self.orders.open_choices()
        return [find_part(self, f"#tally-{i}", TallyInput) for i in range(len(card.choices)) if open_[i]]
