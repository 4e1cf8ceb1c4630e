"""The clauses that kept each missed ending away, read straight off a final flat state.

``runner._missed`` explains every missed ending of one campaign in four
(``explain`` then ``failing``): on the flat engines (the pure-Python
``game.fast.play`` and the native kernel's ``game.fast.native.gather``) that
is much of a campaign's time, spent building clause objects and formatting
texts that, within a batch, never change. Here each ending's explainable tree is turned
once per batch into plain functions of the flat state that give, for the
same state, exactly what ``{c.text for c in failing(explain(cond, state,
show_hidden=True))}`` gives: the same values (``explain.value``'s arithmetic),
the same tests and gaps (``explain._test``, ``explain._gap``), the same
closest branch of an ``any`` (the first of the smallest gaps), the same texts
(``explain.side`` with the batch's tolerances) in the same order. The tests
check it against ``explain`` itself on thousands of final states.
"""

from __future__ import annotations

import operator
from collections import Counter
from collections.abc import Callable
from typing import Any

from game.engine import explain as x
from game.engine.state import State

# a compiled clause: the flat state -> (holds, gap, the texts of the failing leaves, in order)
Fn = Callable[[list[int]], tuple[bool, float, list[str]]]
Term = Callable[[list[int]], Any]
# explain._test's comparisons, and what explain._gap adds past the distance when one fails
TESTS = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge, "==": operator.eq,
         "!=": operator.ne}
STRICT = {"<": 1.0, ">": 1.0, "<=": 0.0, ">=": 0.0, "==": 0.0}


def _failed(op: str, a: Any, b: Any) -> float:
    """explain._gap of a comparison that does not hold."""
    return 1.0 if op == "!=" else abs(a - b) + STRICT[op]


class MissedClauses:
    """Per ending (in the rules' order), its compiled explanation; built for one difficulty."""

    def __init__(self, rt: Any, names: dict[str, Any], header: dict[str, int], tolerances: list[int]) -> None:
        self.q0, self.t0, self.p0, self.e0 = header["q0"], header["t0"], header["p0"], header["e0"]
        self.f0 = header["f0"]
        self.flag = {f: i for i, f in enumerate(names["flags"])}
        self.event = {e: i for i, e in enumerate(names["events"])}
        self.state = State(seed="", scenario="", difficulty="", turn=0, month=0, values=[],
                           tolerances=list(tolerances), flags=set(), fired={}, scheduled=[], policies=[],
                           cards=[])
        self.endings: list[tuple[str, Fn | None]] = []
        for ending in rt.endings:
            cond = rt.conditions.get(f"ending:{ending.id}")
            self.endings.append((ending.id, None if cond is None else self.cond(cond)[0]))
        self.index = {e: i for i, e in enumerate(names["endings"])}

    def count(self, v: list[int], ending: str, stats: Any) -> None:
        """What ``runner._missed`` adds to ``stats`` for a campaign ending in ``ending``."""
        for ending_id, fn in self.endings:
            if ending_id == ending or fn is None:
                continue
            stats.sampled[ending_id] += 1
            counter = stats.missed.setdefault(ending_id, Counter())
            counter.update(set(fn(v)[2]))

    # -- terms ------------------------------------------------------------------
    def term(self, t: x.Term) -> Term:
        if isinstance(t, x.Qty):
            slot = self.q0 + t.index
            return lambda v: v[slot]
        if isinstance(t, x.Tol):
            tslot = self.t0 + t.index
            return lambda v: v[tslot]
        if isinstance(t, x.Num):
            k = t.value
            return lambda v: k
        if isinstance(t, x.Clock):
            cslot = 0 if t.kind == "turn" else 1
            return lambda v: v[cslot]
        if isinstance(t, x.Neg):
            a = self.term(t.a)
            return lambda v: -a(v)
        left, right = self.term(t.a), self.term(t.b)
        if t.op == "+":
            return lambda v: left(v) + right(v)
        if t.op == "-":
            return lambda v: left(v) - right(v)
        if t.op == "*":
            return lambda v: left(v) * right(v)
        return lambda v: (lambda a, b: a / b if b else 0)(left(v), right(v))

    # -- clauses: (function, its text) -------------------------------------------
    def cond(self, c: x.Cond) -> tuple[Fn, str]:
        if isinstance(c, x.Compare):
            return self._compare(c)
        if isinstance(c, x.FlagTest | x.FiredTest):
            return self._test(c)
        if isinstance(c, x.Window):
            return self._window(c)
        if isinstance(c, x.PolicyTest):
            return self._policy(c)
        if isinstance(c, x.Const):
            truth, text = c.truth, "always" if c.truth else "never"
            return (lambda v: (truth, 0.0 if truth else 1.0, [] if truth else [text])), text
        if isinstance(c, x.Not):
            inner, inner_text = self.cond(c.inner)
            text = f"not: {inner_text}"

            def negated(v: list[int]) -> tuple[bool, float, list[str]]:
                held = inner(v)[0]
                return (not held, 1.0 if held else 0.0, [text] if held else [])
            return negated, text
        parts = [self.cond(p)[0] for p in c.parts]
        return (self._all(parts), "all of") if isinstance(c, x.All) else (self._any(parts), "one of")

    @staticmethod
    def _all(parts: list[Fn]) -> Fn:
        def every(v: list[int]) -> tuple[bool, float, list[str]]:
            kids = [p(v) for p in parts]
            holds = all(k[0] for k in kids)
            return holds, sum(k[1] for k in kids), [] if holds else [t for k in kids for t in k[2]]
        return every

    @staticmethod
    def _any(parts: list[Fn]) -> Fn:
        def one(v: list[int]) -> tuple[bool, float, list[str]]:
            kids = [p(v) for p in parts]
            best = min(range(len(kids)), key=lambda i: kids[i][1])
            holds = any(k[0] for k in kids)
            return holds, kids[best][1], [] if holds else kids[best][2]
        return one

    def _compare(self, c: x.Compare) -> tuple[Fn, str]:
        left, right, op = self.term(c.left), self.term(c.right), c.op
        text = f"{x.side(c.left, self.state)} {x.SYMBOL[op]} {x.side(c.right, self.state)}"
        test = TESTS[op]

        def compare(v: list[int]) -> tuple[bool, float, list[str]]:
            a, b = left(v), right(v)
            if test(a, b):
                return True, 0.0, []
            return False, _failed(op, a, b), [text]
        return compare, text

    def _test(self, c: x.FlagTest | x.FiredTest) -> tuple[Fn, str]:
        negated = c.negated
        if isinstance(c, x.FlagTest):  # set: the slot is 1 (`id in state.flags`)
            slot, text = self.f0 + self.flag[c.id], f"not: {c.label}" if negated else c.label

            def flag(v: list[int]) -> tuple[bool, float, list[str]]:
                holds = (v[slot] != 0) != negated
                return holds, 0.0 if holds else 1.0, [] if holds else [text]
            return flag, text
        eslot = self.e0 + self.event[c.id]  # played: the turn it was (`id in state.fired`)
        verb = "has not come up" if negated else "has come up"
        played_text = f"'{c.label}' {verb}"

        def played(v: list[int]) -> tuple[bool, float, list[str]]:
            holds = (v[eslot] >= 0) != negated
            return holds, 0.0 if holds else 1.0, [] if holds else [played_text]
        return played, played_text

    def _window(self, c: x.Window) -> tuple[Fn, str]:
        slot = 0 if c.kind == "turn" else 1
        lo = c.lo if c.lo is not None else -(10**9)
        hi = c.hi if c.hi is not None else 10**9
        text = x._window(c, self.state).text

        def window(v: list[int]) -> tuple[bool, float, list[str]]:
            at = v[slot]
            holds = lo <= at <= hi
            return holds, float(lo - at if at < lo else at - hi if at > hi else 0), [] if holds else [text]
        return window, text

    def _policy(self, c: x.PolicyTest) -> tuple[Fn, str]:
        slot, op, level = self.p0 + c.index, c.op, c.level
        probe = State(seed="", scenario="", difficulty="", turn=0, month=0, values=[], tolerances=[],
                      flags=set(), fired={}, scheduled=[], policies=[0] * (c.index + 1), cards=[])
        text = x._policy(c, probe).text  # the text does not depend on the level the policy is at
        test = TESTS[op]

        def policy(v: list[int]) -> tuple[bool, float, list[str]]:
            at = v[slot]
            if test(at, level):
                return True, 0.0, []
            return False, _failed(op, at, level), [text]
        return policy, text


def missed_clauses(rt: Any, ir: Any, scenario: str, difficulty: str) -> MissedClauses:
    """The missed endings' compiled explanations for a scenario and difficulty (their tolerances:
    the difficulty's plus the scenario's offsets), built once per runtime."""
    cache = rt.extra.setdefault("fast_missed", {})
    entry = cache.get((scenario, difficulty))
    if entry is None or entry[0] is not ir:
        base = ir.tables["difficulties"][ir.names["difficulties"].index(difficulty)]
        t0 = ir.header["t0"]
        offsets = ir.tables["initial"][ir.names["scenarios"].index(scenario)][t0:t0 + len(base)]
        tolerances = [a + b for a, b in zip(base, offsets, strict=True)]
        entry = cache[(scenario, difficulty)] = (ir, MissedClauses(rt, ir.names, ir.header, tolerances))
    clauses: MissedClauses = entry[1]
    return clauses
