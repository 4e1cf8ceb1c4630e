"""The brief behind the desk: the paragraphs a card (and its choices) cite, with their summaries."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Static

from game.session import Session
from game.tui.widgets.footer import GameFooter

Parts = list[str | tuple[str, str]]


def paragraphs(rt: Any, ids: list[str]) -> Parts:
    """Each paragraph id with its section and summary."""
    source = rt.pack.manifest.source.paragraphs
    parts: Parts = []
    for pid in dict.fromkeys(ids):
        para = source.get(pid)
        if para is None:
            parts += ["\n  ", (pid, "bold"), " (not in the pack's source)"]
            continue
        section = f" · {para.section}" if para.section else ""
        parts += ["\n  ", (pid, "bold"), (section, "dim"), "\n    ", para.summary]
    return parts


def card_parts(rt: Any, card: Any) -> Parts:
    """A card's citations, then those of its choices."""
    parts: Parts = ["\n\n", (card.title, "bold $accent"), *paragraphs(rt, list(card.cites))]
    for choice in card.choices:
        if choice.cites:
            parts += ["\n  ", (f"Choice: {choice.label}", "italic")]
            parts += paragraphs(rt, list(choice.cites))
    return parts


class BriefScreen(Screen[None]):
    """The current card first, then the month's other cards (or the ending's paragraphs)."""

    AUTO_FOCUS = "#brief"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.pop_screen", "Back", id="brief_back")]

    def __init__(self, session: Session, card_id: str | None) -> None:
        super().__init__()
        self.session = session
        self.card_id = card_id

    def content(self) -> Content:
        s, rt = self.session, self.session.rt
        parts: Parts = [("Source: ", "bold"), rt.pack.manifest.source.citation]
        cards = s.cards()
        cards.sort(key=lambda c: c.id != self.card_id)
        for card in cards:
            parts += card_parts(rt, card)
        if s.finished:
            ending = rt.pack.get("endings", str(s.state.ending))
            parts += ["\n\n", (f"Ending: {ending.title}", "bold $accent")]
            parts += paragraphs(rt, list(ending.cites))
        if not cards and not s.finished:
            parts.append("\n\nNo card is on the desk this month.")
        return Content.assemble(*parts)

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="brief"):
            yield Static(self.content(), id="brief-text")
        yield GameFooter()

    def on_mount(self) -> None:
        self.sub_title = "The brief behind this month's cards"
