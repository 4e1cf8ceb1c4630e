"""Stale temporaries of killed saves are removed at the next start; live writers' and other files stay."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from game.saves import clean_temporaries, list_saves
from tests.saves.test_saves_kill import KILL_BEFORE_REPLACE, kill, start

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
ROOT = Path(__file__).resolve().parents[2]


def hanging_writer(folder: Path, starter: Path) -> tuple[subprocess.Popen[str], Path]:
    """A writer stopped inside os.replace: its temporary file written, fsynced and locked."""
    proc = start(KILL_BEFORE_REPLACE, starter, folder)
    assert proc.stdout is not None
    assert proc.stdout.readline().startswith("FIRST")
    ready = proc.stdout.readline().split()
    assert ready[0] == "READY"
    return proc, Path(ready[1])


def others(folder: Path) -> dict[str, bytes]:
    """Files beside the saves that are not ours, some of them shaped almost like ours."""
    files = {".notes.tmp": b"a", "notes.json.tmp": b"b", ".x.json.tmp": b"c", ".x.json.abcdefgh.tmpx": b"d",
             "report.md": b"e", ".x.JSON.abcdefgh.tmp": b"f", ".x.json.abcdefg.tmp": b"g"}
    for name, data in files.items():
        (folder / name).write_bytes(data)
    (folder / ".y.json.abcdefgh.tmp").mkdir()  # the shape of ours, but a folder
    target = folder / "precious.txt"
    target.write_bytes(b"keep")
    (folder / ".z.json.abcdefgh.tmp").symlink_to(target)  # the shape of ours, but a link
    return files


def test_only_dead_writers_temporaries_are_removed(tmp_path: Path, starter: Path) -> None:
    dead, dead_tmp = hanging_writer(tmp_path, starter)
    kill(dead)
    live, live_tmp = hanging_writer(tmp_path, starter)
    try:
        files = others(tmp_path)
        removed = clean_temporaries(tmp_path)
        assert removed == [dead_tmp] and not dead_tmp.exists()
        assert live_tmp.exists(), "a writer still at work keeps its temporary file"
        for name, data in files.items():
            assert (tmp_path / name).read_bytes() == data
        assert (tmp_path / ".y.json.abcdefgh.tmp").is_dir()
        assert (tmp_path / ".z.json.abcdefgh.tmp").is_symlink() and (tmp_path / "precious.txt").exists()
    finally:
        kill(live)
    assert clean_temporaries(tmp_path) == [live_tmp]
    assert sorted(r.path.name for r in list_saves(tmp_path)) == ["slot-2.json", "slot.json"]


def test_many_kills_then_a_start_leaves_no_temporary(tmp_path: Path, starter: Path) -> None:
    for _ in range(3):
        proc, _ = hanging_writer(tmp_path, starter)
        kill(proc)
    assert len(list(tmp_path.glob(".slot*.json.*.tmp"))) == 3
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    done = subprocess.run([sys.executable, "-m", "game", "play", "--plain", "--content", str(starter),
                           "--saves-dir", str(tmp_path)], input="", capture_output=True, text=True,
                          env=env, timeout=60)
    assert done.returncode == 0, done.stderr
    assert not list(tmp_path.glob("*.tmp")) and len(list(tmp_path.glob("slot*.json"))) == 3


def test_a_missing_or_unreadable_folder_is_no_error(tmp_path: Path) -> None:
    assert clean_temporaries(tmp_path / "nope") == []
    (tmp_path / "file").write_text("x")
    assert clean_temporaries(tmp_path / "file") == []
