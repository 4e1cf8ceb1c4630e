"""The new-campaign dialog keeps Start and Cancel on screen at 80x24 and 120x40, whatever is chosen."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from textual.containers import VerticalScroll
from textual.geometry import Region
from textual.widgets import Button, Input, Select, Static

from game.content.loader import load_runtime
from game.engine.runtime import Runtime
from game.tui.app import make_app
from game.tui.config import GameConfig
from game.tui.screens.new_campaign import NewCampaignDialog

from .conftest import LARGE, SMALL, loaded, run

CONTENT = Path(__file__).resolve().parents[2] / "content"


@pytest.fixture(scope="module")
def base_rt() -> Runtime:
    return load_runtime(CONTENT)


def _shown(dialog: NewCampaignDialog, widget_id: str) -> bool:
    """Whether a widget is wholly on screen and not hidden by the body's scrolling."""
    region = dialog.query_one(widget_id).region
    return bool(region.area) and Region(0, 0, *dialog.app.size).contains_region(region)


@pytest.mark.parametrize("size", [SMALL, LARGE])
def test_start_and_cancel_show_whatever_is_chosen(config: GameConfig, base_rt: Runtime,
                                                  size: tuple[int, int]) -> None:
    app = make_app(replace(config, content=CONTENT, runtime=base_rt))

    async def go() -> None:
        async with app.run_test(size=size) as pilot:
            await loaded(pilot)
            await pilot.press("n")
            await pilot.pause()
            dialog = app.screen
            assert isinstance(dialog, NewCampaignDialog)
            about = dialog.query_one("#about", Static)
            for scenario in base_rt.pack.scenarios:
                for difficulty in base_rt.pack.difficulties:
                    dialog.query_one("#scenario", Select).value = scenario.id
                    dialog.query_one("#difficulty", Select).value = difficulty.id
                    await pilot.pause()
                    assert scenario.description[:40] in str(about.render())
                    assert _shown(dialog, "#start") and _shown(dialog, "#cancel"), (scenario.id, size)
                    body = dialog.query_one("#new-body", VerticalScroll)
                    body.scroll_end(animate=False)  # what does not fit scrolls into view, above the buttons
                    await pilot.pause()
                    assert body.region.contains_region(about.region), (scenario.id, size)
                    assert about.region.bottom <= dialog.query_one("#start", Button).region.y
            dialog.query_one("#class-code", Input).value = "ZZZZZ"  # a refused code: its error shows too
            await pilot.pause()
            assert "class code" in str(dialog.query_one("#new-error", Static).render())
            assert _shown(dialog, "#new-error") and _shown(dialog, "#start") and _shown(dialog, "#cancel")
    run(go())


def test_the_description_shows_whole_at_80x24_without_scrolling(config: GameConfig, base_rt: Runtime) -> None:
    app = make_app(replace(config, content=CONTENT, runtime=base_rt))

    async def go() -> None:
        async with app.run_test(size=SMALL) as pilot:
            await loaded(pilot)
            await pilot.press("n")
            await pilot.pause()
            dialog = app.screen
            assert isinstance(dialog, NewCampaignDialog)
            for difficulty in base_rt.pack.difficulties:
                dialog.query_one("#difficulty", Select).value = difficulty.id
                await pilot.pause()
                body = dialog.query_one("#new-body", VerticalScroll)
                assert body.max_scroll_y == 0, difficulty.id  # nothing below the fold
                assert _shown(dialog, "#about")

    run(go())
