"""What a careful player sees of a preview at a difficulty: each change's size, or only its direction
(▲/▼) where the difficulty shows only directions; never a change to a hidden quantity.

The bots that read previews (the pack's lines, the advisor followers) read them through a sight,
so that on a direction-only difficulty they know no more than the screen tells a player.
"""

from __future__ import annotations

from copy import copy
from typing import Any, Self

from game.engine.runtime import PreviewItem, Runtime

GUESS = 3  # the size assumed for a change that a direction-only preview shows as ▲ or ▼


class Sight:
    """How a difficulty shows previews: ``direction`` when only ▲/▼ are shown."""

    def __init__(self, rt: Runtime, direction: bool = False) -> None:
        self.direction = direction
        self.secret = frozenset(m.id for m in rt.pack.meters if m.hidden)
        self.quantities = frozenset(rt.qindex)
        self.modes = {d.id: str(d.preview) == "direction" for d in rt.pack.difficulties}

    def directions_only(self, difficulty: str) -> bool:
        """Whether a difficulty's previews show only the direction of each change."""
        return self.modes.get(difficulty, False)

    def items(self, preview: tuple[PreviewItem, ...]) -> list[tuple[PreviewItem, float]]:
        """The preview's items as the screen shows them, each with the change a player reads: a
        quantity's changes of one kind merged (the card shows their sum), only its sign when only
        directions are shown (one assumed step); hidden quantities left out."""
        merged: dict[tuple[str, str, int], tuple[PreviewItem, float]] = {}
        out: list[tuple[PreviewItem, float]] = []
        for p in preview:
            if p.target in self.secret:
                continue
            if p.target not in self.quantities:
                out.append((p, float(p.delta)))
                continue
            key = (p.target, p.certainty, p.after)
            first, total = merged.get(key, (p, 0.0))
            merged[key] = (first, total + p.delta)
        for p, total in merged.values():
            out.append((p, self._shown(total)))
        return out

    def _shown(self, delta: float) -> float:
        if not self.direction:
            return delta
        return float(GUESS if delta > 0 else -GUESS if delta < 0 else 0)


class Sighted:
    """A bot whose tables come from the previews as one sight shows them: ``build`` makes them
    from ``self.sight``; ``at`` gives the bot as a player at another difficulty plays it."""

    rt: Runtime
    sight: Sight
    _views: dict[bool, Any]

    def build(self) -> None:
        """Make the bot's tables from ``self.sight``."""
        raise NotImplementedError

    def see(self, direction: bool = False) -> None:
        """Set the sight (magnitudes unless ``direction``) and build the tables."""
        self.sight = Sight(self.rt, direction)
        self._views = {direction: self}
        self.build()

    def at(self, difficulty: str) -> Self:
        """This bot as a player at ``difficulty`` plays it (itself if its sight is already that one)."""
        direction = self.sight.directions_only(difficulty)
        view = self._views.get(direction)
        if view is None:
            view = copy(self)
            view.sight = Sight(self.rt, direction)
            view.build()
            self._views[direction] = view
        return view
