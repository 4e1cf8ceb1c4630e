"""Why did this move? Pick a meter or partner; see every change with its turn, amount and cause."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, ClassVar

from rich.table import Table
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, OptionList, Static
from textual.widgets.option_list import Option

from game.describe import describe_cause, name_of
from game.engine.state import month_index, month_label
from game.goals import good_direction, thresholds
from game.session import Session
from game.tui.screens.dashboard import WIDE
from game.tui.text import hanging, short_month, tier_title, trend
from game.tui.widgets.footer import GameFooter
from game.tui.widgets.state_panel import partners, visible_meters


def turn_month(session: Session, turn: int) -> str:
    """The month a turn was played in, as 'Jan 2018'."""
    start = month_index(session.rt.pack.get("scenarios", session.scenario).start)
    return short_month(month_label(start + turn - 1))


def formatter(session: Session, qid: str) -> Callable[[int], str]:
    """Relations are shown signed (+20), meters as they are (55)."""
    signed = qid not in {m.id for m in session.rt.pack.meters}
    return (lambda v: f"{v:+d}") if signed else str


def history_head(session: Session, qid: str) -> Content:
    """The quantity, its value now, what it measures, how many changes."""
    rt, fmt = session.rt, formatter(session, qid)
    items: list[Any] = [*rt.pack.meters, *rt.pack.actors]
    item = next((x for x in items if x.id == qid), None)
    about = f"\n{item.description}" if item is not None else ""
    count = len(session.why(qid))
    return Content.assemble((name_of(rt, qid), "bold $accent"), f"  now {fmt(session.value(qid))}",
                            (about, "dim"), "\n\n", (f"{count} change(s), newest first", "bold"))


def history_table(session: Session, qid: str) -> Table:
    """Every change, newest first: when, by how much, to what, and why; then where it started."""
    fmt = formatter(session, qid)
    rows: list[tuple[Text | str, ...]] = []
    for change in reversed(session.why(qid)):
        rows.append((Text(f"T{change.turn} {turn_month(session, change.turn)}", "dim"),
                     Text(f"{trend(change.delta)} → {fmt(change.value)}", "bold"),
                     describe_cause(session.rt, change.cause)))
    series = session.series(qid)
    rows.append((Text("start", "dim"), Text(fmt(series[0]) if series else "?", "bold"), ""))
    return hanging(rows, nowrap=2)


def thresholds_content(session: Session, qid: str) -> Content:
    """The thresholds the pack's conditions test on this quantity, and what each gates."""
    marks = thresholds(session, qid)
    if not marks:
        return Content.styled("No condition of the pack tests it.", "dim")
    lines = [Content.styled(f"Thresholds the rules test ({good_direction(session, qid)})", "bold")]
    lines += [Content(f"  {line}") for line in marks]
    return Content("\n").join(lines)


class WhyScreen(Screen[None]):
    """The causal history of any meter or relation."""

    HORIZONTAL_BREAKPOINTS = WIDE
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "app.pop_screen", "Back", id="why_back")]

    def __init__(self, session: Session, target: str | None = None) -> None:
        super().__init__()
        self.session = session
        self.target = target

    def options(self) -> list[Option]:
        """Meters first, then partners by tier."""
        s = self.session
        out = [Option(Content(m.name), id=m.id) for m in visible_meters(s)]
        for a in partners(s):
            out.append(Option(Content.assemble(a.name, (f"  {tier_title(a.tier)}", "dim")), id=a.id))
        return out

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="why"):
            yield OptionList(*self.options(), id="why-list", markup=False)
            with VerticalScroll(id="why-detail"):
                yield Static("", id="why-head")
                yield Static("", id="why-thresholds")
                yield Static("", id="why-history")
        yield GameFooter()

    def on_mount(self) -> None:
        self.sub_title = "Why did this move?"
        menu = self.query_one(OptionList)
        ids = [str(menu.get_option_at_index(i).id) for i in range(menu.option_count)]
        menu.highlighted = ids.index(self.target) if self.target in ids else 0
        menu.focus()

    @on(OptionList.OptionHighlighted)
    def show(self, event: OptionList.OptionHighlighted) -> None:
        qid = str(event.option.id)
        self.query_one("#why-head", Static).update(history_head(self.session, qid))
        self.query_one("#why-thresholds", Static).update(thresholds_content(self.session, qid))
        self.query_one("#why-history", Static).update(history_table(self.session, qid))
        self.query_one("#why-detail", VerticalScroll).scroll_home(animate=False)
