"""Goals: every ending in the order the rules check them, with what each needs now, and what is coming up."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Static

from game.goals import POLICY_RULE, coming_up, goals_lines
from game.session import Session
from game.tui.widgets.footer import GameFooter


def goals_content(session: Session) -> list[tuple[int, Content]]:
    """The goals as (indent, line) pairs: the explanation's lines, ✓ in green and ✗ in red, never markup.

    The indent is kept apart from the text so that a line too long for the screen
    wraps under its own clause (a hanging indent), not back at the left edge.
    """
    parts: list[tuple[int, Content]] = []
    lines = goals_lines(session)
    coming = coming_up(session)
    lines += ["", "Coming up:" if coming else "Coming up: no follow-up card is scheduled."]
    lines += [f"  {line}" for line in coming]
    lines += ["", POLICY_RULE]
    head = False
    for n, line in enumerate(lines):
        style = ""
        stripped = line.lstrip()
        summary, head = head, n == 0 or (stripped[:1].isdigit() and ". " in stripped[:4])
        if head:
            style = "bold"
        elif summary and n > 1:  # the line under an ending's title: its verdict and summary
            style = "italic"
        elif stripped.startswith("✓"):
            style = "$success"
        elif stripped.startswith("✗"):
            style = "$error"
        elif stripped.startswith("?"):
            style = "dim"
        indent = len(line) - len(stripped)
        parts.append((indent, Content.styled(stripped, style) if style else Content(stripped)))
    return parts


def goal_lines(session: Session) -> list[Static]:
    """One widget a line, indented by padding, so wrapped text stays under its clause."""
    out = []
    for indent, content in goals_content(session):
        line = Static(content, classes="goal-line")
        line.styles.padding = (0, 0, 0, indent)
        out.append(line)
    return out


class GoalsScreen(Screen[None]):
    """What each ending needs and how far the campaign is from it; scrolls at 80x24."""

    AUTO_FOCUS = "#goals-scroll"
    DEFAULT_CSS = "#goals-text { height: auto; } .goal-line { height: auto; }"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,g", "app.pop_screen", "Back", id="goals_back"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="goals-scroll", can_focus=True), Vertical(id="goals-text"):
            yield from goal_lines(self.session)
        yield GameFooter()

    def on_mount(self) -> None:
        self.sub_title = "Goals: what each ending needs"
