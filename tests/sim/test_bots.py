"""The simulator's bots: advisor followers, the history bot, plans by share, and the planner."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.content.loader import load_runtime
from game.content.schema import StrategyStep
from game.engine.rng import Rng
from game.engine.runtime import Runtime
from game.engine.turn import apply_turn, new_campaign
from game.sim.bots import LineBot, make_bots
from game.sim.followers import favoured
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
