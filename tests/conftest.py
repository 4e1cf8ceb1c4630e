"""Shared fixtures: the starter pack, its runtime, and copies to break."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.content.loader import load_runtime
from game.engine.runtime import Runtime

FIXTURES = Path(__file__).parent / "fixtures"
STARTER = FIXTURES / "packs" / "starter"


@pytest.fixture(scope="session")
def starter_rt() -> Runtime:
    """The compiled starter pack (shared: the runtime is never mutated)."""
    return load_runtime(STARTER)


@pytest.fixture
def pack_copy(tmp_path: Path) -> Path:
    """A fresh copy of the starter pack that a test may edit."""
    target = tmp_path / "pack"
    shutil.copytree(STARTER, target)
    return target
