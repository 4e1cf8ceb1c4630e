"""Branches that read the same: said once, and on a direction-only difficulty said to differ unseen."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from pydantic import TypeAdapter

from game.content.effects import Effect
from game.content.loader import load_runtime
from game.engine.runtime import Runtime
from game.preview import effects_text, lens_for
from game.session import Session

STARTER = Path(__file__).resolve().parents[1] / "fixtures" / "packs" / "starter"
EFFECTS: TypeAdapter[list[Any]] = TypeAdapter(list[Effect])


@pytest.fixture(scope="module")
def rt() -> Runtime:
    return load_runtime(STARTER)


def words(rt: Runtime, effects: list[dict[str, Any]], mode: str) -> list[str]:
    lens = replace(lens_for(Session.new(rt, "standard", "normal", seed="branches")), mode=mode)
    return effects_text(lens, EFFECTS.validate_python(effects))


SIZES = [{"if": "damascus >= 20", "then": [{"change": {"un_track": 5}}],
          "else": [{"change": {"un_track": 1}}]}]
ODDS = [{"random": [{"weight": 1, "note": "Much", "effects": [{"change": {"turkey": 4}}]},
                    {"weight": 1, "note": "Little", "effects": [{"change": {"turkey": 1}}]}]}]


def test_sizes_show_the_condition_and_the_odds_where_they_are_seen(rt: Runtime) -> None:
    assert words(rt, SIZES, "magnitude") == [
        "if Damascus ≥ 20: UN track momentum +5 (otherwise: UN track momentum +1)"]
    assert words(rt, ODDS, "magnitude") == ["50%: Turkey +4 / 50%: Turkey +1"]


def test_on_hard_branches_that_read_the_same_are_said_once_and_said_to_differ(rt: Runtime) -> None:
    assert words(rt, SIZES, "direction") == [
        "UN track momentum ▲ either way (how much may depend on whether Damascus ≥ 20)"]
    assert words(rt, ODDS, "direction") == ["Turkey ▲ (how much is left to chance)"]


def test_branches_that_differ_in_direction_keep_their_shape_on_hard(rt: Runtime) -> None:
    mixed = [{"if": "damascus >= 20", "then": [{"change": {"un_track": 5}}],
              "else": [{"change": {"un_track": -1}}]}]
    assert words(rt, mixed, "direction") == [
        "if Damascus ≥ 20: UN track momentum ▲ (otherwise: UN track momentum ▼)"]


def test_identical_visible_branches_are_said_once(rt: Runtime) -> None:
    same = [{"if": "damascus >= 20", "then": [{"change": {"un_track": 2}}],
             "else": [{"change": {"un_track": 2}}]}]
    assert words(rt, same, "magnitude") == ["UN track momentum +2"]
