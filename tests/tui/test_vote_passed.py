"""A card that passes in the app's class vote: no tally asked, it says so and why, enter goes on,
and the month keeps the empty tally (``game.vote.PASSED_TALLY``)."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from textual.widgets import Static

from game.engine.passing import PASSED, PASSED_NOTE
from game.tui.app import make_app
from game.tui.config import GameConfig
from game.tui.screens.vote import VoteScreen
from game.tui.widgets.tally import TallyInput
from game.vote import PASSED_VOTE

from .conftest import SMALL, loaded, plain_text, run

ROOT = Path(__file__).resolve().parents[2]
MOD = ROOT / "tests" / "fixtures" / "packs" / "closed_card_mod"


def test_a_passed_card_takes_no_vote_and_the_month_keeps_its_empty_tally(config: GameConfig) -> None:
    cfg = replace(config, content=ROOT / "content", mods=(str(MOD),), runtime=None, scenario="classroom",
                  bench=True, start_event="wheat_shipment", vote=True)  # Damascus at 45: no choice open
    app = make_app(cfg)

    async def go() -> None:
        async with app.run_test(size=SMALL) as pilot:
            await loaded(pilot)
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, VoteScreen) and screen.orders.current_card_id() == "wheat_shipment"
            heading = plain_text(screen.query_one("#card-body > .tally-heading", Static).render())
            assert heading == PASSED_VOTE
            standing = " ".join(plain_text(screen.query_one("#standing", Static).render()).split())
            assert "none: no choice is open, so the card passes · enter: go on" in standing, standing
            assert "No majority yet" not in standing
            reasons = " ".join(plain_text(r.content) for r in screen.query(".-unavailable"))
            assert "Relations with Damascus ≥ 50 (now 45)" in reasons  # why, in the pack's terms
            hint = plain_text(screen.query_one("#card-body > .hint", Static).render())
            assert "No vote: enter: go on" in hint and "take the majority" not in hint
            await pilot.press("enter")
            await pilot.pause()
            orders = screen.orders
            assert orders.picks == [PASSED] and orders.tallies == [()] and orders.step == 1
            while not orders.at_orders:  # the other cards: one vote for their first open choice
                assert isinstance(app.focused, TallyInput)
                await pilot.press("1", "enter")
                await pilot.pause()
            shown = " ".join(plain_text(screen.query_one("#orders .card-text").content).split())
            assert f"Wheat for Latakia → {PASSED_NOTE}, with no effect" in shown
            await pilot.press("enter")  # end the month
            await pilot.pause()
            session = app.session
            assert session is not None and session.state.turn == 2
            assert session.votes[1][0] == () and session.decisions[0].choices[0] == PASSED

    run(go())
