"""Fixtures for the Textual app: built through the factory with a temporary saves folder."""

from __future__ import annotations

import asyncio
import io
from collections.abc import Awaitable
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


@pytest.fixture
def config(tmp_path: Path, starter_rt: Runtime) -> GameConfig:
    """The starter pack (compiled once), a fixed seed, a temporary saves folder, a pinned theme,
    no animations."""
    return GameConfig(content=STARTER, saves=tmp_path / "saves", seed="7", theme="textual-dark",
                      animations=False, runtime=starter_rt)


@pytest.fixture
def app(config: GameConfig) -> HonorableExit:
    return make_app(config)


async def loaded(pilot: Pilot[Any]) -> None:
    """Wait until the pack has loaded behind the title screen."""
    await pilot.app.workers.wait_for_complete()
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
