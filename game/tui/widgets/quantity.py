"""One meter or relation on the dashboard: name, value, trend arrow, sparkline, nearby threshold."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Label, Sparkline, Static

from game.tui.text import judgement, mark, plain, trend


@dataclass(frozen=True)
class Reading:
    """What a row shows: the value, the last change, the history and a threshold worth seeing."""

    value: int
    delta: int
    series: list[int]
    good: str = "high"
    signed: bool = False
    note: str = ""


class QuantityRow(Vertical, can_focus=True):
    """A meter or a relation; enter (or a click) asks why it moved."""

    DEFAULT_CSS = """
    QuantityRow { height: auto; }
    QuantityRow > Horizontal { height: 1; }
    QuantityRow .q-name { width: 1fr; }
    QuantityRow .q-value { width: 9; text-align: right; }
    QuantityRow .q-mark { width: 1; }
    QuantityRow Sparkline { width: 10; margin-left: 1; }
    QuantityRow.-good-high Sparkline > .sparkline--max-color { color: $success; }
    QuantityRow.-good-high Sparkline > .sparkline--min-color { color: $error; }
    QuantityRow.-good-low Sparkline > .sparkline--max-color { color: $error; }
    QuantityRow.-good-low Sparkline > .sparkline--min-color { color: $success; }
    QuantityRow.-good-neutral Sparkline > .sparkline--max-color { color: $accent; }
    QuantityRow.-good-neutral Sparkline > .sparkline--min-color { color: $accent; }
    QuantityRow .q-note { color: $text-warning; padding-left: 2; }
    QuantityRow:focus { background: $boost; }
    QuantityRow:focus .q-name { text-style: bold underline; }
    QuantityRow.-better .q-mark { color: $text-success; }
    QuantityRow.-worse .q-mark { color: $text-error; }
    QuantityRow.-hidden .q-name { text-style: italic; color: $text-muted; }
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
        with Horizontal():
            yield Label(plain(self.label), classes="q-name")
            yield Label("", classes="q-value")
            yield Label("", classes="q-mark")
            yield Sparkline([], summary_function=max)
        yield Static("", classes="q-note", markup=False)

    def on_mount(self) -> None:
        self.show(self.reading)

    def show(self, reading: Reading) -> None:
        """Show a new reading."""
        self.reading = reading
        value = f"{reading.value:+d}" if reading.signed else str(reading.value)
        verdict = judgement(reading.delta, reading.good)
        self.query_one(".q-value", Label).update(f"{value} {trend(reading.delta)}")
        self.query_one(".q-mark", Label).update(mark(verdict))
        self.set_class(verdict == "better", "-better")
        self.set_class(verdict == "worse", "-worse")
        # one point would draw a full bar; a flat line draws the baseline
        self.query_one(Sparkline).data = reading.series if len(reading.series) > 1 else []
        note = self.query_one(".q-note", Static)
        note.update(reading.note)
        note.display = bool(reading.note)
        self.tooltip = f"{self.label}: {value} (last change {reading.delta:+d}, {verdict or 'steady'})"

    def action_why(self) -> None:
        self.post_message(self.Picked(self.qid))

    def on_click(self) -> None:
        self.post_message(self.Picked(self.qid))
