"""The Textual app: starts on the title screen and loads the pack in a thread behind it."""

from __future__ import annotations

from contextlib import suppress
from typing import TYPE_CHECKING, Any, ClassVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType

from game.tui.bench import BenchFlows
from game.tui.commands import bench_commands, game_commands
from game.tui.config import GameConfig
from game.tui.crashguard import CrashGuard
from game.tui.screens.title import TitleScreen

if TYPE_CHECKING:
    from collections.abc import Iterable

    from textual import events
    from textual.await_complete import AwaitComplete
    from textual.screen import Screen

    from game.tui.loading import Loaded

MIN_SIZE = (80, 24)


class HonorableExit(CrashGuard, BenchFlows):
    """Honorable Exit: a campaign of monthly turns, played with the keyboard."""

    CSS_PATH = "app.tcss"
    TITLE = "Honorable Exit"
    COMMANDS = App.COMMANDS | {game_commands, bench_commands}
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("ctrl+q", "quit_game", "Quit", priority=True, id="quit"),
        Binding("ctrl+s", "save", "Save", id="save"),
        Binding("question_mark", "help", "Help", key_display="?", id="help"),
        Binding("x", "bench", "Bench", id="bench"),  # play --debug only (the test bench)
    ]

    def __init__(self, config: GameConfig) -> None:
        super().__init__()
        self.config = config
        if config.theme:
            self.theme = config.theme
        if not config.animations:
            self.animation_level = "none"
        if config.keymap:
            self.set_keymap(config.keymap)

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        """Textual's palette commands, with Quit and Screenshot doing what the game's keys do."""
        for command in super().get_system_commands(screen):
            if command.title == "Quit":
                yield SystemCommand("Quit", "Quit the game, asking first if answers are unsaved (ctrl+q)",
                                    self.action_quit_game)
            elif command.title == "Screenshot":
                yield SystemCommand("Screenshot", f"Save an SVG of the screen into {self.config.saves}",
                                    lambda: self.set_timer(0.1, self.action_save_screenshot))
            else:
                yield command

    async def action_quit(self) -> None:
        """Any quit (Textual's own included) goes through the unsaved-answers check."""
        self.action_quit_game()

    def action_help_quit(self) -> None:
        """ctrl+c: quit as ctrl+q does, saying so (and asking first if answers are unsaved)."""
        self.notify("ctrl+c quits, as ctrl+q does.", title="Quit")
        self.action_quit_game()

    def action_save_screenshot(self) -> None:
        """Save an SVG of the screen into the saves folder and say where."""
        try:
            self.config.saves.mkdir(parents=True, exist_ok=True)
            path = self.save_screenshot(path=str(self.config.saves))
        except OSError as exc:
            self.notify(f"The screenshot could not be saved: {exc}", title="Screenshot", severity="error")
            return
        self.notify(f"Saved to {path}", title="Screenshot")

    def campaign_context(self) -> str:
        """The campaign in play, for a crash report."""
        s = self.session
        if s is None:
            return ""
        return f"; campaign {s.scenario} ({s.difficulty}) seed {s.seed!r}, turn {s.state.turn}"

    def get_default_screen(self) -> Screen[Any]:
        """The title screen paints first; the pack loads behind it."""
        return TitleScreen()

    def on_ready(self) -> None:
        """The title is on screen: load the pack now, off the UI thread."""
        for note in self.config.notes:
            self.notify(note, severity="warning")
        self.load_pack()

    @work(thread=True, exclusive=True, group="pack")
    def load_pack(self) -> None:
        """Load, compile and warm up in a thread; hand the result back to the UI thread."""
        from game.tui.loading import freeze_heap, load_everything

        with suppress(ImportError):  # saving may be left out of an installation (see services)
            from game.saves import clean_temporaries

            clean_temporaries(self.config.saves)
        loaded = load_everything(self.config.content, self.config.saves, self.config.runtime,
                                 self.config.player, self.config.mods)
        if self.config.owns_process:
            freeze_heap()
        with suppress(RuntimeError):  # the app closed while loading
            self.call_from_thread(self.pack_loaded, loaded)

    def pack_loaded(self, loaded: Loaded) -> None:
        """Show the pack's errors, or enable the title menu."""
        self.loading = False
        self.rt = loaded.rt
        self.latest = loaded.latest
        if loaded.saves_problem:
            self.notify(loaded.saves_problem, title="Saves", severity="warning")
        if loaded.errors:
            from game.tui.screens.pack_error import PackErrorScreen

            self.push_screen(PackErrorScreen(str(self.config.content), loaded.errors))
            return
        for screen in self.screen_stack:
            if isinstance(screen, TitleScreen):
                screen.pack_ready()
        self.refresh_bindings()
        if self.config.load is not None:
            self.load_path(self.config.load)
        elif self.config.resume:
            self.action_continue()
        else:
            self.bench_start()

    def reload_pack(self) -> None:
        """Load the pack again (after a modder fixed it)."""
        self.loading = True
        self.load_pack()

    def on_resize(self, event: events.Resize) -> None:
        """Cover the screen with a clear message when the terminal is too small to play."""
        from game.tui.screens.too_small import TooSmallScreen

        small = event.size.width < MIN_SIZE[0] or event.size.height < MIN_SIZE[1]
        covered = bool(self.screen_stack) and isinstance(self.screen, TooSmallScreen)
        if small and not covered:
            self.push_screen(TooSmallScreen(MIN_SIZE))
        elif covered and not small:
            self._uncovering = True
            try:
                self.pop_screen()
            finally:
                self._uncovering = False
        elif covered and isinstance(self.screen, TooSmallScreen):
            self.screen.show_size(event.size.width, event.size.height)

    _uncovering = False

    def pop_screen(self) -> AwaitComplete:
        """Close the top screen; but while the too-small cover is up, only the resize takes it away.

        A key already on its way to a dialog when the terminal shrank is handled after the
        cover came up: the dialog then closes itself (``dismiss`` pops the top screen), which
        would take the cover away instead and leave the dialog open with its answer given,
        to be answered twice on the next key (a crash the fuzz test found). Here the screen
        under the cover closes and the cover stays.
        """
        from game.tui.screens.too_small import TooSmallScreen

        stack = self.screen_stack
        if self._uncovering or len(stack) < 3 or not isinstance(stack[-1], TooSmallScreen):
            return super().pop_screen()
        super().pop_screen()  # the cover, put back below
        done = super().pop_screen()  # the screen that closed itself
        self.push_screen(TooSmallScreen(MIN_SIZE))
        return done

def make_app(config: GameConfig) -> HonorableExit:
    """Build the app (tests pass a config with a temporary saves folder and a pinned theme)."""
    return HonorableExit(config)
