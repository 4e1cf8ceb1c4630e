"""The situation report: what changed since last month, and why."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from game.bench import jump_note, jumped, report_changes
from game.chronicle import report_sections
from game.describe import and_list, full_stop
from game.engine.state import month_label
from game.history import Note, decided_notes
from game.session import Session
from game.tui.text import hanging
from game.tui.visibility import visible


def report_content(session: Session) -> Content | Table:
    """The report: dated sections, one sentence per cause with the changes it made."""
    sections = report_sections(session, visible(session, report_changes(session)))
    rows: list[tuple[Text | str, ...]] = []
    jump = jump_note(session)
    if jump:
        rows.append(("", Text(jump, "bold")))
    if not session.records:
        sc = session.rt.pack.get("scenarios", session.scenario)
        rows.append(("", Text.assemble(("" if jump else "The campaign begins. ", "bold"), sc.description)))
    notes: list[tuple[Text | str, ...]] = [("◇", history_text(n)) for n in decided_notes(session)
                                          if n.happened or n.actual]
    if session.records and not sections and not jump:
        if not notes:
            return Content("Nothing moved last month.")
        rows.append(("", "Nothing moved last month."))
    for section in sections:
        rows.append(("", Text(section.heading, "bold")))
        rows.extend(("•", Text(line)) for line in section.lines)
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


def report_summary(session: Session) -> Content:
    """The report folded to one line: how much it holds, and the key that opens it."""
    span = jumped(session)
    if span:
        return Content.assemble((f"Test bench: jumped to {month_label(span[1])}.", "bold"),
                                " r: read the report")
    if not session.records:
        return Content.assemble(("The campaign begins.", "bold"), " r: read the briefing")
    sections = report_sections(session, visible(session, session.report))
    count = sum(len(x.lines) for x in sections)
    notes = [n.title for n in decided_notes(session) if n.happened or n.actual]
    if not count and not notes:
        return Content("Nothing moved last month.")
    told = f" What actually happened: {full_stop('; '.join(notes))}" if notes else ""
    return Content.assemble((moved_sentence(count, [x.heading for x in sections]), "bold"), told, " ",
                            ("r: read the report", "dim"))


def moved_sentence(count: int, headings: list[str]) -> str:
    """The folded report's count as one sentence, dated by its sections' headings: '10 causes moved
    things in February 2018 (turn 1) and at the start of March 2018.'"""
    if not count:
        return "Nothing moved last month."
    when = and_list([h[:1].lower() + h[1:] for h in headings])
    return f"{count} cause{'' if count == 1 else 's'} moved things{' ' + when if when else ''}."


class SituationReport(Static):
    """Shown above the month's first card; refreshed when a month resolves."""

    DEFAULT_CSS = """
    SituationReport { height: auto; border: round $panel-lighten-2; border-title-color: $accent;
                      padding: 0 1; }
    """
    month: reactive[int] = reactive(0, init=False, repaint=False)
    folded: reactive[bool] = reactive(False, init=False, repaint=False)

    def __init__(self, session: Session, *, folded: bool = False) -> None:
        super().__init__(report_summary(session) if folded else report_content(session), id="report")
        self.session = session
        self.set_reactive(SituationReport.folded, folded)
        self.border_title = "Situation report"

    def on_mount(self) -> None:
        self.border_subtitle = self.session.date

    def watch_month(self) -> None:
        """A month has resolved: report what it changed."""
        self.watch_folded()
        self.border_subtitle = self.session.date

    def watch_folded(self) -> None:
        """Fold the report to one line, or open it (`r`)."""
        self.update(report_summary(self.session) if self.folded else report_content(self.session))
