"""Found in play: the palette's Quit and ctrl+c ask first; Screenshot says where; `4` on a 3-choice card;
`c` with no save."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from game.tui.app import HonorableExit
from game.tui.config import GameConfig
from game.tui.screens.confirm import ConfirmDialog
from game.tui.screens.dashboard import DashboardScreen
from tests.tui.conftest import SMALL, loaded, run, said, start


def messages(app: HonorableExit) -> list[str]:
    return [n.message for n in said(app)]


async def answer_first(pilot: Pilot[Any]) -> None:
    """Pick (not confirm) the first choice: an unsaved answer."""
    await pilot.press("1")
    await pilot.pause()


async def palette(pilot: Pilot[Any], query: str) -> None:
    await pilot.press("ctrl+p")
    await pilot.pause()
    await pilot.press(*query)
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()  # the palette's search for what was typed, not 0.3 s
    await pilot.pause()
    await pilot.press("enter")
    await pilot.pause()
    await pilot.app.workers.wait_for_complete()  # the command, if it works in a worker
    await pilot.pause()


def test_palette_quit_asks_about_unsaved_answers(app: HonorableExit) -> None:
    async def go() -> None:
        async with app.run_test(size=SMALL) as pilot:
            await start(pilot)
            await answer_first(pilot)
            await palette(pilot, "quit")
            assert isinstance(app.screen, ConfirmDialog), "the palette's Quit left without asking"
            assert app.return_code is None
    run(go())


def test_ctrl_c_quits_like_ctrl_q_and_says_so(app: HonorableExit) -> None:
    async def go() -> None:
        async with app.run_test(size=SMALL) as pilot:
            await start(pilot)
            await answer_first(pilot)
            await pilot.press("ctrl+c")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog)
            assert any("ctrl+c quits" in m for m in messages(app))
    run(go())


def test_four_on_a_three_choice_card_says_there_is_no_choice_four(app: HonorableExit) -> None:
    async def go() -> None:
        async with app.run_test(size=SMALL) as pilot:
            await start(pilot)
            dash = app.screen
            assert isinstance(dash, DashboardScreen)
            card = dash.orders.card()
            assert card is not None and len(card.choices) < 4
            key = str(len(card.choices) + 1)
            await pilot.press(key)
            await pilot.pause()
            assert any(f"there is no choice {key}" in m for m in messages(app))
            assert dash.orders.selected is None
    run(go())


def test_screenshot_from_the_palette_says_where(app: HonorableExit, config: GameConfig) -> None:
    async def go() -> None:
        async with app.run_test(size=SMALL) as pilot:
            await start(pilot)
            await palette(pilot, "screenshot")
            await pilot.pause(0.3)
            shots = list(Path(config.saves).glob("*.svg"))
            assert len(shots) == 1
            assert any(str(shots[0]) in m for m in messages(app))
    run(go())


def test_continue_with_no_save_says_so(app: HonorableExit) -> None:
    async def go() -> None:
        async with app.run_test(size=SMALL) as pilot:
            await loaded(pilot)
            await pilot.press("c")
            await pilot.pause()
            assert any("no autosave" in m for m in messages(app))
    run(go())


def test_new_campaign_dialog_focuses_the_first_field_and_names_the_cli_ids(app: HonorableExit) -> None:
    from textual.widgets import Select

    from game.tui.screens.new_campaign import NewCampaignDialog

    async def go() -> None:
        async with app.run_test(size=SMALL) as pilot:
            await loaded(pilot)
            await pilot.press("n")
            await pilot.pause()
            dialog = app.screen
            assert isinstance(dialog, NewCampaignDialog)
            scenario = dialog.query_one("#scenario", Select)
            assert dialog.focused is scenario
            assert "(standard)" in app.export_screenshot()  # the title and the CLI id, side by side
            await pilot.press("enter")  # enter over a closed list starts, it does not open the list
            await pilot.pause()
            assert isinstance(app.screen, DashboardScreen)
    run(go())


def test_the_report_starts_folded_at_80x24_and_r_opens_it(app: HonorableExit) -> None:
    from game.tui.widgets.report import SituationReport

    async def go() -> None:
        async with app.run_test(size=SMALL) as pilot:
            await start(pilot)
            report = app.screen.query_one(SituationReport)
            assert report.folded
            await pilot.press("r")
            await pilot.pause()
            assert not report.folded
    run(go())


def test_enter_before_a_choice_names_the_cards_own_keys(app: HonorableExit) -> None:
    async def go() -> None:
        async with app.run_test(size=SMALL) as pilot:
            await start(pilot)
            dash = app.screen
            assert isinstance(dash, DashboardScreen)
            card = dash.orders.card()
            assert card is not None and len(card.choices) < 4
            await pilot.press("enter")
            await pilot.pause()
            assert f"Pick a choice first (keys 1-{len(card.choices)})." in messages(app)
    run(go())
