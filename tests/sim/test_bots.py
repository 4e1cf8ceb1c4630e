"""The simulator's bots: advisor followers, the history bot, plans by share, and the planner."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.content.loader import load_runtime
from game.content.schema import StrategyStep
from game.engine.rng import Rng
from game.engine.runtime import PreviewItem, Runtime
from game.engine.turn import apply_turn, new_campaign
from game.sim.bots import LineBot, make_bots
from game.sim.followers import favoured
from game.sim.planner import PlannerBot
from game.sim.runner import simulate

BASE = Path(__file__).resolve().parents[2] / "content"


@pytest.fixture(scope="module")
def base_rt() -> Runtime:
    return load_runtime(BASE)


def test_there_is_one_follower_per_advisor_and_a_history_bot_and_a_planner(starter_rt: Runtime) -> None:
    bots = make_bots(starter_rt)
    for advisor in starter_rt.pack.advisors:
        assert f"follow_{advisor.id}" in bots
    assert {"random", "history", "planner"} <= set(bots)


def test_a_follower_takes_its_advisors_pick_whenever_it_is_open(base_rt: Runtime) -> None:
    bot = make_bots(base_rt)["follow_mfa"]
    picks = favoured(base_rt, "mfa")
    state = new_campaign(base_rt, "standard", "normal", "f1", log=False)
    checked = 0
    while state.ending is None:
        chosen, moves = bot.plan(state, Rng("f1", state.turn, "bot"))
        for card, choice in zip(state.cards, chosen, strict=True):
            want = base_rt.events[card].choice_index.get(picks.get(card, ""))
            if want is not None and (want.when is None or want.when(state)):
                assert choice is want
                checked += 1
        apply_turn(base_rt, state, chosen, moves)
    assert checked > 5


def test_the_history_bot_takes_the_historical_choice(base_rt: Runtime) -> None:
    bot = make_bots(base_rt)["history"]
    marked = {ev.id: next(c.id for c in ev.choices if c.historical)
              for ev in base_rt.pack.events if any(c.historical for c in ev.choices)}
    assert marked, "the base pack marks what Moscow actually did on some cards"
    state = new_campaign(base_rt, "standard", "normal", "h1", log=False)
    seen = 0
    while state.ending is None:
        chosen, moves = bot.plan(state, Rng("h1", state.turn, "bot"))
        for card, choice in zip(state.cards, chosen, strict=True):
            c = base_rt.events[card].choice_index.get(marked.get(card, ""))
            if c is not None and (c.when is None or c.when(state)):
                assert choice.id == marked[card]
                seen += 1
        apply_turn(base_rt, state, chosen, moves)
    assert seen >= 1


def test_plan_steps_by_share_land_on_the_same_part_of_every_scenario() -> None:
    step = StrategyStep(from_share=0.5, level="x")
    assert step.first_turn(36) == 19 and step.first_turn(12) == 7
    assert StrategyStep(from_turn=3, level="x").first_turn(12) == 3
    with pytest.raises(ValueError):
        StrategyStep(level="x")
    with pytest.raises(ValueError):
        StrategyStep(from_turn=2, from_share=0.1, level="x")


def test_line_bots_follow_their_plan_in_the_short_scenario(base_rt: Runtime) -> None:
    model = base_rt.pack.get("strategies", "un_first")
    bot = LineBot(base_rt, model)
    posture = base_rt.policy_index["posture"]
    state = new_campaign(base_rt, "classroom", "normal", "c1", log=False)
    drawdown_from = next(s for s in model.policies["posture"] if s.level == "drawdown").first_turn(12)
    assert drawdown_from < 12
    target = base_rt.policies[posture].level_index["drawdown"]
    state.turn = drawdown_from
    assert bot._target(state)[posture] == target


def test_the_planner_beats_random_play_at_the_honorable_exit(base_rt: Runtime) -> None:
    result = simulate(base_rt, ["random", "planner"], 24, "p", "standard", "normal")
    planner = result.strategies["planner"].endings["honorable_exit"]
    random = result.strategies["random"].endings["honorable_exit"]
    assert planner >= 6 and planner > 3 * random


def _scaled(rt: Runtime, factor: int) -> Runtime:
    """The same runtime with every previewed change multiplied by ``factor`` (directions kept)."""
    from copy import copy
    from dataclasses import replace

    def scale(items: tuple[PreviewItem, ...]) -> tuple[PreviewItem, ...]:
        return tuple(replace(p, delta=p.delta * factor) for p in items)

    out = copy(rt)
    out.events = {k: replace(e, choices=tuple(replace(c, preview=scale(c.preview)) for c in e.choices))
                  for k, e in rt.events.items()}
    out.policies = [replace(p, levels=tuple(replace(lv, preview=scale(lv.preview)) for lv in p.levels))
                    for p in rt.policies]
    return out


def _plans(rt: Runtime, difficulty: str, months: int = 8) -> list[object]:
    """The planner's plans over the first months of a campaign (the states played on by rt's planner)."""
    bot, state, out = PlannerBot(rt), new_campaign(rt, "standard", difficulty, "honest", log=False), []
    while state.ending is None and state.turn <= months:
        picks, moves = bot.plan(state, Rng("honest", state.turn, "bot"))
        out.append(([c.id for c in picks], moves))
        apply_turn(rt, state, picks, moves)
    return out


def test_the_planner_reads_only_directions_where_previews_show_only_directions(base_rt: Runtime) -> None:
    hard = [d.id for d in base_rt.pack.difficulties if d.preview == "direction"]
    magnitude = [d.id for d in base_rt.pack.difficulties if d.preview == "magnitude"]
    assert hard and magnitude
    scaled = _scaled(base_rt, 5)
    # at a direction-only difficulty, magnitudes the screen does not show change nothing
    assert _plans(base_rt, hard[0]) == _plans(scaled, hard[0])
    # where magnitudes are shown, the planner reads them (so the comparison above can fail)
    assert any(_plans(base_rt, d) != _plans(scaled, d) for d in magnitude)


def test_the_planner_does_not_count_changes_to_hidden_quantities(base_rt: Runtime) -> None:
    bot = PlannerBot(base_rt)
    state = new_campaign(base_rt, "standard", "normal", "hidden", log=False)
    hidden = next(m.id for m in base_rt.pack.meters if m.hidden)
    shown = next(m.id for m in base_rt.pack.meters if not m.hidden)
    assert bot._seen(state, PreviewItem(hidden, 9, "sure")) is None
    assert bot._seen(state, PreviewItem(shown, 9, "sure")) == 9
