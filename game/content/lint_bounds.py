"""Interval reasoning for the linter over the rules' own explainable conditions.

The linter reads the same trees the goals screen and the bots read (``Runtime.conditions``,
built by the content compiler from ``game.engine.explain``). Each comparison of one meter or
relation (or the turn or the month) with a constant narrows that name to an interval; the
parts of an ``all`` intersect; an ``any`` can hold when one branch can. What the reasoning
cannot read (tolerances, arithmetic, ``!=``, negations) is taken as possible, so a finding is
always a real impossibility.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from game.engine import explain as x

INF = 10**9


@dataclass(frozen=True, slots=True)
class Bounds:
    """A closed interval of whole numbers."""

    lo: int
    hi: int

    def meet(self, other: Bounds) -> Bounds:
        return Bounds(max(self.lo, other.lo), min(self.hi, other.hi))

    @property
    def empty(self) -> bool:
        return self.lo > self.hi


def _interval(op: str, k: float) -> Bounds | None:
    if op == ">=":
        return Bounds(math.ceil(k), INF)
    if op == ">":
        return Bounds(math.floor(k) + 1, INF)
    if op == "<=":
        return Bounds(-INF, math.floor(k))
    if op == "<":
        return Bounds(-INF, math.ceil(k) - 1)
    if op == "==":
        return Bounds(math.ceil(k), math.floor(k))
    return None


_MIRROR = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}


def _name(t: x.Term) -> str | None:
    if isinstance(t, x.Qty):
        return t.id
    if isinstance(t, x.Clock):
        return "date" if t.kind == "date" else "turn"
    return None


def _leaf(cond: x.Cond) -> list[tuple[str, Bounds]]:
    if isinstance(cond, x.Window):
        key = "date" if cond.kind == "date" else "turn"
        lo = cond.lo if cond.lo is not None else -INF
        return [(key, Bounds(lo, cond.hi if cond.hi is not None else INF))]
    if not isinstance(cond, x.Compare):
        return []
    left, op, right = cond.left, cond.op, cond.right
    if _name(left) is None and _name(right) is not None:
        left, right, op = right, left, _MIRROR[op]
    name = _name(left)
    if name is None or not isinstance(right, x.Num):
        return []
    interval = _interval(op, right.value)
    return [(name, interval)] if interval is not None else []


def conjunction(cond: x.Cond) -> list[tuple[str, Bounds]]:
    """The interval facts that must all hold for ``cond`` (its top-level ``all``)."""
    return [(name, interval) for name, interval, _ in clauses(cond)]


def clauses(cond: x.Cond) -> list[tuple[str, Bounds, x.Cond]]:
    """The interval facts of ``cond``'s top-level ``all``, each with the clause that states it."""
    if isinstance(cond, x.All):
        return [fact for part in cond.parts for fact in clauses(part)]
    return [(name, interval, cond) for name, interval in _leaf(cond)]


def exact_interval(cond: x.Cond) -> tuple[str, Bounds] | None:
    """The one name and interval ``cond`` holds exactly on (every clause an interval on that name),
    else None: then the interval reasoning cannot tell when it holds."""
    parts = list(cond.parts) if isinstance(cond, x.All) else [cond]
    if not parts or any(isinstance(p, x.All) or not _leaf(p) for p in parts):
        return None
    facts = conjunction(cond)
    if len({name for name, _ in facts}) != 1:
        return None
    interval = Bounds(-INF, INF)
    for _, bound in facts:
        interval = interval.meet(bound)
    return facts[0][0], interval


def condition_bounds(cond: x.Cond, ranges: dict[str, Bounds]) -> dict[str, Bounds]:
    """Each name's interval under the condition's conjunction, within the names' own ranges."""
    out: dict[str, Bounds] = {}
    for name, interval in conjunction(cond):
        out[name] = out.get(name, ranges.get(name, Bounds(-INF, INF))).meet(interval)
    return out


def contradiction(cond: x.Cond, ranges: dict[str, Bounds]) -> list[str]:
    """Why the condition can never hold (empty when it can, or when that cannot be told), naming the
    clauses that contradict each other as the game shows them."""
    if isinstance(cond, x.Any_):
        branches = [contradiction(b, ranges) for b in cond.parts]
        return [f"every branch fails ({'; '.join(b[0] for b in branches)})"] if all(branches) else []
    if isinstance(cond, x.Const):
        return [] if cond.truth else ["it is written as false"]
    problems = []
    facts = clauses(cond)
    for name, interval in condition_bounds(cond, ranges).items():
        if interval.empty:
            problems.append(_clash(name, [(b, c) for n, b, c in facts if n == name], ranges.get(name)))
    return problems


def _clash(name: str, facts: list[tuple[Bounds, x.Cond]], span: Bounds | None) -> str:
    """Which clauses on one name cannot hold together: the highest floor against the lowest ceiling
    (or a clause against the name's own range)."""
    from game.content.lint_text import clause_text

    floor = max(facts, key=lambda f: f[0].lo)
    ceiling = min(facts, key=lambda f: f[0].hi)
    if floor[0].lo <= ceiling[0].hi and span is not None:  # one side is the quantity's own range
        lone = floor if floor[0].lo > span.hi else ceiling
        label = clause_text(lone[1])
        return f"'{label}' is outside its range ({span.lo} to {span.hi})"
    return f"'{clause_text(floor[1])}' and '{clause_text(ceiling[1])}' cannot both hold"
