"""The game's flows on the app: start, continue, load, save, quit, and the campaign's screens."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App

if TYPE_CHECKING:
    from textual.screen import Screen

    from game.session import Session
    from game.tui.config import GameConfig
    from game.tui.screens.dashboard import DashboardScreen
    from game.tui.services import Saves

NEEDS_SESSION = {"save", "why", "timeline", "charts", "brief", "partner", "debrief", "policies"}
NEEDS_PACK = {"new", "load", "continue"}


class GameFlows(App[int]):
    """What the player can do from anywhere: the app's actions, with the pack and the campaign."""

    config: GameConfig

    def __init__(self) -> None:
        super().__init__()
        self.loading = True
        self.rt: Any = None
        self.latest: Any = None  # the latest autosave's listing row, read at start
        self.session: Session | None = None
        self.saved_turns = 0  # decisions already in a save
        self._saves: Saves | None = None

    @property
    def saves(self) -> Saves:
        """The saves folder."""
        if self._saves is None:
            from game.tui.services import Saves

            self._saves = Saves(self.config.saves, self.config.player)
        return self._saves

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """Grey out what needs a campaign or the pack until there is one."""
        if action in NEEDS_SESSION:
            return True if self.session is not None else None
        if action == "continue":  # without an autosave, `c` says so (action_continue)
            return True if self.rt is not None else None
        if action in NEEDS_PACK:
            return True if self.rt is not None else None
        return True

    def refresh_latest(self) -> None:
        """Look for the latest autosave again (after a campaign, a save or a load)."""
        from game.tui.services import ServiceError

        try:
            self.latest = self.saves.latest() if self.saves.available else None
        except ServiceError:
            self.latest = None

    def dashboard(self) -> DashboardScreen | None:
        """The campaign's dashboard, if it is in the stack."""
        from game.tui.screens.dashboard import DashboardScreen

        return next((s for s in self.screen_stack if isinstance(s, DashboardScreen)), None)

    # -- starting a campaign ---------------------------------------------------
    def action_new(self) -> None:
        """Open the new-campaign dialog."""
        from game.tui.screens.new_campaign import NewCampaignDialog

        if self.rt is not None:
            self.guard_unsaved(lambda: self.push_screen(NewCampaignDialog(self.rt, self.config),
                                                        self.begin))

    def begin(self, session: Session | None) -> None:
        """Start a fresh campaign (None: the dialog was cancelled)."""
        if session is not None:
            self.open_campaign(session, from_save=False)

    def action_continue(self) -> None:
        """Resume the latest autosave."""
        if self.rt is None:
            return
        self.refresh_latest()
        latest = self.latest
        if latest is None:
            who = self.config.player
            self.notify(f"There is no autosave of {who}'s to continue yet." if who
                        else "There is no autosave to continue yet.", severity="warning")
        elif not latest.ok:
            self.notify(f"The latest autosave is unreadable: {latest.reason}", severity="error")
        else:
            self.guard_unsaved(lambda: self.load_path(Path(latest.path)))

    def action_load(self) -> None:
        """Pick a save to load."""
        from game.tui.screens.saves import LoadScreen
        from game.tui.services import ServiceError

        if self.rt is None:
            return
        try:
            rows = self.saves.listing()
        except ServiceError as exc:
            self.notify(str(exc), title="Cannot list saves", severity="error")
            return
        self.push_screen(LoadScreen(rows, str(self.config.saves), self.rt),
                         lambda path: self.guard_unsaved(lambda: self.load_path(path)) if path else None)

    def load_path(self, path: Path) -> None:
        """Load a save and show its campaign."""
        from game.tui.services import ServiceError

        try:
            session = self.saves.load(path, self.rt)
        except ServiceError as exc:
            self.notify(str(exc), title=f"Cannot load {path.name}", severity="error", timeout=10)
            return
        if self.config.vote or session.votes:  # a campaign the class voted goes on as a vote
            session.options["vote"] = True
        self.open_campaign(session, from_save=True)
        self.notify(f"Loaded {path.name}: {session.date}, turn {session.state.turn}.")

    def open_campaign(self, session: Session, *, from_save: bool) -> None:
        """Make a campaign the current one and show its dashboard (or its ending)."""
        self.session = session
        self.saved_turns = len(session.decisions) if from_save else -1
        if not from_save:
            self.autosave()
        self.show_campaign()

    def show_campaign(self) -> None:
        """Replace whatever is above the title with the campaign's screen."""
        from game.tui.screens.dashboard import DashboardScreen
        from game.tui.screens.ending import EndingScreen

        assert self.session is not None
        while len(self.screen_stack) > 1:
            self.pop_screen()
        screen: Screen[Any] = DashboardScreen(self.session)
        if self.session.finished:
            screen = EndingScreen(self.session)
        elif self.session.options.get("vote"):  # a class vote: the tallies answer the cards
            from game.tui.screens.vote import VoteScreen

            screen = VoteScreen(self.session)
        self.push_screen(screen)
        self.refresh_bindings()

    def action_title(self) -> None:
        """Back to the title screen (the campaign stays autosaved)."""
        def leave() -> None:
            self.session = None
            while len(self.screen_stack) > 1:
                self.pop_screen()
            self.refresh_bindings()

        self.guard_unsaved(leave)

    # -- during a campaign -----------------------------------------------------
    def month_played(self) -> None:
        """After a month resolves: show the ending if one was reached; autosave once it is painted."""
        if self.session is not None and self.session.finished:
            self.call_later(self.show_campaign)  # after the screen's pending updates
        self.call_after_refresh(self.autosave)

    def autosave(self) -> None:
        """Write the autosave; say so if it cannot be written."""
        from game.tui.services import ServiceError

        if self.session is None:
            return
        try:
            self.saves.autosave(self.session)
        except ServiceError as exc:
            self.notify(f"Autosave failed: {exc}", title="Not saved", severity="error", timeout=10)
            return
        self.saved_turns = len(self.session.decisions)

    def action_save(self) -> None:
        """Ask for a name and save the campaign under it."""
        from game.tui.screens.saves import SaveDialog

        if self.session is not None:
            self.push_screen(SaveDialog(self.session), self.save_named)

    def save_named(self, name: str | None) -> None:
        """Write a named save."""
        from game.tui.services import ServiceError

        if not name or self.session is None:
            return
        try:
            path = self.saves.save(self.session, name)
        except ServiceError as exc:
            self.notify(str(exc), title="Not saved", severity="error", timeout=10)
            return
        self.saved_turns = len(self.session.decisions)
        self.notify(f"Saved as {path.name} in {path.parent}.", title="Saved")

    def unsaved(self) -> str | None:
        """What would be lost by leaving now, or None."""
        if self.session is None or self.session.finished:
            return None
        dash = self.dashboard()
        if len(self.session.decisions) != self.saved_turns:
            return "The campaign has not been saved since the last month was played."
        if dash is not None and dash.orders.touched:
            return "This month's answers are not saved yet (saves keep whole months)."
        return None

    def guard_unsaved(self, then: Any) -> None:
        """Run `then`, after asking first if there is unsaved progress."""
        from game.tui.screens.confirm import ConfirmDialog

        problem = self.unsaved()
        if problem is None:
            then()
            return
        self.push_screen(ConfirmDialog(problem, "Leave this campaign anyway?"),
                         lambda yes: then() if yes else None)

    def action_quit_game(self) -> None:
        """Quit, confirming first when there is unsaved progress."""
        self.guard_unsaved(lambda: self.exit(0))
