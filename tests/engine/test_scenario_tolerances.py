"""A scenario's tolerances are added to the difficulty's, and every front sees the resulting numbers."""

from __future__ import annotations

from pathlib import Path

from game.content.loader import load, load_runtime
from game.goals import goals_lines
from game.session import Session

BASE = Path(__file__).resolve().parents[2] / "content"


def test_the_classroom_asks_less_of_the_talks_and_the_goals_say_how_much() -> None:
    rt = load_runtime(BASE)
    talks = rt.tolerance_ids.index("talks")
    offset = rt.pack.get("scenarios", "classroom").tolerances["talks"]
    for diff in rt.pack.difficulties:
        full = Session.new(rt, "standard", diff.id, "t1")
        short = Session.new(rt, "classroom", diff.id, "t1")
        assert full.state.tolerances[talks] == diff.tolerances["talks"]
        assert short.state.tolerances[talks] == diff.tolerances["talks"] + offset
        lines = "\n".join(goals_lines(short))
        assert f"Intra-Syrian dialogue ≥ {diff.tolerances['talks'] + offset} (talks tolerance)" in lines
    assert str(-offset) in rt.pack.get("scenarios", "classroom").description  # the scenario says so


def test_an_unknown_tolerance_in_a_scenario_is_named(pack_copy: Path) -> None:
    world = pack_copy / "world.yaml"
    text = world.read_text(encoding="utf-8")
    marker = "    turns:"
    assert marker in text
    world.write_text(text.replace(marker, "    tolerances: {patience: -3}\n" + marker, 1), encoding="utf-8")
    _, _, errors = load(pack_copy)
    assert [e.code for e in errors] == ["unknown-tolerance"], [e.render() for e in errors]
