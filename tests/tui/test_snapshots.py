"""How each screen looks at 80x24 and 120x40 (theme pinned, animations off, notifications cleared).

Update the SVGs after a deliberate change with `pytest tests/tui --snapshot-update`.
"""

from __future__ import annotations

import shutil
import time
from collections.abc import Awaitable, Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input

from game.saves.store import SaveInfo
from game.session import Session
from game.tui.app import HonorableExit, make_app
from game.tui.config import GameConfig
from game.tui.screens.saves import LoadScreen
from game.tui.widgets.footer import GameFooter

from .conftest import LARGE, SMALL, STARTER, loaded


@pytest.fixture(autouse=True)
def utc(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Save times are shown in local time: pin the zone so the pictures do not depend on it."""
    monkeypatch.setenv("TZ", "UTC")
    time.tzset()
    yield
    monkeypatch.undo()
    time.tzset()


SIZES = [pytest.param(SMALL, id="80x24"), pytest.param(LARGE, id="120x40")]
Setup = Callable[[Pilot[Any]], Awaitable[None]]


def first_open(session: Session) -> list[str]:
    """The first open choice on every card of the month."""
    return [c.choices[session.available(c.id).index(True)].id for c in session.cards()]


def campaign(months: int = 0, *, keys: tuple[str, ...] = (), finish: bool = False) -> Setup:
    """Open a campaign (seed 7) played `months` months in, then press `keys`."""
    async def setup(pilot: Pilot[Any]) -> None:
        app = pilot.app
        assert isinstance(app, HonorableExit)
        await loaded(pilot)
        session = Session.new(app.rt, seed="7")
        while (finish or len(session.decisions) < months) and not session.finished:
            session.play(session.decide(first_open(session)))
        app.open_campaign(session, from_save=False)
        await pilot.pause()
        await pilot.press(*keys)
        await settle(pilot)

    return setup


async def settle(pilot: Pilot[Any]) -> None:
    """Let the footer settle, pin the text cursors shown and clear notifications before the shot.

    A focused input's cursor blinks on a half-second timer: on a loaded machine the shot could
    come after a blink, and show no cursor. With blinking off the cursor stays shown, as a shot
    taken within the first half second always had it."""
    await pilot.pause()
    for field in pilot.app.screen.query(Input):
        field.cursor_blink = False
    for footer in pilot.app.screen.query(GameFooter):
        footer.settle()
    await pilot.pause()
    pilot.app.clear_notifications()
    await pilot.pause()


def keys_after_load(*keys: str) -> Setup:
    async def setup(pilot: Pilot[Any]) -> None:
        await loaded(pilot)
        await pilot.press(*keys)
        await settle(pilot)

    return setup


def listing(tmp_path: Path) -> Setup:
    """The load screen with fixed rows: a named save, a finished autosave and an unreadable file."""
    base = {"scenario": "standard", "difficulty": "normal", "player": None, "class_code": None}
    rows = [
        SaveInfo(tmp_path / "before-sochi.json", True, None, "before sochi", "named", turn=2,
                 date="January 2018", ending=None, updated="2026-01-05T10:00:00", **base),
        SaveInfo(tmp_path / "auto-1.json", True, None, "autosave", "auto", turn=8, date="July 2018",
                 ending="Quagmire", updated="2026-01-04T09:30:00", **base),
        SaveInfo(tmp_path / "mangled.json", False, "not a save: invalid JSON at line 1, column 3", "mangled",
                 "named", turn=0, date="", ending=None, updated="", **base),
    ]

    async def setup(pilot: Pilot[Any]) -> None:
        app = pilot.app
        await loaded(pilot)
        app.push_screen(LoadScreen(rows, str(tmp_path), app.rt))  # type: ignore[attr-defined]
        await settle(pilot)

    return setup


SCREENS: dict[str, Callable[[Path], Setup]] = {
    "title": lambda _: keys_after_load(),
    "new_campaign": lambda _: keys_after_load("n"),
    "dashboard": lambda _: campaign(1, keys=("1",)),
    "policies": lambda _: campaign(0, keys=("p",)),
    "why": lambda _: campaign(2, keys=("w",)),
    "goals": lambda _: campaign(2, keys=("g",)),
    "timeline": lambda _: campaign(2, keys=("t",)),
    "charts": lambda _: campaign(4, keys=("c",)),
    "brief": lambda _: campaign(1, keys=("b",)),
    "help": lambda _: keys_after_load("question_mark"),
    "ending": lambda _: campaign(finish=True),
    "load": listing,
}


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("screen", list(SCREENS))
def test_screen(screen: str, size: tuple[int, int], config: GameConfig, tmp_path: Path,
                snap_compare: Any) -> None:
    assert snap_compare(make_app(config), terminal_size=size, run_before=SCREENS[screen](tmp_path))


@pytest.mark.parametrize("size", SIZES)
def test_pack_error_screen(size: tuple[int, int], config: GameConfig, tmp_path: Path,
                           monkeypatch: pytest.MonkeyPatch, snap_compare: Any) -> None:
    shutil.copytree(STARTER, tmp_path / "pack")
    world = tmp_path / "pack" / "world.yaml"
    world.write_text(world.read_text(encoding="utf-8").replace("good: low", "good: lowish"), encoding="utf-8")
    monkeypatch.chdir(tmp_path)  # the screen names the folder as it was given
    app = make_app(replace(config, content=Path("pack"), runtime=None))
    assert snap_compare(app, terminal_size=size, run_before=keys_after_load())


def test_orders_view(config: GameConfig, snap_compare: Any) -> None:
    """The end of a month on the dashboard: answers, outcomes, policies."""
    assert snap_compare(make_app(config), terminal_size=SMALL, run_before=campaign(0, keys=("1", "enter")))


def test_too_small_screen(config: GameConfig, snap_compare: Any) -> None:
    assert snap_compare(make_app(config), terminal_size=(60, 20), run_before=keys_after_load())
