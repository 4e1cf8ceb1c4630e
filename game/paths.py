"""Where the base content pack and the default saves folder live."""

from __future__ import annotations

import os
from pathlib import Path

_PROJECT = Path(__file__).resolve().parent.parent


def default_content() -> Path:
    """The base pack: $HONORABLE_EXIT_CONTENT, else the project's content/ folder."""
    env = os.environ.get("HONORABLE_EXIT_CONTENT")
    return Path(env) if env else _PROJECT / "content"


def default_saves() -> Path:
    """The saves folder: $HONORABLE_EXIT_SAVES, else the project's saves/ folder."""
    env = os.environ.get("HONORABLE_EXIT_SAVES")
    if env:
        return Path(env)
    project_saves = _PROJECT / "saves"
    return project_saves if project_saves.is_dir() else Path.cwd() / "saves"
