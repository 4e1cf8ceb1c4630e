"""The end of a campaign: the ending, its epilogue, the scores, the hidden quantities, play again."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, Static

from game.goals import ending_reasons
from game.score_parts import score_parts
from game.session import Session
from game.tui.widgets.footer import GameFooter
from game.visibility import hidden_heading, meter_description

BAR = 20


def bar(score: int) -> str:
    """A score as a bar of twenty cells and a number: '██████░░░░… 31/100'."""
    filled = round(score * BAR / 100)
    return "█" * filled + "░" * (BAR - filled) + f" {score:3}/100"


def scores_content(session: Session) -> Content:
    """Every score dimension with its bar, what its formula gave and what the ending added."""
    score = score_parts(session.rt, session.state)
    width = max((len(p.name) for p in score), default=10)
    parts: list[str | tuple[str, str]] = [("Scores", "bold $accent")]
    for part in score:
        split = part.split()
        parts += ["\n", (f"{part.name:<{width}}  ", "bold"), bar(part.total)]
        if split:
            parts += ["\n", f"{'':<{width}}  = {split}"]
        parts += ["\n", (f"{'':<{width}}  {part.description}", "dim")]
    return Content.assemble(*parts)


def hidden_content(session: Session) -> Content:
    """The hidden meters, revealed."""
    hidden = [m for m in session.rt.pack.meters if m.hidden]
    parts: list[str | tuple[str, str]] = [(hidden_heading(session), "bold $accent")]
    for meter in hidden:
        parts += ["\n", (meter.name, "bold"), f": {session.value(meter.id)}",
                  (f" ({meter_description(session, meter)})", "dim")]
    if not hidden:
        parts.append("\nThis pack hides nothing.")
    return Content.assemble(*parts)


class EndingScreen(Screen[None]):
    """What the campaign came to; `n` starts again."""

    AUTO_FOCUS = "#ending"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "app.new", "New campaign", id="end_new"),
        Binding("d", "app.debrief", "Write debrief", id="end_debrief"),
        Binding("t", "app.timeline", "Timeline", id="end_timeline"),
        Binding("w", "app.why", "Why?", id="end_why"),
        Binding("c", "app.charts", "Charts", id="end_charts"),
        Binding("escape", "app.title", "Title", id="end_title"),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        s = self.session
        ending = s.rt.pack.get("endings", str(s.state.ending))
        yield Header()
        with VerticalScroll(id="ending"):
            head = Content.assemble(("The campaign ends: ", "bold"), (ending.title, "bold $accent"),
                                    f"  ({s.date}, after {len(s.decisions)} months)")
            yield Static(head, id="ending-title")
            yield Static(Content(ending.summary), classes="ending-summary")
            yield Static(Content("\n".join(ending_reasons(s))), classes="panel", id="ending-why")
            for paragraph in ending.epilogue.split("\n\n"):
                yield Static(Content(" ".join(paragraph.split())), classes="epilogue")
            yield Static(Content.assemble(("Plays out the brief's ", "dim"), ", ".join(ending.cites)),
                         classes="epilogue")
            yield Static(scores_content(s), classes="panel")
            yield Static(hidden_content(s), classes="panel")
            if s.options.get("teaching") and ending.discussion:
                parts: list[str | tuple[str, str]] = [("For discussion", "bold $accent")]
                for q in ending.discussion:
                    parts += ["\n• ", q.question, (f" ({', '.join(q.cites)})", "dim")]
                yield Static(Content.assemble(*parts), classes="panel")
            yield Static("n: start again · d: write the debrief (Markdown, into the saves folder) · "
                         "t: timeline · w: why · c: charts · "
                         "esc: title screen", classes="hint")
        yield GameFooter()

    def on_mount(self) -> None:
        self.sub_title = f"{self.session.date} · campaign over"
