"""Saving and loading from the app: named saves, the listing, unreadable saves, leaving unsaved."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any

from textual.widgets import DataTable, Input, Static

from game.saves import autosave
from game.session import Session
from game.tui.app import HonorableExit, make_app
from game.tui.config import GameConfig
from game.tui.screens.confirm import ConfirmDialog
from game.tui.screens.dashboard import DashboardScreen
from game.tui.screens.saves import LoadScreen
from game.tui.screens.title import TitleScreen

from .conftest import SMALL, loaded, play_month, run, start


def test_named_save_then_load_it_from_the_list(config: GameConfig) -> None:
    async def go() -> None:
        app = make_app(config)
        async with app.run_test(size=SMALL) as pilot:
            await start(pilot)
            await play_month(pilot)
            await pilot.press("ctrl+s")
            await pilot.pause()
            field = app.screen.query_one("#save-name", Input)
            field.value = "before sochi"
            await pilot.press("enter")
            await pilot.pause()
            assert app.unsaved() is None
            assert app.session is not None
            decisions = list(app.session.decisions)
            await play_month(pilot)
            await pilot.press("l")
            await pilot.pause()
            assert isinstance(app.screen, LoadScreen)
            table = app.screen.query_one(DataTable)
            names = [str(table.get_row_at(i)[0]) for i in range(table.row_count)]
            assert "before sochi" in names
            table.move_cursor(row=names.index("before sochi"))
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, DashboardScreen)
            assert app.session is not None and list(app.session.decisions) == decisions

    run(go())


def test_an_unreadable_save_is_listed_with_its_reason(config: GameConfig) -> None:
    Path(config.saves).mkdir(parents=True)
    (Path(config.saves) / "mangled.json").write_text("{ not json", encoding="utf-8")

    async def go() -> None:
        app = make_app(config)
        async with app.run_test(size=SMALL) as pilot:
            await loaded(pilot)
            await pilot.press("l")
            await pilot.pause()
            assert isinstance(app.screen, LoadScreen)
            table = app.screen.query_one(DataTable)
            row = [str(cell) for cell in table.get_row_at(0)]
            assert row[0] == "mangled.json" and "unreadable" in row[1] and row[4]
            assert "cannot be loaded" in str(app.screen.query_one("#load-reason", Static).render())
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, LoadScreen)  # still there: nothing to load
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, TitleScreen)

    run(go())


def test_quitting_with_unsaved_answers_asks_first(app: HonorableExit) -> None:
    async def go() -> None:
        async with app.run_test(size=SMALL) as pilot:
            await start(pilot)
            await pilot.press("1")
            await pilot.press("ctrl+q")
            await pilot.pause()
            assert isinstance(app.screen, ConfirmDialog)
            await pilot.press("n")
            await pilot.pause()
            assert isinstance(app.screen, DashboardScreen)
            await pilot.press("ctrl+q")
            await pilot.pause()
            await pilot.press("y")
            await pilot.pause()
        assert app.return_value == 0

    run(go())


def test_load_and_continue_from_the_command_line(config: GameConfig, starter_rt: Any) -> None:
    session = Session.new(starter_rt, seed="7")
    for _ in range(2):
        session.play(session.decide([c.choices[0].id for c in session.cards()]))
    path = autosave(session, Path(config.saves))

    async def go(cfg: GameConfig) -> None:
        app = make_app(cfg)
        async with app.run_test(size=SMALL) as pilot:
            await loaded(pilot)
            assert isinstance(app.screen, DashboardScreen)
            assert app.session is not None and app.session.decisions == session.decisions

    run(go(replace(config, load=path)))
    run(go(replace(config, resume=True)))


def test_a_listing_row_fits_80_columns_and_says_in_play(starter_rt: Any) -> None:
    from game.saves.store import SaveInfo
    from game.tui.screens.saves import row_cells

    info = SaveInfo(Path("a.json"), True, None, "auto", "auto", "standard", "hard", 12, "January 2019",
                    None, "2026-12-01T06:07:00+00:00", None, None)
    cells = [str(c) for c in row_cells(info, starter_rt)]
    assert cells[1] == "12 · Jan 2019" and cells[3] == "in play"
    assert sum(len(c) + 2 for c in cells[:4]) <= 60  # name, turn, saved, ending fit beside a border
