"""The linter's card check: a card every choice of which can be closed at once, so that it passes.

The rule (``game.engine.passing``): a card with no open choice when the month is
decided passes, with no effect. That is rarely what a writer meant, so ``card-may-pass``
warns where every choice has a condition, unless the interval reasoning proves the
conditions cover every case (``damascus >= 50`` on one choice, ``damascus < 50`` on another).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from game.content.lint_bounds import INF, Bounds, exact_interval
from game.content.lint_text import clause_text

if TYPE_CHECKING:
    from game.content.lint import Linter


def covers(intervals: list[Bounds], span: Bounds) -> bool:
    """Whether the intervals together hold every whole number of ``span``."""
    reach = span.lo
    for interval in sorted(intervals, key=lambda b: b.lo):
        if interval.lo > reach:
            return False
        reach = max(reach, interval.hi + 1)
        if reach > span.hi:
            return True
    return reach > span.hi


def always_open(trees: list[Any], ranges: dict[str, Bounds]) -> bool:
    """Whether some one quantity's intervals on the choices (each choice exactly an interval on it)
    cover its whole range, so one choice is always open."""
    by_name: dict[str, list[Bounds]] = {}
    for tree in trees:
        exact = exact_interval(tree)
        if exact is not None:
            by_name.setdefault(exact[0], []).append(exact[1])
    return any(covers(found, ranges.get(name, Bounds(-INF, INF))) for name, found in by_name.items())


def passing_cards(linter: Linter, ranges: dict[str, Bounds]) -> None:
    """Warn at each card whose choices are all conditional and may all be closed at once."""
    conditions = linter.rt.conditions
    for ev in linter.pack.events:
        trees = [conditions.get(f"choice:{ev.id}.{ch.id}") for ch in ev.choices]
        if not trees or any(t is None for t in trees) or always_open(trees, ranges):
            continue
        named = "; ".join(f"'{ch.id}' when {clause_text(t)}" for ch, t in zip(ev.choices, trees, strict=True))
        w = linter.where("events", ev.id)
        linter.at(w / "id" if w else None, "warning", "card-may-pass",
                  f"card '{ev.id}' may have no open choice: every choice has a condition ({named}), and "
                  "they can all be false at once; if none is open the card passes with no effect",
                  "give one choice no condition, or conditions that cover every case "
                  "(e.g. 'x >= 50' on one choice and 'x < 50' on another)")
