"""Interval reasoning over conditions for the linter: can a condition ever hold?

Each comparison of a quantity (or ``date`` / ``turn``) with a number narrows that name to an
interval; the clauses of an ``all`` (or ``and``) intersect; an ``any`` (or ``or``) can hold
when one branch can. Anything the reasoning cannot read (tolerances, arithmetic, ``!=``,
``not``) is taken as possible, so a finding is always a real impossibility.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

from game.content import conditions as c
from game.content.expr import ExprError, Node, parse
from game.engine.state import month_index

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
    if op in (">=", "gte"):
        return Bounds(math.ceil(k), INF)
    if op in (">", "gt"):
        return Bounds(math.floor(k) + 1, INF)
    if op in ("<=", "lte"):
        return Bounds(-INF, math.floor(k))
    if op in ("<", "lt"):
        return Bounds(-INF, math.ceil(k) - 1)
    if op in ("==", "eq"):
        return Bounds(math.ceil(k), math.floor(k))
    return None


_FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}


def _leaves_expr(node: Node) -> list[tuple[str, Bounds]] | None:
    """The (name, interval) facts of an expression conjunction; None for a disjunction."""
    if node.kind == "and":
        out: list[tuple[str, Bounds]] = []
        for arg in node.args:
            part = _leaves_expr(arg)
            if part is not None:
                out += part
        return out
    if node.kind == "compare":
        left, right = node.args
        op = str(node.value)
        if left.kind != "name" and right.kind == "name":
            left, right, op = right, left, _FLIP[op]
        if left.kind == "name" and right.kind in ("num", "month"):
            k = month_index(str(right.value)) if right.kind == "month" else float(right.value)  # type: ignore[arg-type]
            interval = _interval(op, k)
            return [(str(left.value), interval)] if interval else []
    return []


def _leaves(cond: Any) -> list[tuple[str, Bounds]]:
    """The interval facts that must all hold for ``cond`` (its top-level conjunction)."""
    if isinstance(cond, str):
        try:
            return _leaves_expr(parse(cond)) or []
        except ExprError:
            return []
    if isinstance(cond, c.AllCondition):
        return [leaf for part in cond.all for leaf in _leaves(part)]
    if isinstance(cond, c.MeterCondition | c.RelationCondition):
        name = cond.meter if isinstance(cond, c.MeterCondition) else cond.relation
        out = []
        for op, k in cond.bounds():
            interval = _interval(op, k) if not isinstance(k, str) else None
            if interval is not None:
                out.append((name, interval))
        return out
    if isinstance(cond, c.DateCondition | c.TurnCondition):
        key, window = ("date", cond.date) if isinstance(cond, c.DateCondition) else ("turn", cond.turn)
        ends = [month_index(x) if isinstance(x, str) else x for x in (window.min, window.max)]
        lo, hi = (ends[0] if ends[0] is not None else -INF), (ends[1] if ends[1] is not None else INF)
        return [(key, Bounds(lo, hi))]
    return []


def condition_bounds(cond: Any, ranges: dict[str, Bounds]) -> dict[str, Bounds]:
    """Each name's interval under the condition's conjunction, within the names' own ranges."""
    out: dict[str, Bounds] = {}
    for name, interval in _leaves(cond):
        out[name] = out.get(name, ranges.get(name, Bounds(-INF, INF))).meet(interval)
    return out


def contradiction(cond: Any, ranges: dict[str, Bounds]) -> list[str]:
    """Why the condition can never hold (empty when it can, or when that cannot be told)."""
    if isinstance(cond, c.AnyCondition):
        branches = [contradiction(b, ranges) for b in cond.any]
        return [f"every branch fails ({'; '.join(b[0] for b in branches)})"] if all(branches) else []
    if isinstance(cond, str):
        try:
            node = parse(cond)
        except ExprError:
            return []
        if node.kind == "or":
            return []
    problems = []
    for name, interval in condition_bounds(cond, ranges).items():
        if interval.empty:
            span = ranges.get(name)
            within = f" (its range is {span.lo} to {span.hi})" if span else ""
            problems.append(f"'{name}' cannot satisfy all its bounds{within}")
    return problems
