"""What the app is started with: pack folder, saves folder, campaign presets, display settings."""

from __future__ import annotations

import argparse
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

KEYMAP_ENV = "HONORABLE_EXIT_KEYMAP"


@dataclass(frozen=True)
class GameConfig:
    """Everything the app needs from outside; tests build one with temporary folders."""

    content: Path
    saves: Path
    seed: str | None = None
    scenario: str | None = None
    difficulty: str | None = None
    class_code: str | None = None
    teaching: bool = False
    vote: bool = False
    """A class vote (`play --vote`): the facilitator types the class's tally for each card."""
    player: str | None = None
    mods: tuple[str, ...] = ()
    """Mod folders laid over the pack (`--mod`), in the order given."""
    keymap: dict[str, str] = field(default_factory=dict)
    theme: str | None = None
    animations: bool = True
    notes: tuple[str, ...] = ()
    """Messages to show once the app is up (e.g. a keymap file that could not be read)."""
    load: Path | None = None
    """A save to open as soon as the pack is loaded (`play --load FILE`)."""
    resume: bool = False
    """Continue the latest autosave as soon as the pack is loaded (`play --continue`)."""
    runtime: Any = None
    """An already compiled pack for `content` (tests share one); None: load it at start."""
    owns_process: bool = False
    """The app is the whole process (the command line): it may tune the garbage collector."""
    bench: bool = False
    """The modder's test bench is open (`play --debug`, or `--start-event`)."""
    start_event: str | None = None
    """A card to put on the first month's desk (`play --start-event ID`)."""
    watch: bool = False
    """Reload the pack and mods when a file changes and replay the campaign (`play --watch`)."""

    @classmethod
    def from_args(cls, args: argparse.Namespace) -> GameConfig:
        """The config the command line asks for (defaults: the base pack and saves/)."""
        from game.paths import default_content, default_saves

        content = Path(args.content) if getattr(args, "content", None) else default_content()
        saves = Path(args.saves_dir) if getattr(args, "saves_dir", None) else default_saves()
        seed = getattr(args, "seed", None)
        keymap, problem = read_keymap(os.environ.get(KEYMAP_ENV))
        return cls(
            content=content, saves=saves,
            seed=None if seed is None else str(seed),
            scenario=getattr(args, "scenario", None),
            difficulty=getattr(args, "difficulty", None),
            class_code=getattr(args, "class_code", None),
            teaching=bool(getattr(args, "teaching", False)),
            vote=bool(getattr(args, "vote", False)),
            player=getattr(args, "player", None),
            mods=tuple(getattr(args, "mods", None) or ()),
            keymap=keymap, notes=(problem,) if problem else (),
            load=Path(args.load) if getattr(args, "load", None) else None,
            resume=bool(getattr(args, "resume", False)),
            owns_process=True,
            bench=bool(getattr(args, "debug", False) or getattr(args, "start_event", None)),
            start_event=getattr(args, "start_event", None),
            watch=bool(getattr(args, "watch", False)),
        )


def read_keymap(path: str | None) -> tuple[dict[str, str], str | None]:
    """Binding id -> keys from a TOML file (`confirm = "enter,space"`), and a problem if any."""
    if not path:
        return {}, None
    import tomllib

    try:
        data = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return {}, f"Keymap {path} ignored: {exc}"
    bad = [k for k, v in data.items() if not isinstance(v, str)]
    if bad:
        return {}, f"Keymap {path} ignored: {', '.join(bad)} must be key strings like \"ctrl+s\""
    return {str(k): str(v) for k, v in data.items()}, None
