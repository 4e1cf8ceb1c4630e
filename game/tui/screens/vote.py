"""The class vote on a projector: the dashboard, with each card answered by the class's tally."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.binding import Binding, BindingType
from textual.widgets import Input

from game.session import Session
from game.tui.screens.dashboard import DashboardScreen
from game.tui.vote_orders import VoteOrders
from game.tui.widgets.card import CardView
from game.tui.widgets.tally import TallyInput, VoteCardView
from game.vote import VoteError


class VoteScreen(DashboardScreen):
    """The facilitator types each choice's votes; enter takes the majority (a tie is theirs to break)."""

    DEFAULT_CSS = """
    VoteScreen.-narrow StatePanel { display: none; }
    VoteScreen.-narrow.-state StatePanel { display: block; }
    VoteScreen.-wide.-no-state StatePanel { display: none; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "toggle_state", "State", id="vote_state"),
    ]
    card_view: ClassVar[type[CardView]] = VoteCardView
    orders: VoteOrders

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.orders = VoteOrders(session)

    def on_mount(self) -> None:
        super().on_mount()
        self.call_after_refresh(self.focus_tally)

    def view(self) -> VoteCardView:
        return self.query_one(VoteCardView)

    def focus_tally(self, index: int | None = None) -> None:
        """Put the cursor in a choice's tally (the first open one by default)."""
        boxes = self.view().tallies()
        box = next((b for b in boxes if b.index == index), boxes[0] if boxes and index is None else None)
        if box is not None:
            box.focus()
            box.scroll_visible(animate=False)

    def sync(self) -> None:
        """Mirror the orders, and put the cursor in the new card's first tally."""
        super().sync()
        self.call_after_refresh(self.focus_tally)

    def action_toggle_state(self) -> None:
        """Show or hide the state column (hidden on narrow screens so the card gets the width)."""
        if self.has_class("-narrow"):
            self.toggle_class("-state")
        else:
            self.toggle_class("-no-state")

    @on(TallyInput.Move)
    def next_tally(self, event: TallyInput.Move) -> None:
        """↑/↓ in a tally: the cursor to the previous or next open choice's tally."""
        boxes = self.view().tallies()
        at = next((n for n, b in enumerate(boxes) if b is event.tally), None)
        if at is not None:
            self.focus_tally(boxes[(at + event.step) % len(boxes)].index)

    def action_pick(self, index: int) -> None:
        """A choice's number (outside a tally) puts the cursor in its tally, or says why it is locked."""
        reason = self.orders.choice_reason(index)
        if reason is not None:
            self.notify(reason, title=f"Choice {index + 1} is unavailable: it takes no votes",
                        severity="warning")
            return
        self.focus_tally(index)

    @on(Input.Changed, ".tally")
    def tally_typed(self, event: Input.Changed) -> None:
        box = event.input
        if isinstance(box, TallyInput):
            self.orders.set_count(box.index, box.count)
            self.view().show_standing()

    @on(Input.Submitted, ".tally")
    def tally_submitted(self) -> None:
        self.action_confirm()

    @on(TallyInput.Back)
    def tally_back(self) -> None:
        self.action_back()

    def action_confirm(self) -> None:
        """Take the majority (asking the facilitator on a tie), or end the month once all are voted."""
        if self.orders.at_orders:
            self.end_month()
            return
        try:
            tied = self.orders.take()
        except VoteError as exc:
            self.notify(f"{str(exc)[:1].upper()}{str(exc)[1:]}.", title="No majority yet", severity="warning")
            return
        if tied:
            from game.tui.screens.tie import TieDialog

            card, counts = self.orders.card(), self.orders.counts()
            self.app.push_screen(TieDialog(card, tied, counts[tied[0]]), self.tie_broken)
            return
        self.taken()

    def tie_broken(self, pick: int | None) -> None:
        """The facilitator's pick among the tied choices (None: back to the tally)."""
        if pick is None:
            self.focus_tally()
            return
        try:
            self.orders.take(pick)
        except VoteError as exc:
            self.notify(str(exc), severity="warning")
            return
        self.taken()

    def taken(self) -> None:
        self.sync()
        self.query_one("#desk").scroll_home(animate=False)

    def action_back(self) -> None:
        """Reopen the previous card with its tally."""
        if self.orders.back():
            self.sync()
