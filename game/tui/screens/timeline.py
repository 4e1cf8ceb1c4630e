"""The timeline: every month's events and decisions, with a search box."""

from __future__ import annotations

from itertools import groupby
from typing import ClassVar

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Input, Static

from game.session import Session
from game.tui.text import hanging
from game.tui.timeline import Entry, entries, search
from game.tui.widgets.footer import GameFooter

MARKS = {"card": "◆", "policy": "◇", "change": "·", "desk": "▶"}


def timeline_content(shown: list[Entry]) -> Table | Content:
    """Entries grouped under their month, each with its mark."""
    rows: list[tuple[Text | str, ...]] = []
    for (turn, month), group in groupby(shown, key=lambda e: (e.turn, e.month)):
        rows.append(("", Text(f"Turn {turn} · {month}", "bold underline")))
        for e in group:
            rows.append((MARKS[e.kind], Text(e.text, "bold" if e.kind in ("card", "desk") else "")))
    return hanging(rows) if rows else Content("Nothing matches.")


class TimelineScreen(Screen[None]):
    """Type to filter; every word must match."""

    AUTO_FOCUS = "#search"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="timeline_back"),
        Binding("slash", "focus_search", "Search", key_display="/", id="timeline_search", show=False),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.all = entries(session)

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder="search: a partner, a card, a month, a word…", id="search")
        yield Static("", id="timeline-count", markup=False)
        with VerticalScroll(id="timeline"):
            yield Static("", id="timeline-text")
        yield GameFooter()

    def on_mount(self) -> None:
        self.sub_title = "Timeline"
        self.show("")

    @on(Input.Changed, "#search")
    def typed(self, event: Input.Changed) -> None:
        self.show(event.value)

    @on(Input.Submitted, "#search")
    def submitted(self) -> None:
        self.query_one("#timeline", VerticalScroll).focus()

    def show(self, query: str) -> None:
        """Show the entries that match."""
        shown = search(self.all, query)
        count = f"{len(shown)} of {len(self.all)} entries" if query.strip() else f"{len(self.all)} entries"
        self.query_one("#timeline-count", Static).update(
            f"{count} · ◆ decision ◇ policy · change ▶ now · /: search")
        self.query_one("#timeline-text", Static).update(timeline_content(shown))

    def action_focus_search(self) -> None:
        self.query_one("#search", Input).focus()
