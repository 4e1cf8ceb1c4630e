"""A card with no open choice in the app: the card says it passes, enter goes on, the report says so."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from textual.widgets import Static

from game.engine.passing import PASSED, PASSED_SAY
from game.tui.app import make_app
from game.tui.config import GameConfig
from game.tui.screens.dashboard import DashboardScreen
from game.tui.widgets.report import report_content

from .conftest import SMALL, loaded, plain_text, play_month, run

ROOT = Path(__file__).resolve().parents[2]
MOD = ROOT / "tests" / "fixtures" / "packs" / "closed_card_mod"


def test_a_passed_card_is_shown_and_the_month_ends(config: GameConfig) -> None:
    cfg = replace(config, content=ROOT / "content", mods=(str(MOD),), runtime=None, scenario="classroom",
                  bench=True, start_event="wheat_shipment")  # Damascus at 45: neither choice is open
    app = make_app(cfg)

    async def go() -> None:
        async with app.run_test(size=SMALL) as pilot:
            await loaded(pilot)
            screen = app.screen
            assert isinstance(screen, DashboardScreen) and screen.orders.current_card_id() == "wheat_shipment"
            meta = plain_text(screen.query_one("#card-body > .card-meta", Static).render())
            assert PASSED_SAY in " ".join(meta.split())
            await pilot.press("enter")
            await pilot.pause()
            assert screen.orders.picks == [PASSED] and screen.orders.step == 1
            await play_month(pilot)
            assert app.session is not None and app.session.state.turn == 2
            assert app.session.decisions[0].choices[0] == PASSED
            report = " ".join(plain_text(report_content(app.session)).split())
            assert "Wheat for Latakia: no choice was open: the card passed, with no effect." in report

    run(go())
