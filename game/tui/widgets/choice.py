"""One choice on an event card: number, label, what it moves, or why it is greyed out."""

from __future__ import annotations

from typing import Any

from rich.table import Table
from rich.text import Text
from textual.message import Message

from game.tui.text import hanging
from game.tui.widgets.parts import GridStatic


def choice_content(number: int, choice: Any, preview: str | None, reason: str | None,
                   favoured_by: list[str]) -> Table:
    """A choice as two columns: its number, then its label over what it moves (or why it is closed)."""
    if reason is not None:
        body = Text.assemble((choice.label, "strike"), "\n", (f"unavailable: {reason}", "italic"))
        return hanging([(Text(f"{number} ✕", "bold"), body)])
    body = Text.assemble((choice.label, "bold"))
    if favoured_by:
        body.append(f"  (favoured by {', '.join(favoured_by)})", "italic")
    body.append("\n" + (preview or "no direct effect"))
    return hanging([(Text(f"{number}  ", "bold"), body)])


class ChoiceRow(GridStatic):
    """A choice (one widget: a card changes many times a campaign); a click picks it."""

    DEFAULT_CSS = """
    ChoiceRow { height: auto; margin-bottom: 1; padding: 0 1; border-left: blank; }
    ChoiceRow:hover { background: $boost; }
    ChoiceRow.-selected { border-left: thick $accent; background: $accent 15%; }
    ChoiceRow.-unavailable { color: $text-disabled; }
    """

    class Chosen(Message):
        """A choice row was clicked."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, index: int) -> None:
        super().__init__("")
        self.index = index

    def show(self, content: Table, *, available: bool, selected: bool) -> None:
        """Show a choice of the current card."""
        self.update(content)
        self.set_class(not available, "-unavailable")
        self.set_class(selected, "-selected")
        if not self.display:
            self.display = True

    def on_click(self) -> None:
        self.post_message(self.Chosen(self.index))
