"""The brief behind the desk: the paragraphs a card (and its choices) cite, with their summaries."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Static

from game.describe import card_title
from game.session import Session
from game.tui.widgets.footer import GameFooter


def paragraph_widgets(rt: Any, ids: list[str]) -> list[Static]:
    """Each paragraph id with its section, then its summary, indented."""
    source = rt.pack.manifest.source.paragraphs
    out = []
    for pid in dict.fromkeys(ids):
        para = source.get(pid)
        section = f" · {para.section}" if para is not None and para.section else ""
        out.append(Static(Content.assemble((pid, "bold"), (section, "dim")), classes="brief-id"))
        summary = para.summary if para is not None else "(not in the pack's source)"
        out.append(Static(Content(summary), classes="brief-summary"))
    return out


def card_widgets(rt: Any, card: Any) -> list[Static]:
    """A card's citations, then those of its choices."""
    out = [Static(Content.assemble((card_title(card), "bold $accent")), classes="brief-card"),
           *paragraph_widgets(rt, list(card.cites))]
    for choice in card.choices:
        if choice.cites:
            out.append(Static(Content.assemble((f"Choice: {choice.label}", "italic")), classes="brief-id"))
            out += paragraph_widgets(rt, list(choice.cites))
    return out


class BriefScreen(Screen[None]):
    """The current card first, then the month's other cards (or the ending's paragraphs)."""

    AUTO_FOCUS = "#brief"
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.pop_screen", "Back", id="brief_back")]

    def __init__(self, session: Session, card_id: str | None) -> None:
        super().__init__()
        self.session = session
        self.card_id = card_id

    def widgets(self) -> list[Static]:
        s, rt = self.session, self.session.rt
        out = [Static(Content.assemble(("Source: ", "bold"), rt.pack.manifest.source.citation))]
        cards = s.cards()
        cards.sort(key=lambda c: c.id != self.card_id)
        for card in cards:
            out += card_widgets(rt, card)
        if s.finished:
            ending = rt.pack.get("endings", str(s.state.ending))
            head = Content.assemble((f"Ending: {ending.title}", "bold $accent"))
            out.append(Static(head, classes="brief-card"))
            out += paragraph_widgets(rt, list(ending.cites))
        if not cards and not s.finished:
            out.append(Static("No card is on the desk this month.", classes="brief-card"))
        return out

    def compose(self) -> ComposeResult:
        yield Header()
        with VerticalScroll(id="brief"):
            yield from self.widgets()
        yield GameFooter()

    def on_mount(self) -> None:
        self.sub_title = "The brief behind this month's cards"
