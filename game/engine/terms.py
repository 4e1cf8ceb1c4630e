"""The numeric terms of an explainable condition (meters, tolerances, numbers, the clock, arithmetic)
and their value in a state.

``game.engine.explain`` builds its comparisons over these terms and
re-exports every name here, so importers may read them from either module.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.engine.state import State

__all__ = ["Arith", "Clock", "Neg", "Num", "Qty", "Term", "Tol", "number_text", "quantities", "side",
           "term_text", "tolerance_name", "value"]


@dataclass(frozen=True, slots=True)
class Qty:
    """A meter or relation: its index in ``State.values``."""

    index: int
    id: str
    label: str
    hidden: bool = False


@dataclass(frozen=True, slots=True)
class Tol:
    """A difficulty tolerance: its index in ``State.tolerances``."""

    index: int
    id: str


@dataclass(frozen=True, slots=True)
class Num:
    """A number written in the pack."""

    value: float


@dataclass(frozen=True, slots=True)
class Clock:
    """``turn`` or ``date`` (a month index)."""

    kind: str


@dataclass(frozen=True, slots=True)
class Arith:
    """``a op b`` (``op`` one of + - * /; division by zero gives 0, as the rules do)."""

    op: str
    a: Term
    b: Term


@dataclass(frozen=True, slots=True)
class Neg:
    """``-a``."""

    a: Term


Term = Qty | Tol | Num | Clock | Arith | Neg


def value(t: Term, s: State) -> float:
    """The value of a term in a state."""
    if isinstance(t, Qty):
        return s.values[t.index]
    if isinstance(t, Tol):
        return s.tolerances[t.index]
    if isinstance(t, Num):
        return t.value
    if isinstance(t, Clock):
        return s.turn if t.kind == "turn" else s.month
    if isinstance(t, Neg):
        return -value(t.a, s)
    a, b = value(t.a, s), value(t.b, s)
    if t.op == "+":
        return a + b
    if t.op == "-":
        return a - b
    if t.op == "*":
        return a * b
    return a / b if b else 0


def quantities(t: Term) -> list[Qty]:
    """The meters and relations a term reads."""
    if isinstance(t, Qty):
        return [t]
    if isinstance(t, Arith):
        return quantities(t.a) + quantities(t.b)
    if isinstance(t, Neg):
        return quantities(t.a)
    return []


def _has(t: Term, kind: type) -> bool:
    if isinstance(t, kind):
        return True
    if isinstance(t, Arith):
        return _has(t.a, kind) or _has(t.b, kind)
    return isinstance(t, Neg) and _has(t.a, kind)


def number_text(x: float) -> str:
    """A number as the player reads it: whole as an integer, else to one decimal."""
    return str(int(x)) if float(x).is_integer() else f"{x:.1f}"


def tolerance_name(tid: str) -> str:
    """A tolerance as the player reads it: its id in words ("collapse_control": "collapse control")."""
    return tid.replace("_", " ")


def term_text(t: Term, s: State | None = None) -> str:
    """A term as the player reads it (a tolerance as its number when a state is given)."""
    if isinstance(t, Qty):
        return t.label
    if isinstance(t, Tol):
        return number_text(value(t, s)) if s is not None else f"{tolerance_name(t.id)} tolerance"
    if isinstance(t, Num):
        return number_text(t.value)
    if isinstance(t, Clock):
        return "the turn" if t.kind == "turn" else "the month"
    if isinstance(t, Neg):
        return f"-{term_text(t.a, s)}"
    return f"{term_text(t.a, s)} {t.op} {term_text(t.b, s)}"


def side(t: Term, s: State) -> str:
    """A side of a comparison: a constant side folded to its number, tolerances named."""
    if quantities(t) or _has(t, Clock):
        return term_text(t, s)
    number = number_text(value(t, s))
    if isinstance(t, Tol):
        return f"{number} ({tolerance_name(t.id)} tolerance)"
    if _has(t, Tol):
        return f"{number} ({term_text(t, None)})"
    return number
