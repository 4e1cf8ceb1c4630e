"""Shown instead of a broken layout when the terminal is smaller than the game needs."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Center, Middle
from textual.screen import Screen
from textual.widgets import Static


class TooSmallScreen(Screen[None]):
    """Covers everything until the terminal is large enough again."""

    def __init__(self, minimum: tuple[int, int]) -> None:
        super().__init__()
        self.minimum = minimum

    def compose(self) -> ComposeResult:
        with Middle(), Center():
            yield Static("", id="too-small", markup=False)

    def on_mount(self) -> None:
        self.show_size(self.app.size.width, self.app.size.height)

    def show_size(self, width: int, height: int) -> None:
        """Say how large the terminal is and how large it must be."""
        w, h = self.minimum
        self.query_one("#too-small", Static).update(
            f"The terminal is {width}×{height}; Honorable Exit needs at least {w}×{h}.\n"
            "Enlarge the window (or make the font smaller) to play on.\n"
            "Nothing is lost. Ctrl+Q quits."
        )
