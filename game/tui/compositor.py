"""A compositor that does not lay the screen out twice per refresh.

Textual's `Compositor.reflow` arranges every widget of the screen (not only the visible
ones), which is exactly the map `Compositor.full_map` would build; but it leaves the map
marked stale when a refreshed widget was off screen (a choice below the fold, a hidden
panel), so the first `widget.region` asked for during that same refresh arranges the
whole screen a second time. On the dashboard that second pass is a third of the cost of
showing the next card.
"""

from __future__ import annotations

from textual._compositor import Compositor, ReflowResult
from textual.geometry import Size
from textual.widget import Widget


class SingleLayoutCompositor(Compositor):
    """`reflow` also counts as the full map it has just built."""

    def reflow(self, parent: Widget, size: Size) -> ReflowResult:
        result = super().reflow(parent, size)
        self._full_map_invalidated = False  # the map just arranged covers all widgets
        return result
