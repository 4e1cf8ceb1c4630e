"""Loading what the app needs off the UI thread: the pack, the latest autosave, the heavy screens."""

from __future__ import annotations

import gc
import importlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# Screens imported while the title is up, so that opening them later costs nothing.
WARM = ("game.tui.screens.dashboard", "game.tui.screens.new_campaign", "game.tui.screens.ending",
        "game.tui.screens.saves", "game.tui.screens.help")


@dataclass
class Loaded:
    """The outcome of loading: a runtime, or the pack's errors as file:line:column lines."""

    rt: Any = None
    errors: list[str] = field(default_factory=list)
    latest: Any = None  # the latest autosave's listing row
    saves_problem: str | None = None


def load_everything(content: Path, saves: Path, rt: Any = None, player: str | None = None,
                    mods: tuple[str, ...] = ()) -> Loaded:
    """Load and compile the pack (unless given), find the latest autosave, import the screens."""
    if rt is None:
        from game.content.loader import load

        try:
            _, rt, diagnostics = load(content, mods)
        except OSError as exc:
            return Loaded(errors=[f"{content}:1:1: error[unreadable]: {exc}"])
        if diagnostics:
            return Loaded(errors=[d.render() for d in diagnostics])
    loaded = Loaded(rt=rt)
    from game.tui.services import Saves, ServiceError

    try:
        loaded.latest = Saves(saves, player).latest()
    except ServiceError as exc:
        loaded.saves_problem = str(exc)
    for name in WARM:
        importlib.import_module(name)
    return loaded


def freeze_heap() -> None:
    """Move the heap as it stands (the compiled pack, the imported modules) out of the garbage
    collector's sight, after collecting the compiler's garbage so that none of it is kept.

    These objects live as long as the process; left in the collector's oldest generation,
    every full collection would walk them again, stalling a key press by 100 ms and more on
    the base pack. Only for a process the app owns (tests share theirs). A pack loaded again
    (after a modder's fix) first releases the previous one.
    """
    gc.unfreeze()
    gc.collect()
    gc.freeze()
