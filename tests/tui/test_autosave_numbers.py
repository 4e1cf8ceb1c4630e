"""An autosave's number is the count of months played, in the app as in plain mode.

The reviewer found the app's final autosave of a 12-month game at `-0013` and plain mode's at
`-0012` (the app also autosaves a campaign as it starts); the guide's example reads
`auto-...-0036.json ... 36 of 36 turns`.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from game.engine.runtime import Runtime
from game.saves import load_save
from game.tui.app import HonorableExit
from tests.tui.conftest import SMALL, STARTER, play_month, run, start

ROOT = Path(__file__).resolve().parents[2]


def _numbers(folder: Path) -> list[int]:
    return sorted(int(p.stem.rsplit("-", 1)[1]) for p in folder.glob("auto-*.json"))


def test_the_apps_autosaves_are_numbered_by_months_played(app: HonorableExit) -> None:
    async def go() -> int:
        async with app.run_test(size=SMALL) as pilot:
            await start(pilot)
            session = app.session
            assert session is not None
            while not session.finished:
                await play_month(pilot)
            await pilot.pause()
            return len(session.decisions)

    played = run(go())
    folder = app.config.saves
    numbers = _numbers(folder)
    assert numbers[-1] == played  # the last five kept: ..., played - 1, played
    assert numbers == list(range(played - len(numbers) + 1, played + 1))
    last = next(folder.glob(f"auto-*-{played:04d}.json"))
    assert len(load_save(last, app.rt).decisions) == played


def test_plain_mode_numbers_them_the_same(tmp_path: Path, starter_rt: Runtime) -> None:
    env = dict(os.environ, HONORABLE_EXIT_SAVES=str(tmp_path / "unused"))
    done = subprocess.run([sys.executable, "-m", "game", "play", "--plain", "--content", str(STARTER),
                           "--saves-dir", str(tmp_path), "--seed", "7"], input="1\n" * 60,
                          capture_output=True, text=True, timeout=120, cwd=ROOT, env=env)
    assert done.returncode == 0, done.stderr
    numbers = _numbers(tmp_path)
    last = load_save(next(tmp_path.glob(f"auto-*-{numbers[-1]:04d}.json")), starter_rt)
    assert last.finished and numbers[-1] == len(last.decisions)
    assert numbers == list(range(numbers[-1] - len(numbers) + 1, numbers[-1] + 1))
