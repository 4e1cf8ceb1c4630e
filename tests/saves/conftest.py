"""Fixtures for the save tests: the starter pack, played campaigns, and a CLI runner."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from game.content.loader import load_runtime
from game.engine.rng import Rng
from game.session import Session
from game.sim.bots import make_bots

ROOT = Path(__file__).resolve().parents[2]
STARTER = ROOT / "tests" / "fixtures" / "packs" / "starter"
GOLDEN = ROOT / "tests" / "fixtures" / "saves"


@pytest.fixture(scope="session")
def rt():  # type: ignore[no-untyped-def]
    return load_runtime(STARTER)


@pytest.fixture
def play(rt) -> Callable[..., Session]:  # type: ignore[no-untyped-def]
    """play(turns=None, seed='7', bot='random', **options): a campaign played by a bot."""

    def _play(turns: int | None = None, seed: str = "7", bot: str = "random", **options: object) -> Session:
        session = Session.new(rt, "standard", "normal", seed, dict(options))
        strategy = make_bots(rt)[bot]
        while not session.finished and (turns is None or len(session.records) < turns):
            session.play(strategy.decide(session.state, Rng(seed, session.state.turn, "test")))
        return session

    return _play


@pytest.fixture(scope="session")
def starter() -> Path:
    return STARTER


@pytest.fixture(scope="session")
def cli(tmp_path_factory: pytest.TempPathFactory) -> Callable[..., subprocess.CompletedProcess[str]]:
    """cli(*args, stdin=''): the command line run in a subprocess (never touching the real saves/)."""
    env = dict(os.environ, HONORABLE_EXIT_SAVES=str(tmp_path_factory.mktemp("default-saves")))

    def _run(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "game", *args], input=stdin, capture_output=True,
                              text=True, timeout=60, cwd=ROOT, env=env)

    return _run
