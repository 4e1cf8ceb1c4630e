"""The campaign dashboard: state on the left, the month's cards and orders on the right."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.geometry import Region
from textual.reactive import reactive
from textual.screen import Screen
from textual.strip import Strip
from textual.widgets import Header

from game.session import Session
from game.tui.compositor import SingleLayoutCompositor
from game.tui.memory import release_retained_caches
from game.tui.orders import MonthOrders
from game.tui.widgets.card import CardView
from game.tui.widgets.choice import ChoiceRow
from game.tui.widgets.footer import GameFooter
from game.tui.widgets.parts import repeat_line
from game.tui.widgets.policy_summary import PolicySummary
from game.tui.widgets.quantity import QuantityRow
from game.tui.widgets.report import SituationReport
from game.tui.widgets.state_panel import StatePanel

if TYPE_CHECKING:
    from textual import events

    from game.tui.app import HonorableExit

CHOOSE = Binding.Group("Choose", compact=True)
WIDE = [(0, "-narrow"), (110, "-wide")]  # wide terminals: a wider state column, longer sparklines


class Desk(VerticalScroll):
    """The right-hand column, scrolled as one (its background is drawn one line at a time)."""

    def render_lines(self, crop: Region) -> list[Strip]:
        return repeat_line(self, crop, super().render_lines)


FOLD_BELOW = 32  # terminal rows below which the situation report starts folded


class DashboardScreen(Screen[None]):
    """The main screen of a campaign."""

    AUTO_FOCUS = "#desk"
    HORIZONTAL_BREAKPOINTS = WIDE
    BINDINGS: ClassVar[list[BindingType]] = [
        *(Binding(str(n), f"pick({n - 1})", "Choose", id=f"pick{n}", group=CHOOSE) for n in range(1, 5)),
        Binding("enter", "confirm", "Confirm", id="confirm"),
        Binding("backspace", "back", "Back", id="back", show=False),
        Binding("p", "policies", "Policies", id="policies"),
        Binding("g", "app.goals", "Goals", id="goals"),
        Binding("w", "app.why", "Why?", id="why"),
        Binding("t", "app.timeline", "Timeline", id="timeline"),
        Binding("c", "app.charts", "Charts", id="charts"),
        Binding("b", "app.brief", "Brief", id="brief"),
        Binding("l", "app.load", "Load", id="load", show=False),
        Binding("r", "report", "Report", id="report", show=False),
    ]

    card_view: ClassVar[type[CardView]] = CardView  # the class vote's screen answers cards by tallies

    step: reactive[int] = reactive(0, init=False, repaint=False)
    selected: reactive[int] = reactive(-1, init=False, repaint=False)
    month: reactive[int] = reactive(0, init=False, repaint=False)

    def __init__(self, session: Session) -> None:
        super().__init__()
        self._compositor = SingleLayoutCompositor()
        self.session = session
        self.orders = MonthOrders(session)

    @property
    def game(self) -> HonorableExit:
        return cast("HonorableExit", self.app)

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="dashboard"):
            yield StatePanel(self.session, self.orders).data_bind(DashboardScreen.month)
            with Desk(id="desk"):
                # on a short terminal the report starts folded, so that the card opens at once
                folded = self.app.size.height < FOLD_BELOW
                yield SituationReport(self.session, folded=folded).data_bind(DashboardScreen.month)
                yield self.card_view(self.orders).data_bind(DashboardScreen.step, DashboardScreen.selected,
                                                      DashboardScreen.month)
        yield GameFooter()

    def on_mount(self) -> None:
        self.show_date()

    def show_date(self) -> None:
        s = self.session
        difficulty = s.rt.pack.get("difficulties", s.difficulty).name
        self.sub_title = f"{s.date} · turn {s.state.turn} of {s.turns} · {difficulty}"

    def sync(self) -> None:
        """Mirror the orders into the reactive state the views are bound to."""
        self.step = self.orders.step
        self.selected = -1 if self.orders.selected is None else self.orders.selected
        self.refresh_bindings()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Hide choices a card does not have, and idle keys.

        A closed choice's key and `enter` with nothing picked stay live: pressing
        them says why nothing happens (a disabled binding would do nothing at all).
        """
        o = self.orders
        if action == "pick":
            card = o.card()
            index = parameters[0] if parameters else 0
            return card is not None and isinstance(index, int) and index < len(card.choices)
        if action == "back":
            return True if o.step > 0 else None
        return True

    def action_report(self) -> None:
        """Open or fold the situation report."""
        report = self.query_one(SituationReport)
        report.folded = not report.folded
        if not report.folded:
            self.query_one("#desk", VerticalScroll).scroll_home(animate=False)

    def on_key(self, event: events.Key) -> None:
        """A number the card has no choice for says so (its binding is hidden, so it lands here)."""
        card = self.orders.card()
        key = event.character or ""
        if card is not None and key.isdigit() and not 1 <= int(key) <= len(card.choices):
            event.stop()
            event.prevent_default()
            self.notify(f"This card has {len(card.choices)} choices: there is no choice {event.character}.",
                        title="No such choice", severity="warning")

    def action_pick(self, index: int) -> None:
        """Highlight a choice (the reason if it is closed)."""
        reason = self.orders.select(index)
        if reason is not None:
            self.notify(reason, title=f"Choice {index + 1} is unavailable", severity="warning")
        self.sync()
        rows = self.query(ChoiceRow)
        if 0 <= index < len(rows):
            self.call_after_refresh(rows[index].scroll_visible, animate=False)

    def action_confirm(self) -> None:
        """Confirm the highlighted choice, or end the month once every card is answered."""
        if self.orders.at_orders:
            self.end_month()
        elif self.orders.confirm():
            self.sync()
            self.query_one("#desk", VerticalScroll).scroll_home(animate=False)
        else:
            card = self.orders.card()
            keys = f"keys 1-{len(card.choices)}" if card is not None else "a number key"
            self.notify(f"Pick a choice first ({keys}).", severity="warning")

    def action_back(self) -> None:
        """Reopen the previous card."""
        if self.orders.back():
            self.sync()

    def end_month(self) -> None:
        """Resolve the month, then refresh every view (or move on to the ending)."""
        warning = self.orders.resolve()
        release_retained_caches()
        if warning:
            self.notify(warning, severity="warning")
        if self.session.finished:  # the ending replaces this screen: nothing here to refresh
            self.game.month_played()
            return
        self.month += 1
        self.show_date()
        self.sync()
        self.query_one("#desk", VerticalScroll).scroll_home(animate=False)
        self.game.month_played()

    def action_policies(self) -> None:
        """Open the standing policies."""
        from game.tui.screens.policies import PolicyDialog

        self.app.push_screen(PolicyDialog(self.orders), self.policies_set)

    def policies_set(self, _: object = None) -> None:
        """The policy dialog closed: show the orders as they now stand."""
        self.query_one(PolicySummary).refresh_text()
        if self.orders.at_orders:
            self.query_one(CardView).show()
        self.refresh_bindings()

    @on(ChoiceRow.Chosen)
    def choice_clicked(self, event: ChoiceRow.Chosen) -> None:
        self.action_pick(event.index)

    @on(QuantityRow.Picked)
    def quantity_picked(self, event: QuantityRow.Picked) -> None:
        self.game.action_why(event.qid)

    def focus_quantity(self, qid: str) -> None:
        """Move the focus to a meter's or partner's row."""
        rows = self.query(f"#q-{qid}")
        if rows:
            rows.first().focus()
            rows.first().scroll_visible(animate=False)
