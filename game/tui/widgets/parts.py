"""Cheap repaints for the dashboard's desk, which changes at every key press.

Mounting widgets costs far more than changing their text, and a `Static.update` always asks
for a new layout: `set_text` and `set_display` skip both when nothing visible changes, and
`find_part` looks parts up once. `Group`/`repeat_line` draw plain containers one line at a
time, and `RenderOnce`/`GridStatic` lay a Rich grid out once instead of twice. What is drawn
is the same, segment for segment (tests/tui/test_update_path.py compares them).
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import islice
from typing import Any, TypeVar

from rich.console import RenderableType
from rich.segment import Segment
from rich.table import Table
from textual._context import active_app
from textual.containers import Vertical
from textual.content import Content
from textual.css.styles import RulesMap
from textual.geometry import Region
from textual.strip import Strip
from textual.style import Style as VisualStyle
from textual.visual import RenderOptions, RichVisual, Visual
from textual.widget import Widget
from textual.widgets import Static


def same(old: Any, new: Any) -> bool:
    """Whether two visuals draw the same: equal text *and* styles (Content's == compares text only)."""
    if isinstance(old, Content) and isinstance(new, Content):
        return old.plain == new.plain and old.spans == new.spans
    if isinstance(old, str) and isinstance(new, str):
        return old == new
    return False  # Rich renderables: no cheap comparison


def set_text(widget: Static, content: Any, *, layout: bool = True) -> None:
    """Show `content` in a Static unless it already shows exactly that."""
    if not same(widget.content, content):
        widget.update(content, layout=layout)


W = TypeVar("W", bound=Widget)


def find_part(owner: Widget, selector: str, kind: type[W] = Static) -> W:  # type: ignore[assignment]
    """A descendant widget that lives as long as `owner`, looked up once (queries cost a CSS
    match over the subtree at each key press)."""
    parts: dict[str, Widget] = owner.__dict__.setdefault("_found_parts", {})
    widget = parts.get(selector)
    if widget is None or not widget.is_attached:
        widget = parts[selector] = owner.query_one(selector, kind)
    assert isinstance(widget, kind)
    return widget


def set_display(widget: Any, shown: bool) -> None:
    """Show or hide a widget, without a layout when it is already so."""
    if widget.display != shown:
        widget.display = shown


def plain_background(widget: Widget) -> bool:
    """Whether every line a widget draws of its own is the same: no border, outline, vertical
    padding, hatch, tint or opacity (its children are drawn over it)."""
    styles = widget.styles
    return (not any(edge for edge, _ in styles.border) and not any(edge for edge, _ in styles.outline)
            and not styles.padding.top and not styles.padding.bottom
            and not (styles.has_rule("hatch") and styles.hatch != "none")
            and not styles.tint.a and widget.opacity == 1.0)


def repeat_line(widget: Widget, crop: Region, render: Callable[[Region], list[Strip]]) -> list[Strip]:
    """A container's own lines: one line drawn and repeated, when its background is plain.

    Textual renders every container in full under its children at each repaint (the desk,
    the card and their groups: a hundred lines for each new card). A container with a plain
    background draws the same line on every row, so one is drawn (by `render`, the widget's
    own `render_lines`) and repeated: the very same segments, at a fraction of the cost.
    """
    if crop.height <= 1 or not plain_background(widget):
        return render(crop)
    return render(Region(crop.x, crop.y, crop.width, 1)) * crop.height


class Group(Vertical):
    """A vertical container of parts, with a plain background (drawn one line at a time)."""

    def render_lines(self, crop: Region) -> list[Strip]:
        return repeat_line(self, crop, super().render_lines)


class RenderOnce(RichVisual):
    """A Rich renderable (a grid) laid out once per width, not once to measure and again to draw.

    Textual renders a Rich renderable in full to learn its height, then again to paint it;
    this keeps the lines of the first render and styles them at paint time exactly as
    Textual does (the widget's style under each segment's own), so what is drawn is the same.
    The lines are kept while the widget shows this renderable: a repaint (a choice
    highlighted, the mouse over it) costs no new layout either.
    """

    def __init__(self, widget: Widget, renderable: RenderableType) -> None:
        super().__init__(widget, renderable)
        self.renderable = renderable
        self._width = -1
        self._lines: list[list[Segment]] = []

    def lines(self, width: int) -> list[list[Segment]]:
        """The unstyled lines at a width (rendered on first use)."""
        if width != self._width:
            app = active_app.get()
            options = app.console_options.update(highlight=False, width=width).update_width(width)
            segments = app.console.render(self._renderable, options)
            self._lines = list(Segment.split_and_crop_lines(segments, width, include_new_lines=False,
                                                            pad=False))
            self._width = width
        return self._lines

    def get_height(self, rules: RulesMap, width: int) -> int:
        return len(self.lines(width))

    def render_strips(self, width: int, height: int | None, style: VisualStyle,
                      options: RenderOptions) -> list[Strip]:
        base = style.rich_style
        link = self._widget.link_style if self._widget.auto_links else None
        strips = []
        for line in islice(self.lines(width), None, height):
            segments = []
            for text, own, _control in line:
                combined = base + own
                if link and combined._meta is not None and "@click" in combined.meta:
                    combined = combined + link
                segments.append(Segment(text, combined, None))
            strips.append(Strip(segments))
        return strips


class GridStatic(Static):
    """A Static that shows a Rich grid (`text.hanging`), laid out once per width (`RenderOnce`).

    `content` stays the grid itself; only the drawing goes through `RenderOnce`.
    """

    _once: RenderOnce | None = None

    def render(self) -> Visual:
        content = self.content
        if not isinstance(content, Table):
            return self.visual
        if self._once is None or self._once.renderable is not content:
            self._once = RenderOnce(self, content)
        return self._once
