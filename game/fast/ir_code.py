"""The pack compiler's code section: conditions, formulas and effects as integer op sequences.

Opcodes and their operands are documented in ``game.fast.ir``. Everything
here works on a pack that compiled without errors: every name resolves.
"""

from __future__ import annotations

import struct
from typing import Any

from game.content import conditions as c
from game.content import effects as e
from game.content.expr import Node, parse
from game.engine.state import month_index

# conditions
C_TRUE, C_FALSE, C_AND, C_OR, C_NOT, C_CMP, C_FLAG, C_FIRED = 0, 1, 2, 3, 4, 5, 6, 7
# numbers
N_INT, N_FLOAT, N_SLOT, N_NEG, N_ADD, N_SUB, N_MUL, N_DIV = 20, 21, 22, 23, 24, 25, 26, 27
# effects
E_SEQ, E_CHANGE, E_FLAG_SET, E_FLAG_CLEAR, E_SET_POLICY = 40, 41, 42, 43, 44
E_SCHED_EVENT, E_SCHED_BLOCK, E_RANDOM, E_IF = 45, 46, 47, 48

# comparison operators, as CMP's first operand
CMP_OPS = ("<", "<=", ">", ">=", "==", "!=")
ARITH = {"+": N_ADD, "-": N_SUB, "*": N_MUL, "/": N_DIV}
FAR = 10**9  # an open end of a turn or date window, as the reference compiler writes it


def float_bits(x: float) -> int:
    """A float as the signed 64-bit integer of its IEEE 754 bits."""
    return int(struct.unpack("<q", struct.pack("<d", x))[0])


def bits_float(n: int) -> float:
    """The float whose IEEE 754 bits are the signed 64-bit integer ``n``."""
    return float(struct.unpack("<d", struct.pack("<q", n))[0])


class Layout:
    """The slots of the flat state, and the names behind them (see ``game.fast.ir``)."""

    TURN, MONTH, ENDING = 0, 1, 2

    def __init__(self, quantities: list[str], tolerances: list[str], policies: dict[str, dict[str, int]],
                 flags: list[str], events: list[str]) -> None:
        self.quantities, self.tolerances, self.flags, self.events = quantities, tolerances, flags, events
        self.policies = list(policies)
        self.levels = policies
        self.q0 = 3
        self.t0 = self.q0 + len(quantities)
        self.p0 = self.t0 + len(tolerances)
        self.f0 = self.p0 + len(self.policies)
        self.e0 = self.f0 + len(flags)
        self.size = self.e0 + len(events)
        self.qslot = {q: self.q0 + i for i, q in enumerate(quantities)}
        self.tslot = {t: self.t0 + i for i, t in enumerate(tolerances)}
        self.pslot = {p: self.p0 + i for i, p in enumerate(self.policies)}
        self.fslot = {f: self.f0 + i for i, f in enumerate(flags)}
        self.eslot = {ev: self.e0 + i for i, ev in enumerate(events)}
        self.eindex = {ev: i for i, ev in enumerate(events)}


class CodeBuilder:
    """Appends conditions, formulas and effects to one integer code array; each is its offset."""

    def __init__(self, layout: Layout, bounds: tuple[list[int], list[int]]) -> None:
        self.lay = layout
        self.qmin, self.qmax = bounds
        self.code: list[int] = []
        self.blocks: list[tuple[str, int]] = []  # (the runtime's block key, offset of its E_SEQ)
        self.floats = False  # a float constant or a division: arithmetic leaves the integers

    def _emit(self, *ops: int) -> int:
        at = len(self.code)
        self.code.extend(ops)
        return at

    # -- conditions ---------------------------------------------------------
    def maybe(self, cond: Any) -> int:
        """The offset of a condition, or -1 for none (always true)."""
        return -1 if cond is None else self.condition(cond)

    def condition(self, cond: Any) -> int:
        """Compile a condition model (or expression string)."""
        if isinstance(cond, str):
            at = len(self.code)
            self._bool(parse(cond))
            return at
        at = len(self.code)
        if isinstance(cond, c.AllCondition | c.AnyCondition):
            parts = cond.all if isinstance(cond, c.AllCondition) else cond.any
            self._emit(C_AND if isinstance(cond, c.AllCondition) else C_OR, len(parts))
            for part in parts:
                self.condition(part)
        elif isinstance(cond, c.NotCondition):
            self._emit(C_NOT)
            self.condition(cond.not_)
        elif isinstance(cond, c.MeterCondition | c.RelationCondition):
            name = cond.meter if isinstance(cond, c.MeterCondition) else cond.relation
            bounds = cond.bounds()
            self._emit(C_AND, len(bounds))
            for op, operand in bounds:
                self._emit(C_CMP, CMP_OPS.index(op), N_SLOT, self.lay.qslot[name])
                if isinstance(operand, str):
                    self._emit(N_SLOT, self.lay.tslot[operand])
                else:
                    self._number(operand)
        elif isinstance(cond, c.FlagCondition):
            self._emit(C_FLAG, self.lay.fslot[cond.flag])
        elif isinstance(cond, c.FiredCondition):
            self._emit(C_FIRED, self.lay.eslot[cond.fired])
        elif isinstance(cond, c.TurnCondition | c.DateCondition):
            self._window(cond)
        else:
            assert isinstance(cond, c.PolicyCondition)
            self._policy(cond)
        return at

    def _window(self, cond: c.TurnCondition | c.DateCondition) -> None:
        is_turn = isinstance(cond, c.TurnCondition)
        win = cond.turn if isinstance(cond, c.TurnCondition) else cond.date
        ends: list[int | None] = []
        for value in (win.min, win.max):
            if value is None:
                ends.append(None)
            else:
                ends.append(value if isinstance(value, int) else month_index(str(value)))
        lo = ends[0] if ends[0] is not None else -FAR
        hi = ends[1] if ends[1] is not None else FAR
        slot = Layout.TURN if is_turn else Layout.MONTH
        self._emit(C_AND, 2, C_CMP, CMP_OPS.index("<="), N_INT, lo, N_SLOT, slot,
                   C_CMP, CMP_OPS.index("<="), N_SLOT, slot, N_INT, hi)

    def _policy(self, cond: c.PolicyCondition) -> None:
        levels = self.lay.levels[cond.policy]
        tests = [(op, getattr(cond, f)) for f, op in (("is_", "=="), ("at_least", ">="), ("at_most", "<="))
                 if getattr(cond, f) is not None]
        self._emit(C_AND, len(tests))
        for op, level in tests:
            self._emit(C_CMP, CMP_OPS.index(op), N_SLOT, self.lay.pslot[cond.policy], N_INT, levels[level])

    def _number(self, k: float) -> None:
        if isinstance(k, int):
            self._emit(N_INT, k)
        else:
            self.floats = True
            self._emit(N_FLOAT, float_bits(k))

    # -- expression trees --------------------------------------------------
    def _bool(self, node: Node) -> None:
        kind = node.kind
        if kind in ("and", "or"):
            self._emit(C_AND if kind == "and" else C_OR, len(node.args))
            for arg in node.args:
                self._bool(arg)
        elif kind == "not":
            self._emit(C_NOT)
            self._bool(node.args[0])
        elif kind == "compare":
            self._compare(node)
        elif kind == "call":
            name = str(node.args[0].value)
            if node.value == "fired":
                self._emit(C_FIRED, self.lay.eslot[name])
            else:
                self._emit(C_FLAG, self.lay.fslot[name])
        else:
            assert kind == "name", f"not a condition: {kind}"
            name = str(node.value)
            if name in ("true", "false"):
                self._emit(C_TRUE if name == "true" else C_FALSE)
            else:
                self._emit(C_FLAG, self.lay.fslot[name])

    def _compare(self, node: Node) -> None:
        left, right = node.args
        op = CMP_OPS.index(str(node.value))
        if left.kind == "name" and str(left.value) in self.lay.pslot:
            policy = str(left.value)
            self._emit(C_CMP, op, N_SLOT, self.lay.pslot[policy], N_INT,
                       self.lay.levels[policy][str(right.value)])
            return
        self._emit(C_CMP, op)
        self._num(left)
        self._num(right)

    def numeric(self, text: str) -> int:
        """Compile a formula string; its offset."""
        at = len(self.code)
        self._num(parse(text))
        return at

    def _num(self, node: Node) -> None:
        kind = node.kind
        if kind == "num":
            assert isinstance(node.value, int | float)
            self._number(node.value)
        elif kind == "month":
            self._emit(N_INT, month_index(str(node.value)))
        elif kind == "neg":
            self._emit(N_NEG)
            self._num(node.args[0])
        elif kind == "arith":
            op = ARITH[str(node.value)]
            self.floats |= op == N_DIV
            self._emit(op)
            self._num(node.args[0])
            self._num(node.args[1])
        else:
            assert kind == "name", f"not a number: {kind}"
            name = str(node.value)
            slot = {"turn": Layout.TURN, "date": Layout.MONTH}.get(name)
            if slot is None:
                slot = self.lay.qslot.get(name, self.lay.tslot.get(name))
            assert slot is not None, f"unknown name {name}"
            self._emit(N_SLOT, slot)

    # -- effects -----------------------------------------------------------
    def effects(self, items: list[Any], owner: str) -> int:
        """Compile an effect list as one E_SEQ; ``owner`` names scheduled blocks as the runtime does."""
        at = self._emit(E_SEQ, len(items))
        for i, item in enumerate(items):
            self._effect(item, f"{owner}.{i}")
        return at

    def _effect(self, item: Any, owner: str) -> None:
        if isinstance(item, e.ChangeEffect):
            self._emit(E_CHANGE, len(item.change))
            for name, delta in item.change.items():
                slot = self.lay.qslot[name]
                i = slot - self.lay.q0
                self._emit(slot, delta, self.qmin[i], self.qmax[i])
        elif isinstance(item, e.SetFlagEffect):
            self._emit(E_FLAG_SET, self.lay.fslot[item.set_flag])
        elif isinstance(item, e.ClearFlagEffect):
            self._emit(E_FLAG_CLEAR, self.lay.fslot[item.clear_flag])
        elif isinstance(item, e.SetPolicyEffect):
            self._emit(E_SET_POLICY, len(item.set_policy))
            for policy, level in item.set_policy.items():
                self._emit(self.lay.pslot[policy], self.lay.levels[policy][level])
        elif isinstance(item, e.ScheduleEffect):
            sched = item.schedule
            if sched.event is not None:
                self._emit(E_SCHED_EVENT, sched.after, self.lay.eindex[sched.event])
            else:
                block = len(self.blocks)
                self.blocks.append((owner, -1))
                at = self._emit(E_SCHED_BLOCK, sched.after, block, 0)
                self.blocks[block] = (owner, self.effects(sched.effects or [], owner))
                self.code[at + 3] = len(self.code) - (at + 4)  # the body follows: skip it when running
        elif isinstance(item, e.RandomEffect):
            self._emit(E_RANDOM, len(item.random), *(o.weight for o in item.random))
            for i, outcome in enumerate(item.random):
                self.effects(outcome.effects, f"{owner}.{i}")
        else:
            assert isinstance(item, e.IfEffect)
            self._emit(E_IF)
            self.condition(item.if_)
            self.effects(item.then, f"{owner}.then")
            self.effects(item.else_, f"{owner}.else")
