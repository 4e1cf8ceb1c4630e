"""The project's fixed shape: the top-level folders and files a fresh clone must hold.

A commit once deleted ``saves/.gitkeep`` by mistake and nothing noticed: the README's
commands and the game's default saves folder rely on ``saves/`` being there.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_top_level_holds_the_fixed_shape() -> None:
    for name in ("game", "content", "tests", "saves"):
        assert (ROOT / name).is_dir(), f"{name}/ is missing"
    for name in ("pyproject.toml", "README.md", ".ci/run", "saves/.gitkeep", "game/__main__.py"):
        assert (ROOT / name).is_file(), f"{name} is missing"
    assert (ROOT / "saves" / ".gitkeep").stat().st_size == 0
