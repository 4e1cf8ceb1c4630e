"""The emitted code agrees with the reference closures; the whitelist refuses anything else."""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from game.content.loader import load, load_runtime
from game.engine.runtime import Ctx, Runtime
from game.engine.state import Cause, State
from game.fast.compiled import Compiled, load_compiled
from game.fast.flat import Campaign, FlatPack, to_state
from game.fast.whitelist import UnsafeSource, check
from tests.fast.traces import flat_trace, reference_trace

BASE = Path(__file__).resolve().parents[2] / "content"


def _random_campaign(rt: Runtime, fp: FlatPack, r: random.Random) -> Campaign:
    """A flat campaign with a random state inside the pack's ranges (its desk left as drawn)."""
    sc = r.choice(rt.pack.scenarios)
    camp = Campaign(fp, sc.id, r.choice(rt.pack.difficulties).id, str(r.random()))
    v = camp.v
    camp.sched = []  # as to_state leaves it
    v[0] = r.randint(1, 40)
    v[1] = v[1] + r.randint(-3, 40)
    for i in range(len(rt.quantities)):
        v[3 + i] = r.randint(rt.qmin[i], rt.qmax[i])
    for i, policy in enumerate(rt.policies):
        v[fp.p0 + i] = r.randrange(len(policy.levels))
    for i in range(fp.p0 + len(rt.policies), fp.e0):
        v[i] = r.randint(0, 1)
    for i in range(fp.e0, fp.size):
        v[i] = r.choice((-1, -1, 0, r.randint(1, v[0])))
    return camp


def _conditions(rt: Runtime, compiled: Compiled) -> list[tuple[object, object]]:
    """(reference closure, emitted function) for every condition the tables name."""
    ir, t = compiled.ir, compiled.ir.tables
    pairs: list[tuple[object, object]] = []
    for row, ev_id in zip(t["events"], ir.names["events"], strict=True):
        ev = rt.events[ev_id]
        pairs.append((ev.when, compiled.cond(row[2])))
        for choice, crow in zip(ev.choices, t["choices"][row[10]:row[10] + row[11]], strict=True):
            pairs.append((choice.when, compiled.cond(crow[1])))
    for policy, prow in zip(rt.policies, t["policies"], strict=True):
        for level, lrow in zip(policy.levels, t["levels"][prow[0]:prow[0] + prow[1]], strict=True):
            pairs.append((level.when, compiled.cond(lrow[1])))
    for ending, erow in zip(rt.endings, t["endings"], strict=True):
        pairs.append((ending.when, compiled.cond(erow[1])))
    return pairs


@pytest.mark.parametrize("pack", ["starter", "base"])
def test_emitted_code_agrees_with_the_closures_on_random_states(pack: str, starter_rt: Runtime) -> None:
    rt = starter_rt if pack == "starter" else load_runtime(BASE)
    compiled = load_compiled(rt)
    fp = FlatPack(compiled)
    pairs = _conditions(rt, compiled)
    r = random.Random(16)
    for _ in range(150):
        camp = _random_campaign(rt, fp, r)
        state = to_state(camp, rt)
        for ref, emitted in pairs:
            assert (ref is None) == (emitted is None)
            if ref is not None and emitted is not None:
                assert bool(ref(state)) == bool(emitted(camp.v))  # type: ignore[operator]
        for dim, row in zip(rt.scores, compiled.ir.tables["scores"], strict=True):
            assert rt.scores[dim](state) == compiled.formula(row[0])(camp.v), dim
        _same_effects(rt, fp, camp, state, r)


def _same_effects(rt: Runtime, fp: FlatPack, camp: Campaign, state: State, r: random.Random) -> None:
    """One random choice's effects, then one policy level's monthly effects, on both engines."""
    ev_index = r.randrange(len(fp.choices))
    ev = rt.events[fp.names["events"][ev_index]]
    j = r.randrange(len(ev.choices))
    p = r.randrange(len(rt.policies))
    level = r.randrange(len(rt.policies[p].levels))
    ctx = Ctx(state, rt, "resolve", Cause("choice", state.turn), None)
    for effect in ev.choices[j].effects + rt.policies[p].levels[level].monthly:
        effect(ctx)
    k: list[object] = [None, camp.seeded, camp.v[0], "resolve", camp.sched]
    fp.choice_fx[fp.choices_first[ev_index] + j](camp.v, k)
    fp.levels[p][level][1](camp.v, k)
    after = to_state(camp, rt)
    assert (after.values, after.flags, after.policies) == (state.values, state.flags, state.policies)
    names = fp.names
    assert [(d, names["events"][i] if w == 0 else None, names["blocks"][i] if w else None)
            for d, w, i in camp.sched] == [(s.due, s.event, s.effects) for s in state.scheduled]


def _hostile(pack: Path) -> None:
    """Huge constants and expressions at the nesting limits; effects nested a dozen ifs deep."""
    events = pack / "events.yaml"
    text = events.read_text(encoding="utf-8")
    deep = "(" * 30 + "damascus" + " + 999999 - 999999" * 30 + ")" * 30 + " > -50"
    text = text.replace('when: "damascus > -50"', f'when: "{deep} and not (not (not (turn > 999999)))"', 1)
    nested = '[{"change": {"damascus": -4, "ceasefire": 6}}]'
    for depth in range(12):
        nested = (f'[{{"if": "ceasefire * {999999 - depth} >= 0 - 999999", "then": {nested}, '
                  f'"else": [{{"change": {{"damascus": 1}}}}]}}]')
    text = text.replace("effects: [{change: {damascus: -4, ceasefire: 6}}]", f"effects: {nested}", 1)
    events.write_text(text, encoding="utf-8")


def test_a_hostile_pack_at_the_limits_still_compiles_and_plays_the_same(pack_copy: Path) -> None:
    _hostile(pack_copy)
    _, rt, errors = load(pack_copy)
    assert not errors, [e.render() for e in errors]
    compiled = load_compiled(rt, use_cache=False)
    assert compiled.status == "built"
    from game.sim.bots import make_bots

    sc = rt.pack.scenarios[0]
    diff = sc.default_difficulty or rt.pack.difficulties[0].id
    for sid, bot in make_bots(rt).items():
        if sid != "planner":
            for seed in ("h0", "h1", "h2", "h3", "h4", "h5"):
                assert flat_trace(rt, bot, sc.id, diff, seed) == reference_trace(rt, bot, sc.id, diff, seed)


BAD = {
    "import": "import os\n",
    "attribute": "def c1(v):\n    return v.__class__\n",
    "string": "def c1(v):\n    return 'x'\n",
    "float": "def c1(v):\n    return 0.5\n",
    "builtin": "def c1(v):\n    return open(1)\n",
    "dunder": "def c1(v):\n    return __builtins__\n",
    "lambda": "def c1(v):\n    return (lambda: 1)()\n",
    "assign state": "def x1(v, k):\n    v = 1\n",
    "odd name": "def evil(v):\n    return 1\n",
    "top-level code": "c1 = 1\n",
    "loop": "def x1(v, k):\n    while 1:\n        pass\n",
    "index by name": "def c1(v):\n    return v[k]\n",
    "call a list": "def c1(v):\n    return v(1)\n",
    "keyword": "def x1(v, k):\n    W(k, weights=1)\n",
    "default": "def c1(v=1):\n    return 1\n",
    "syntax": "def c1(v):\n    return (\n",
    "open mask without a number": "def o(v):\n    return 1\n",
    "open mask by another name": "def oo1(v):\n    return 1\n",
}


@pytest.mark.parametrize("name", sorted(BAD))
def test_the_whitelist_refuses_what_the_emitter_never_writes(name: str) -> None:
    with pytest.raises(UnsafeSource):
        check(BAD[name])


def test_the_whitelist_takes_what_the_emitter_writes(starter_rt: Runtime) -> None:
    from game.fast.emit import Emitter
    from game.fast.ir import build_ir

    check(Emitter(build_ir(starter_rt)).module())
