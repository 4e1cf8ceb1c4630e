"""Hypothesis: random decision sequences never raise, keep meters in range, and end in time."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.engine.runtime import Runtime
from game.session import Session


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(seed=st.integers(0, 10**6), difficulty=st.sampled_from(["easy", "normal", "hard"]),
       picks=st.lists(st.integers(0, 3), min_size=40, max_size=40),
       moves=st.lists(st.tuples(st.integers(0, 2), st.integers(0, 1)), min_size=40, max_size=40))
def test_any_campaign_stays_legal(starter_rt: Runtime, seed: int, difficulty: str, picks: list[int],
                                  moves: list[tuple[int, int]]) -> None:
    s = Session.new(starter_rt, "standard", difficulty, seed)
    step = 0
    while not s.finished:
        choices = []
        for card in s.cards():
            open_ = [c.id for c, ok in zip(card.choices, s.available(card.id), strict=True) if ok]
            choices.append(open_[picks[step % 40] % len(open_)])
        levels = s.policy_levels()
        p_index, level_index = moves[step % 40]
        policy = starter_rt.policies[p_index % len(starter_rt.policies)]
        level = policy.levels[level_index % len(policy.levels)].id
        if s.level_reason(policy.id, level) is None:
            levels[policy.id] = level
        s.play(s.decide(choices, levels))
        step += 1
        for i, value in enumerate(s.state.values):
            assert starter_rt.qmin[i] <= value <= starter_rt.qmax[i]
        assert step <= s.turns
    assert s.state.turn <= s.turns
    assert s.state.ending in {e.id for e in starter_rt.pack.endings}
