"""A meter threshold that names a tolerance shows the tolerance at the campaign's difficulty:
on the dashboard, in the help's Meters tab, in Goals and in plain mode's status."""

from __future__ import annotations

import html
import re
from dataclasses import replace
from pathlib import Path

import pytest

from game.content.loader import load_runtime
from game.engine.runtime import Runtime
from game.goals import thresholds
from game.session import Session
from game.tui.app import make_app
from game.tui.config import GameConfig
from game.tui.help_text import meters_content
from game.tui.widgets.quantity import QuantityRow

from .conftest import SMALL, loaded, run

CONTENT = Path(__file__).resolve().parents[2] / "content"


@pytest.fixture(scope="module")
def base_rt() -> Runtime:
    return load_runtime(CONTENT)


@pytest.mark.parametrize(("difficulty", "settlement"), [("easy", 62), ("normal", 70), ("hard", 78)])
def test_the_dashboard_warns_at_the_difficultys_settlement(config: GameConfig, base_rt: Runtime,
                                                           difficulty: str, settlement: int) -> None:
    app = make_app(replace(config, content=CONTENT, runtime=base_rt))
    session = Session.new(base_rt, difficulty=difficulty, seed="7")
    session.state.values[base_rt.qindex["un_track"]] = settlement - 10

    async def go() -> None:
        async with app.run_test(size=SMALL) as pilot:
            await loaded(pilot)  # the pack loaded (its worker may not have started yet)
            app.begin(session)
            await pilot.pause()
            reading = app.screen.query_one("#q-un_track", QuantityRow).reading
            assert reading is not None
            assert reading.note.startswith(f"⚠ {settlement}: A settlement is within reach")

    run(go())


def test_help_goals_and_status_read_the_same_number(base_rt: Runtime) -> None:
    session = Session.new(base_rt, difficulty="hard", seed="7")
    help_text = meters_content(base_rt, False, session.state).plain
    assert "⚠ 78: A settlement is within reach" in help_text
    assert "⚠ 16: Below this the war spreads" in help_text
    assert "⚠ the settlement tolerance: " in meters_content(base_rt, False).plain  # no campaign: by name
    assert any(line.startswith("≥ 78 (settlement tolerance)") for line in thresholds(session, "un_track"))


def test_a_tolerance_is_named_in_words_not_by_its_id(base_rt: Runtime) -> None:
    session = Session.new(base_rt, difficulty="hard", seed="7")
    lines = thresholds(session, "gov_control")
    assert any("(collapse control tolerance)" in line for line in lines), lines
    assert not any("collapse_control" in line for line in lines)


def screen_lines(svg: str) -> list[str]:
    """An exported screenshot's text, one string a screen row."""
    rows: dict[float, list[tuple[float, str]]] = {}
    for m in re.finditer(r'<text class="[^"]*" x="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>', svg):
        rows.setdefault(float(m.group(2)), []).append((float(m.group(1)), html.unescape(m.group(3))))
    return ["".join(t for _, t in sorted(v)).replace("\xa0", " ") for _, v in sorted(rows.items())]


@pytest.mark.parametrize("size", [(80, 24), (200, 50)])
def test_the_left_panel_shows_names_and_warnings_whole(config: GameConfig, base_rt: Runtime,
                                                        size: tuple[int, int]) -> None:
    app = make_app(replace(config, content=CONTENT, runtime=base_rt))
    session = Session.new(base_rt, difficulty="hard", seed="7")
    session.state.values[base_rt.qindex["un_track"]] = 66

    async def go() -> None:
        async with app.run_test(size=size) as pilot:
            await loaded(pilot)  # the pack loaded (its worker may not have started yet)
            app.begin(session)
            await pilot.pause()
            panel = [line.split("▕")[0] for line in screen_lines(app.export_screenshot())]
            words = " ".join(" ".join(panel).split())
            assert "…" not in words  # nothing cut
            assert "Ownership of the" in words and "problem" in words
            assert "⚠ 78: A settlement is within reach" in words and "(the settlement tolerance)" in words

    run(go())
