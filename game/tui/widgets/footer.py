"""Textual's footer, rebuilt once the keys settle, and only when what it shows has changed.

Textual's Footer recomposes every key on every bindings update, which on the dashboard
happens at each key press; rebuilding a moment after the last change keeps key presses
(the next card) from waiting on it.
"""

from __future__ import annotations

from typing import Any

from rich.cells import cell_len
from textual.app import ComposeResult
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer
from textual.widgets._footer import FooterKey, FooterLabel, KeyGroup

from game.tui.memory import release_retained_caches

HELP_ACTIONS = ("help", "app.help")
FIRST_ACTIONS = (*HELP_ACTIONS, "bench", "app.bench")  # the test bench's key, when open, after Help
SETTLE = 0.15  # seconds without a bindings change before the footer is rebuilt


class GameFooter(Footer):
    """A compact footer that skips rebuilds when the shown keys and their states are unchanged."""

    DEFAULT_CSS = """
    GameFooter.-compact FooterLabel { margin-right: 1; }
    GameFooter KeyGroup.-compact { padding-left: 0; }
    """
    _shown: tuple[Any, ...] | None = None
    _timer: Timer | None = None

    def __init__(self) -> None:
        super().__init__(compact=True)

    def compose(self) -> ComposeResult:
        """Textual's keys, composed as Textual composes them (a group's keys inside their group);
        ``_rebuild`` then puts `?` Help (and the bench's key) first."""
        yield from super().compose()

    def _help_first(self) -> None:
        """`?` Help and the bench's key first: on a narrow screen the keys at the end are left out."""
        first = [k for k in self.query_children(FooterKey) if k.action in FIRST_ACTIONS]
        for key in reversed(first):
            self.move_child(key, before=0)

    def _ranges(self) -> None:
        """A group of number keys shown as one range ('1-4 Choose'), so that the footer does not
        widen with a card's choices; every key still works (a click on the range presses its first)."""
        for group in self.query_children(KeyGroup):
            keys = list(group.query_children(FooterKey))
            shown = [k.key_display for k in keys]
            if len(keys) < 2 or not all(x.isdigit() for x in shown):
                continue
            numbers = [int(x) for x in shown]
            consecutive = numbers == list(range(numbers[0], numbers[-1] + 1))
            keys[0].key_display = f"{numbers[0]}-{numbers[-1]}" if consecutive else ",".join(shown)
            for key in keys[1:]:
                key.display = False

    def _fit(self) -> None:
        """Leave out, whole, the first key that would run under the palette's key and every key after
        it (never half a label); help (`?`) and the palette (ctrl+p) list every key. Widths are
        counted from the labels (this footer's compact style), so the fit needs no layout pass."""
        palette = [k for k in self.query_children(FooterKey) if k.has_class("-command-palette")]
        limit = self.size.width - sum(_width(k) + 1 for k in palette)  # the palette's key has a border
        used, cut = 0, False
        for child in self.children:
            if child in palette:
                continue
            used += _width(child) + 1  # each key, the group and its label have a margin of 1
            cut = cut or used - 1 > limit
            child.display = not cut

    def on_resize(self) -> None:
        """Fit the keys to the new width."""
        if self._shown is not None:
            self.settle()

    def on_mount(self) -> None:
        """Show the keys even when the bindings settled before this footer was mounted."""
        self.call_after_refresh(self._first)

    def _first(self) -> None:
        self._bindings_ready = True
        if self._shown is None:
            self.call_next(self._rebuild)

    def signature(self, screen: Screen[Any]) -> tuple[Any, ...]:
        """What the footer would show: its width, each key, its label, and whether it is enabled."""
        return (self.size.width, *((b.key, b.action, b.description, enabled, b.show)
                                    for _node, b, enabled, _tip in screen.active_bindings.values()))

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
            self._help_first()
            self._ranges()
            self._fit()
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


def _width(widget: Any) -> int:
    """Cells a footer item takes without its margin: a key, its label; a group, its shown keys."""
    if isinstance(widget, FooterKey):
        return cell_len(widget.key_display) + (1 + cell_len(widget.description) if widget.description else 0)
    if isinstance(widget, KeyGroup):
        return sum(_width(k) for k in widget.query_children(FooterKey) if k.display)
    if isinstance(widget, FooterLabel):
        return cell_len(str(widget.content))
    return 0
