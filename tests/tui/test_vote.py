"""The class vote in the app: tallies typed beside each choice, the majority taken, ties broken, saved."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from game.saves import load_save
from game.session import Session
from game.tui.app import HonorableExit, make_app
from game.tui.config import GameConfig
from game.tui.screens.tie import TieDialog
from game.tui.screens.vote import VoteScreen
from game.tui.widgets.tally import TallyInput

from .conftest import SMALL, STARTER, loaded, plain_text, run

ROOT = Path(__file__).resolve().parents[2]


async def vote_campaign(pilot: Pilot[Any], seed: str = "7") -> VoteScreen:
    """A new class-vote campaign (as the dialog starts one), on its first card."""
    await loaded(pilot)
    app = pilot.app
    assert isinstance(app, HonorableExit)
    app.begin(Session.new(app.rt, seed=seed, options={"vote": True}))
    await pilot.pause()
    await pilot.pause()
    assert isinstance(app.screen, VoteScreen)
    return app.screen


async def tally(pilot: Pilot[Any], *counts: str) -> None:
    """Type each open choice's count, moving down between the tallies."""
    for n, count in enumerate(counts):
        if n:
            await pilot.press("down")
        focused = pilot.app.focused
        assert isinstance(focused, TallyInput)
        await pilot.press("ctrl+a", "ctrl+k", *count)  # whatever was there, replaced
    await pilot.pause()


def test_a_tally_takes_the_majority_and_the_month_keeps_it(app: HonorableExit) -> None:
    async def go() -> None:
        async with app.run_test(size=SMALL) as pilot:
            screen = await vote_campaign(pilot)
            assert isinstance(app.focused, TallyInput) and app.focused.index == 0
            await tally(pilot, "7", "12")
            standing = plain_text(screen.query_one(".standing").content)
            assert "19 votes" in standing and "Majority: 2 · " in standing, standing
            await pilot.press("enter")
            await pilot.pause()
            orders = screen.orders
            assert orders.at_orders and orders.tallies == [(7, 12)]
            shown = plain_text(screen.query_one("#orders .card-text").content)
            assert "The class voted:" in shown and "12 (63%)" in shown, shown
            await pilot.press("enter")  # end the month
            await pilot.pause()
            session = app.session
            assert session is not None and session.votes == {1: ((7, 12),)}
            assert session.decisions[0].choices == (session.rt.pack.get("events", "spoilers").choices[1].id,)

    run(go())
