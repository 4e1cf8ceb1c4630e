"""Conditions' explainable trees written as Python expressions, for the generated tests.

``Emitter.cond`` writes a condition (``game.engine.explain``) as one
expression over the state's tables (``v`` values, ``t`` tolerances, ``fl``
flags, ``fi`` cards played, ``po`` policies) from this module's own tokens,
slot indices and numbers written with ``repr`` of an ``int`` or a finite
``float``: a flag or card id is a name (``N3``) the emitter binds to the
string, never written into the code. A part it does not know raises
``Unsupported`` (its caller keeps the closure). ``inside_window`` leaves out
of a card's condition the date and turn tests its static window guarantees.
``game.engine.gencond`` builds the generated functions from these.
"""

from __future__ import annotations

import math

from game.engine import explain as x

_OPS = frozenset(("<", "<=", ">", ">=", "==", "!="))
_ARITH = frozenset(("+", "-", "*"))
_INF = math.inf
FAR = 10**9  # the unbounded side of a window, as the closures and ``explain`` read it


class Unsupported(Exception):
    """A condition this module does not turn into code: its closure is kept."""


def divide(a: float, b: float) -> float:
    """``a / b`` as the rules divide: by zero gives 0 (bound as ``_div`` in the generated code)."""
    return a / b if b else 0


class Emitter:
    """Writes the source of the functions; names every string it needs."""

    def __init__(self) -> None:
        self.names: dict[str, str] = {}
        self.clock = "s."  # how the turn and month are read: "" where they are locals (the draw)

    def name(self, text: str) -> str:
        if not isinstance(text, str):
            raise Unsupported(text)
        return self.names.setdefault(text, f"N{len(self.names)}")

    def term(self, t: x.Term) -> str:
        if isinstance(t, x.Qty):
            return f"v[{whole(t.index)}]"
        if isinstance(t, x.Tol):
            return f"t[{whole(t.index)}]"
        if isinstance(t, x.Num):
            return _number(t.value)
        if isinstance(t, x.Clock):
            if t.kind not in ("turn", "date"):
                raise Unsupported(t)
            return self.clock + t.kind.replace("date", "month")
        if isinstance(t, x.Neg):
            return f"(-{self.term(t.a)})"
        if isinstance(t, x.Arith) and t.op in _ARITH:
            return f"({self.term(t.a)} {t.op} {self.term(t.b)})"
        if isinstance(t, x.Arith) and t.op == "/":
            return f"_div({self.term(t.a)}, {self.term(t.b)})"
        raise Unsupported(t)

    def cond(self, c: x.Cond) -> str:
        if isinstance(c, x.Compare) and c.op in _OPS:
            return f"({self.term(c.left)} {c.op} {self.term(c.right)})"
        if isinstance(c, x.FlagTest | x.FiredTest):
            table = "fl" if isinstance(c, x.FlagTest) else "fi"
            return f"({self.name(c.id)} {'not in' if c.negated else 'in'} {table})"
        if isinstance(c, x.Window) and c.kind in ("turn", "date"):
            at = self.clock + c.kind.replace("date", "month")
            lo = -FAR if c.lo is None else whole(c.lo)
            hi = FAR if c.hi is None else whole(c.hi)
            return f"({lo} <= {at} <= {hi})"
        if isinstance(c, x.PolicyTest) and c.op in _OPS:
            return f"(po[{whole(c.index)}] {c.op} {whole(c.level)})"
        if isinstance(c, x.Const):
            return "True" if c.truth is True else "False"
        if isinstance(c, x.All | x.Any_) and c.parts:
            joiner = " and " if isinstance(c, x.All) else " or "
            return "(" + joiner.join(self.cond(p) for p in c.parts) + ")"
        if isinstance(c, x.Not):
            return f"(not {self.cond(c.inner)})"
        raise Unsupported(c)


def whole(value: object) -> str:
    """A whole number as code (``Unsupported`` for anything else)."""
    if type(value) is not int:
        raise Unsupported(value)
    return repr(value)


def _number(value: object) -> str:
    if type(value) is int:
        return repr(value)
    if type(value) is float and math.isfinite(value):
        return repr(value)
    raise Unsupported(value)


def _span(c: x.Cond) -> tuple[str, float, float] | None:
    """The clock interval a date or turn test admits: (kind, lo, hi) over whole numbers, or None."""
    if isinstance(c, x.Window) and c.kind in ("turn", "date"):
        return (c.kind, -_INF if c.lo is None else c.lo, _INF if c.hi is None else c.hi)
    if not isinstance(c, x.Compare):
        return None
    left, op, right = c.left, c.op, c.right
    if isinstance(right, x.Clock) and isinstance(left, x.Num):
        left, right = right, left
        op = {"<": ">", "<=": ">=", ">": "<", ">=": "<="}.get(op, "")
    if not (isinstance(left, x.Clock) and isinstance(right, x.Num)) or left.kind not in ("turn", "date"):
        return None
    k = right.value
    bounds = {">=": (math.ceil(k), _INF), ">": (math.floor(k) + 1, _INF),
              "<=": (-_INF, math.floor(k)), "<": (-_INF, math.ceil(k) - 1)}.get(op)
    return None if bounds is None else (left.kind, *bounds)


def _guaranteed(c: x.Cond, window: tuple[int, int, int, int]) -> bool:
    """Whether a date or turn test holds at every month and turn of a card's static window."""
    span = _span(c)
    if span is None:
        return False
    kind, lo, hi = span
    w_lo, w_hi = (window[0], window[1]) if kind == "date" else (window[2], window[3])
    w_lo_f = -_INF if w_lo <= -FAR else w_lo
    w_hi_f = _INF if w_hi >= FAR else w_hi
    return lo <= w_lo_f and w_hi_f <= hi


def _conjuncts(c: x.Cond) -> list[x.Cond]:
    if isinstance(c, x.All):
        return [p for part in c.parts for p in _conjuncts(part)]
    return [c]


def inside_window(c: x.Cond, window: tuple[int, int, int, int]) -> x.Cond:
    """A card's condition with the top-level date and turn tests its window guarantees left out."""
    parts = [p for p in _conjuncts(c) if not _guaranteed(p, window)]
    if not parts:
        return x.Const(True)
    return parts[0] if len(parts) == 1 else x.All(tuple(parts))
