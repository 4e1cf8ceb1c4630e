"""Textual's footer, rebuilt once the keys settle, and only when what it shows has changed.

Textual's Footer recomposes every key on every bindings update, which on the dashboard
happens at each key press; rebuilding a moment after the last change keeps key presses
(the next card) from waiting on it.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer
from textual.widgets._footer import FooterKey

from game.tui.memory import release_retained_caches

HELP_ACTIONS = ("help", "app.help")
FIRST_ACTIONS = (*HELP_ACTIONS, "bench", "app.bench")  # the test bench's key, when open, after Help
SETTLE = 0.15  # seconds without a bindings change before the footer is rebuilt


class GameFooter(Footer):
    """A compact footer that skips rebuilds when the shown keys and their states are unchanged."""

    DEFAULT_CSS = """
    GameFooter.-compact FooterLabel { margin-right: 1; }
    """
    _shown: tuple[Any, ...] | None = None
    _timer: Timer | None = None

    def __init__(self) -> None:
        super().__init__(compact=True)

    def compose(self) -> ComposeResult:
        """Textual's keys, with `?` Help (and the bench's key) first: at 80 columns the keys at the
        end are cut off."""
        keys = list(super().compose())
        first = [k for k in keys if isinstance(k, FooterKey) and k.action in FIRST_ACTIONS]
        yield from first + [k for k in keys if k not in first]

    def on_mount(self) -> None:
        """Show the keys even when the bindings settled before this footer was mounted."""
        self.call_after_refresh(self._first)

    def _first(self) -> None:
        self._bindings_ready = True
        if self._shown is None:
            self.call_next(self._rebuild)

    def signature(self, screen: Screen[Any]) -> tuple[Any, ...]:
        """What the footer would show: each key, its label, and whether it is enabled."""
        return tuple((b.key, b.action, b.description, enabled, b.show)
                     for _node, b, enabled, _tip in screen.active_bindings.values())

    def bindings_changed(self, screen: Screen[Any]) -> None:
        self._bindings_ready = True
        if not screen.app.app_focus or not self.is_attached or screen is not self.screen:
            return
        if self._shown is None:  # the first time: at once
            self.call_after_refresh(self._rebuild)
        elif self._timer is None:
            self._timer = self.set_timer(SETTLE, self._rebuild)
        else:
            self._timer.reset()

    async def _rebuild(self) -> None:
        self._timer = None
        if not self.is_attached:
            return
        shown = self.signature(self.screen)
        if shown != self._shown:
            self._shown = shown
            await self.recompose()
            self._forget_old_keys()
            release_retained_caches()

    def _forget_old_keys(self) -> None:
        """Drop the removed keys' watchers of `compact`.

        Each key binds `compact` to this footer; Textual prunes those watchers only when
        `compact` changes, which it never does here, so every rebuild would keep the old keys
        (and their caches) alive: half a megabyte a month over a long campaign.
        """
        watchers = getattr(self, "__watchers", {}).get("compact")
        if watchers:
            watchers[:] = [(node, callback) for node, callback in watchers
                           if getattr(node, "is_attached", True)]

    def settle(self) -> None:
        """Rebuild at the next chance if anything changed (tests and screenshots call this)."""
        if self._timer is not None:
            self._timer.stop()
        self.call_next(self._rebuild)
