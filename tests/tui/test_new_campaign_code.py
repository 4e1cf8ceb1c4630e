"""The new-campaign dialog shows what a class code fixes, locks those fields, and says why one is refused."""

from __future__ import annotations

from textual.widgets import Input, Select, Static

from game.classcode import encode_class_code
from game.tui.app import HonorableExit
from game.tui.screens.dashboard import DashboardScreen
from game.tui.screens.new_campaign import NewCampaignDialog
from tests.tui.conftest import SMALL, loaded, run


def test_a_class_code_shows_and_locks_its_settings(app: HonorableExit) -> None:
    code = encode_class_code(app.config.runtime, "standard", "hard", 4321, teaching=True)

    async def go() -> None:
        async with app.run_test(size=SMALL) as pilot:
            await loaded(pilot)
            await pilot.press("n")
            await pilot.pause()
            dialog = app.screen
            assert isinstance(dialog, NewCampaignDialog)
            dialog.query_one("#class-code", Input).value = "ZZZZZ"
            await pilot.pause()
            assert "class code" in str(dialog.query_one("#new-error", Static).render())
            dialog.query_one("#class-code", Input).value = code.lower()
            await pilot.pause()
            about = str(dialog.query_one("#about", Static).render())
            assert "fixes" in about and "seed 4321" in about and "teaching on" in about
            assert dialog.query_one("#difficulty", Select).value == "hard"
            assert dialog.query_one("#scenario", Select).disabled
            assert dialog.query_one("#seed", Input).disabled
            assert str(dialog.query_one("#new-error", Static).render()) == ""
            dialog.query_one("#class-code", Input).value = ""
            await pilot.pause()
            assert not dialog.query_one("#scenario", Select).disabled
            dialog.query_one("#class-code", Input).value = code
            await pilot.pause()
            dialog.start()
            await pilot.pause()
            assert isinstance(app.screen, DashboardScreen)
            assert app.session is not None and app.session.seed == "4321" and app.session.difficulty == "hard"
    run(go())
