"""The main flows, driven with keys: new campaign, play, save, quit, continue, reach an ending."""

from __future__ import annotations

import threading
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import OptionList

from game.tui import loading
from game.tui.app import HonorableExit, make_app
from game.tui.config import GameConfig
from game.tui.screens.dashboard import DashboardScreen
from game.tui.screens.ending import EndingScreen
from game.tui.screens.title import TitleScreen

from .conftest import SMALL, loaded, play_month, run, said, start


def test_title_paints_before_the_pack_is_loaded(config: GameConfig, monkeypatch: pytest.MonkeyPatch) -> None:
    release = threading.Event()
    real = loading.load_everything

    def slow(*args: Any) -> loading.Loaded:
        release.wait(10)
        return real(*args)

    monkeypatch.setattr(loading, "load_everything", slow)
    app = make_app(replace(config, runtime=None))

    async def go() -> None:
        async with app.run_test(size=SMALL) as pilot:
            await pilot.pause()
            assert isinstance(app.screen, TitleScreen) and app.rt is None
            menu = app.screen.query_one("#menu", OptionList)
            assert menu.get_option("new").disabled
            assert "Loading" in str(app.screen.query_one("#pack-line").render())
            release.set()
            await loaded(pilot)
            assert app.rt is not None and not menu.get_option("new").disabled
            assert "starter pack" in str(app.screen.query_one("#pack-line").render())
            assert menu.get_option("continue").disabled  # no autosave yet: greyed out in the menu,
            await pilot.press("c")  # but `c` stays live to say so
            await pilot.pause()
            assert isinstance(app.screen, TitleScreen)
            assert any("no autosave" in n.message for n in said(app))

    run(go())


def test_play_three_turns_save_quit_and_continue(config: GameConfig) -> None:
    saved: dict[str, object] = {}

    async def first() -> None:
        app = make_app(config)
        async with app.run_test(size=SMALL) as pilot:
            await start(pilot, keys=True)
            assert isinstance(app.screen, DashboardScreen)
            for key in ("1", "2", "1"):
                await play_month(pilot, key)
            assert app.session is not None
            assert app.session.state.turn == 4
            await pilot.press("ctrl+s")
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            saved.update(decisions=list(app.session.decisions), values=list(app.session.state.values),
                         turn=app.session.state.turn, seed=app.session.seed)
            await pilot.press("ctrl+q")
            await pilot.pause()
        assert app.return_value == 0

    async def second() -> None:
        app = make_app(config)
        async with app.run_test(size=SMALL) as pilot:
            await loaded(pilot)
            await pilot.press("c")
            await pilot.pause()
            assert isinstance(app.screen, DashboardScreen)
            session = app.session
            assert session is not None
            assert session.decisions == saved["decisions"]
            assert session.state.values == saved["values"]
            assert (session.state.turn, session.seed) == (saved["turn"], saved["seed"])

    run(first())
    assert any(Path(config.saves).iterdir())
    run(second())


def test_playing_on_reaches_an_ending(app: HonorableExit) -> None:
    async def go() -> None:
        async with app.run_test(size=SMALL) as pilot:
            await start(pilot)
            session = app.session
            assert session is not None
            while len(session.decisions) < session.turns - 2:  # the first months through the session
                session.play(session.decide([c.choices[0].id for c in session.cards()]))
            app.show_campaign()
            await pilot.pause()
            for _ in range(20):  # the last ones with keys
                if isinstance(app.screen, EndingScreen):
                    break
                await play_month(pilot)
            assert isinstance(app.screen, EndingScreen)
            assert app.session is not None and app.session.finished
            text = str(app.screen.query_one("#ending-title").render())
            ending = app.session.rt.pack.get("endings", app.session.state.ending)
            assert ending.title in text

    run(go())
