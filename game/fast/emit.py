"""The emitter: the integer form's conditions, formulas and effects as Python source.

The source is built only from the emitter's own names and numbers written with
``repr(int)`` (never a content string), checked by ``game.fast.whitelist``
before it is compiled, and run with no builtins. Each condition at code offset
``N`` becomes ``cN(v)``, each formula ``nN(v)`` and each effect sequence
``xN(v, k)``, on the flat state ``v``; ``aN``, ``dN`` and ``m0`` make the turn's
steps one call each (see ``Emitter.month_fns``); ``k`` is the effects' context (see
``game.fast.flat``), reached only through the helpers ``W`` (a weighted die)
and ``S`` (schedule). ``D`` is the engine's division (0 when dividing by 0)
and ``F`` the tuple of the pack's float constants.
"""

from __future__ import annotations

import operator
import re

from game.fast import ir_code as op
from game.fast.ir import PackIR
from game.fast.ir_code import CMP_OPS, bits_float

GENERATOR_VERSION = 11  # 3: the month's deck in one call (rules 3); 4: as cumulative weights; 5: a
# function per month and turn with the date and turn folded into constants; 6: 'not' of a flag;
# 7: a cooldown as one comparison; 8: the month's end (policies' monthly effects written in, then the
# watched endings) as one function; 9: a card of the month's deck that may not be drawn adds nothing;
# 10: a card's open choices as one number (oN), a deck card's condition tested before its readiness,
# a change to a quantity that starts within its range clamped on the delta's side only; 11: the month's
# end reads each policy's level once

SPLIT_DEPTH = 24  # a deeper sub-expression or effect block becomes a function of its own
_ARITH = {op.N_ADD: "+", op.N_SUB: "-", op.N_MUL: "*"}
_FOLD_ARITH = {op.N_ADD: operator.add, op.N_SUB: operator.sub, op.N_MUL: operator.mul}
_FOLD_CMP = (operator.lt, operator.le, operator.gt, operator.ge, operator.eq, operator.ne)  # as CMP_OPS
_CONST = re.compile(r"\((-?[0-9]+)\)")
CHOICE_BITS = 4  # a card has at most four choices (the schema): bit j of its open mask is its choice j


def month_decks(ir: PackIR) -> list[tuple[int, int, tuple[int, ...]]]:
    """The month's decks the scenarios reach, in order: (month, turn, cards), the cards being the
    conditional cards (event indices, in pack order) whose date and turn windows admit them."""
    events = ir.tables["events"]
    decks: dict[tuple[int, int], tuple[int, ...]] = {}
    for length, start in ir.tables["scenarios"]:
        for turn in range(1, length + 1):
            month = start + turn - 1
            decks[(month, turn)] = tuple(i for i, row in enumerate(events)
                                         if row[1] and row[6] <= month <= row[7] and row[8] <= turn <= row[9])
    return [(month, turn, cards) for (month, turn), cards in decks.items()]


def _const(text: str) -> int | None:
    """The integer an emitted number is, if it is a constant."""
    found = _CONST.fullmatch(text)
    return int(found.group(1)) if found else None


class Emitter:
    """Writes one module of functions for a pack's integer form."""

    def __init__(self, ir: PackIR) -> None:
        self.code = ir.code
        self.ir = ir
        self.floats: list[float] = []
        self.float_index: dict[int, int] = {}
        self.lines: list[str] = []
        self.done: dict[str, str] = {}  # function name -> the name written (itself, or an equal one)
        self.bodies: dict[str, str] = {}  # source of a function after its name -> that name
        self.known: dict[int, int] = {}  # slots whose value is known where the code runs (a month's deck)

    # -- entry points ------------------------------------------------------
    def module(self) -> str:
        """The whole module: every condition, formula and effect sequence the tables name."""
        t = self.ir.tables
        for row in t["events"]:
            self.cond_fn(row[2])
        for row in t["choices"]:
            self.cond_fn(row[1])
            self.block_fn(row[2])
        for row in t["levels"]:
            self.cond_fn(row[1])
            self.block_fn(row[2])
        for row in t["endings"]:
            self.cond_fn(row[1])
        for row in t["blocks"]:
            self.block_fn(row[0])
        for row in t["scores"]:
            self.num_fn(row[0])
        self.month_fns()
        self.open_fns()
        return "\n".join(self.lines) + "\n"

    def month_fns(self) -> None:
        """The turn's steps as one call each: a card's draw test ``aN`` (event N), the month's
        deck ``dN`` (deck N of ``month_decks``: the cumulative weights, in deck order, of the
        cards that may be drawn, a card that may not adding 0; the month and turn folded in),
        and the month's end ``m0``: each policy's monthly effects at its level, written in,
        then the watched endings (the first that holds, else -1)."""
        h, t = self.ir.header, self.ir.tables
        for i, row in enumerate(t["events"]):
            if row[1]:  # conditional: used up or cooling down, else its condition
                self.lines.append(f"def a{i}(v):\n    return {self._ready(i)}\n")
        for n, (month, turn, cards) in enumerate(month_decks(self.ir)):
            self.known = {op.Layout.TURN: turn, op.Layout.MONTH: month}
            parts = []
            for j, i in enumerate(cards):
                ready = self._ready(i)
                if ready == "False":  # never this month: it adds nothing
                    parts.append("t" if j else "(t := 0)")
                else:  # a card that may not be drawn repeats the sum before it (no addition)
                    weight = t["events"][i][3]
                    parts.append(f"((t := t + {weight!r}) if {ready} else t)" if j else
                                 f"((t := {weight!r}) if {ready} else (t := 0))")
            self.known = {}
            self.lines.append(f"def d{n}(v):\n    return ({', '.join(parts)}{',' if parts else ''})\n")
        body = []
        for p, (first, count, _) in enumerate(t["policies"]):
            # the levels with monthly effects
            levels = [k for k in range(count) if self.code[t["levels"][first + k][2] + 1]]
            if len(levels) > 1:  # the level read once ('r' is free: a branch taken ends the chain)
                body.append(f"    r = v[{h['p0'] + p!r}]")
            level = "r" if len(levels) > 1 else f"v[{h['p0'] + p!r}]"
            for j, k in enumerate(levels):
                body.append(f"    {'if' if j == 0 else 'elif'} {level} == {k!r}:")
                self.seq(t["levels"][first + k][2], 2, body)
        body += [f"    if {self.cond(w, 1)[0]}:\n        return {e!r}" for e, w in t["watch"]]
        self.lines.append("def m0(v, k):\n" + "\n".join([*body, "    return -1"]) + "\n")

    def open_fns(self) -> None:
        """Per card with a choice that has a condition, ``oN(v)`` (event N): its key, the card's index
        times ``1 << CHOICE_BITS`` plus the mask of its open choices (bit j: choice j is open)."""
        t = self.ir.tables
        for e, row in enumerate(t["events"]):
            first, count = row[10], row[11]
            assert count <= CHOICE_BITS, f"event {e} has more than {CHOICE_BITS} choices"
            whens = [t["choices"][first + j][1] for j in range(count)]
            if all(w < 0 for w in whens):
                continue
            key = (e << CHOICE_BITS) + sum(1 << j for j, w in enumerate(whens) if w < 0)
            parts = [f"({1 << j!r} if {self.cond(w, 1)[0]} else 0)" for j, w in enumerate(whens) if w >= 0]
            self.lines.append(f"def o{e}(v):\n    return ({' + '.join([repr(key), *parts])})\n")

    def _ready(self, i: int) -> str:
        """Whether conditional card ``i`` may be drawn: not used up, not cooling down, its condition."""
        row = self.ir.tables["events"][i]
        slot = self.ir.header["e0"] + i
        ready = f"v[{slot!r}] < 0"
        if not row[4]:
            turn = self.known.get(op.Layout.TURN)
            if turn is None:
                ready = f"({ready} or v[0] - v[{slot!r}] > {row[5]!r})"
            else:  # never played, or played before the turn its cooldown allows (turns are >= 0)
                ready = f"v[{slot!r}] < {max(0, turn - row[5])!r}"
        test = self.cond(row[2], 1)[0] if row[2] >= 0 else "True"
        if test in ("True", "False"):
            return test if test == "False" else ready
        # a card's condition fails more often than it is used up or cooling down: it is tested first
        return f"{test} and {ready}"

    @property
    def aliases(self) -> dict[str, str]:
        """Functions not written because an equal one was: their name -> the one written."""
        return {name: written for name, written in self.done.items() if name != written}

    def _define(self, name: str, head: str, body: str) -> str:
        """Write ``def name`` unless an equal function was written; the name to call."""
        written = self.bodies.get(head + body)
        if written is None:
            written = self.bodies[head + body] = name
            self.lines.append(f"def {name}{head}{body}\n")
        self.done[name] = written
        return written

    def cond_fn(self, at: int) -> str:
        """The name of condition ``at``'s function (written once)."""
        name = f"c{at}"
        if at < 0:
            return name
        if name not in self.done:
            self.done[name] = name  # a deep condition may come back here while it is being written
            known, self.known = self.known, {}  # a function of its own serves every month
            body, _ = self.cond(at, 0)
            self.known = known
            return self._define(name, "(v):\n", f"    return {body}\n")
        return self.done[name]

    def num_fn(self, at: int) -> str:
        """The name of formula ``at``'s function (written once)."""
        name = f"n{at}"
        if name not in self.done:
            self.done[name] = name
            known, self.known = self.known, {}  # a function of its own serves every month
            body, _ = self.num(at, 0)
            self.known = known
            return self._define(name, "(v):\n", f"    return {body}\n")
        return self.done[name]

    def block_fn(self, at: int) -> str:
        """The name of effect sequence ``at``'s function (written once)."""
        name = f"x{at}"
        if name not in self.done:
            self.done[name] = name
            out: list[str] = []
            known, self.known = self.known, {}
            self.seq(at, 1, out)
            self.known = known
            return self._define(name, "(v, k):\n", "\n".join(out) + "\n")
        return self.done[name]

    # -- conditions and numbers: (source, next offset) ----------------------
    def cond(self, at: int, depth: int) -> tuple[str, int]:
        code = self.code
        kind = code[at]
        if depth > SPLIT_DEPTH:
            return f"{self.cond_fn(at)}(v)", self._skip_cond(at)
        if kind in (op.C_TRUE, op.C_FALSE):
            return ("True" if kind == op.C_TRUE else "False"), at + 1
        if kind in (op.C_AND, op.C_OR):
            parts, nxt = [], at + 2
            for _ in range(code[at + 1]):
                text, nxt = self.cond(nxt, depth + 1)
                parts.append(text)
            unit, zero = ("True", "False") if kind == op.C_AND else ("False", "True")
            if zero in parts:
                return zero, nxt
            parts = [p for p in parts if p != unit]
            if len(parts) < 2:
                return (parts[0] if parts else unit), nxt
            joiner = " and " if kind == op.C_AND else " or "
            return "(" + joiner.join(parts) + ")", nxt
        if kind == op.C_NOT:
            inner = code[at + 1]
            if inner in (op.C_FLAG, op.C_FIRED):  # integers: 'not' is the opposite test
                test = "== 0" if inner == op.C_FLAG else "< 0"
                return f"(v[{code[at + 2]!r}] {test})", at + 3
            text, nxt = self.cond(at + 1, depth + 1)
            if text in ("True", "False"):
                return ("False" if text == "True" else "True"), nxt
            return f"(not {text})", nxt
        if kind == op.C_CMP:
            left, nxt = self.num(at + 2, depth + 1)
            right, nxt = self.num(nxt, depth + 1)
            a, b = _const(left), _const(right)
            if a is not None and b is not None:
                return ("True" if _FOLD_CMP[code[at + 1]](a, b) else "False"), nxt
            return f"({left} {CMP_OPS[code[at + 1]]} {right})", nxt
        if kind == op.C_FLAG:
            return f"(v[{code[at + 1]!r}] != 0)", at + 2
        assert kind == op.C_FIRED, f"bad condition opcode {kind}"
        return f"(v[{code[at + 1]!r}] >= 0)", at + 2

    def num(self, at: int, depth: int) -> tuple[str, int]:
        code = self.code
        kind = code[at]
        if depth > SPLIT_DEPTH:
            return f"{self.num_fn(at)}(v)", self._skip_num(at)
        if kind == op.N_INT:
            return f"({code[at + 1]!r})", at + 2
        if kind == op.N_FLOAT:
            bits = code[at + 1]
            if bits not in self.float_index:
                self.float_index[bits] = len(self.floats)
                self.floats.append(bits_float(bits))
            return f"F[{self.float_index[bits]!r}]", at + 2
        if kind == op.N_SLOT:
            slot = code[at + 1]
            if slot in self.known:
                return f"({self.known[slot]!r})", at + 2
            return f"v[{slot!r}]", at + 2
        if kind == op.N_NEG:
            text, nxt = self.num(at + 1, depth + 1)
            value = _const(text)
            return (f"(-{text})" if value is None else f"({-value!r})"), nxt
        left, nxt = self.num(at + 1, depth + 1)
        right, nxt = self.num(nxt, depth + 1)
        if kind == op.N_DIV:
            return f"D({left}, {right})", nxt
        a, b = _const(left), _const(right)
        if a is not None and b is not None:
            return f"({_FOLD_ARITH[kind](a, b)!r})", nxt
        return f"({left} {_ARITH[kind]} {right})", nxt

    def _skip_cond(self, at: int) -> int:
        code = self.code
        kind = code[at]
        if kind in (op.C_TRUE, op.C_FALSE):
            return at + 1
        if kind in (op.C_AND, op.C_OR):
            nxt = at + 2
            for _ in range(code[at + 1]):
                nxt = self._skip_cond(nxt)
            return nxt
        if kind == op.C_NOT:
            return self._skip_cond(at + 1)
        if kind == op.C_CMP:
            return self._skip_num(self._skip_num(at + 2))
        return at + 2

    def _skip_num(self, at: int) -> int:
        kind = self.code[at]
        if kind in (op.N_INT, op.N_FLOAT, op.N_SLOT):
            return at + 2
        if kind == op.N_NEG:
            return self._skip_num(at + 1)
        return self._skip_num(self._skip_num(at + 1))

    def _starts_within(self, slot: int, lo: int, hi: int) -> bool:
        """Whether the quantity in ``slot`` starts within [lo, hi] in every scenario: every change
        clamps it to [lo, hi], so it stays there, and a change by a delta can pass one side."""
        return all(lo <= initial[slot] <= hi for initial in self.ir.tables["initial"])

    # -- effects: statements at an indent; each returns the next offset ------
    def seq(self, at: int, indent: int, out: list[str]) -> int:
        code = self.code
        assert code[at] == op.E_SEQ, f"not an effect sequence at {at}"
        if indent > SPLIT_DEPTH // 4:
            out.append("    " * indent + f"{self.block_fn(at)}(v, k)")
            return self.skip_seq(at)
        start = len(out)
        nxt = at + 2
        for _ in range(code[at + 1]):
            nxt = self.effect(nxt, indent, out)
        if len(out) == start:
            out.append("    " * indent + "pass")
        return nxt

    def skip_seq(self, at: int) -> int:
        """The offset after an effect sequence."""
        scratch: list[str] = []
        nxt = at + 2
        for _ in range(self.code[at + 1]):
            nxt = self.effect(nxt, 0, scratch)
        return nxt

    def effect(self, at: int, indent: int, out: list[str]) -> int:
        code = self.code
        pad = "    " * indent
        kind = code[at]
        if kind == op.E_CHANGE:
            n = code[at + 1]
            for j in range(n):
                slot, delta, lo, hi = code[at + 2 + 4 * j: at + 6 + 4 * j]
                if self._starts_within(slot, lo, hi):  # so it stays within: one side can be passed
                    if delta:
                        out.append(f"{pad}t = v[{slot!r}] + ({delta!r})")
                        out.append(f"{pad}v[{slot!r}] = ({hi!r}) if t > ({hi!r}) else t" if delta > 0 else
                                   f"{pad}v[{slot!r}] = ({lo!r}) if t < ({lo!r}) else t")
                    continue
                out.append(f"{pad}t = v[{slot!r}] + ({delta!r})")
                out.append(f"{pad}v[{slot!r}] = ({hi!r}) if t > ({hi!r}) else ({lo!r}) "
                           f"if t < ({lo!r}) else t")
            return at + 2 + 4 * n
        if kind in (op.E_FLAG_SET, op.E_FLAG_CLEAR):
            out.append(f"{pad}v[{code[at + 1]!r}] = {1 if kind == op.E_FLAG_SET else 0!r}")
            return at + 2
        if kind == op.E_SET_POLICY:
            n = code[at + 1]
            for j in range(n):
                out.append(f"{pad}v[{code[at + 2 + 2 * j]!r}] = {code[at + 3 + 2 * j]!r}")
            return at + 2 + 2 * n
        if kind in (op.E_SCHED_EVENT, op.E_SCHED_BLOCK):
            which = 0 if kind == op.E_SCHED_EVENT else 1
            out.append(f"{pad}S(k, v[0] + ({code[at + 1]!r}), {which!r}, {code[at + 2]!r})")
            return at + 3 if which == 0 else at + 4 + code[at + 3]
        if kind == op.E_RANDOM:
            n = code[at + 1]
            weights = ", ".join(repr(w) for w in code[at + 2: at + 2 + n])
            out.append(f"{pad}r = W(k, ({weights},))")
            nxt = at + 2 + n
            for j in range(n):
                out.append(f"{pad}{'if' if j == 0 else 'elif'} r == {j!r}:")
                nxt = self.seq(nxt, indent + 1, out)
            return nxt
        assert kind == op.E_IF, f"bad effect opcode {kind}"
        test, nxt = self.cond(at + 1, 0)
        out.append(f"{pad}if {test}:")
        nxt = self.seq(nxt, indent + 1, out)
        out.append(f"{pad}else:")
        return self.seq(nxt, indent + 1, out)
