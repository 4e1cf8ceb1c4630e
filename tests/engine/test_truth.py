"""Every number true: over random campaigns of the base pack, the dashboard's change and the previews."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from game.chronicle import all_changes, last_change, month_changes, report_sections
from game.content import effects as e
from game.content.loader import load_runtime
from game.describe import name_of
from game.engine.runtime import Runtime
from game.preview import choice_preview, lens_for
from game.session import Session

CONTENT = Path(__file__).resolve().parents[2] / "content"


@pytest.fixture(scope="module")
def base_rt() -> Runtime:
    return load_runtime(CONTENT)


def literal_amounts(items: list[Any], out: dict[str, set[int]]) -> dict[str, set[int]]:
    """Per target, every amount one effect list of the pack writes (its sure changes summed)."""
    sums: dict[str, int] = {}
    for item in items:
        if isinstance(item, e.ChangeEffect):
            for target, delta in item.change.items():
                sums[target] = sums.get(target, 0) + delta
        elif isinstance(item, e.ScheduleEffect):
            literal_amounts(item.schedule.effects or [], out)
        elif isinstance(item, e.RandomEffect):
            for branch in item.random:
                literal_amounts(branch.effects, out)
        elif isinstance(item, e.IfEffect):
            literal_amounts(item.then, out)
            literal_amounts(item.else_, out)
    for target, total in sums.items():
        out.setdefault(target, set()).add(total)
    return out


def shown_amounts(rt: Runtime, text: str) -> list[tuple[str, int]]:
    """(quantity id, amount) for every 'Name +N' in a preview."""
    names = sorted(((name_of(rt, q), q) for q in rt.quantities), key=lambda x: -len(x[0]))
    found = []
    for name, qid in names:
        for m in re.finditer(re.escape(name) + r" ([+-]\d+)", text):
            found.append((qid, int(m.group(1))))
        text = text.replace(name, "")
    return found


def check_previews(session: Session) -> None:
    lens = lens_for(session)
    for card in session.cards():
        for choice in card.choices:
            text = choice_preview(lens, card.id, choice.id)
            allowed = literal_amounts(list(choice.effects), {})
            for qid, amount in shown_amounts(session.rt, text):
                assert amount in allowed.get(qid, set()), (card.id, choice.id, qid, amount, text)


@settings(max_examples=25, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow])
@given(seed=st.integers(0, 10**6), scenario=st.sampled_from(["standard", "classroom"]),
       picks=st.lists(st.integers(0, 3), min_size=40, max_size=40),
       moves=st.lists(st.tuples(st.integers(0, 2), st.integers(0, 3)), min_size=40, max_size=40))
def test_dashboard_change_is_now_minus_a_month_ago(base_rt: Runtime, seed: int, scenario: str,
                                                   picks: list[int], moves: list[tuple[int, int]]) -> None:
    s = Session.new(base_rt, scenario, None, seed)
    seen = [dict((q, s.value(q)) for q in base_rt.quantities)]
    step = 0
    while not s.finished:
        check_previews(s)
        choices = []
        for card in s.cards():
            open_ = [c.id for c, ok in zip(card.choices, s.available(card.id), strict=True) if ok]
            choices.append(open_[picks[step % 40] % len(open_)])
        levels = s.policy_levels()
        p_index, level_index = moves[step % 40]
        policy = base_rt.policies[p_index % len(base_rt.policies)]
        level = policy.levels[level_index % len(policy.levels)].id
        if s.level_reason(policy.id, level) is None:
            levels[policy.id] = level
        s.play(s.decide(choices, levels))
        step += 1
        seen.append({q: s.value(q) for q in base_rt.quantities})
        for q in base_rt.quantities:
            assert last_change(s, q) == seen[-1][q] - seen[-2][q], (q, step)
            assert s.series(q) == [month[q] for month in seen]
        # the report holds the month just decided and the start of this one, dated as 'why' dates them
        decided = s.records[-1].turn
        assert {c.turn for c in s.report} <= {decided, decided + 1}
        assert {(c.turn, c.target, c.delta) for c in s.report} <= \
            {(c.turn, c.target, c.delta) for c in all_changes(s)}


def test_a_start_of_month_consequence_is_dated_and_counted(base_rt: Runtime) -> None:
    """A scheduled consequence lands in the month it is due, and the dashboard counts it."""
    for seed in range(40):
        s = Session.new(base_rt, "standard", None, seed)
        while not s.finished:
            picks = [next(c.id for c, ok in zip(card.choices, s.available(card.id), strict=True) if ok)
                     for card in s.cards()]
            s.play(s.decide(picks))
            early = [c for c in s.report if c.cause.kind == "scheduled" and c.target in base_rt.qindex]
            if early:
                change = early[0]
                assert change.turn == s.state.turn
                dated = month_changes(s, s.state.turn)
                assert any(c.target == change.target and c.delta == change.delta for c in dated)
                sections = report_sections(s, s.report)
                assert sections[-1].heading.startswith("At the start of ")
                return
    pytest.fail("no campaign had a start-of-month consequence")


def test_no_preview_of_the_pack_shows_an_amount_no_branch_writes(base_rt: Runtime) -> None:
    s = Session.new(base_rt, "standard", None, 1)
    lens = lens_for(s)
    shown = 0
    for card in base_rt.pack.events:
        for choice in card.choices:
            text = choice_preview(lens, card.id, choice.id)
            allowed = literal_amounts(list(choice.effects), {})
            for qid, amount in shown_amounts(base_rt, text):
                shown += 1
                assert amount in allowed.get(qid, set()), (card.id, choice.id, qid, amount, text)
    assert shown > 500


def test_previews_show_conditions_odds_and_late_follow_ups(base_rt: Runtime) -> None:
    s = Session.new(base_rt, "standard", None, 1)
    lens = lens_for(s)
    assert "if Damascus ≥ 15 and UN track momentum ≥ 20: UN track momentum +8" in \
        choice_preview(lens, "envoy_geneva_round", "lean_on_damascus")
    assert "50%: UN track momentum +3 / 50%: UN track momentum -2" in \
        choice_preview(lens, "envoy_geneva_round", "lean_on_damascus")
    late = replace(lens, state=replace(s.state, turn=s.turns, month=s.state.month + s.turns - 1))
    text = choice_preview(late, "afrin_operation", "condemn_at_un")  # schedules ankara_boycott_threat
    assert "after the campaign's last month, so it will not come" in text
    assert text.count("follow-up") == 1


def test_the_timeline_dates_every_change_as_why_does(base_rt: Runtime) -> None:
    from game.describe import format_change
    from game.timeline import entries

    s = Session.new(base_rt, "standard", None, 7)
    for _ in range(8):
        s.play(s.decide([next(c.id for c, ok in zip(card.choices, s.available(card.id), strict=True) if ok)
                         for card in s.cards()]))
    timeline = sorted((e.turn, e.text) for e in entries(s) if e.kind == "change")
    why = sorted((c.turn, format_change(base_rt, c)) for c in all_changes(s)
                 if not c.target.startswith("policy:"))
    assert any(c.cause.kind == "scheduled" for c in all_changes(s))
    assert set(timeline) <= set(why) and len(timeline) > 20
