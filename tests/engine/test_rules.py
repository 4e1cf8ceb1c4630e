"""Turn rules: cards, decisions, policies, endings, determinism and causality."""

from __future__ import annotations

import json

import pytest

from game.engine.runtime import Runtime
from game.engine.turn import Decision, DecisionError, new_campaign, resolve
from game.session import Session
from game.sim.runner import simulate


def play_out(rt: Runtime, seed: str, pick: int = 0, policies: dict[str, str] | None = None) -> Session:
    s = Session.new(rt, "standard", "normal", seed)
    while not s.finished:
        choices = []
        for card in s.cards():
            open_ = [c.id for c, ok in zip(card.choices, s.available(card.id), strict=True) if ok]
            choices.append(open_[min(pick, len(open_) - 1)])
        s.play(s.decide(choices, policies))
    return s


def fingerprint(s: Session) -> str:
    st = s.state
    return json.dumps([st.turn, st.values, sorted(st.flags), st.fired, st.ending,
                       [c.to_json() for c in st.log or []]])


def test_same_seed_same_campaign_byte_for_byte(starter_rt: Runtime) -> None:
    assert fingerprint(play_out(starter_rt, "7")) == fingerprint(play_out(starter_rt, "7"))


def test_replay_reproduces_a_campaign(starter_rt: Runtime) -> None:
    s = play_out(starter_rt, "11", pick=1)
    again = Session.replay(starter_rt, s.scenario, s.difficulty, s.seed, s.decisions)
    assert fingerprint(again) == fingerprint(s)


def test_seeds_differ(starter_rt: Runtime) -> None:
    decks = {tuple(new_campaign(starter_rt, "standard", "normal", str(i)).cards) for i in range(20)}
    assert len(decks) > 1


def test_one_to_max_cards_and_historical_on_date(starter_rt: Runtime) -> None:
    for seed in range(30):
        s = new_campaign(starter_rt, "standard", "normal", str(seed))
        assert 1 <= len(s.cards) <= starter_rt.cards_max
        r = resolve(starter_rt, s, Decision(tuple(starter_rt.events[c].choices[0].id for c in s.cards)))
        assert {"sochi_congress", "afrin"} <= set(r.state.cards)  # January 2018


def test_causal_log_accounts_for_every_change(starter_rt: Runtime) -> None:
    s = play_out(starter_rt, "3", pick=1)
    history = s.state.history or []
    for q, i in starter_rt.qindex.items():
        total = sum(c.delta for c in s.why(q))
        assert history[0][i] + total == s.value(q), q
        assert all(c.cause.kind in ("choice", "policy", "scheduled") for c in s.why(q))


def test_report_is_what_changed_since_last_month(starter_rt: Runtime) -> None:
    s = Session.new(starter_rt, "standard", "normal", "5")
    changes = s.play(s.decide([starter_rt.events[c].choices[0].id for c in s.state.cards]))
    assert changes == s.report and changes
    assert {c.turn for c in changes} <= {1, 2}


def test_unavailable_choice_is_refused(starter_rt: Runtime) -> None:
    s = new_campaign(starter_rt, "standard", "normal", "1")
    with pytest.raises(DecisionError):
        resolve(starter_rt, s, Decision(("nonsense",) * len(s.cards)))
    with pytest.raises(DecisionError):
        resolve(starter_rt, s, Decision(()))


def test_policy_steps_and_conditions(starter_rt: Runtime) -> None:
    s = Session.new(starter_rt, "standard", "normal", "1")
    first = [starter_rt.events[c].choices[0].id for c in s.state.cards]
    with pytest.raises(DecisionError, match="at most 1"):
        s.play(s.decide(first, {"posture": "withdrawal"}))
    s.play(s.decide(first, {"posture": "reduced"}))
    assert s.policy_levels()["posture"] == "reduced"
    s.state.values[starter_rt.qindex["ceasefire"]] = 10
    assert s.level_reason("posture", "withdrawal") == "The ceasefire is too fragile to leave."


def test_monthly_policy_effects_are_caused_by_the_policy(starter_rt: Runtime) -> None:
    s = Session.new(starter_rt, "standard", "normal", "2")
    s.play(s.decide([starter_rt.events[c].choices[0].id for c in s.state.cards]))
    posture = [c for c in s.why("commitment") if c.cause.kind == "policy"]
    assert posture and posture[0].cause.policy == "posture" and posture[0].delta == 3


def test_clock_runs_out_to_fallback(starter_rt: Runtime) -> None:
    s = play_out(starter_rt, "9", pick=1)
    assert s.finished and s.state.turn <= s.turns
    if s.state.turn == s.turns:
        assert s.state.ending in {"quagmire", "honorable_exit", "astana_collapse"}


def test_ending_in_priority_order(starter_rt: Runtime) -> None:
    s = Session.new(starter_rt, "standard", "normal", "4")
    for q in ("turkey", "iran"):
        s.state.values[starter_rt.qindex[q]] = -90
    s.play(s.decide([starter_rt.events[c].choices[0].id for c in s.state.cards]))
    assert s.state.ending == "astana_collapse" and s.state.cards == []
    scores = s.scores()
    assert set(scores) == {"settlement", "exit", "partnerships"}
    assert all(0 <= v <= 100 for v in scores.values())


def test_resolve_does_not_touch_its_input(starter_rt: Runtime) -> None:
    s = new_campaign(starter_rt, "standard", "normal", "8")
    before = (s.values[:], set(s.flags), dict(s.fired), len(s.log or []))
    resolve(starter_rt, s, Decision(tuple(starter_rt.events[c].choices[0].id for c in s.cards)))
    assert before == (s.values, s.flags, s.fired, len(s.log or []))


def test_simulated_strategies_reach_different_endings(starter_rt: Runtime) -> None:
    result = simulate(starter_rt, ["random", "early_exit", "un_first"], 100, "x", "standard", "normal")
    data = result.to_json(starter_rt)
    assert data["games"] == 300
    assert data["strategies"]["early_exit"]["endings"]["honorable_exit"] > 50
    assert data["strategies"]["un_first"]["endings"]["quagmire"] > 50
    assert data["events_never_seen"] == [] and data["choices_never_taken"] == []
    again = simulate(starter_rt, ["random", "early_exit", "un_first"], 100, "x", "standard", "normal")
    assert again.to_json(starter_rt)["endings"] == data["endings"]  # deterministic


def test_a_cards_set_policy_is_not_undone_by_the_kept_level(starter_rt: Runtime) -> None:
    from tests.engine.helpers import apply

    s = Session.new(starter_rt, "standard", "normal", "1")
    s.state = apply(starter_rt, s.state, "[{set_policy: {posture: reduced}}]")
    assert s.policy_levels()["posture"] == "reduced"
