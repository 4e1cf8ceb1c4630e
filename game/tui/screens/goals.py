"""Goals: every ending in the order the rules check them, with what each needs now, and what is coming up."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Static

from game.goals import POLICY_RULE, coming_up, goals_lines
from game.session import Session
from game.tui.widgets.footer import GameFooter


def goals_content(session: Session) -> Content:
    """The goals as content: the explanation's lines, ✓ in green and ✗ in red, never markup."""
    parts: list[Content] = []
    lines = goals_lines(session)
    coming = coming_up(session)
    lines += ["", "Coming up:" if coming else "Coming up: no follow-up card is scheduled."]
    lines += [f"  {line}" for line in coming]
    lines += ["", POLICY_RULE]
    for n, line in enumerate(lines):
        style = ""
        stripped = line.lstrip()
        if n == 0 or (stripped[:1].isdigit() and ". " in stripped[:4]):
            style = "bold"
        elif stripped.startswith("✓"):
            style = "$success"
        elif stripped.startswith("✗"):
            style = "$error"
        elif stripped.startswith("?"):
            style = "dim"
        parts.append(Content.styled(line, style) if style else Content(line))
    return Content("\n").join(parts)


class GoalsScreen(Screen[None]):
    """What each ending needs and how far the campaign is from it; scrolls at 80x24."""

    AUTO_FOCUS = "#goals-scroll"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,g", "app.pop_screen", "Back", id="goals_back"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="goals-scroll", can_focus=True):
            yield Static(goals_content(self.session), id="goals-text")
        yield GameFooter()

    def on_mount(self) -> None:
        self.sub_title = "Goals: what each ending needs"
