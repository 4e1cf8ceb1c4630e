"""The test bench: fire a card, set a quantity or flag, jump a month; a bench save never verifies."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.bench import BenchError, fire, jump, set_flag, set_value
from game.content.loader import load_runtime
from game.saves import save_session
from game.saves.read import read_save
from game.saves.verify import verify
from game.session import Session

STARTER = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "packs" / "starter"


@pytest.fixture(scope="module")
def rt():  # type: ignore[no-untyped-def]
    return load_runtime(STARTER)


def test_fire_set_and_jump(rt) -> None:  # type: ignore[no-untyped-def]
    s = Session.new(rt, "standard", "normal", "b1")
    assert "on the desk" in fire(s, "spoilers")
    assert s.state.cards[0] == "spoilers" and s.options["debug"] is True
    set_value(s, "ceasefire", 500)
    assert s.value("ceasefire") == 100 and s.why("ceasefire")[-1].cause.note == "test bench"
    set_flag(s, "afrin_operation", True)
    assert "afrin_operation" in s.state.flags
    before = s.state.turn
    assert jump(s, "2018-06").startswith("now June 2018")
    assert s.state.turn == before + 6 and s.state.cards
    s.play(s.decide([rt.events[c].choices[0].id for c in s.state.cards]))


def test_bench_errors_say_why(rt) -> None:  # type: ignore[no-untyped-def]
    s = Session.new(rt, "standard", "normal", "b2")
    with pytest.raises(BenchError, match="did you mean 'spoilers'"):
        fire(s, "spoiler")
    with pytest.raises(BenchError, match="not a month"):
        jump(s, "2018-13")
    with pytest.raises(BenchError, match="jump to a month after"):
        jump(s, "2017-01")
    with pytest.raises(BenchError, match="no flag"):
        set_flag(s, "nope", True)
    assert "debug" not in s.options  # nothing was done


def test_a_bench_save_is_marked_and_never_verifies(rt, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    s = Session.new(rt, "standard", "normal", "b3")
    fire(s, "geneva_round")
    s.play(s.decide([rt.events[c].choices[0].id for c in s.state.cards]))
    path = save_session(s, tmp_path, "bench")
    assert json.loads(path.read_text())["campaign"]["options"]["debug"] is True
    verdict = verify(read_save(path).doc, rt)
    assert not verdict.ok and "test bench" in verdict.message()
