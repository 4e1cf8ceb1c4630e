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
from typing import Any

import pytest

from game.content.loader import load_runtime
from game.engine.rng import Rng
from game.engine.runtime import Runtime
from game.engine.turn import apply_turn, new_campaign
from game.fast.backends import resolve
from game.sim.balance import (
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


class _Runs(dict[tuple[str, str], SimResult]):
    """What ``measure`` plays, each (scenario, difficulty) when a test first asks for it: every strategy
    at normal, the planner alone at easy and hard; the hard planner on the benchmark's 100 games at
    once (its band is narrow), not 40 first and then 100 on the same seeds. The strategies other than
    the planner play on the fast backend (the same campaigns as the rules engine: tests/fast); the
    planner plays on the rules engine whatever the backend."""

    def __init__(self, rt: Runtime) -> None:
        super().__init__()
        self.rt = rt

    def __missing__(self, key: tuple[str, str]) -> SimResult:
        scenario, difficulty = key
        strategies = list(make_bots(self.rt)) if difficulty == "normal" else ["planner"]
        games = HARD_GAMES if difficulty == "hard" else GAMES
        found = self[key] = simulate(self.rt, strategies, games, SEED, scenario, difficulty,
                                     backend=resolve("auto"))
        return found


@pytest.fixture(scope="module")
def runs(rt: Runtime) -> Runs:
    return _Runs(rt)


# Each run's seconds in one measured run of the suite (two workers on a loaded machine): the planner's
# campaigns, on the rules engine, are the suite's longest tests (tests/conftest.py starts them first).
COST = {("standard", "hard"): 262, ("standard", "normal"): 160, ("classroom", "hard"): 109,
        ("standard", "easy"): 87, ("classroom", "normal"): 63, ("classroom", "easy"): 34}


def on(scenario: str, difficulty: str) -> Any:
    """The scenario as a test parameter whose test runs beside the others that read the same run:
    under pytest-xdist, one worker plays each run, and the six runs spread over the workers."""
    return pytest.param(scenario, marks=[pytest.mark.xdist_group(f"balance-{scenario}-{difficulty}"),
                                         pytest.mark.costly(COST[(scenario, difficulty)])])


NORMAL = [on(sc, "normal") for sc in SCENARIOS]


@pytest.mark.parametrize("scenario", NORMAL)
def test_six_endings_are_in_play(rt: Runtime, runs: Runs, scenario: str) -> None:
    common = common_endings(rt, runs[(scenario, "normal")])
    assert len(common) >= TARGETS.endings, sorted(common)


@pytest.mark.parametrize("scenario", NORMAL)
def test_careful_play_wins_about_half_the_time(runs: Runs, scenario: str) -> None:
    low, high = TARGETS.planner
    assert low <= share(runs[(scenario, "normal")], "planner") <= high


@pytest.mark.parametrize("scenario", NORMAL)
def test_no_formula_wins_and_random_play_almost_never(runs: Runs, scenario: str) -> None:
    normal = runs[(scenario, "normal")]
    fixed = {s: share(normal, s) for s in normal.strategies if s not in ("planner", "random")}
    assert len(fixed) >= 8  # the pack's lines, one follower per advisor and the history bot
    assert max(fixed.values()) <= TARGETS.fixed, fixed
    assert share(normal, "random") < TARGETS.random


@pytest.mark.parametrize("scenario", [on(sc, "easy") for sc in SCENARIOS])
def test_the_planner_wins_more_at_easy(runs: Runs, scenario: str) -> None:
    assert share(runs[(scenario, "easy")], "planner") >= TARGETS.easy


@pytest.mark.parametrize("scenario", [on(sc, "hard") for sc in SCENARIOS])
def test_the_planner_wins_less_at_hard(runs: Runs, scenario: str) -> None:
    assert TARGETS.hard[0] <= share(runs[(scenario, "hard")], "planner") <= TARGETS.hard[1]


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


@pytest.mark.xdist_group("balance-standard-normal")
@pytest.mark.costly(COST[("standard", "normal")])
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
