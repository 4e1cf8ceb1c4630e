"""Charts of meters and relations over time (textual-plotext); each line has its own marker."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Header, OptionList
from textual.widgets.option_list import Option
from textual_plotext import PlotextPlot

from game.reports.facts import series_labels
from game.session import Session
from game.tui.widgets.footer import GameFooter
from game.tui.widgets.state_panel import partners, visible_meters

MARKERS = "●+x*o#@%&$"  # meaning never by colour alone: every series has its own marker


def month_ticks(labels: list[str], room: int) -> tuple[list[int], list[str]]:
    """At most `room` evenly spaced month labels ('Dec 2017') at positions 1.. of the series."""
    step = max(1, -(-len(labels) // room))
    picked = list(range(0, len(labels), step))
    return [i + 1 for i in picked], [labels[i] for i in picked]


class ChartsScreen(Screen[None]):
    """Enter toggles a line (■ shown, □ not); the chart shows the value at the start of each month."""

    AUTO_FOCUS = "#chart-pick"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "app.pop_screen", "Back", id="charts_back"),
        Binding("space", "toggle_line", "Toggle line", id="charts_toggle", show=False),
    ]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session
        self.names = {m.id: m.name for m in visible_meters(session)}
        self.names |= {a.id: a.name for a in partners(session)}
        self.chosen = list(self.names)[:4]

    def options(self) -> list[Option]:
        """Each quantity, marked ■ with its line's marker when shown, □ when not."""
        out = []
        for qid, name in self.names.items():
            if qid in self.chosen:
                marker = MARKERS[self.chosen.index(qid) % len(MARKERS)]
                out.append(Option(Content.assemble(("■ ", "bold"), (f"{marker} ", "bold"), name), id=qid))
            else:
                out.append(Option(Content.assemble("□   ", name), id=qid))
        return out

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="charts"):
            yield OptionList(*self.options(), id="chart-pick", markup=False)
            yield PlotextPlot(id="chart")
        yield GameFooter()

    def on_mount(self) -> None:
        self.sub_title = "Charts: enter toggles a line"
        self.query_one("#chart-pick", OptionList).border_title = "Lines (enter)"
        self.replot()

    @on(OptionList.OptionSelected, "#chart-pick")
    def toggled(self, event: OptionList.OptionSelected) -> None:
        self.toggle(str(event.option.id))

    def action_toggle_line(self) -> None:
        menu = self.query_one("#chart-pick", OptionList)
        if menu.highlighted is not None:
            self.toggle(str(menu.get_option_at_index(menu.highlighted).id))

    def toggle(self, qid: str) -> None:
        """Show or hide a quantity's line."""
        if qid in self.chosen:
            self.chosen.remove(qid)
        else:
            self.chosen.append(qid)
        menu = self.query_one("#chart-pick", OptionList)
        highlighted = menu.highlighted
        menu.set_options(self.options())
        menu.highlighted = highlighted
        self.replot()

    def replot(self) -> None:
        """Draw the chosen quantities, each with its own marker."""
        plot = self.query_one(PlotextPlot)
        plt = plot.plt
        plt.clear_data()
        plt.clear_figure()
        points = 0
        for i, qid in enumerate(self.chosen):
            series = self.session.series(qid)
            points = len(series)
            # no in-plot legend (it hides the plot's top-left): the list on the left shows each marker
            plt.plot(list(range(1, points + 1)), series, marker=MARKERS[i % len(MARKERS)])
        if points:
            ticks, labels = month_ticks(series_labels(self.session), max(1, plot.size.width // 9))
            plt.xticks([float(t) for t in ticks], labels)
        plt.title("As the dashboard showed it each month (markers: see the list)" if self.chosen
                  else "Pick a line on the left (enter)")
        plt.xlabel("month")
        plot.refresh()
