"""Random keys and resizes from every screen: the app stays up, or exits cleanly, never crashes.

Seeded, so that a failure replays. The number of keys per screen is modest by default;
`HONORABLE_EXIT_FUZZ_KEYS=5000` (see benchmarks/fuzz_tui.py) drives thousands.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from game.tui.app import make_app
from game.tui.config import GameConfig

from .conftest import STARTER, loaded, run
from .fuzz import SCREENS, broken_pack, drive

# Textual drops the header's queued title update when it fails on a closed screen (see crashguard)
pytestmark = pytest.mark.filterwarnings("ignore:coroutine 'Header._on_mount:RuntimeWarning")
KEYS = int(os.environ.get("HONORABLE_EXIT_FUZZ_KEYS", "200"))
SEEDS = [int(s) for s in os.environ.get("HONORABLE_EXIT_FUZZ_SEEDS", "1").split(",")]


def fuzz(config: GameConfig, screen: str, seed: int, keys: int) -> None:
    app = make_app(config)
    sent: list[str] = []

    async def go() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await SCREENS[screen](pilot) if screen in SCREENS else await loaded(pilot)
            sent.extend(await drive(pilot, seed, keys))
            await pilot.pause()

    try:
        run(go())
    except Exception as exc:  # the keys that led there, to replay it
        raise AssertionError(f"{screen} seed {seed} crashed after: {' '.join(sent[-60:])}") from exc
    assert app._exception is None
    assert app.return_code in (None, 0), f"{screen} seed {seed}: exit code {app.return_code}"
    assert not list(Path(config.saves).glob(".*.tmp")), "a save's temporary file was left behind"


@pytest.mark.parametrize("seed", SEEDS)
@pytest.mark.parametrize("screen", sorted(SCREENS))
def test_random_keys_from_every_screen(config: GameConfig, screen: str, seed: int,
                                       monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("HONORABLE_EXIT_CRASHES", str(tmp_path / "crashes"))
    fuzz(config, screen, seed, KEYS)


@pytest.mark.parametrize("seed", SEEDS)
def test_random_keys_on_a_broken_pack(config: GameConfig, seed: int, tmp_path: Path,
                                      monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HONORABLE_EXIT_CRASHES", str(tmp_path / "crashes"))
    app = make_app(broken_pack(config, tmp_path, STARTER))

    async def go() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await loaded(pilot)
            await drive(pilot, seed, KEYS // 2)

    run(go())
    assert app._exception is None and app.return_code in (None, 0, 1)  # q on the error screen: 1
