"""A content pack that fails validation: its errors, file:line:column, instead of a traceback."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Static

from game.tui.widgets.footer import GameFooter

if TYPE_CHECKING:
    from game.tui.app import HonorableExit


class PackErrorScreen(Screen[None]):
    """Lists every error; `r` reloads the pack after a fix, `q` quits with exit code 1."""

    AUTO_FOCUS = "#errors"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("r", "reload", "Reload the pack", id="pack_reload"),
        Binding("q", "quit_invalid", "Quit", id="pack_quit"),
    ]

    def __init__(self, folder: str, errors: list[str]) -> None:
        super().__init__()
        self.folder = folder
        self.errors = errors

    def compose(self) -> ComposeResult:
        yield Header()
        count = len([e for e in self.errors if ": error[" in e]) or len(self.errors)
        yield Static(Content.assemble(("The content pack cannot be played", "bold $text-error"),
                                      f"\n{self.folder}: {count} error(s). Fix them and press r to "
                                      "reload, or check them with `honorable-exit validate`."),
                     id="pack-error-head")
        with VerticalScroll(id="errors"):
            yield Static("\n".join(self.errors), markup=False, id="error-list")
        yield GameFooter()

    def action_reload(self) -> None:
        game = cast("HonorableExit", self.app)
        self.dismiss()
        game.reload_pack()

    def action_quit_invalid(self) -> None:
        self.app.exit(1)
