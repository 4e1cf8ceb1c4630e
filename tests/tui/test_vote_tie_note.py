"""The month's orders say when the class's vote was a tie that the facilitator broke: a 5-5 split
beside the choice taken would otherwise read as the class's majority."""

from __future__ import annotations

from game.tui.app import HonorableExit
from game.tui.screens.tie import TieDialog

from .conftest import SMALL, plain_text, run
from .test_vote import tally, vote_campaign


def test_the_orders_say_a_tie_was_broken_by_the_facilitator(app: HonorableExit) -> None:
    async def go() -> None:
        async with app.run_test(size=SMALL) as pilot:
            screen = await vote_campaign(pilot)
            await tally(pilot, "5", "5")
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, TieDialog)
            await pilot.press("2")
            await pilot.pause()
            assert screen.orders.at_orders
            shown = " ".join(plain_text(screen.query_one("#orders .card-text").content).split())
            assert "5 (50%); a tie, broken by the facilitator" in shown, shown

    run(go())


def test_a_majority_is_not_called_a_tie() -> None:
    from game.vote import voted

    assert voted([7, 12], ["A", "B"]) == "A 7 (37%), B 12 (63%)"
    assert voted([0, 3, 3], ["A", "B", "C"]).endswith("; a tie, broken by the facilitator")
