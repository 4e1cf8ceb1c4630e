"""A starter runtime of the fast tests' own (the session's shared one may carry other tests' snippets)."""

from __future__ import annotations

import pytest

from game.content.loader import load_runtime
from game.engine.runtime import Runtime
from tests.conftest import STARTER


@pytest.fixture(scope="package")
def starter_rt() -> Runtime:
    """The compiled starter pack, loaded afresh for these tests."""
    return load_runtime(STARTER)
