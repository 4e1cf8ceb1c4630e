"""One explanation of any condition: a tree of clauses with text, current value, holds and gap.

The content compiler builds, once at load and beside each compiled closure,
an *explainable tree* of the same condition (``Cond`` nodes, below) whose
names are already the pack's display names. ``Runtime.conditions`` maps a
key to its tree::

    "ending:<id>"          an ending's ``when``
    "event:<id>"           a card's ``when`` (whether it can be drawn)
    "choice:<event>.<id>"  a choice's availability
    "level:<policy>.<id>"  whether a policy level may be chosen

Public API (pure; no I/O, no front end):

- ``explain(cond, state, show_hidden=False) -> Clause``: the tree evaluated
  against a state. Every ``Clause`` has
  ``text`` (readable, e.g. "UN track momentum ≥ 70 (settlement tolerance)"),
  ``now`` (the current value as text, e.g. "now 62", or None),
  ``holds`` (bool), ``gap`` (float: 0 when it holds, otherwise how far the
  value is from making it hold, in the clause's own units: points of a
  meter, levels of a policy, months or turns; 1 for a flag or a card played),
  ``hidden`` (the clause reads a hidden quantity: its text is
  ``HIDDEN_TEXT``, ``now`` is None, and a front end should show neither
  ``holds`` nor ``gap``), ``kind`` and ``children``.
  For ``all`` the gap is the sum of the failing parts' gaps; for ``any`` it
  is the smallest, and ``closest`` is the index of that branch.
- ``explain_key(rt, key, state, show_hidden=False) -> Clause | None``.
- ``failing(clause) -> list[Clause]``: the leaves that do not hold.
- ``game.engine.terms``: the numeric terms, their values and text (every name re-exported here).
- ``game.engine.uses``: ``Use`` and ``Runtime.uses``, for each meter and
  relation id every threshold the pack's conditions test and what it gates;
  ``threshold_lines(rt, qid, state)`` renders them for a state's difficulty.

Values follow the rules' own closures: a clause holds exactly when the
compiled predicate of the same condition does.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from game.engine.terms import (
    Arith,
    Clock,
    Neg,
    Num,
    Qty,
    Term,
    Tol,
    number_text,
    quantities,
    side,
    term_text,
    tolerance_name,
    value,
)

if TYPE_CHECKING:
    from game.engine.runtime import Runtime
    from game.engine.state import State

__all__ = [
    "FLIP", "HIDDEN_TEXT", "MONTHS", "SYMBOL", "All", "Any_", "Arith", "Clause", "Clock", "Compare", "Cond",
    "Const", "FiredTest", "FlagTest", "Neg", "Not", "Num", "PolicyTest", "Qty", "Term", "Tol", "Window",
    "explain", "explain_key", "failing", "leaves", "month_name", "negate", "number_text", "quantities",
    "side", "term_text", "tolerance_name", "value",
]

HIDDEN_TEXT = "a hidden quantity (revealed at the end)"
MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
          "September", "October", "November", "December")
SYMBOL = {">=": "≥", "<=": "≤", ">": ">", "<": "<", "==": "=", "!=": "≠"}
FLIP = {">=": "<", "<=": ">", ">": "<=", "<": ">=", "==": "!=", "!=": "=="}


def month_name(index: int) -> str:
    """'March 2018' for a month index (months since year 0)."""
    return f"{MONTHS[index % 12]} {index // 12}"


# -- conditions ------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class Compare:
    """``left op right`` over numeric terms."""

    left: Term
    op: str
    right: Term


@dataclass(frozen=True, slots=True)
class FlagTest:
    """A flag set (or, ``negated``, not set)."""

    id: str
    label: str
    negated: bool = False


@dataclass(frozen=True, slots=True)
class FiredTest:
    """A card played (or, ``negated``, not yet played)."""

    id: str
    label: str
    negated: bool = False


@dataclass(frozen=True, slots=True)
class Window:
    """An inclusive window of turns or months (``kind`` "turn" or "date")."""

    kind: str
    lo: int | None
    hi: int | None


@dataclass(frozen=True, slots=True)
class PolicyTest:
    """A standing policy's level compared with one of its levels (by index)."""

    index: int
    label: str
    op: str
    level: int
    levels: tuple[str, ...]  # display names of the levels, in order


@dataclass(frozen=True, slots=True)
class Const:
    """``true`` or ``false``."""

    truth: bool


@dataclass(frozen=True, slots=True)
class All:
    """Every part holds."""

    parts: tuple[Cond, ...]


@dataclass(frozen=True, slots=True)
class Any_:
    """One part holds."""

    parts: tuple[Cond, ...]


@dataclass(frozen=True, slots=True)
class Not:
    """The inner condition does not hold (only where it cannot be pushed into the leaves)."""

    inner: Cond


Cond = Compare | FlagTest | FiredTest | Window | PolicyTest | Const | All | Any_ | Not


def negate(c: Cond) -> Cond:
    """The negation of a condition, pushed into its leaves where it can be."""
    if isinstance(c, Compare):
        return Compare(c.left, FLIP[c.op], c.right)
    if isinstance(c, FlagTest | FiredTest):
        return type(c)(c.id, c.label, not c.negated)
    if isinstance(c, PolicyTest):
        return PolicyTest(c.index, c.label, FLIP[c.op], c.level, c.levels)
    if isinstance(c, Const):
        return Const(not c.truth)
    if isinstance(c, All):
        return Any_(tuple(negate(p) for p in c.parts))
    if isinstance(c, Any_):
        return All(tuple(negate(p) for p in c.parts))
    if isinstance(c, Not):
        return c.inner
    return Not(c)


@dataclass(frozen=True, slots=True)
class Clause:
    """One clause of an explanation, evaluated against a state (see the module docstring)."""

    kind: str  # compare flag fired window policy const all any not
    text: str
    holds: bool
    gap: float
    now: str | None = None
    hidden: bool = False
    children: tuple[Clause, ...] = ()
    closest: int | None = None


def _test(op: str, a: float, b: float) -> bool:
    return {"<": a < b, "<=": a <= b, ">": a > b, ">=": a >= b, "==": a == b, "!=": a != b}[op]


def _gap(op: str, a: float, b: float) -> float:
    if _test(op, a, b):
        return 0.0
    if op == "!=":
        return 1.0
    return abs(a - b) + (1.0 if op in ("<", ">") else 0.0)


def _compare(c: Compare, s: State, show_hidden: bool) -> Clause:
    a, b = value(c.left, s), value(c.right, s)
    holds = _test(c.op, a, b)
    hidden = any(q.hidden for q in quantities(c.left) + quantities(c.right)) and not show_hidden
    if hidden:
        return Clause("compare", HIDDEN_TEXT, holds, _gap(c.op, a, b), None, True)
    left, right = side(c.left, s), side(c.right, s)
    now: str | None = None
    if isinstance(c.left, Clock) and c.left.kind == "date":
        right, now = month_name(int(b)), f"now {month_name(int(a))}"
    elif quantities(c.left) or isinstance(c.left, Clock):
        now = f"now {number_text(a)} vs {number_text(b)}" if quantities(c.right) else f"now {number_text(a)}"
    elif quantities(c.right):
        now = f"now {number_text(b)}"
    return Clause("compare", f"{left} {SYMBOL[c.op]} {right}", holds, _gap(c.op, a, b), now)


def _window(c: Window, s: State) -> Clause:
    at = s.turn if c.kind == "turn" else s.month
    lo = c.lo if c.lo is not None else -(10**9)
    hi = c.hi if c.hi is not None else 10**9
    name = (lambda k: f"turn {k}") if c.kind == "turn" else month_name
    if c.lo is not None and c.hi is not None:
        text = f"from {name(c.lo)} to {name(c.hi)}"
    elif c.lo is not None:
        text = f"from {name(c.lo)} on"
    else:
        text = f"until {name(hi)}"
    gap = float(lo - at if at < lo else at - hi if at > hi else 0)
    return Clause("window", text, lo <= at <= hi, gap, f"now {name(at)}")


def _policy(c: PolicyTest, s: State) -> Clause:
    at = s.policies[c.index]
    words = {"==": "is", "!=": "is not", ">=": "at least", "<=": "at most",
             ">": "beyond", "<": "short of"}[c.op]
    holds = _test(c.op, at, c.level)
    return Clause("policy", f"{c.label} {words} {c.levels[c.level]}", holds,
                  _gap(c.op, at, c.level), f"now {c.levels[at]}")


def explain(c: Cond, s: State, show_hidden: bool = False) -> Clause:
    """The condition evaluated against a state, clause by clause."""
    if isinstance(c, Compare):
        return _compare(c, s, show_hidden)
    if isinstance(c, FlagTest):
        holds = (c.id in s.flags) != c.negated
        return Clause("flag", f"not: {c.label}" if c.negated else c.label, holds, 0.0 if holds else 1.0)
    if isinstance(c, FiredTest):
        holds = (c.id in s.fired) != c.negated
        verb = "has not come up" if c.negated else "has come up"
        return Clause("fired", f"'{c.label}' {verb}", holds, 0.0 if holds else 1.0)
    if isinstance(c, Window):
        return _window(c, s)
    if isinstance(c, PolicyTest):
        return _policy(c, s)
    if isinstance(c, Const):
        return Clause("const", "always" if c.truth else "never", c.truth, 0.0 if c.truth else 1.0)
    if isinstance(c, Not):
        inner = explain(c.inner, s, show_hidden)
        return Clause("not", f"not: {inner.text}", not inner.holds, 1.0 if inner.holds else 0.0,
                      inner.now, inner.hidden, (inner,))
    kids = tuple(explain(p, s, show_hidden) for p in c.parts)
    if isinstance(c, All):
        holds = all(k.holds for k in kids)
        return Clause("all", "all of", holds, sum(k.gap for k in kids), children=kids)
    best = min(range(len(kids)), key=lambda i: kids[i].gap)
    return Clause("any", "one of", any(k.holds for k in kids), kids[best].gap, children=kids,
                  closest=best)


def explain_key(rt: Runtime, key: str, s: State, show_hidden: bool = False) -> Clause | None:
    """The explanation of a compiled condition by key (None when it has no condition)."""
    cond = rt.conditions.get(key)
    return None if cond is None else explain(cond, s, show_hidden)


def failing(clause: Clause) -> list[Clause]:
    """The leaf clauses that keep a condition from holding (for ``any``: its closest branch's)."""
    if clause.holds:
        return []
    if clause.kind == "all":
        return [f for k in clause.children for f in failing(k)]
    if clause.kind == "any" and clause.closest is not None:
        return failing(clause.children[clause.closest])
    return [clause]


def leaves(clause: Clause) -> list[Clause]:
    """Every leaf of an explanation, in order."""
    if clause.kind in ("all", "any"):
        return [x for k in clause.children for x in leaves(k)]
    return [clause]
