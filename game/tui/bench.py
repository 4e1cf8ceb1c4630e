"""The modder's test bench on the app: `play --debug`, `--start-event ID` and `--watch`.

The bench's operations are `game.bench`'s, the reload is `game.watch`'s: this module only
wires them to keys, the palette and the screens. A change the bench makes redraws the month
(its dashboard is built anew, so this month's answers are asked again); a reloaded pack
replaces the campaign with its replay, or, when the pack no longer validates, shows the
errors and keeps the campaign as it was.
"""

from __future__ import annotations

from contextlib import suppress
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, cast

from textual import work

from game.tui.navigation import Navigation

if TYPE_CHECKING:
    from game.session import Session
    from game.tui.app import HonorableExit
    from game.watch import Reloaded, Watcher

BENCH_ACTIONS = {"bench", "bench_run"}
POLL = 0.4  # seconds between looks at the watcher's flag


class BenchFlows(Navigation):
    """The test bench's key, palette actions, start event and pack watcher."""

    watcher: Watcher | None = None
    _start_pending = True  # --start-event goes on the first campaign opened (then on each new one)
    _reloads = 0  # reloads started: only the latest one's outcome is shown

    # -- what is shown ---------------------------------------------------------
    def bench_marked(self) -> bool:
        """Whether the campaign in play was changed by the bench (its saves never verify)."""
        return self.session is not None and bool(self.session.options.get("debug"))

    def show_bench_title(self) -> None:
        """Say in the title bar that the bench is open (or else that the pack is watched), in place
        of the game's name: at 80 columns the header has room for one of them beside the date."""
        if self.config.bench or self.bench_marked():
            self.title = "Test bench"
        elif self.config.watch:
            self.title = "Watching the pack"
        else:
            self.title = self.TITLE or ""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The bench's key is hidden without --debug, greyed out until a campaign is in play."""
        if action in BENCH_ACTIONS:
            if not self.config.bench:
                return False
            return True if self.session is not None and not self.session.finished else None
        return super().check_action(action, parameters)

    def on_mount(self) -> None:
        """Show the bench in the title; start watching the pack (--watch)."""
        self.show_bench_title()
        if self.config.watch:
            from game.watch import Watcher

            folders = [self.config.content, *(Path(m) for m in self.config.mods)]
            self.watcher = Watcher(folders).start()
            self.set_interval(POLL, self.poll_watch, name="pack-watch")

    def on_unmount(self) -> None:
        """Stop the watcher's thread with the app."""
        if self.watcher is not None:
            self.watcher.stop()

    # -- the bench ---------------------------------------------------------------
    def action_bench(self, text: str = "") -> None:
        """Open the test bench over the campaign (`text`: a command to start from)."""
        from game.tui.screens.bench import BenchScreen

        open_ = self.config.bench and self.session is not None and not self.session.finished
        if open_ and self.session is not None and not isinstance(self.screen, BenchScreen):
            self.push_screen(BenchScreen(self.session, text), self.bench_closed)

    def action_bench_run(self, text: str) -> None:
        """Carry out one bench command (from the palette) and say what it did."""
        from game.bench import BenchError, command

        if self.session is None or not self.config.bench:
            return
        try:
            message, _ = command(self.session, text)
        except BenchError as exc:
            self.notify(str(exc), title="Test bench", severity="error")
            return
        self.bench_closed(True)
        self.notify(f"{message}. This campaign's saves will not verify.", title="Test bench")

    def bench_closed(self, changed: bool | None) -> None:
        """After the bench changed the campaign: redraw the month (or show the ending)."""
        if changed and self.session is not None:
            self.show_bench_title()
            self.show_campaign()

    # -- --start-event -------------------------------------------------------------
    def open_campaign(self, session: Session, *, from_save: bool) -> None:
        """With --start-event, the card is on the first month's desk of the campaign opened."""
        if self.config.start_event and (self._start_pending or not from_save) and not session.finished:
            from game.bench import BenchError, fire

            self._start_pending = False
            try:
                fire(session, self.config.start_event)
            except BenchError as exc:
                self.notify(f"--start-event: {exc}", title="Test bench", severity="error", timeout=15)
        super().open_campaign(session, from_save=from_save)
        self.show_bench_title()

    def bench_start(self) -> None:
        """The pack is loaded and no save was asked for: with --start-event, start a campaign."""
        from game.bench import near_names

        card = self.config.start_event
        if not card or self.rt is None or not self._start_pending:
            return  # (a pack reloaded at the title does not start another campaign)
        if card not in self.rt.events:  # say so at once, as the line mode does, and stay at the title
            hint = near_names(card, sorted(self.rt.events))
            self.notify(f"--start-event: no card '{card}'" + (f": {hint}" if hint else ""),
                        title="Test bench", severity="error", timeout=30)
            return
        try:
            self.begin(self.session_for_start())
        except (KeyError, ValueError) as exc:
            self.notify(f"--start-event: cannot start the campaign: {exc}", title="Test bench",
                        severity="error", timeout=30)

    def session_for_start(self) -> Session:
        """The campaign the command line's settings describe (a class code's, or the defaults), voted
        by the class with --vote as the line mode's is."""
        from game.session import Session
        from game.tui.services import ServiceError, class_campaign

        cfg = self.config
        if cfg.class_code:
            try:
                session = class_campaign(self.rt, cfg.class_code, cfg.player)
            except ServiceError as exc:
                raise ValueError(str(exc)) from exc
        else:
            options: dict[str, Any] = {"teaching": cfg.teaching}
            if cfg.player:
                options["player"] = cfg.player
            session = Session.new(self.rt, cfg.scenario, cfg.difficulty, cfg.seed, options)
        if cfg.vote:
            session.options["vote"] = True
        return session

    # -- --watch ---------------------------------------------------------------------
    def poll_watch(self) -> None:
        """A pack file changed: reload it (in a thread) and replay the campaign on it."""
        if self.watcher is None or self.loading or not self.watcher.changed():
            return
        if self.session is None:  # nothing to replay: load the pack again as the title does
            from game.tui.screens.pack_error import PackErrorScreen

            if isinstance(self.screen, PackErrorScreen):
                self.pop_screen()
            self.config = replace(self.config, runtime=None)
            cast("HonorableExit", self).reload_pack()
            return
        self.start_replay()

    def start_replay(self) -> None:
        """Replay the campaign in play on the pack as it is now (the last reload started wins)."""
        if self.session is not None:
            self._reloads += 1
            self.replay_on_new_pack(self.session, len(self.session.records), self._reloads)

    @work(thread=True, group="watch")
    def replay_on_new_pack(self, old: Session, played: int, number: int) -> None:
        """Load the pack again and replay ``old`` on it, off the UI thread."""
        from game.watch import reload

        got = reload(self.config.content, self.config.mods, old)
        with suppress(RuntimeError):  # the app closed while reloading
            self.call_from_thread(self.pack_replayed, got, old, played, number)

    def pack_replayed(self, got: Reloaded, old: Session, played: int, number: int) -> None:
        """Show what the reload gave: the campaign replayed, diverged, or kept with the errors."""
        if number != self._reloads:
            return  # a later reload is on its way
        if self.session is not old or len(old.records) != played:
            self.start_replay()  # a month was played (or another campaign opened) meanwhile
            return
        severity: Literal["information", "warning", "error"] = (
            "error" if got.errors else "warning" if got.diverged else "information")
        self.notify(got.message()[0].upper() + got.message()[1:] + ".", title="Pack reloaded",
                    severity=severity, timeout=15)
        if got.errors:
            from game.tui.screens.watch_errors import WatchErrorsScreen

            if isinstance(self.screen, WatchErrorsScreen):
                self.screen.dismiss()
            self.push_screen(WatchErrorsScreen(got.errors))
            return
        if got.session is not None:
            self.rt = got.session.rt
            self.session = got.session
            self.show_bench_title()
            self.show_campaign()
