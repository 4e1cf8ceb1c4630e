"""The class vote on a projector: the dashboard, with each card answered by the class's tally."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.widget import Widget
from textual.widgets import Input, Static

from game.session import Session
from game.tui.screens.dashboard import DashboardScreen
from game.tui.vote_orders import VoteOrders
from game.tui.widgets.card import CardView
from game.tui.widgets.footer import GameFooter
from game.tui.widgets.tally import TallyInput, VoteCardView
from game.vote import VoteError


class VoteScreen(DashboardScreen):
    """The facilitator types each choice's votes; enter takes the majority (a tie is theirs to break)."""

    DEFAULT_CSS = """
    VoteScreen.-narrow StatePanel { display: none; }
    VoteScreen.-narrow.-state StatePanel { display: block; }
    VoteScreen.-wide.-no-state StatePanel { display: none; }
    #standing { height: auto; padding: 0 1; border-top: hkey $accent; text-wrap: nowrap;
                text-overflow: ellipsis; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("s", "toggle_state", "State", id="vote_state"),
        # In a tally, these act before the keys typed after them are handed on (each widget has
        # its own queue: a `7` right after ↓ would otherwise land in the tally being left).
        Binding("down", "tally(1)", "Next tally", id="vote_next", show=False, priority=True),
        Binding("up", "tally(-1)", "Previous tally", id="vote_previous", show=False, priority=True),
    ]
    card_view: ClassVar[type[CardView]] = VoteCardView
    orders: VoteOrders

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.orders = VoteOrders(session)

    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield Static("", id="standing")  # the split so far, in view whatever the desk's scroll

    def on_mount(self) -> None:
        super().on_mount()
        self.move_child(self.query_one("#standing"), before=self.query_one(GameFooter))  # above the keys
        self.call_after_refresh(self.focus_tally)

    def view(self) -> VoteCardView:
        return self.query_one(VoteCardView)

    def focus_tally(self, index: int | None = None) -> None:
        """Put the cursor in a choice's tally and show it; by default the first open one, leaving
        the desk at the top of the card (the class reads the card first)."""
        boxes = self.view().tallies()
        box = next((b for b in boxes if b.index == index), boxes[0] if boxes and index is None else None)
        if box is None:
            return
        if index is None:
            self.set_focus(box, scroll_visible=False)
        else:
            box.take_cursor()

    def sync(self) -> None:
        """Mirror the orders, and put the cursor in the new card's first tally."""
        super().sync()
        self.focus_tally()  # now, so that the next card's votes typed at once land in it

    def action_toggle_state(self) -> None:
        """Show or hide the state column (hidden on narrow screens so the card gets the width)."""
        if self.has_class("-narrow"):
            self.toggle_class("-state")
        else:
            self.toggle_class("-no-state")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """↑ and ↓ are the tallies' own only while one has the cursor."""
        if action == "tally":
            return isinstance(self.focused, TallyInput) and self.app.screen is self
        return super().check_action(action, parameters)

    def action_tally(self, step: int) -> None:
        """↑/↓: the previous or next open choice's tally."""
        if isinstance(self.focused, TallyInput):
            self.focused.action_move(step)

    @on(Input.Submitted, ".tally")
    def tally_submitted(self) -> None:
        """enter in a tally: take the majority."""
        self.action_confirm()

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
            if isinstance(box.parent, Widget):
                box.parent.scroll_visible(animate=False)

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
