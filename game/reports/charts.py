"""Charts for the HTML reports: pygal rendered to inline SVG, no script and no network."""

from __future__ import annotations

import itertools
import re
from collections.abc import Mapping, Sequence
from typing import Any

import pygal
from pygal.style import Style

_STYLE = Style(
    background="white", plot_background="white", foreground="#222", foreground_strong="#000",
    foreground_subtle="#777", font_family="Helvetica, Arial, sans-serif", opacity=".85",
    colors=("#1b6ca8", "#d1495b", "#2e933c", "#edae49", "#5e4b8b", "#00798c", "#8c564b",
            "#7f7f7f", "#bcbd22", "#e377c2"),
)
_SCRIPT = re.compile(r"<script\b.*?</script>", re.S)
_COMMENT = re.compile(r"<!--.*?-->", re.S)
_counter = itertools.count(1)


SCORES = (0, 100)  # a score's scale
RELATIONS = (-100, 100)  # a relation's scale
_STEPS = (1, 2, 5, 10, 20, 25, 50, 100, 200, 500, 1000)


def axis(low: float, high: float, ticks: int = 10) -> dict[str, Any]:
    """A value axis from ``low`` to ``high`` widened to whole-number ticks, at most ``ticks`` + 1 of
    them: every value in between is inside the axis and every tick is a whole number."""
    step = next((s for s in _STEPS if (high - low) / s <= ticks), _STEPS[-1])
    start, stop = int(low // step * step), int(-(-high // step) * step)
    stop = max(stop, start + step)
    return {"range": (start, stop), "y_labels": list(range(start, stop + 1, step))}


def _config(title: str, height: int, **extra: Any) -> dict[str, Any]:
    config = {"title": title, "style": _STYLE, "js": [], "width": 760, "height": height,
              "disable_xml_declaration": True, "explicit_size": False, "legend_at_bottom": True,
              "legend_at_bottom_columns": 3, "truncate_legend": 30}
    return config | extra


def _svg(chart: Any) -> str:
    """The chart's SVG with its script and comments removed and a stable id."""
    svg = str(chart.render(is_unicode=True))
    svg = _COMMENT.sub("", _SCRIPT.sub("", svg))
    uid = re.search(r'id="chart-([0-9a-f-]+)"', svg)
    if uid:
        svg = svg.replace(uid.group(1), f"c{next(_counter)}")
    return svg.replace("<svg ", '<svg role="img" ', 1)


def reset_ids() -> None:
    """Restart chart ids (so that one report's output does not depend on the ones before)."""
    global _counter
    _counter = itertools.count(1)


def line_chart(title: str, labels: Sequence[str], series: Mapping[str, Sequence[float | None]],
               scale: tuple[float, float], height: int = 340) -> str:
    """Lines over time, one per series, on a value axis covering ``scale``."""
    chart = pygal.Line(**_config(title, height, show_dots=len(labels) < 2, x_label_rotation=30,
                                 show_minor_x_labels=False, x_labels_major_count=8, **axis(*scale)))
    chart.x_labels = list(labels)
    for name, values in series.items():
        chart.add(name, list(values))
    return _svg(chart)


def bar_chart(title: str, values: Mapping[str, float], scale: tuple[float, float] | None = None,
              height: int = 300) -> str:
    """Horizontal bars, one per label, top to bottom in the order given (as the tables list them),
    on an axis covering ``scale`` (None: counts, from 0 to the largest, whole numbers only)."""
    low, high = scale or (0, max([1, *values.values()]))
    chart = pygal.HorizontalBar(**_config(title, height, print_values=True, show_legend=False,
                                          **axis(low, high)))
    chart.x_labels = list(values)[::-1]  # pygal draws the first label at the bottom
    chart.add(title, list(values.values())[::-1])
    return _svg(chart)


def box_chart(title: str, series: Mapping[str, Sequence[float]], scale: tuple[float, float],
              height: int = 360) -> str:
    """The spread of each series, box and whiskers (min, quartiles, max), on an axis covering ``scale``."""
    chart = pygal.Box(**_config(title, height, box_mode="extremes", show_legend=False, x_label_rotation=30,
                                truncate_label=-1,
                                **axis(*scale)))
    chart.x_labels = list(series)
    for name, values in series.items():
        chart.add(name, list(values))
    return _svg(chart)


def band_chart(title: str, labels: Sequence[str], bands: Sequence[Mapping[str, float] | None],
               height: int = 230) -> str:
    """One partner's spread over time, a small multiple: highest, middle half and lowest of the class."""
    chart = pygal.Line(**_config(title, height, width=380, show_dots=len(labels) < 2, x_label_rotation=30,
                                 show_minor_x_labels=False, x_labels_major_count=4,
                                 legend_at_bottom_columns=5, truncate_legend=-1, fill=False,
                                 **axis(*RELATIONS, ticks=4)))
    chart.x_labels = list(labels)
    lines = (("high", "High"), ("q3", "Q3"), ("median", "Median"), ("q1", "Q1"), ("low", "Low"))
    for key, name in lines:
        chart.add(name, [None if b is None else b[key] for b in bands])
    return _svg(chart)
