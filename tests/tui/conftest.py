"""Fixtures for the Textual app: built through the factory with a temporary saves folder."""

from __future__ import annotations

import asyncio
import io
import time
from collections.abc import Awaitable
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pytest
from rich.console import Console
from textual.content import Content
from textual.pilot import Pilot

from game.engine.runtime import Runtime
from game.session import Session
from game.tui.app import HonorableExit, make_app
from game.tui.config import GameConfig

STARTER = Path(__file__).resolve().parents[1] / "fixtures" / "packs" / "starter"
SMALL, LARGE = (80, 24), (120, 40)
T = TypeVar("T")


def run(coro: Awaitable[T]) -> T:
    """Run a coroutine to completion (the suite has no asyncio plugin)."""
    return asyncio.run(coro)  # type: ignore[arg-type]


@dataclass(frozen=True)
class Said:
    """A notification the app raised: its message and title."""

    message: str
    title: str


@pytest.fixture(autouse=True)
def said_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    """Every notification the app raises is kept until it clears them, for `said` to read.

    The app's own list drops each one after its timeout (5 s), counted on the wall clock: on a
    loaded machine that much can pass between the notice and the test's look at it."""
    notify, clear = HonorableExit.notify, HonorableExit.clear_notifications

    def kept_notify(self: HonorableExit, message: str, *, title: str = "", **kw: Any) -> None:
        self.__dict__.setdefault("_said", []).append(Said(str(message), title))
        notify(self, message, title=title, **kw)

    def kept_clear(self: HonorableExit) -> None:
        self.__dict__["_said"] = []
        clear(self)

    monkeypatch.setattr(HonorableExit, "notify", kept_notify)
    monkeypatch.setattr(HonorableExit, "clear_notifications", kept_clear)


def said(app: Any) -> list[Said]:
    """The notifications the app raised since it last cleared them, none expired (see said_kept)."""
    return list(app.__dict__.get("_said", []))


@pytest.fixture
def config(tmp_path: Path, starter_rt: Runtime) -> GameConfig:
    """The starter pack (compiled once), a fixed seed, a temporary saves folder, a pinned theme,
    no animations."""
    return GameConfig(content=STARTER, saves=tmp_path / "saves", seed="7", theme="textual-dark",
                      animations=False, runtime=starter_rt)


@pytest.fixture
def app(config: GameConfig) -> HonorableExit:
    return make_app(config)


async def loaded(pilot: Pilot[Any], timeout: float = 120) -> None:
    """Wait until the pack has loaded behind the title screen (or failed to: the error screen).

    The loading worker starts when the app is ready: on a loaded machine the pilot can come
    before it, with no worker yet to wait for, so the wait is for the app's own flag."""
    app = pilot.app
    assert isinstance(app, HonorableExit)
    end = time.monotonic() + timeout
    while app.loading and app._exception is None:
        assert time.monotonic() < end, f"the pack did not load in {timeout:.0f} s"
        await app.workers.wait_for_complete()
        await pilot.pause(0.01)
    await pilot.pause()


async def start(pilot: Pilot[Any], *, keys: bool = False) -> None:
    """From the title: a new campaign with the dialog's defaults (`n`, `enter`), or opened directly."""
    await loaded(pilot)
    app = pilot.app
    assert isinstance(app, HonorableExit)
    if keys:
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("enter")
    else:
        app.begin(Session.new(app.rt, seed=app.config.seed, options={"teaching": app.config.teaching}))
    await pilot.pause()


async def play_month(pilot: Pilot[Any], choice: str = "1") -> None:
    """Answer every card on the desk with the same choice key (or the first open one), end the month."""
    app = pilot.app
    assert isinstance(app, HonorableExit)
    dash = app.dashboard()
    assert dash is not None
    while not dash.orders.at_orders:
        card = dash.orders.card()
        index = int(choice) - 1
        if index >= len(card.choices) or dash.orders.choice_reason(index) is not None:
            index = next(i for i in range(len(card.choices)) if dash.orders.choice_reason(i) is None)
        await pilot.press(str(index + 1), "enter")
    await pilot.press("enter")
    await pilot.pause()




def plain_text(visual: object) -> str:
    """Content or a Rich renderable as plain text."""
    if isinstance(visual, Content):
        return visual.plain
    console = Console(width=200, record=True, file=io.StringIO())
    console.print(visual)
    return console.export_text()
