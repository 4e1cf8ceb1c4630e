"""Static windows read off a condition: the months and turns outside which it cannot hold.

A card's condition is often a conjunction that starts with a date or turn
window (``date >= 2018-02 and date <= 2018-12 and ...``). The window is a
necessary part of the condition, so a card whose window excludes a month can
be left out of that month's deck before any state is looked at. Only facts
that every way of satisfying the condition shares are read: the top-level
``and`` (or ``all``), never inside ``or``, ``any`` or ``not``. A condition
that cannot be read, or has no window, gets the unbounded window.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from game.content import conditions as c
from game.content.expr import ExprError, Node, parse
from game.engine.record import Frozen, set_field
from game.engine.state import month_index

_FAR = 10**9


@dataclass(init=False, repr=False, eq=False, slots=True)  # its methods: see game.engine.record
class Window(Frozen):
    """The months and turns (inclusive) outside which a condition is false."""

    month_lo: int
    month_hi: int
    turn_lo: int
    turn_hi: int

    def __init__(self, month_lo: int = -_FAR, month_hi: int = _FAR, turn_lo: int = -_FAR,
                 turn_hi: int = _FAR) -> None:
        set_field(self, "month_lo", month_lo)
        set_field(self, "month_hi", month_hi)
        set_field(self, "turn_lo", turn_lo)
        set_field(self, "turn_hi", turn_hi)

    def holds(self, month: int, turn: int) -> bool:
        """Whether a month and turn lie inside the window."""
        return self.month_lo <= month <= self.month_hi and self.turn_lo <= turn <= self.turn_hi

    def meet(self, other: Window) -> Window:
        """The window where both hold."""
        return Window(max(self.month_lo, other.month_lo), min(self.month_hi, other.month_hi),
                      max(self.turn_lo, other.turn_lo), min(self.turn_hi, other.turn_hi))


ALWAYS = Window()

_FLIP = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}


def window(cond: Any) -> Window:
    """The static window of a condition (a model, an expression string, or None)."""
    if cond is None:
        return ALWAYS
    if isinstance(cond, str):
        try:
            return _expr_window(parse(cond))
        except ExprError:
            return ALWAYS
    if isinstance(cond, c.AllCondition):
        result = ALWAYS
        for part in cond.all:
            result = result.meet(window(part))
        return result
    if isinstance(cond, c.TurnCondition):
        lo, hi = cond.turn.min, cond.turn.max
        return Window(turn_lo=lo if isinstance(lo, int) else -_FAR,
                      turn_hi=hi if isinstance(hi, int) else _FAR)
    if isinstance(cond, c.DateCondition):
        return Window(month_lo=_month_or(cond.date.min, -_FAR), month_hi=_month_or(cond.date.max, _FAR))
    return ALWAYS


def _month_or(value: object, default: int) -> int:
    if isinstance(value, str):
        try:
            return month_index(value)
        except ValueError:
            return default
    return default


def _expr_window(node: Node) -> Window:
    if node.kind == "and":
        result = ALWAYS
        for arg in node.args:
            result = result.meet(_expr_window(arg))
        return result
    if node.kind != "compare":
        return ALWAYS
    left, right = node.args
    op = str(node.value)
    if right.kind == "name" and left.kind in ("num", "month"):  # 2018-02 <= date
        left, right, op = right, left, _FLIP[op]
    if left.kind != "name" or left.value not in ("date", "turn"):
        return ALWAYS
    if left.value == "date" and right.kind == "month":
        k = _month_or(right.value, _FAR)
        if k == _FAR:
            return ALWAYS
        lo, hi = _bounds(op, k)
        return Window(month_lo=lo, month_hi=hi)
    if left.value == "turn" and right.kind == "num" and isinstance(right.value, int):
        lo, hi = _bounds(op, right.value)
        return Window(turn_lo=lo, turn_hi=hi)
    return ALWAYS


def _bounds(op: str, k: int) -> tuple[int, int]:
    """The whole numbers x with ``x op k``, as an inclusive range (``!=`` gives no bound)."""
    return {
        ">=": (k, _FAR), ">": (k + 1, _FAR), "<=": (-_FAR, k), "<": (-_FAR, k - 1),
        "==": (k, k),
    }.get(op, (-_FAR, _FAR))
