"""One choice on an event card: number, label, what it moves, or why it is greyed out."""

from __future__ import annotations

from typing import Any

from textual.content import Content
from textual.message import Message
from textual.widgets import Static


def choice_content(number: int, choice: Any, preview: str | None, reason: str | None,
                   favoured_by: list[str]) -> Content:
    """The text of a choice row (preview None when it is unavailable)."""
    if reason is not None:
        return Content.assemble((f"{number} ✕ ", "bold"), (choice.label, "strike"),
                                "\n    ", (f"unavailable: {reason}", "italic"))
    parts: list[str | tuple[str, str]] = [(f"{number} ", "bold"), (choice.label, "bold")]
    if favoured_by:
        parts.append((f"  (favoured by {', '.join(favoured_by)})", "italic"))
    parts += ["\n    ", (preview or "no direct effect", "")]
    return Content.assemble(*parts)


class ChoiceRow(Static):
    """A choice; a click picks it (keys 1-4 do the same)."""

    DEFAULT_CSS = """
    ChoiceRow { height: auto; padding: 0 1; margin-bottom: 1; border-left: blank; }
    ChoiceRow:hover { background: $boost; }
    ChoiceRow.-selected { border-left: thick $accent; background: $accent 15%; }
    ChoiceRow.-unavailable { color: $text-disabled; }
    """

    class Chosen(Message):
        """A choice row was clicked."""

        def __init__(self, index: int) -> None:
            super().__init__()
            self.index = index

    def __init__(self, index: int, content: Content, *, available: bool) -> None:
        super().__init__(content, classes="" if available else "-unavailable")
        self.index = index

    def on_click(self) -> None:
        self.post_message(self.Chosen(self.index))
