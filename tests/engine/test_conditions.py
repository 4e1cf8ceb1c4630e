"""Every kind of condition, in tree and string form, evaluates as documented."""

from __future__ import annotations

import pytest

from game.engine.runtime import Runtime
from game.engine.state import State
from game.engine.turn import new_campaign
from tests.engine.helpers import condition


@pytest.fixture
def state(starter_rt: Runtime) -> State:
    s = new_campaign(starter_rt, "standard", "normal", "cond")
    s.values[starter_rt.qindex["ceasefire"]] = 50
    s.values[starter_rt.qindex["turkey"]] = -20
    s.flags = {"afrin_operation"}
    s.fired = {"sochi_congress": 1}
    return s


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("{meter: ceasefire, gte: 50}", True),
        ("{meter: ceasefire, gt: 50}", False),
        ("{meter: ceasefire, lt: 60, gte: 40}", True),
        ("{meter: ceasefire, eq: 50}", True),
        ("{meter: ceasefire, ne: 50}", False),
        ("{relation: turkey, lt: -10}", True),
        ("{relation: turkey, lt: rupture}", False),  # rupture is -60 on normal
        ("{flag: afrin_operation}", True),
        ("{flag: sochi_held}", False),
        ("{fired: sochi_congress}", True),
        ("{fired: afrin}", False),
        ("{turn: {min: 1, max: 3}}", True),
        ("{turn: {min: 2}}", False),
        ("{date: {min: '2017-12', max: '2018-01'}}", True),
        ("{date: {min: '2018-01'}}", False),
        ("{policy: posture, is: engaged}", True),
        ("{policy: posture, at_least: reduced}", False),
        ("{policy: pressure, at_most: firm}", True),
        ("{all: [{flag: afrin_operation}, {meter: ceasefire, gte: 10}]}", True),
        ("{any: [{flag: sochi_held}, {meter: ceasefire, gte: 90}]}", False),
        ("{not: {flag: sochi_held}}", True),
        ("'ceasefire >= 40 and not sochi_held'", True),
        ("'ceasefire >= 40 and afrin_operation and fired(sochi_congress)'", True),
        ("'turkey < rupture or ceasefire * 2 - 10 == 90'", True),
        ("'(turkey + 20) / 2 == 0 and flag(afrin_operation)'", True),
        ("'turn == 1 and date == 2017-12 and date < 2018-01'", True),
        ("'posture == engaged and pressure < firm'", True),
        ("'-turkey > 10 and not (ceasefire > 49 and false)'", True),
        ("'true and not fired(afrin)'", True),
    ],
)
def test_condition(starter_rt: Runtime, state: State, text: str, expected: bool) -> None:
    assert condition(starter_rt, text)(state) is expected


def test_tolerance_follows_difficulty(starter_rt: Runtime) -> None:
    pred = condition(starter_rt, "'turkey > rupture'")
    easy = new_campaign(starter_rt, "standard", "easy", "t")
    hard = new_campaign(starter_rt, "standard", "hard", "t")
    for s in (easy, hard):
        s.values[starter_rt.qindex["turkey"]] = -70
    assert pred(easy) and not pred(hard)
