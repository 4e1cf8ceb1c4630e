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

# a compiled clause: the flat state -> None when it holds, else (its gap, the texts of its failing
# leaves, in order); a clause that fails always has a gap above 0 (explain._gap), one that holds 0
Fast = Callable[[list[int]], "tuple[float, tuple[str, ...]] | None"]
# the same as explain's clause reads it: (holds, gap, the failing leaves' texts)
Fn = Callable[[list[int]], tuple[bool, float, list[str]]]
Term = Callable[[list[int]], Any]
# explain._test's comparisons, and what explain._gap adds past the distance when one fails
TESTS = {"<": operator.lt, "<=": operator.le, ">": operator.gt, ">=": operator.ge, "==": operator.eq,
         "!=": operator.ne}
STRICT = {"<": 1.0, ">": 1.0, "<=": 0.0, ">=": 0.0, "==": 0.0}


def _failed(op: str, a: Any, b: Any) -> float:
    """explain._gap of a comparison that does not hold."""
    return 1.0 if op == "!=" else abs(a - b) + STRICT[op]


def _as_clause(fast: Fast) -> Fn:
    """A compiled clause read as explain's clause: (holds, gap, texts)."""
    def clause(v: list[int]) -> tuple[bool, float, list[str]]:
        missed = fast(v)
        return (True, 0.0, []) if missed is None else (False, missed[0], list(missed[1]))
    return clause


class MissedClauses:
    """Per ending (in the rules' order), its compiled explanation; built for one difficulty.

    Each clause compiles to a function that answers None when it holds, so that a
    campaign's many holding leaves cost a test each and build nothing."""

    def __init__(self, rt: Any, names: dict[str, Any], header: dict[str, int], tolerances: list[int]) -> None:
        self.q0, self.t0, self.p0, self.e0 = header["q0"], header["t0"], header["p0"], header["e0"]
        self.f0 = header["f0"]
        self.flag = {f: i for i, f in enumerate(names["flags"])}
        self.event = {e: i for i, e in enumerate(names["events"])}
        self.state = State(seed="", scenario="", difficulty="", turn=0, month=0, values=[],
                           tolerances=list(tolerances), flags=set(), fired={}, scheduled=[], policies=[],
                           cards=[])
        self.fast: list[tuple[str, Fast | None]] = []
        for ending in rt.endings:
            cond = rt.conditions.get(f"ending:{ending.id}")
            self.fast.append((ending.id, None if cond is None else self.cond(cond)[0]))
        self.endings: list[tuple[str, Fn | None]] = [(e, None if f is None else _as_clause(f))
                                                     for e, f in self.fast]
        self.index = {e: i for i, e in enumerate(names["endings"])}

    def count(self, v: list[int], ending: str, stats: Any) -> None:
        """What ``runner._missed`` adds to ``stats`` for a campaign ending in ``ending``."""
        sampled, counters = stats.sampled, stats.missed
        for ending_id, fn in self.fast:
            if ending_id == ending or fn is None:
                continue
            sampled[ending_id] += 1
            counter = counters.get(ending_id)
            if counter is None:
                counter = counters[ending_id] = Counter()
            missed = fn(v)
            if missed is not None:
                for text in set(missed[1]):
                    counter[text] += 1

    # -- terms ------------------------------------------------------------------
    def slot(self, t: x.Term) -> int | None:
        """The state's slot a term reads as it is, or None."""
        if isinstance(t, x.Qty):
            return self.q0 + t.index
        if isinstance(t, x.Tol):
            return self.t0 + t.index
        if isinstance(t, x.Clock):
            return 0 if t.kind == "turn" else 1
        return None

    def term(self, t: x.Term) -> Term:
        slot = self.slot(t)
        if slot is not None:
            return lambda v: v[slot]
        if isinstance(t, x.Num):
            k = t.value
            return lambda v: k
        if isinstance(t, x.Neg):
            a = self.term(t.a)
            return lambda v: -a(v)
        assert isinstance(t, x.Arith)
        left, right = self.term(t.a), self.term(t.b)
        if t.op == "+":
            return lambda v: left(v) + right(v)
        if t.op == "-":
            return lambda v: left(v) - right(v)
        if t.op == "*":
            return lambda v: left(v) * right(v)
        return lambda v: (lambda a, b: a / b if b else 0)(left(v), right(v))

    # -- clauses: (function, its text) -------------------------------------------
    def cond(self, c: x.Cond) -> tuple[Fast, str]:
        if isinstance(c, x.Compare):
            return self._compare(c)
        if isinstance(c, x.FlagTest | x.FiredTest):
            return self._test(c)
        if isinstance(c, x.Window):
            return self._window(c)
        if isinstance(c, x.PolicyTest):
            return self._policy(c)
        if isinstance(c, x.Const):
            text = "always" if c.truth else "never"
            never = None if c.truth else (1.0, (text,))
            return (lambda v: never), text
        if isinstance(c, x.Not):
            inner, inner_text = self.cond(c.inner)
            text = f"not: {inner_text}"
            held = (1.0, (text,))
            return (lambda v: held if inner(v) is None else None), text
        parts = tuple(self.cond(p)[0] for p in c.parts)
        return (self._all(parts), "all of") if isinstance(c, x.All) else (self._any(parts), "one of")

    @staticmethod
    def _all(parts: tuple[Fast, ...]) -> Fast:
        def every(v: list[int]) -> tuple[float, tuple[str, ...]] | None:
            gap, texts = 0.0, ()  # type: tuple[float, tuple[str, ...]]
            for p in parts:
                missed = p(v)
                if missed is not None:
                    gap += missed[0]
                    texts += missed[1]
            return (gap, texts) if texts else None  # a failing clause always names a leaf
        return every

    @staticmethod
    def _any(parts: tuple[Fast, ...]) -> Fast:
        def one(v: list[int]) -> tuple[float, tuple[str, ...]] | None:
            best = None
            for p in parts:
                missed = p(v)
                if missed is None:
                    return None
                if best is None or missed[0] < best[0]:  # the first of the smallest gaps
                    best = missed
            return best
        return one

    def _compare(self, c: x.Compare) -> tuple[Fast, str]:
        op = c.op
        text = f"{x.side(c.left, self.state)} {x.SYMBOL[op]} {x.side(c.right, self.state)}"
        test, strict, texts = TESTS[op], STRICT.get(op), (text,)
        slot = self.slot(c.left)
        if slot is not None and isinstance(c.right, x.Num):  # a quantity against a number: one read
            k = c.right.value

            def against(v: list[int]) -> tuple[float, tuple[str, ...]] | None:
                a = v[slot]
                if test(a, k):
                    return None
                return (1.0 if strict is None else abs(a - k) + strict), texts
            return against, text
        left, right = self.term(c.left), self.term(c.right)

        def compare(v: list[int]) -> tuple[float, tuple[str, ...]] | None:
            a, b = left(v), right(v)
            if test(a, b):
                return None
            return (1.0 if strict is None else abs(a - b) + strict), texts
        return compare, text

    def _test(self, c: x.FlagTest | x.FiredTest) -> tuple[Fast, str]:
        negated = c.negated
        if isinstance(c, x.FlagTest):  # set: the slot is 1 (`id in state.flags`)
            slot, text = self.f0 + self.flag[c.id], f"not: {c.label}" if negated else c.label
            flag_missed = (1.0, (text,))
            return (lambda v: None if (v[slot] != 0) != negated else flag_missed), text
        eslot = self.e0 + self.event[c.id]  # played: the turn it was (`id in state.fired`)
        verb = "has not come up" if negated else "has come up"
        played_text = f"'{c.label}' {verb}"
        played_missed = (1.0, (played_text,))
        return (lambda v: None if (v[eslot] >= 0) != negated else played_missed), played_text

    def _window(self, c: x.Window) -> tuple[Fast, str]:
        slot = 0 if c.kind == "turn" else 1
        lo = c.lo if c.lo is not None else -(10**9)
        hi = c.hi if c.hi is not None else 10**9
        text = x._window(c, self.state).text
        texts = (text,)

        def window(v: list[int]) -> tuple[float, tuple[str, ...]] | None:
            at = v[slot]
            if lo <= at <= hi:
                return None
            return float(lo - at if at < lo else at - hi), texts
        return window, text

    def _policy(self, c: x.PolicyTest) -> tuple[Fast, str]:
        slot, op, level = self.p0 + c.index, c.op, c.level
        probe = State(seed="", scenario="", difficulty="", turn=0, month=0, values=[], tolerances=[],
                      flags=set(), fired={}, scheduled=[], policies=[0] * (c.index + 1), cards=[])
        text = x._policy(c, probe).text  # the text does not depend on the level the policy is at
        test, texts = TESTS[op], (text,)

        def policy(v: list[int]) -> tuple[float, tuple[str, ...]] | None:
            at = v[slot]
            if test(at, level):
                return None
            return _failed(op, at, level), texts
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
