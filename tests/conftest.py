"""Shared fixtures: the starter pack, its runtime, and copies to break."""

from __future__ import annotations

import atexit
import os
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

from game.content.loader import load_runtime
from game.engine.runtime import Runtime

# Hypothesis checks no clock: its per-example deadline (200 ms) and its too-slow health check fail
# a test because the machine is loaded, not because the code is wrong. A test's own @settings
# that names suppress_health_check lists too_slow again (that list replaces this one).
settings.register_profile("no-clock", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("no-clock")

FIXTURES = Path(__file__).parent / "fixtures"
STARTER = FIXTURES / "packs" / "starter"


@pytest.fixture(scope="session", autouse=True)
def _isolated_saves(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """No test (nor a subprocess it starts) ever writes into the project's saves/."""
    old = os.environ.get("HONORABLE_EXIT_SAVES")
    os.environ["HONORABLE_EXIT_SAVES"] = str(tmp_path_factory.mktemp("saves"))
    yield
    if old is None:
        del os.environ["HONORABLE_EXIT_SAVES"]
    else:
        os.environ["HONORABLE_EXIT_SAVES"] = old


# Collection may already build or look up compiled packs and the native kernel (the backends'
# parameters): from the start, the cache (and the configuration folder that holds the key sealing
# its entries) is a temporary folder, never the user's own. Under pytest-xdist the controller sets
# them before it starts its workers, which inherit them: one kernel build serves every worker.
for _name, _prefix in (("HONORABLE_EXIT_CACHE", "cache"), ("HONORABLE_EXIT_CONFIG", "config")):
    if _name not in os.environ:
        _folder = tempfile.mkdtemp(prefix=f"honorable-exit-test-{_prefix}-")
        os.environ[_name] = _folder
        atexit.register(shutil.rmtree, _folder, True)


@pytest.fixture(scope="session", autouse=True)
def _isolated_cache(tmp_path_factory: pytest.TempPathFactory) -> Iterator[None]:
    """Compiled packs are cached in a temporary folder, never the user's own cache."""
    old = os.environ.get("HONORABLE_EXIT_CACHE")
    os.environ["HONORABLE_EXIT_CACHE"] = str(tmp_path_factory.mktemp("cache"))
    yield
    if old is None:
        del os.environ["HONORABLE_EXIT_CACHE"]
    else:
        os.environ["HONORABLE_EXIT_CACHE"] = old


@pytest.fixture(scope="session")
def starter_rt() -> Runtime:
    """The compiled starter pack (shared: the runtime is never mutated)."""
    return load_runtime(STARTER)


@pytest.fixture
def pack_copy(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh copy of the starter pack that a test may edit (the current folder is its parent,
    so diagnostics name its files as 'pack/...', as a modder working beside it sees them)."""
    target = tmp_path / "pack"
    shutil.copytree(STARTER, target)
    monkeypatch.chdir(tmp_path)
    return target


@pytest.hookimpl(tryfirst=True)  # before xdist's own hook reads the groups
def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under pytest-xdist (the README runs ``-n auto``; pyproject adds ``--dist loadgroup`` and
    ``--no-loadscope-reorder``), the tests of a module that share a module-scoped fixture (the base
    pack's 200 games a line) run on one worker, which builds that fixture once; a test that names
    its own group keeps it (the balance runs: a group per run, so that the runs spread over the
    workers); every other test is a unit of its own.

    The units go to the workers in the order of the tests: the costly ones first, the costliest
    first (``@pytest.mark.costly(seconds)``), so that the long runs start at once on both workers
    and the many short tests fill the gaps after them, instead of a long run starting last and
    leaving one worker idle to the end."""
    for item in items:
        if item.get_closest_marker("xdist_group") is not None:  # the test names its own group
            continue
        info = getattr(item, "_fixtureinfo", None)
        defs = info.name2fixturedefs.values() if info is not None else ()
        if any(d and d[-1].scope == "module" for d in defs):
            item.add_marker(pytest.mark.xdist_group(item.nodeid.split("::")[0]))
    items.sort(key=_cost, reverse=True)  # stable: the rest keep their order


def _cost(item: pytest.Item) -> float:
    """The seconds a test's ``costly`` mark gives (0 without one): an order, not a limit."""
    mark = item.get_closest_marker("costly")
    return float(mark.args[0]) if mark is not None else 0.0
