"""Generated draw and watch tests agree with the closures; a replay equals the turn-by-turn campaign."""

from __future__ import annotations

import ast
import random
from dataclasses import replace
from pathlib import Path

import pytest

from game.content.loader import load_runtime
from game.engine.gencode import inside_window
from game.engine.gencond import generate, source
from game.engine.rng import Rng
from game.engine.runtime import CEvent, Runtime
from game.engine.state import State
from game.engine.turn import Decision, apply_turn, new_campaign, resolve_in_place
from game.session import Session
from game.sim.bots import as_decision, make_bots

CONTENT = Path(__file__).resolve().parents[2] / "content"


@pytest.fixture(scope="module")
def base_rt() -> Runtime:
    return load_runtime(CONTENT)


def closure_draw(rt: Runtime, state: State, cards: list[str]) -> list[CEvent]:
    """The month's deck tested as the rules state it, with the compiled closures."""
    out = []
    for ev in rt.deck(state.month, state.turn).cards:
        last = state.fired.get(ev.id)
        if (last is None or not ev.once and state.turn - last > ev.cooldown) and ev.id not in cards \
                and (ev.when is None or ev.when(state)):
            out.append(ev)
    return out


def closure_watch(rt: Runtime, state: State) -> str | None:
    return next((ending for ending, test in rt.watch if test(state)), None)


def _campaigns(rt: Runtime, seeds: int) -> list[tuple[str, str, str, list[Decision]]]:
    """Bot campaigns (every strategy but the planner) on every scenario and difficulty."""
    bots = make_bots(rt)
    out = []
    for sc in rt.pack.scenarios:
        for diff in rt.pack.difficulties:
            for strategy in (s for s in bots if s != "planner"):
                for i in range(seeds):
                    seed = f"gen:{strategy}:{i}"
                    state = new_campaign(rt, sc.id, diff.id, seed, log=False)
                    decisions = []
                    while state.ending is None:
                        plan = bots[strategy].plan(state, Rng(seed, state.turn, "bot"))
                        decisions.append(as_decision(rt, state, plan))
                        apply_turn(rt, state, *plan)
                    out.append((sc.id, diff.id, seed, decisions))
    return out


def _shaken(rt: Runtime, state: State, rnd: random.Random) -> State:
    """A state with random values, flags, cards played and policies, to reach the conditions' other sides."""
    s = state.copy()
    s.values = [rnd.randint(lo, hi) for lo, hi in zip(rt.qmin, rt.qmax, strict=True)]
    s.flags = {f.id for f in rt.pack.items("flags") if rnd.random() < 0.3}
    s.fired = {e: rnd.randint(0, s.turn) for e in rt.events if rnd.random() < 0.3}
    s.policies = [rnd.randrange(len(p.levels)) for p in rt.policies]
    return s


@pytest.mark.parametrize("pack", ["starter", "base"])
def test_generated_tests_agree_with_the_closures(pack: str, starter_rt: Runtime, base_rt: Runtime) -> None:
    rt = starter_rt if pack == "starter" else base_rt
    gen = generate(rt)
    assert gen.generated >= len([e for e in rt.conditional if e.when is not None]), "every card is code"
    rnd = random.Random(7)
    checked = 0
    for scenario, difficulty, seed, decisions in _campaigns(rt, 2):
        state = new_campaign(rt, scenario, difficulty, seed, log=False)
        for decision in decisions:
            for s in (state, _shaken(rt, state, rnd), _shaken(rt, state, rnd)):
                for cards in ([], list(s.cards)):
                    assert [rt.conditional[j] for j in gen.draw(s, cards)] == closure_draw(rt, s, cards)
                assert gen.watch(s) == closure_watch(rt, s)
                checked += 1
            resolve_in_place(rt, state, decision)
    assert checked > 1000


def _snapshot(session: Session) -> dict[str, object]:
    s = session.state
    return {
        "state": (s.turn, s.month, s.values, sorted(s.flags), s.fired, [x.to_json() for x in s.scheduled],
                  s.policies, s.cards, s.ending, s.history, s.rules),
        "log": [c.to_json() for c in s.log or ()],
        "records": [(r.turn, r.month, r.cards, r.decision, [c.to_json() for c in r.changes])
                    for r in session.records],
        "report": [c.to_json() for c in session.report],
        "decisions": list(session.decisions),
    }


def test_replay_equals_the_campaign_played_turn_by_turn(base_rt: Runtime) -> None:
    """Session.replay (in place, the generated draw) == Session.play turn by turn (a copy per turn)."""
    for scenario, difficulty, seed, decisions in _campaigns(base_rt, 3):
        replayed = Session.replay(base_rt, scenario, difficulty, seed, decisions)
        played = Session.new(base_rt, scenario, difficulty, seed)
        for decision in decisions:
            played.play(decision)
        assert _snapshot(replayed) == _snapshot(played)


def test_without_trees_the_closures_are_kept(starter_rt: Runtime) -> None:
    bare = replace(starter_rt, conditions={}, generated=None)
    gen = generate(bare)
    assert gen.generated == 0
    for scenario, difficulty, seed, decisions in _campaigns(starter_rt, 1)[:6]:
        state = new_campaign(starter_rt, scenario, difficulty, seed, log=False)
        for decision in decisions:
            drawn = [starter_rt.conditional[j] for j in gen.draw(state, [])]
            assert drawn == closure_draw(starter_rt, state, [])
            assert gen.watch(state) == closure_watch(starter_rt, state)
            resolve_in_place(starter_rt, state, decision)


def test_the_source_holds_no_content_text(base_rt: Runtime) -> None:
    """Only numbers are written into the code; every id is a name bound in its globals."""
    text, env, _ = source(base_rt)
    for node in ast.walk(ast.parse(text)):
        if isinstance(node, ast.Constant):
            assert node.value is None or type(node.value) in (int, float, bool), node.value
    assert env["__builtins__"] == {}
    ids = {e.id for e in base_rt.conditional} | {f.id for f in base_rt.pack.items("flags")}
    assert not any(f"'{i}'" in text or f'"{i}"' in text for i in ids)


def test_a_window_test_is_left_out_only_where_the_window_guarantees_it() -> None:
    from game.engine import explain as x

    date = x.Window("date", 24218, 24222)
    flag = x.FlagTest("f", "f")
    assert inside_window(x.All((date, flag)), (24218, 24222, -10**9, 10**9)) == flag
    assert inside_window(x.All((date, flag)), (24217, 24222, -10**9, 10**9)) == x.All((date, flag))
    late = x.Compare(x.Clock("date"), ">=", x.Num(24219))
    assert inside_window(x.All((late, flag)), (24219, 10**9, -10**9, 10**9)) == flag
    assert inside_window(x.Any_((date, flag)), (24218, 24222, -10**9, 10**9)) == x.Any_((date, flag))


def test_the_generated_source_passes_its_whitelist_and_foreign_shapes_fail(starter_rt: Runtime) -> None:
    from game.engine.gencond import check, source

    text, _, _ = source(starter_rt)
    check(text)
    for bad in ("def draw(s, cards):\n    return __import__\n",
                "def draw(s, cards):\n    return s.__class__\n",
                "def draw(s, cards):\n    return 'text'\n",
                "def draw(s, cards):\n    import os\n"):
        with pytest.raises(ValueError, match="generated conditions"):
            check(bad)


def test_cards_closing_at_many_months_are_tested_in_a_capped_nest() -> None:
    """Forty closing months in one group (more than one nest holds): each card is drawn exactly in
    its months, and the source stays within Python's indentation."""
    from game.engine.gencond import _CHAIN, _closing

    far = 10**9
    group = {(24200 + k, -far, far): ["if True:", f"    out.append({k})"] for k in range(40)}
    group[(far, -far, far)] = ["if True:", "    out.append(99)"]
    lines = _closing(group)
    assert max(len(line) - len(line.lstrip()) for line in lines) <= 4 * (_CHAIN + 2)
    env: dict[str, object] = {}
    exec("def f(month):\n    out = []\n" + "\n".join(lines) + "\n    return sorted(out)\n", env)  # noqa: S102
    for month in range(24190, 24250):
        assert env["f"](month) == [k for k in range(40) if month <= 24200 + k] + [99]  # type: ignore[operator]
