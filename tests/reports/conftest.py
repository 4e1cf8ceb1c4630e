"""Fixtures for the report tests: the frozen golden pack, the golden saves, golden-file comparison."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from game.content.loader import load_runtime

ROOT = Path(__file__).resolve().parents[2]
GOLDEN_SAVES = ROOT / "tests" / "fixtures" / "saves"
GOLDEN_REPORTS = Path(__file__).resolve().parent / "golden"


@pytest.fixture(scope="session")
def pack_dir() -> Path:
    """The pack the golden saves were played with (frozen, unlike the starter pack)."""
    return GOLDEN_SAVES / "pack"


@pytest.fixture(scope="session")
def rt(pack_dir: Path):  # type: ignore[no-untyped-def]
    return load_runtime(pack_dir)


@pytest.fixture(scope="session")
def golden_save() -> Path:
    return GOLDEN_SAVES / "format2.json"


@pytest.fixture
def golden() -> Callable[[str, str], None]:
    """golden(name, text): compare with tests/reports/golden/NAME (UPDATE_GOLDEN=1 rewrites it)."""

    def _check(name: str, text: str) -> None:
        path = GOLDEN_REPORTS / name
        if os.environ.get("UPDATE_GOLDEN") == "1":
            path.write_text(text, encoding="utf-8")
        assert path.is_file(), f"no golden file {path}: run with UPDATE_GOLDEN=1 once and review it"
        assert text == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"

    return _check


@pytest.fixture(scope="session")
def cli(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., subprocess.CompletedProcess[str]]:
    """cli(*args): the command line run in a subprocess (never touching the real saves/)."""
    env = dict(os.environ, HONORABLE_EXIT_SAVES=str(tmp_path_factory.mktemp("default-saves")))

    def _run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "game", *args], capture_output=True, text=True,
                              timeout=120, cwd=ROOT, env=env)

    return _run
