"""A dialog that closes itself under the too-small cover (a key queued before the terminal shrank).

``dismiss`` pops the top screen: with the cover on top it took the cover away and left the
dialog open, its answer already given, so that the next key answered it twice (asyncio's
InvalidStateError under the fuzz test, when a resize landed between a key and its handling).
"""

from __future__ import annotations

from typing import Any

from game.tui.app import HonorableExit
from game.tui.screens.confirm import ConfirmDialog
from game.tui.screens.too_small import TooSmallScreen

from .conftest import loaded, run


def test_a_dialog_closing_under_the_cover_leaves_the_cover_up(app: HonorableExit) -> None:
    answers: list[Any] = []

    async def go() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await loaded(pilot)
            under = app.screen
            dialog = ConfirmDialog("Something would be lost.", "Go on?")
            app.push_screen(dialog, answers.append)
            await pilot.pause()
            await pilot.resize_terminal(60, 20)
            await pilot.pause()
            assert isinstance(app.screen, TooSmallScreen)
            dialog.dismiss(True)  # the queued key's answer, handled after the cover came up
            await pilot.pause()
            assert answers == [True]
            assert isinstance(app.screen, TooSmallScreen), "the cover stays while the terminal is small"
            assert dialog not in app.screen_stack, "the dialog that answered is gone"
            await pilot.resize_terminal(100, 30)
            await pilot.pause()
            assert app.screen is under
            assert not any(isinstance(s, TooSmallScreen | ConfirmDialog) for s in app.screen_stack)

    run(go())
    assert app._exception is None
