"""One meter or relation on the dashboard: name, value, trend arrow, sparkline, nearby threshold.

A row is a single widget that draws Textual's sparkline renderable beside its text: a
dashboard holds thirty rows, and one widget per row instead of three keeps every repaint,
and the memory of a long campaign, small.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.console import Group
from rich.padding import Padding
from rich.table import Table
from rich.text import Text
from textual.binding import Binding, BindingType
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

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
    scale: tuple[int, int] = (0, 100)  # the panel's lowest and highest value: one scale per panel


BARS = "▁▂▃▄▅▆▇█"


def spark_text(series: list[int], width: int, scale: tuple[int, int]) -> str:
    """One character a month, the latest on the right, all rows of a panel on the same scale."""
    lo, hi = scale
    span = max(1, hi - lo)
    points = series[-width:]
    bars = "".join(BARS[min(7, max(0, (v - lo) * 8 // (span + 1)))] for v in points)
    return bars.rjust(width)


class QuantityRow(Widget, can_focus=True):
    """A meter or a relation; enter (or a click) asks why it moved."""

    DEFAULT_CSS = """
    QuantityRow { height: auto; }
    QuantityRow:focus { background: $boost; text-style: underline; }
    QuantityRow.-hidden { text-style: italic; }
    QuantityRow > .quantity--better { color: $text-success; }
    QuantityRow > .quantity--worse { color: $text-error; }
    QuantityRow > .quantity--note { color: $text-warning; }
    QuantityRow > .quantity--high { color: $success; }
    QuantityRow > .quantity--low { color: $error; }
    QuantityRow.-good-low > .quantity--high { color: $error; }
    QuantityRow.-good-low > .quantity--low { color: $success; }
    QuantityRow.-good-neutral > .quantity--high { color: $accent; }
    QuantityRow.-good-neutral > .quantity--low { color: $accent; }
    """
    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "quantity--better", "quantity--worse", "quantity--note", "quantity--high", "quantity--low"}
    BINDINGS: ClassVar[list[BindingType]] = [Binding("enter", "why", "Why did this move?", id="row_why")]
    reading: reactive[Reading | None] = reactive(None, layout=True)

    class Picked(Message):
        """The player asked why this quantity moved."""

        def __init__(self, qid: str) -> None:
            super().__init__()
            self.qid = qid

    def __init__(self, qid: str, name: str, reading: Reading, *, hidden: bool = False) -> None:
        super().__init__(id=f"q-{qid}", classes=f"-good-{reading.good}" + (" -hidden" if hidden else ""))
        self.qid = qid
        self.label = f"{name} (hidden)" if hidden else name
        self.set_reactive(QuantityRow.reading, reading)

    def show(self, reading: Reading) -> None:
        """Show a new reading."""
        self.reading = reading
        value = f"{reading.value:+d}" if reading.signed else str(reading.value)
        verdict = judgement(reading.delta, reading.good) or "steady"
        self.tooltip = f"{self.label}: {value} (last change {reading.delta:+d}, {verdict})"

    def colour(self, component: str) -> str:
        """A component class's colour as a Rich style string."""
        return str(self.get_component_rich_style(component, partial=True))

    def render(self) -> Table | Group:
        """The name (wrapped under itself when the column is narrow, never cut), the value, trend,
        mark and sparkline; a threshold's ⚠ line below, wrapped in full."""
        r = self.reading
        assert r is not None
        width = max(4, min(16, self.size.width - 33))
        value = f"{r.value:+d}" if r.signed else str(r.value)
        verdict = judgement(r.delta, r.good)
        tail = Text.assemble(f"{value:>4} {trend(r.delta):<5}",
                             (mark(verdict), self.colour(f"quantity--{verdict}") if verdict else ""))
        graph = Text(spark_text(r.series, width, r.scale), self.colour("quantity--note"))
        table = Table.grid(padding=(0, 1), expand=True)
        table.add_column(ratio=1)
        table.add_column(no_wrap=True)
        table.add_column(width=width, no_wrap=True)
        table.add_row(Text(self.label), tail, graph)
        if not r.note:
            return table
        return Group(table, Padding(Text(r.note, self.colour("quantity--note")), (0, 0, 0, 2)))

    def action_why(self) -> None:
        self.post_message(self.Picked(self.qid))

    def on_click(self) -> None:
        self.post_message(self.Picked(self.qid))
