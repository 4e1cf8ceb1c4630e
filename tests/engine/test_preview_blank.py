"""A branch that shows nothing says why: 'no change' when it has no effects at all, 'nothing
visible' only when it has effects the player cannot see (the review found drawdown's empty
branch called 'nothing visible', in teaching mode too)."""

from __future__ import annotations

from pathlib import Path

import pytest
from pydantic import TypeAdapter

from game.content import effects as e
from game.content.loader import load_runtime
from game.engine.runtime import Runtime
from game.preview import Lens, lens_for, level_preview, preview
from game.session import Session

CONTENT = Path(__file__).resolve().parents[2] / "content"
EFFECTS = TypeAdapter(list[e.Effect])


@pytest.fixture(scope="module")
def base_rt() -> Runtime:
    return load_runtime(CONTENT)


@pytest.mark.parametrize("teaching", [False, True])
def test_drawdowns_empty_branch_says_no_change(base_rt: Runtime, teaching: bool) -> None:
    session = Session.new(base_rt, seed="7", options={"teaching": teaching})
    text = level_preview(lens_for(session), "posture", "drawdown")
    assert "or Turkey ≥ 50: no change (otherwise: Jihadist threat +1)" in text
    assert "nothing visible" not in text


def test_a_branch_of_hidden_effects_still_says_nothing_visible(base_rt: Runtime) -> None:
    items = EFFECTS.validate_python([
        {"if": "un_track >= 40", "then": [{"change": {"consensus": 5}}],
         "else": [{"change": {"standing": 1}}]},
        {"random": [{"weight": 1, "note": "a", "effects": [{"change": {"consensus": 2}}]},
                    {"weight": 1, "note": "b", "effects": []},
                    {"weight": 2, "note": "c", "effects": [{"change": {"standing": 2}}]}]},
    ])
    session = Session.new(base_rt, seed="7")
    hidden = preview(lens_for(session), items)
    assert "if UN track momentum ≥ 40: nothing visible (otherwise: International standing +1)" in hidden
    assert "25%: nothing visible / 25%: no change / 50%: International standing +2" in hidden
    shown = preview(Lens(base_rt, session.state, session.turns, frozenset()), items)
    assert "nothing visible" not in shown and "25%: no change" in shown
