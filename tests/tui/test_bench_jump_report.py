"""After a test-bench jump the situation report says the bench jumped, never that the campaign begins."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Input

from game.tui.app import HonorableExit, make_app
from game.tui.config import GameConfig
from game.tui.screens.bench import BenchScreen
from game.tui.screens.dashboard import DashboardScreen
from game.tui.widgets.report import SituationReport

from .conftest import LARGE, SMALL, plain_text, play_month, run, start


def report_text(app: HonorableExit) -> str:
    return plain_text(app.screen.query_one(SituationReport).content)


async def jump(pilot: Pilot[Any], month: str) -> None:
    await pilot.press("x")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, BenchScreen)
    screen.query_one("#bench-line", Input).value = f"jump {month}"
    await pilot.press("enter")
    await pilot.pause()
    assert isinstance(pilot.app.screen, DashboardScreen)


def test_a_jump_before_the_first_month_is_reported_folded_and_open(config: GameConfig) -> None:
    app = make_app(replace(config, bench=True))

    async def go() -> None:
        async with app.run_test(size=SMALL) as pilot:
            await start(pilot)
            assert "The campaign begins" in report_text(app)
            await jump(pilot, "2018-03")
            report = app.screen.query_one(SituationReport)
            assert report.folded  # 80x24: the one-line summary
            text = " ".join(report_text(app).split())
            assert "Test bench: jumped to March 2018." in text and "campaign begins" not in text
            await pilot.press("r")
            await pilot.pause()
            text = " ".join(report_text(app).split())
            assert "Test bench: the campaign jumped from December 2017 to March 2018" in text
            assert "campaign begins" not in text
    run(go())


def test_a_jump_after_months_played_then_a_month_played_on(config: GameConfig) -> None:
    app = make_app(replace(config, bench=True))

    async def go() -> None:
        async with app.run_test(size=LARGE) as pilot:
            await start(pilot)
            await play_month(pilot)
            assert "jumped" not in report_text(app)
            await jump(pilot, "2018-05")
            text = " ".join(report_text(app).split())
            assert "Test bench: the campaign jumped from January 2018 to May 2018" in text
            assert "Nothing moved last month" not in text
            await play_month(pilot)
            text = " ".join(report_text(app).split())
            assert "jumped" not in text and "May 2018 (turn 6)" in text  # May's own report, dated
    run(go())
