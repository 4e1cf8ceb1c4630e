"""The explanation of every clause kind: text from the pack's names, now, holds, gap; hidden; tolerances."""

from __future__ import annotations

import pytest
from pydantic import TypeAdapter

from game.content.compile_explain import ExplainBuilder
from game.content.conditions import Condition
from game.content.yamlsrc import read_yaml
from game.engine.explain import HIDDEN_TEXT, Clause, explain, failing
from game.engine.runtime import Runtime
from game.engine.state import State
from game.engine.turn import new_campaign
from game.engine.uses import threshold_lines
from tests.engine.helpers import condition


@pytest.fixture
def state(starter_rt: Runtime) -> State:
    s = new_campaign(starter_rt, "standard", "normal", "cond")
    s.values[starter_rt.qindex["ceasefire"]] = 50
    s.values[starter_rt.qindex["turkey"]] = -20
    s.values[starter_rt.qindex["hope"]] = 33
    s.flags = {"afrin_operation"}
    s.fired = {"sochi_congress": 1}
    return s


def explained(rt: Runtime, text: str, state: State, show_hidden: bool = False) -> Clause:
    doc, errors = read_yaml(text, "snippet.yaml")
    assert not errors
    model = TypeAdapter(Condition).validate_python(doc.data)
    tree = ExplainBuilder(rt.pack, rt.qindex, rt.tolerance_ids).cond(model)
    clause = explain(tree, state, show_hidden)
    assert clause.holds is condition(rt, text)(state)  # the explanation agrees with the rules
    return clause


@pytest.mark.parametrize(
    ("text", "words", "now", "holds", "gap"),
    [
        ("{meter: ceasefire, gte: 60}", "Ceasefire stability ≥ 60", "now 50", False, 10),
        ("{meter: ceasefire, gt: 50}", "Ceasefire stability > 50", "now 50", False, 1),
        ("{meter: ceasefire, lte: 50}", "Ceasefire stability ≤ 50", "now 50", True, 0),
        ("{meter: ceasefire, eq: 45}", "Ceasefire stability = 45", "now 50", False, 5),
        ("{meter: ceasefire, ne: 50}", "Ceasefire stability ≠ 50", "now 50", False, 1),
        ("{relation: turkey, gt: 0}", "Relations with Turkey > 0", "now -20", False, 21),
        ("{relation: turkey, lt: rupture}", "Relations with Turkey < -60 (rupture tolerance)",
         "now -20", False, 41),
        ("{flag: sochi_held}", "The Sochi congress took place", None, False, 1),
        ("{flag: afrin_operation}", "Turkey has launched its operation in Afrin", None, True, 0),
        ("{fired: afrin}", "has come up", None, False, 1),
        ("{turn: {min: 3, max: 5}}", "from turn 3 to turn 5", "now turn 1", False, 2),
        ("{date: {min: '2018-03'}}", "from March 2018 on", "now December 2017", False, 3),
        ("{policy: posture, at_least: reduced}", "Military posture at least Reduced",
         "now Full engagement", False, 1),
        ("{policy: pressure, is: firm}", "Pressure on Damascus is Firm", "now", False, 1),
        ("'ceasefire * 2 - 10 >= 100'", "Ceasefire stability * 2 - 10 ≥ 100", "now 90", False, 10),
        ("'turkey > rupture + 30'", "Relations with Turkey > -30 (rupture tolerance + 30)",
         "now -20", True, 0),
        ("'date >= 2018-06'", "the month ≥ June 2018", "now December 2017", False, 6),
        ("'not sochi_held'", "not: The Sochi congress took place", None, True, 0),
        ("'not fired(sochi_congress)'", "has not come up", None, False, 1),
        ("'posture != engaged'", "Military posture is not Full engagement", "now Full engagement",
         False, 1),
        ("'true'", "always", None, True, 0),
    ],
)
def test_leaf(starter_rt: Runtime, state: State, text: str, words: str, now: str | None,
              holds: bool, gap: float) -> None:
    c = explained(starter_rt, text, state)
    assert words in c.text
    assert (c.now is None) if now is None else (c.now is not None and c.now.startswith(now))
    assert c.holds is holds
    assert c.gap == gap


def test_all_sums_gaps_and_names_the_failing(starter_rt: Runtime, state: State) -> None:
    c = explained(starter_rt, "{all: [{meter: ceasefire, gte: 55}, {relation: turkey, gte: 0},"
                              " {flag: afrin_operation}]}", state)
    assert c.kind == "all" and not c.holds and c.gap == 5 + 20
    assert [f.text for f in failing(c)] == ["Ceasefire stability ≥ 55", "Relations with Turkey ≥ 0"]


def test_any_points_at_the_closest_branch(starter_rt: Runtime, state: State) -> None:
    c = explained(starter_rt, "'ceasefire >= 90 or turkey >= -15 or sochi_held'", state)
    assert c.kind == "any" and not c.holds
    assert c.closest == 2 and c.gap == 1  # a flag is one step away; turkey is 5
    c = explained(starter_rt, "'ceasefire >= 90 or turkey >= -18'", state)
    assert c.closest == 1 and c.gap == 2


def test_not_is_pushed_into_the_leaves(starter_rt: Runtime, state: State) -> None:
    c = explained(starter_rt, "{not: {all: [{meter: ceasefire, gte: 40}, {flag: sochi_held}]}}", state)
    assert c.kind == "any" and c.holds
    assert [k.text for k in c.children] == ["Ceasefire stability < 40", "not: The Sochi congress took place"]


def test_hidden_meter_outside_teaching(starter_rt: Runtime, state: State) -> None:
    c = explained(starter_rt, "{meter: hope, gte: 50}", state)
    assert c.hidden and c.text == HIDDEN_TEXT and c.now is None
    assert "33" not in c.text


def test_hidden_meter_in_teaching(starter_rt: Runtime, state: State) -> None:
    c = explained(starter_rt, "{meter: hope, gte: 50}", state, show_hidden=True)
    assert not c.hidden and c.text == "Hope in the UN track ≥ 50" and c.now == "now 33" and c.gap == 17


@pytest.mark.parametrize(("difficulty", "number"), [("easy", "-80"), ("normal", "-60"), ("hard", "-40")])
def test_tolerance_reads_as_its_number(starter_rt: Runtime, difficulty: str, number: str) -> None:
    s = new_campaign(starter_rt, "standard", difficulty, "tol")
    c = explained(starter_rt, "{relation: turkey, lt: rupture}", s)
    assert c.text == f"Relations with Turkey < {number} (rupture tolerance)"
    assert c.gap == s.values[starter_rt.qindex["turkey"]] - int(number) + 1


def test_every_pack_condition_is_explained_and_agrees(starter_rt: Runtime, state: State) -> None:
    rt = starter_rt
    keys = set(rt.conditions)
    assert {f"ending:{e.id}" for e in rt.endings if e.when is not None} <= keys
    for ev in rt.events.values():
        assert (f"event:{ev.id}" in keys) is (ev.when is not None)
        for ch in ev.choices:
            key = f"choice:{ev.id}.{ch.id}"
            assert (key in keys) is (ch.when is not None)
            if ch.when is not None:
                assert explain(rt.conditions[key], state).holds is ch.when(state)


def test_where_used_index(starter_rt: Runtime, state: State) -> None:
    rt = starter_rt
    assert rt.uses, "the index lists the thresholds of the pack's conditions"
    for qid, uses in rt.uses.items():
        assert qid in rt.qindex
        for use in uses:
            assert use.key in rt.conditions and use.gates
    ending_keys = [k for k in rt.conditions if k.startswith("ending:")]
    assert any(u.key in ending_keys for us in rt.uses.values() for u in us)
    lines = [line for q in rt.uses for line in threshold_lines(rt, q, state)]
    assert all(": " in line for line in lines)
