"""The missed endings' clauses read off a flat state are ``explain``'s own, without a compiler."""

from __future__ import annotations

from pathlib import Path

from game.content.loader import load_runtime
from game.engine.explain import explain, failing
from game.engine.runtime import Runtime
from game.fast.bots import flat_bot
from game.fast.flat import Campaign, to_state
from game.fast.missed import missed_clauses
from game.fast.play import flat_pack
from game.sim.bots import make_bots

BASE = Path(__file__).resolve().parents[2] / "content"


def _final_states(rt: Runtime, scenario: str, difficulty: str, games: int) -> list[Campaign]:
    """Finished campaigns of every strategy but the planner, on the pure-Python flat engine."""
    fp = flat_pack(rt)[0]
    done = []
    for sid, bot in make_bots(rt).items():
        fbot = flat_bot(fp, bot) if sid != "planner" else None
        for i in range(games if fbot is not None else 0):
            camp = Campaign(fp, scenario, difficulty, f"missed:{sid}:{i}")
            while camp.ending < 0:
                camp.apply(*fbot.plan(camp))  # type: ignore[union-attr]
            done.append(camp)
    return done


def test_every_scenario_and_difficulty_explains_as_explain() -> None:
    rt = load_runtime(BASE)
    ir = flat_pack(rt)[1].ir
    checked = 0
    for sc in rt.pack.scenarios:
        for diff in rt.pack.difficulties:
            missed = missed_clauses(rt, ir, sc.id, diff.id)
            for camp in _final_states(rt, sc.id, diff.id, 3):
                state = to_state(camp, rt)
                for (ending, fn), en in zip(missed.endings, rt.endings, strict=True):
                    cond = rt.conditions.get(f"ending:{en.id}")
                    assert ending == en.id and (fn is None) == (cond is None)
                    if cond is not None and fn is not None:
                        clause = explain(cond, state, show_hidden=True)
                        assert fn(camp.v)[:2] == (clause.holds, clause.gap), (sc.id, diff.id, ending)
                        assert fn(camp.v)[2] == [c.text for c in failing(clause)], (sc.id, diff.id, ending)
                        checked += 1
    assert checked > 1000
