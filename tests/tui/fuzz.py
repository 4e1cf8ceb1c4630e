"""Seeded random keys and resizes through Pilot, from each of the app's screens.

`drive` sends keys (and now and then a resize) to an app already showing a screen, and stops
when the app exits. The caller asserts that no exception escaped: the app is still running or
exited cleanly. `SCREENS` names a way to reach each screen from a fresh app.
"""

from __future__ import annotations

import random
from collections.abc import Awaitable, Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from game.session import Session
from game.tui.app import HonorableExit

from .conftest import loaded, start

KEYS = (
    [*"abcdefghijklmnopqrstuvwxyz0123456789"]
    + ["enter"] * 6 + ["escape"] * 6 + ["tab"] * 4 + ["shift+tab"] * 2
    + ["up", "down", "left", "right"] * 3
    + ["home", "end", "pageup", "pagedown", "space", "backspace", "delete", "question_mark",
       "ctrl+p", "ctrl+s", "ctrl+c", "ctrl+a", "ctrl+e", "ctrl+k", "ctrl+u", "ctrl+w", "f1",
       "slash", "plus", "minus", "comma", "full_stop", "left_square_bracket", "exclamation_mark",
       "A", "N", "L", "Q", "Y"]
)
CHARS = {"space": " ", "enter": "\r", "tab": "\t", "escape": "\x1b", "backspace": "\x7f",
         "question_mark": "?", "slash": "/", "plus": "+", "minus": "-", "comma": ",", "full_stop": ".",
         "left_square_bracket": "[", "exclamation_mark": "!"}
RARE = ["ctrl+q"]  # quitting ends the run: kept rare so that runs go on
SIZES = [(80, 24), (120, 40), (100, 30), (60, 20), (79, 23), (200, 60), (30, 8), (81, 24)]


def finished_session(app: HonorableExit) -> Session:
    """A campaign played to its ending with each card's first open choice."""
    session = Session.new(app.rt, seed="fuzz", options={"teaching": True})
    while not session.finished:
        picks = []
        for card in session.cards():
            open_ = session.available(card.id)
            picks.append(card.choices[open_.index(True)].id)
        session.play(session.decide(picks))
    return session


async def _action(pilot: Pilot[Any], name: str, *, keys: bool = False) -> None:
    await start(pilot, keys=keys)
    app = pilot.app
    assert isinstance(app, HonorableExit)
    getattr(app, f"action_{name}")()
    await pilot.pause()


async def _press(pilot: Pilot[Any], *keys: str, campaign: bool = False) -> None:
    if campaign:
        await start(pilot)
    else:
        await loaded(pilot)
    await pilot.press(*keys)
    await pilot.pause()


async def _ending(pilot: Pilot[Any]) -> None:
    await loaded(pilot)
    app = pilot.app
    assert isinstance(app, HonorableExit)
    app.open_campaign(finished_session(app), from_save=False)
    await pilot.pause()


async def _load(pilot: Pilot[Any]) -> None:
    await start(pilot)
    app = pilot.app
    assert isinstance(app, HonorableExit)
    folder = app.config.saves
    (folder / "broken.json").write_text("{not json", encoding="utf-8")
    (folder / "empty.json").write_bytes(b"")
    app.action_save()
    await pilot.pause()
    await pilot.press("enter")
    app.action_title()
    await pilot.pause()
    app.action_load()
    await pilot.pause()


async def _bench(pilot: Pilot[Any]) -> None:
    """The test bench (play --debug) over a campaign, its line half typed."""
    app = pilot.app
    assert isinstance(app, HonorableExit)
    app.config = replace(app.config, bench=True)
    await start(pilot)
    await pilot.press("x", *"fire ")
    await pilot.pause()


async def _watch_errors(pilot: Pilot[Any]) -> None:
    """The errors of a pack changed under a campaign (play --watch)."""
    from game.tui.screens.watch_errors import WatchErrorsScreen

    await start(pilot)
    pilot.app.push_screen(WatchErrorsScreen([f"pack/events.yaml:{n}:1: error[x]: broken" for n in range(60)]))
    await pilot.pause()


async def _small(pilot: Pilot[Any]) -> None:
    await loaded(pilot)
    await pilot.resize_terminal(60, 20)
    await pilot.pause()


Setup = Callable[[Pilot[Any]], Awaitable[None]]
SCREENS: dict[str, Setup] = {
    "title": loaded,
    "new-campaign": lambda p: _press(p, "n"),
    "dashboard": start,
    "dashboard-keys": lambda p: start(p, keys=True),
    "help": lambda p: _action(p, "help"),
    "why": lambda p: _action(p, "why"),
    "timeline": lambda p: _action(p, "timeline"),
    "charts": lambda p: _action(p, "charts"),
    "brief": lambda p: _action(p, "brief"),
    "policies": lambda p: _action(p, "policies"),
    "save-dialog": lambda p: _action(p, "save"),
    "load": _load,
    "ending": _ending,
    "palette": lambda p: _press(p, "ctrl+p", campaign=True),
    "palette-title": lambda p: _press(p, "ctrl+p"),
    "too-small": _small,
    "bench": _bench,
    "watch-errors": _watch_errors,
}


def broken_pack(config: Any, tmp: Path, starter: Path) -> Any:
    """A config whose pack has an error (the pack error screen)."""
    import shutil

    pack = tmp / "broken-pack"
    shutil.copytree(starter, pack)
    world = pack / "world.yaml"
    world.write_text(world.read_text(encoding="utf-8").replace("good: low", "good: lowish"),
                     encoding="utf-8")
    return replace(config, content=pack, runtime=None)


async def drive(pilot: Pilot[Any], seed: int, count: int) -> list[str]:
    """Send ``count`` random keys (with resizes) to the app; the keys sent, in order."""
    rng = random.Random(seed)
    app = pilot.app
    sent: list[str] = []
    while len(sent) < count and app.is_running and app._exception is None:
        roll = rng.random()
        if roll < 0.04:
            width, height = rng.choice(SIZES)
            sent.append(f"<resize {width}x{height}>")
            await pilot.resize_terminal(width, height)
        elif roll < 0.045:
            sent.append("ctrl+q")
            await pilot.press(rng.choice(RARE))
        else:
            burst = [rng.choice(KEYS) for _ in range(rng.randint(1, 8))]
            sent += burst
            if rng.random() < 0.25:
                await pilot.press(*burst)  # one at a time, each handled before the next
            else:
                together(app, burst)  # all at once, as from a fast typist or a paste
                await pilot.pause()
    return sent


def together(app: Any, keys: list[str]) -> None:
    """Queue key events as the terminal driver would, without waiting between them."""
    from textual import events

    for key in keys:
        char = CHARS.get(key, key if len(key) == 1 else None)
        event = events.Key(key, char)
        event.set_sender(app)
        app._driver.send_message(event)
