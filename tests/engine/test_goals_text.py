"""The front ends' shared readings of the explanation: locks, coming up, why an ending, thresholds."""

from __future__ import annotations

from dataclasses import replace

from game.engine import explain as x
from game.engine.runtime import Runtime
from game.engine.state import Cause, Scheduled
from game.engine.uses import Use
from game.goals import POLICY_RULE, coming_up, ending_reasons, lock_lines, locked_reason, thresholds
from game.session import Session


def session(rt: Runtime, **options: object) -> Session:
    return Session.new(rt, "standard", "normal", seed="goals", options=dict(options))


def test_a_lock_names_its_clause_and_value(starter_rt: Runtime) -> None:
    s = session(starter_rt)
    s.state.values[starter_rt.qindex["damascus"]] = -55
    assert lock_lines(s, "spoilers", "restrain_damascus") == [
        "needs ✗ Relations with Damascus > -50 (now -55)"]
    assert locked_reason(s, "spoilers", "restrain_damascus") == (
        "Damascus no longer listens: needs ✗ Relations with Damascus > -50 (now -55).")
    s.state.values[starter_rt.qindex["damascus"]] = -40
    assert lock_lines(s, "spoilers", "restrain_damascus") == []


def test_a_policy_lock_states_the_rule(starter_rt: Runtime) -> None:
    posture = starter_rt.policy_index["posture"]
    levels = tuple(lv.name for lv in starter_rt.pack.policies[posture].levels)
    gate = x.PolicyTest(posture, "Military posture", ">=", 1, levels)
    rt = replace(starter_rt, conditions={**starter_rt.conditions, "choice:spoilers.blame_rebels": gate})
    s = session(rt)
    lines = lock_lines(s, "spoilers", "blame_rebels")
    assert lines == ["needs ✗ Military posture at least Reduced (now Full engagement)", POLICY_RULE]


def test_coming_up_lists_follow_ups_with_their_month_and_needs(starter_rt: Runtime) -> None:
    s = session(starter_rt)
    turn = s.state.turn
    s.state.scheduled = [Scheduled(turn + 2, Cause("choice", turn), "spoilers"),
                         Scheduled(turn + 40, Cause("choice", turn), "kurdish_outreach")]
    lines = coming_up(s)
    assert lines[0] == "February 2018: Spoilers in the zones"
    assert lines[1] == "    'Restrain Damascus' will need ✓ Relations with Damascus > -50 (now 40)"
    assert lines[2].endswith("(after the campaign's last month)")


def test_the_ending_says_why_and_what_the_best_ending_missed(starter_rt: Runtime) -> None:
    s = session(starter_rt)
    while not s.finished:
        s.play(s.decide([c.choices[s.available(c.id).index(True)].id for c in s.cards()]))
    lines = ending_reasons(s)
    title = starter_rt.pack.get("endings", str(s.state.ending)).title
    assert lines[0] == f"Why '{title}':"
    if s.state.ending != "honorable_exit":
        assert "You met every condition of 'Honorable exit' except:" in lines
        missed = lines[lines.index("You met every condition of 'Honorable exit' except:") + 1:]
        assert missed and all(m.startswith("  ✗ ") for m in missed)


def test_thresholds_of_a_hidden_meter_stay_hidden(starter_rt: Runtime) -> None:
    use = Use("hope", ">=", x.Num(50), "the ending 'Honorable exit'", "ending:honorable_exit")
    rt = replace(starter_rt, uses={**starter_rt.uses, "hope": [use]})
    assert thresholds(session(rt), "hope") == []
    assert thresholds(session(rt, teaching=True), "hope") == ["≥ 50: the ending 'Honorable exit'"]
    assert "> -60 (rupture tolerance): the ending 'Honorable exit'" in thresholds(session(rt), "turkey")
