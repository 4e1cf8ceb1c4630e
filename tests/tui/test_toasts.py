"""Notifications stay off the card: bottom left, within the state column, at every size the
review tried (a 'Saved' toast covered choice 2's text at 120x40 and 100x30)."""

from __future__ import annotations

import pytest
from textual.widgets._toast import Toast

from game.tui.app import HonorableExit

from .conftest import run, start


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (120, 40), (200, 50)],
                         ids=["80x24", "100x30", "120x40", "200x50"])
def test_a_notification_leaves_the_cards_text_readable(app: HonorableExit, size: tuple[int, int]) -> None:
    async def go() -> None:
        async with app.run_test(size=size, notifications=True) as pilot:
            await start(pilot)
            await pilot.pause()
            app.notify("Saved as a-rather-long-name-for-a-save.json in /home/someone/honorable-exit/saves.",
                       title="Saved")
            app.notify("This card has 2 choices: there is no choice 5.", title="No such choice",
                       severity="warning")
            await pilot.pause(0.2)
            desk = app.screen.query_one("#desk").region
            state = app.screen.query_one("#state").region
            toasts = list(app.screen.query(Toast))
            assert len(toasts) == 2
            for toast in toasts:
                box = toast.region
                assert box.width > 20 and box.height > 0
                assert box.right <= desk.x, (box, desk)  # never over the desk (the card and its choices)
                assert box.x >= state.x

    run(go())
