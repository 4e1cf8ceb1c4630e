"""Issue 12's balance targets on fixed seeds, 40 games per strategy (in one process, no --jobs).

What it measures, for the standard and the classroom scenario: at normal, the
endings in play (six, each reached by some strategy in >= 5% of its games), the
planner's share of honorable exits (40-65%), every fixed line's (<= 20%) and
random play's (< 3%); the planner at easy (>= 65%) and at hard (15-35%, on 100 games); the
typical standard campaign's deck share and length. Every event seen and every
choice taken is held by tests/content/test_base_pack.py on 200 games a line.
The figures at 100 games are in the README (``python benchmarks/balance.py``).
"""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from game.content.loader import load_runtime
from game.engine.rng import Rng
from game.engine.runtime import Runtime
from game.engine.turn import apply_turn, new_campaign
from game.sim.balance import (
    DIFFICULTIES,
    SCENARIOS,
    SEED,
    TARGETS,
    Runs,
    check,
    check_campaigns,
    check_scenario,
    common_endings,
    share,
)
from game.sim.bots import make_bots, steer
from game.sim.followers import AdvisorBot
from game.sim.runner import SimResult, StrategyStats, simulate

BASE = Path(__file__).resolve().parents[2] / "content"
GAMES = 40
HARD_GAMES = 100  # 40 games put a true 20% anywhere from 8% to 32%; the band is 15-35%


@pytest.fixture(scope="module")
def rt() -> Runtime:
    return load_runtime(BASE)


@pytest.fixture(scope="module")
def runs(rt: Runtime) -> Runs:
    """What ``measure`` plays, but the hard planner on the benchmark's 100 games at once (its band
    is narrow), not 40 first and then 100 on the same seeds: the same campaigns and results, 80
    fewer planner games."""
    bots = list(make_bots(rt))
    found: Runs = {}
    for scenario in SCENARIOS:
        for difficulty in DIFFICULTIES:
            strategies = bots if difficulty == "normal" else ["planner"]
            games = HARD_GAMES if difficulty == "hard" else GAMES
            found[(scenario, difficulty)] = simulate(rt, strategies, games, SEED, scenario, difficulty)
    return found


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_six_endings_are_in_play(rt: Runtime, runs: Runs, scenario: str) -> None:
    common = common_endings(rt, runs[(scenario, "normal")])
    assert len(common) >= TARGETS.endings, sorted(common)


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_careful_play_wins_about_half_the_time(runs: Runs, scenario: str) -> None:
    low, high = TARGETS.planner
    assert low <= share(runs[(scenario, "normal")], "planner") <= high


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_no_formula_wins_and_random_play_almost_never(runs: Runs, scenario: str) -> None:
    normal = runs[(scenario, "normal")]
    fixed = {s: share(normal, s) for s in normal.strategies if s not in ("planner", "random")}
    assert len(fixed) >= 8  # the pack's lines, one follower per advisor and the history bot
    assert max(fixed.values()) <= TARGETS.fixed, fixed
    assert share(normal, "random") < TARGETS.random


@pytest.mark.parametrize("scenario", SCENARIOS)
def test_difficulty_moves_the_planner(runs: Runs, scenario: str) -> None:
    easy, hard = share(runs[(scenario, "easy")], "planner"), share(runs[(scenario, "hard")], "planner")
    assert easy >= TARGETS.easy
    assert TARGETS.hard[0] <= hard <= TARGETS.hard[1]


def _simple_line(rt: Runtime, scenario: str, late_posture: str, games: int) -> float:
    """The line the issue found winning the classroom: always the Foreign Ministry's pick, firm
    pressure, Geneva focus, drawdown, then from the middle on ``late_posture``; its honorable exits."""
    index = {p.id: p.level_index for p in rt.policies}
    bot, wins = AdvisorBot(rt, "mfa"), 0
    for g in range(games):
        state = new_campaign(rt, scenario, "normal", f"mfa-line:{g}", log=False)
        while state.ending is None:
            picks, _ = bot.plan(state, Rng(f"mfa-line:{g}", state.turn, "bot"))
            posture = late_posture if state.turn > rt.lengths[scenario] // 2 else "drawdown"
            targets = [index["posture"][posture], index["pressure"]["firm"], index["focus"]["geneva"]]
            apply_turn(rt, state, picks, steer(rt, state, targets))
        wins += state.ending == "honorable_exit"
    return wins / games


@pytest.mark.parametrize("late_posture", ["air_support", "drawdown"])
@pytest.mark.parametrize("scenario", SCENARIOS)
def test_the_issues_simple_line_does_not_win(rt: Runtime, scenario: str, late_posture: str) -> None:
    # issue 12: this line won 39% of classroom campaigns when the best bot won 6%
    assert _simple_line(rt, scenario, late_posture, GAMES) <= TARGETS.fixed


def test_a_typical_standard_campaign(runs: Runs) -> None:
    assert check_campaigns(runs) == []


def _fake(endings: dict[str, dict[str, int]], games: int = 10) -> SimResult:
    stats = {}
    for sid, ends in endings.items():
        st = StrategyStats()
        st.games, st.endings = games, Counter(ends)
        st.turns, st.deck_share = [30] * games, [0.5] * games
        stats[sid] = st
    return SimResult(games * len(stats), 0.0, stats, set(), set())


def test_the_checks_name_each_missed_target(rt: Runtime) -> None:
    always = _fake({"planner": {"honorable_exit": 10}, "random": {"honorable_exit": 1},
                    "un_first": {"honorable_exit": 3, "quagmire": 7}})
    runs = {(sc, d): always for sc in SCENARIOS for d in ("normal", "easy", "hard")}
    missed = check_scenario(rt, runs, "standard")
    assert any("planner honorable exit 100%" in m for m in missed)
    assert any("planner at hard 100%" in m for m in missed)
    assert any("un_first honorable exit 30%" in m for m in missed)
    assert any("random honorable exit 10%" in m for m in missed)
    assert any("endings reached" in m for m in missed)
    assert any("choices never taken" in m for m in check(rt, runs))
