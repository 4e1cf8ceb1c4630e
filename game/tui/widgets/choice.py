"""One choice on an event card: number, label, what it moves, or why it is greyed out."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Static

Parts = tuple[Content, Content, Content]


def choice_content(number: int, choice: Any, preview: str | None, reason: str | None,
                   favoured_by: list[str]) -> Parts:
    """A choice row's parts: its number, its label, and what it moves (or why it is closed)."""
    if reason is not None:
        return (Content.assemble((f"{number} ✕", "bold")), Content.assemble((choice.label, "strike")),
                Content.assemble((f"unavailable: {reason}", "italic")))
    label = Content.assemble((choice.label, "bold"))
    if favoured_by:
        label += Content.assemble((f"  (favoured by {', '.join(favoured_by)})", "italic"))
    return Content.assemble((str(number), "bold")), label, Content(preview or "no direct effect")


class ChoiceRow(Horizontal):
    """A choice; a click picks it (keys 1-4 do the same)."""

    DEFAULT_CSS = """
    ChoiceRow { height: auto; margin-bottom: 1; border-left: blank; }
    ChoiceRow > .c-num { width: 4; padding-left: 1; }
    ChoiceRow > Vertical { height: auto; width: 1fr; padding-right: 1; }
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
        super().__init__()
        self.index = index

    def compose(self) -> ComposeResult:
        yield Static("", classes="c-num")
        with Vertical():
            yield Static("", classes="c-label")
            yield Static("", classes="c-preview")

    def show(self, parts: Parts, *, available: bool, selected: bool) -> None:
        """Show a choice of the current card."""
        number, label, preview = parts
        self.query_one(".c-num", Static).update(number, layout=False)
        self.query_one(".c-label", Static).update(label)
        self.query_one(".c-preview", Static).update(preview)
        self.set_class(not available, "-unavailable")
        self.set_class(selected, "-selected")
        self.display = True

    def on_click(self) -> None:
        self.post_message(self.Chosen(self.index))
