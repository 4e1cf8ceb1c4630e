"""Every kind of effect changes the state as documented and records its cause."""

from __future__ import annotations

import pytest

from game.engine.runtime import Runtime
from game.engine.state import Cause, State
from game.engine.turn import begin_turn, new_campaign
from tests.engine.helpers import apply


@pytest.fixture
def state(starter_rt: Runtime) -> State:
    return new_campaign(starter_rt, "standard", "normal", "fx")


def value(rt: Runtime, s: State, q: str) -> int:
    return s.values[rt.qindex[q]]


def test_change_adds_and_clamps_and_logs(starter_rt: Runtime, state: State) -> None:
    before = value(starter_rt, state, "ceasefire")
    new = apply(starter_rt, state, "[{change: {ceasefire: -5, turkey: 500}}]")
    assert value(starter_rt, new, "ceasefire") == before - 5
    assert value(starter_rt, new, "turkey") == 100
    assert value(starter_rt, state, "ceasefire") == before  # the original is untouched
    logged = [(c.target, c.delta) for c in new.log or []]
    assert logged == [("ceasefire", -5), ("turkey", 100 - value(starter_rt, state, "turkey"))]
    assert all(c.cause.event == "afrin" and c.cause.choice == "condemn" for c in new.log or [])


def test_flags(starter_rt: Runtime, state: State) -> None:
    new = apply(starter_rt, state, "[{set_flag: sochi_held}]")
    assert "sochi_held" in new.flags
    cleared = apply(starter_rt, new, "[{clear_flag: sochi_held}]")
    assert "sochi_held" not in cleared.flags
    assert [c.target for c in cleared.log or []][-2:] == ["flag:sochi_held", "flag:sochi_held"]


def test_set_policy(starter_rt: Runtime, state: State) -> None:
    new = apply(starter_rt, state, "[{set_policy: {posture: withdrawal}}]")
    assert new.policies[starter_rt.policy_index["posture"]] == 2


def test_schedule_event_and_effects(starter_rt: Runtime, state: State) -> None:
    text = ("[{schedule: {after: 2, event: kurdish_outreach}},"
            " {schedule: {after: 1, note: Aid dries up, effects: [{change: {humanitarian: -7}}]}}]")
    new = apply(starter_rt, state, text)
    assert sorted((s.due, s.event) for s in new.scheduled) == [(2, None), (3, "kurdish_outreach")]
    hum = value(starter_rt, new, "humanitarian")
    new.turn = 2
    begin_turn(starter_rt, new)
    assert value(starter_rt, new, "humanitarian") == hum - 7
    last = [c for c in new.log or [] if c.target == "humanitarian"][-1]
    assert last.cause.kind == "scheduled" and last.cause.note == "Aid dries up"
    assert last.cause.event == "afrin"  # traced back to the choice that scheduled it
    new.turn = 3
    begin_turn(starter_rt, new)
    assert "kurdish_outreach" in new.cards


def test_random_is_seeded_and_notes_the_branch(starter_rt: Runtime, state: State) -> None:
    text = ("[{random: [{weight: 1, note: heads, effects: [{change: {standing: 1}}]},"
            " {weight: 1, note: tails, effects: [{change: {standing: -1}}]}]}]")
    outcomes = {apply(starter_rt, state, text).log[-1].cause.note for _ in range(3)}  # type: ignore[index]
    assert len(outcomes) == 1  # same seed, turn and stream: same branch
    seen = set()
    for seed in range(40):
        s = new_campaign(starter_rt, "standard", "normal", str(seed))
        seen.add(apply(starter_rt, s, text).log[-1].cause.note)  # type: ignore[index]
    assert seen == {"heads", "tails"}


def test_if_then_else(starter_rt: Runtime, state: State) -> None:
    text = "[{if: 'ceasefire > 1000', then: [{change: {standing: 5}}], else: [{change: {standing: -5}}]}]"
    new = apply(starter_rt, state, text)
    assert value(starter_rt, new, "standing") == value(starter_rt, state, "standing") - 5


def test_cause_is_kept_in_custom_cause(starter_rt: Runtime, state: State) -> None:
    cause = Cause("policy", 1, policy="posture", level="engaged")
    new = apply(starter_rt, state, "[{change: {standing: 2}}]", cause)
    assert (new.log or [])[-1].cause.policy == "posture"


def test_a_noted_cause_is_the_replaced_cause() -> None:
    """``Cause.noted`` (the effects' quick copy) equals ``dataclasses.replace`` on every field."""
    from dataclasses import fields, replace

    full = Cause(*(f"v{i}" if f.name != "turn" else 4 for i, f in enumerate(fields(Cause))))  # type: ignore[arg-type]
    assert full.noted("n") == replace(full, note="n")
    assert full.noted(None) == replace(full, note=None)
    assert full.noted("n", "scheduled") == replace(full, kind="scheduled", note="n")
    assert full.noted("n") is not full


def test_a_change_set_field_by_field_is_the_built_change() -> None:
    """The change effect builds its log entries with ``new_entry`` and five assignments: that holds
    only while ``Change`` has exactly those fields and its ``__init__`` does nothing else."""
    from dataclasses import fields

    from game.engine.state import Change, new_entry

    assert [f.name for f in fields(Change)] == ["turn", "target", "delta", "value", "cause"]
    assert not hasattr(Change, "__post_init__")
    cause = Cause("choice", 3, "e", "c")
    entry = new_entry(Change)
    entry.turn, entry.target, entry.delta, entry.value, entry.cause = 3, "q", -4, 10, cause
    assert entry == Change(3, "q", -4, 10, cause)
    assert repr(entry) == repr(Change(3, "q", -4, 10, cause))
