"""Textual's footer, rebuilt only when the keys it shows actually change, and never before a paint.

Textual's Footer recomposes all its keys on every bindings update; on the dashboard
that happens at each key press and used to delay the next card's paint.
"""

from __future__ import annotations

from typing import Any

from textual.screen import Screen
from textual.widgets import Footer

DEFER = 0.04  # seconds: the content's repaint goes first


class GameFooter(Footer):
    """A compact footer that skips rebuilds when the shown keys and their states are unchanged.

    Compact also saves a restyle of every key on every rebuild: a key starts compact, and
    binding a non-compact footer's setting to it changes its classes one key at a time.
    """

    _shown: tuple[Any, ...] | None = None
    _pending = False

    def __init__(self) -> None:
        super().__init__(compact=True)

    def signature(self, screen: Screen[Any]) -> tuple[Any, ...]:
        """What the footer would show: each key, its label, and whether it is enabled."""
        return tuple((b.key, b.action, b.description, enabled, b.show)
                     for _node, b, enabled, _tip in screen.active_bindings.values())

    def bindings_changed(self, screen: Screen[Any]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen or self._pending:
            return
        self._pending = True
        self.set_timer(DEFER, self._rebuild)

    async def _rebuild(self) -> None:
        self._pending = False
        if not self.is_attached:
            return
        shown = self.signature(self.screen)
        if shown != self._shown:
            self._shown = shown
            await self.recompose()
