"""The pack compiler: a loaded runtime as plain integer tables (the integer intermediate form).

The form is what the fast backends run: the Python emitter (``game.fast.emit``)
and the native kernel read nothing else, so it must say everything the rules
need, in integers only (no content string is ever in ``code``). It is a
JSON-able mapping of lists of ints (``PackIR.to_json``), with a version
(``IR_VERSION``) and a stable hash (``PackIR.hash``). ``names`` maps indices
back to the pack's ids, for saves, explanations and tests; the kernel ignores it.

Flat state (one list of ints; ``layout`` gives the offsets)::

    0 turn   1 month (year*12 + month-1)   2 ending (index into names.endings, -1 none)
    q0.. quantities (meters then relations), t0.. tolerances, p0.. policy levels,
    f0.. flags (0/1), e0.. events: the turn each was last played (-1 never; 0 for a
    scenario's `fired`), size = e0 + number of events.

Besides the flat state a campaign holds the desk (event indices) and the scheduled
list of (due turn, kind 0 event / 1 block, event or block index), in order.

``code`` holds every condition, number and effect in prefix form; a table refers
to one by its offset (-1: none, always true / no effects). Slots are flat-state
offsets. Operands follow the opcode::

    conditions                               numbers (Python int/float semantics)
    0  TRUE                                  20 INT k
    1  FALSE                                 21 FLOAT bits (IEEE 754 double as int64)
    2  AND n c1..cn                          22 SLOT s
    3  OR n c1..cn                           23 NEG a
    4  NOT c                                 24 ADD a b   25 SUB a b   26 MUL a b
    5  CMP op a b   op: 0 < 1 <= 2 > 3 >= 4 == 5 !=
    6  FLAG s       (v[s] != 0)              27 DIV a b   (a / b, a true division, or 0 if b == 0)
    7  FIRED s      (v[s] >= 0)

    effects
    40 SEQ n e1..en
    41 CHANGE n (slot delta lo hi)*n       v[slot] = clamp(v[slot] + delta, lo, hi)
    42 FLAG_SET s    43 FLAG_CLEAR s
    44 SET_POLICY n (slot level)*n
    45 SCHED_EVENT after event             due on turn + after
    46 SCHED_BLOCK after block len seq     the block's SEQ follows (len ints; skipped
                                           when run: it runs when due) = ``blocks[block]``
    47 RANDOM n w1..wn seq1..seqn          one branch by weight: Rng.weighted
    48 IF c seq_then seq_else

Arithmetic is exact on Python ints; ``header.floats`` is 1 when a FLOAT or DIV
appears (then a number may be a double, as in the reference engine). Tables
(one list of ints per row)::

    events     month (-1 none), conditional 0/1, when, weight, once 0/1, cooldown,
               month_lo, month_hi, turn_lo, turn_hi, first choice, choice count
    choices    event, when, effects
    policies   first level, level count, max_step (-1 none)
    levels     policy, when, monthly effects
    endings    in the order the rules test them: ending, when, at_end, fallback, priority
    watch      endings tested after every turn: ending, when
    blocks     offset of each scheduled block's SEQ
    scenarios  turns, start month      initial: a flat state per scenario (tolerances: its offsets)
    difficulties  the tolerances of each
    scores     offset of each score dimension's formula

The dice are ``game.engine.rng.Rng``: a 64-bit LCG keyed by the first 8 bytes
(little-endian) of blake2b(f"{seed}:{turn}:{stream}", digest_size=8); streams
"draw", "resolve", "consequences" and "bot". The month's rules follow
``game.engine.turn`` (rules ``header.rules``).
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass, field
from typing import Any

from game.engine.runtime import Runtime
from game.engine.state import RULES, month_index
from game.fast.ir_code import CodeBuilder, Layout

IR_VERSION = 2  # 2: the initial tolerances hold the scenario's offsets


@dataclass(slots=True)
class PackIR:
    """The integer form of a pack (see the module docstring)."""

    header: dict[str, int]
    code: list[int]
    tables: dict[str, list[list[int]]]
    names: dict[str, Any] = field(default_factory=dict)
    _hash: str | None = None

    def to_json(self) -> dict[str, Any]:
        """The form as JSON: ints and lists of ints, plus the name maps."""
        return {"version": IR_VERSION, "header": self.header, "code": self.code,
                "tables": self.tables, "names": self.names}

    @property
    def hash(self) -> str:
        """A stable hash of the whole form (sha256 of its canonical JSON)."""
        if self._hash is None:
            text = json.dumps(self.to_json(), sort_keys=True, separators=(",", ":"))
            self._hash = hashlib.sha256(text.encode()).hexdigest()
        return self._hash

    @property
    def layout(self) -> dict[str, int]:
        """The flat state's offsets."""
        return self.header


def build_ir(rt: Runtime) -> PackIR:
    """The integer form of a runtime compiled without errors."""
    pack = rt.pack
    policies = {p.id: {lv.id: i for i, lv in enumerate(p.levels)} for p in pack.policies}
    lay = Layout(list(rt.quantities), list(rt.tolerance_ids), policies,
                 [f.id for f in pack.items("flags")], [ev.id for ev in pack.events])
    cb = CodeBuilder(lay, (rt.qmin, rt.qmax))
    tables: dict[str, list[list[int]]] = {k: [] for k in (
        "events", "choices", "policies", "levels", "endings", "watch", "blocks", "scenarios",
        "initial", "difficulties", "scores")}
    _events(pack, rt, cb, tables)
    for p in pack.policies:
        tables["policies"].append([len(tables["levels"]), len(p.levels),
                                   -1 if p.max_step is None else p.max_step])
        for lv in p.levels:
            tables["levels"].append([len(tables["policies"]) - 1, cb.maybe(lv.when),
                                     cb.effects(lv.monthly, f"{p.id}.{lv.id}")])
    _endings(pack, rt, cb, tables)
    tables["blocks"] = [[offset] for _, offset in cb.blocks]
    for dim in pack.items("score_dimensions"):
        tables["scores"].append([cb.numeric(dim.formula)])
    for sc in pack.scenarios:
        tables["scenarios"].append([rt.lengths[sc.id], month_index(sc.start)])
        tables["initial"].append(_initial(rt, lay, sc))
    for d in pack.difficulties:
        tables["difficulties"].append([d.tolerances[t] for t in rt.tolerance_ids])
    header = {"version": IR_VERSION, "rules": RULES, "turn": Layout.TURN, "month": Layout.MONTH,
              "ending": Layout.ENDING, "q0": lay.q0, "t0": lay.t0, "p0": lay.p0, "f0": lay.f0,
              "e0": lay.e0, "size": lay.size, "cards_min": rt.cards_min, "cards_max": rt.cards_max,
              "floats": int(cb.floats)}
    names = {"quantities": lay.quantities, "tolerances": lay.tolerances, "policies": lay.policies,
             "levels": [list(levels) for levels in policies.values()], "flags": lay.flags,
             "events": lay.events, "choices": [[ch.id for ch in ev.choices] for ev in pack.events],
             "endings": [en.id for en in pack.endings], "blocks": [key for key, _ in cb.blocks],
             "scenarios": [sc.id for sc in pack.scenarios],
             "difficulties": [d.id for d in pack.difficulties],
             "scores": [d.id for d in pack.items("score_dimensions")]}
    return PackIR(header, cb.code, tables, names)


def _events(pack: Any, rt: Runtime, cb: CodeBuilder, tables: dict[str, list[list[int]]]) -> None:
    for i, ev in enumerate(pack.events):
        cev = rt.events[ev.id]
        first = len(tables["choices"])
        for ch in ev.choices:
            tables["choices"].append([i, cb.maybe(ch.when), cb.effects(ch.effects, f"{ev.id}.{ch.id}")])
        tables["events"].append([
            -1 if cev.month is None else cev.month, int(ev.kind == "conditional"), cb.maybe(ev.when),
            ev.weight, int(ev.once), ev.cooldown, *cev.window, first, len(ev.choices)])


def _endings(pack: Any, rt: Runtime, cb: CodeBuilder, tables: dict[str, list[list[int]]]) -> None:
    index = {en.id: i for i, en in enumerate(pack.endings)}
    when: dict[str, int] = {}
    for en in pack.endings:
        when[en.id] = cb.maybe(en.when)
    for en in rt.endings:
        tables["endings"].append([index[en.id], when[en.id], int(en.at_end), int(en.fallback), en.priority])
    for ending_id, _ in rt.watch:
        tables["watch"].append([index[ending_id], when[ending_id]])


def _initial(rt: Runtime, lay: Layout, sc: Any) -> list[int]:
    """A scenario's flat state before its first month's cards are drawn (the tolerances hold the
    scenario's offsets, to which the difficulty's tolerances are added)."""
    v = [0] * lay.size
    v[Layout.TURN], v[Layout.MONTH], v[Layout.ENDING] = 1, month_index(sc.start), -1
    values = rt.qdefault[:]
    for name, value in sc.initial.values.items():
        values[rt.qindex[name]] = value
    v[lay.q0:lay.t0] = values
    for pid, slot in lay.pslot.items():
        v[slot] = lay.levels[pid].get(sc.initial.policies.get(pid, ""), 0)
    for flag in sc.initial.flags:
        v[lay.fslot[flag]] = 1
    for i in range(lay.e0, lay.size):
        v[i] = -1
    for ev in sc.initial.fired:
        v[lay.eslot[ev]] = 0
    for i, tid in enumerate(lay.tolerances):
        v[lay.t0 + i] = sc.tolerances.get(tid, 0)
    return v
