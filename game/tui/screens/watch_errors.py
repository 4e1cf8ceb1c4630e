"""`play --watch`: the pack was changed and no longer validates; its errors, and the campaign kept."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Static

from game.tui.widgets.footer import GameFooter


class WatchErrorsScreen(Screen[None]):
    """Every error of the changed pack, scrollable; escape goes back to the campaign, kept as it was."""

    AUTO_FOCUS = "#watch-errors"
    DEFAULT_CSS = """
    #watch-errors-head { height: auto; padding: 0 1; margin-bottom: 1; }
    #watch-errors { height: 1fr; padding: 0 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back to the campaign", id="watch_errors_back"),
    ]

    def __init__(self, errors: list[str]) -> None:
        super().__init__()
        self.errors = errors

    def compose(self) -> ComposeResult:
        yield Header()
        count = len([e for e in self.errors if ": error[" in e]) or len(self.errors)
        yield Static(Content.assemble(("The changed pack no longer validates", "bold $text-error"),
                                      f"\n{count} error(s). The campaign is kept as it was, on the pack "
                                      "loaded before; save a fix and it is reloaded and replayed."),
                     id="watch-errors-head")
        with VerticalScroll(id="watch-errors"):
            yield Static("\n".join(self.errors), markup=False, id="watch-error-list")
        yield GameFooter()

    def on_mount(self) -> None:
        self.sub_title = "Pack errors"
