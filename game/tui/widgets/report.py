"""The situation report: what changed since last month, and why."""

from __future__ import annotations

from textual.content import Content
from textual.reactive import reactive
from textual.widgets import Static

from game.describe import group_report
from game.session import Session
from game.tui.visibility import visible


def report_content(session: Session) -> Content:
    """The report's text: one entry per cause, with the changes it made."""
    groups = group_report(session.rt, visible(session, session.report))
    if not session.records:
        sc = session.rt.pack.get("scenarios", session.scenario)
        intro = Content.assemble(("The campaign begins. ", "bold"), sc.description)
        if not groups:
            return intro
        return intro + Content("\n") + _groups(groups)
    if not groups:
        return Content("Nothing moved last month.")
    return _groups(groups)


def _groups(groups: list[tuple[str, list[str]]]) -> Content:
    parts: list[str | tuple[str, str]] = []
    for cause, changes in groups:
        parts += ["• ", (cause, "bold"), ": ", ", ".join(changes), "\n"]
    return Content.assemble(*parts).rstrip()


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
