"""One meter or relation on the dashboard: name, value, trend arrow, sparkline, nearby threshold."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget
from textual.widgets import Sparkline

from game.tui.text import judgement, mark, trend


@dataclass(frozen=True)
class Reading:
    """What a row shows: the value, the last change, the history and a threshold worth seeing."""

    value: int
    delta: int
    series: list[int]
    good: str = "high"
    signed: bool = False
    note: str = ""


def fit(name: str, width: int) -> str:
    """A name cut to a width, with an ellipsis when it does not fit."""
    return name if len(name) <= width else name[: max(0, width - 1)] + "…"


class QuantityText(Widget):
    """The row's words, laid out for the width it has: 'Ceasefire stab…   61 ▲+6 ✓'."""

    DEFAULT_CSS = "QuantityText { width: 1fr; height: auto; }"
    reading: reactive[Reading | None] = reactive(None, layout=True)

    def __init__(self, label: str) -> None:
        super().__init__()
        self.label = label

    def render(self) -> Content:
        r = self.reading
        if r is None:
            return Content(self.label)
        value = f"{r.value:+d}" if r.signed else str(r.value)
        tail = f"{value:>4} {trend(r.delta):<5}"
        verdict = judgement(r.delta, r.good)
        name = fit(self.label, self.size.width - len(tail) - 1)
        colour = {"better": "$text-success", "worse": "$text-error"}.get(verdict, "")
        line = Content.assemble(name, " " * max(0, self.size.width - len(name) - len(tail) - 1), tail,
                                (mark(verdict), colour))
        return line + Content.assemble("\n  ", (r.note, "$text-warning")) if r.note else line

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return 2 if self.reading is not None and self.reading.note else 1


class QuantityRow(Horizontal, can_focus=True):
    """A meter or a relation; enter (or a click) asks why it moved."""

    DEFAULT_CSS = """
    QuantityRow { height: auto; }
    QuantityRow Sparkline { width: 10; margin-left: 1; height: 1; }
    QuantityRow:focus { background: $boost; text-style: underline; }
    QuantityRow.-hidden QuantityText { text-style: italic; }
    QuantityRow.-good-high Sparkline > .sparkline--max-color { color: $success; }
    QuantityRow.-good-high Sparkline > .sparkline--min-color { color: $error; }
    QuantityRow.-good-low Sparkline > .sparkline--max-color { color: $error; }
    QuantityRow.-good-low Sparkline > .sparkline--min-color { color: $success; }
    QuantityRow.-good-neutral Sparkline > .sparkline--max-color { color: $accent; }
    QuantityRow.-good-neutral Sparkline > .sparkline--min-color { color: $accent; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "why", "Why did this move?", id="row_why")]

    class Picked(Message):
        """The player asked why this quantity moved."""

        def __init__(self, qid: str) -> None:
            super().__init__()
            self.qid = qid

    def __init__(self, qid: str, name: str, reading: Reading, *, hidden: bool = False) -> None:
        super().__init__(id=f"q-{qid}", classes=f"-good-{reading.good}" + (" -hidden" if hidden else ""))
        self.qid = qid
        self.label = f"{name} (hidden)" if hidden else name
        self.reading = reading

    def compose(self) -> ComposeResult:
        yield QuantityText(self.label)
        yield Sparkline([], summary_function=max)

    def on_mount(self) -> None:
        self.show(self.reading)

    def show(self, reading: Reading) -> None:
        """Show a new reading."""
        self.reading = reading
        self.query_one(QuantityText).reading = reading
        # one point would draw a full bar; a flat line draws the baseline
        self.query_one(Sparkline).data = reading.series if len(reading.series) > 1 else []
        value = f"{reading.value:+d}" if reading.signed else str(reading.value)
        verdict = judgement(reading.delta, reading.good) or "steady"
        self.tooltip = f"{self.label}: {value} (last change {reading.delta:+d}, {verdict})"

    def action_why(self) -> None:
        self.post_message(self.Picked(self.qid))

    def on_click(self) -> None:
        self.post_message(self.Picked(self.qid))
