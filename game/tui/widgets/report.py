"""The situation report: what changed since last month, and why."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from game.describe import group_report
from game.history import Note, decided_notes
from game.session import Session
from game.tui.text import hanging
from game.tui.visibility import visible


def report_content(session: Session) -> Content | Table:
    """The report: one entry per cause, with the changes it made."""
    groups = group_report(session.rt, visible(session, session.report))
    rows: list[tuple[Text | str, ...]] = []
    if not session.records:
        sc = session.rt.pack.get("scenarios", session.scenario)
        rows.append(("", Text.assemble(("The campaign begins. ", "bold"), sc.description)))
    notes: list[tuple[Text | str, ...]] = [("◇", history_text(n)) for n in decided_notes(session)
                                          if n.happened or n.actual]
    if session.records and not groups:
        if not notes:
            return Content("Nothing moved last month.")
        rows.append(("", "Nothing moved last month."))
    for cause, changes in groups:
        rows.append(("•", Text.assemble((cause, "bold"), ": ", ", ".join(changes))))
    return hanging(rows + notes)


def history_text(note: Note) -> Text:
    """What actually happened for a card of the month just decided, and Moscow's course beside yours."""
    text = Text.assemble(("What actually happened", "bold"), f" ({note.title}): ")
    if note.happened:
        text.append(note.happened)
    if note.sources:
        text.append(f" Sources: {note.sources}.", "italic")
    if note.actual:
        yours = "as you did" if note.same else f"you chose: {note.chosen}"
        text.append("\n")
        text.append("Moscow's actual course: ", "bold")
        text.append(f"{note.actual} ({yours})")
    return text


class SituationReport(Static):
    """Shown above the month's first card; refreshed when a month resolves."""

    DEFAULT_CSS = """
    SituationReport { height: auto; border: round $panel-lighten-2; border-title-color: $accent;
                      padding: 0 1; }
    """
    month: reactive[int] = reactive(0, init=False, repaint=False)

    def __init__(self, session: Session) -> None:
        super().__init__(report_content(session), id="report")
        self.session = session
        self.border_title = "Situation report"

    def on_mount(self) -> None:
        self.border_subtitle = self.session.date

    def watch_month(self) -> None:
        """A month has resolved: report what it changed."""
        self.update(report_content(self.session))
        self.border_subtitle = self.session.date
