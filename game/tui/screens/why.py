"""Why did this move? Pick a meter or partner; see every change with its turn, amount and cause."""

from __future__ import annotations

from typing import Any, ClassVar

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
from game.session import Session
from game.tui.text import short_month, tier_title, trend
from game.tui.widgets.footer import GameFooter
from game.tui.widgets.state_panel import partners, visible_meters


def turn_month(session: Session, turn: int) -> str:
    """The month a turn was played in, as 'Jan 2018'."""
    start = month_index(session.rt.pack.get("scenarios", session.scenario).start)
    return short_month(month_label(start + turn - 1))


def history_content(session: Session, qid: str) -> Content:
    """A quantity's story: now, where it started, then every change, newest first."""
    rt = session.rt
    changes = session.why(qid)
    series = session.series(qid)
    signed = qid not in {m.id for m in rt.pack.meters}
    fmt = (lambda v: f"{v:+d}") if signed else str
    parts: list[str | tuple[str, str]] = [(name_of(rt, qid), "bold $accent"),
                                          f"  now {fmt(session.value(qid))}"]
    items: list[Any] = [*rt.pack.meters, *rt.pack.actors]
    item = next((x for x in items if x.id == qid), None)
    if item is not None:
        parts += ["\n", (item.description, "dim")]
    parts += ["\n\n", (f"{len(changes)} change(s), newest first", "bold")]
    for change in reversed(changes):
        parts += ["\n", (f"Turn {change.turn:>2} · {turn_month(session, change.turn)}  ", "dim"),
                  (f"{trend(change.delta):>6}", "bold"), f" → {fmt(change.value)}",
                  "\n    ", describe_cause(rt, change.cause)]
    parts += ["\n", (f"Started at {fmt(series[0]) if series else '?'}.", "dim")]
    return Content.assemble(*parts)


class WhyScreen(Screen[None]):
    """The causal history of any meter or relation."""

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
        self.query_one("#why-history", Static).update(history_content(self.session, qid))
        self.query_one("#why-detail", VerticalScroll).scroll_home(animate=False)
