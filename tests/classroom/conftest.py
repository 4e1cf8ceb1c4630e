"""Fixtures for the classroom tests: the starter pack and the command line in a subprocess."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from game.content.loader import load_runtime

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="session")
def starter() -> Path:
    return ROOT / "tests" / "fixtures" / "packs" / "starter"


@pytest.fixture(scope="session")
def rt(starter: Path):  # type: ignore[no-untyped-def]
    return load_runtime(starter)


@pytest.fixture(scope="session")
def cli(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., subprocess.CompletedProcess[str]]:
    """cli(*args, stdin=''): the command line run in a subprocess (never touching the real saves/)."""
    env = dict(os.environ, HONORABLE_EXIT_SAVES=str(tmp_path_factory.mktemp("default-saves")))

    def _run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "game", *args], input=stdin, capture_output=True,
                              text=True, timeout=120, cwd=ROOT, env=env)

    return _run
