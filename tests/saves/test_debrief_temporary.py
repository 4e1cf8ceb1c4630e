"""The app's debrief is written like a save: a locked temporary moved into place, cleaned if left behind."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from game.engine.runtime import Runtime
from game.saves import clean_temporaries
from game.session import Session
from game.tui.services import write_debrief

fcntl = pytest.importorskip("fcntl")  # the lock a writer holds (POSIX)


def test_the_debrief_leaves_no_temporary(tmp_path: Path, starter_rt: Runtime) -> None:
    session = Session.new(starter_rt, seed="7")
    path = write_debrief(session, tmp_path / "saves")
    assert path.read_text(encoding="utf-8").startswith("#")
    assert [p.name for p in path.parent.iterdir()] == [path.name]


def test_a_dead_debrief_writers_temporary_is_cleaned_a_live_ones_kept(tmp_path: Path) -> None:
    dead = tmp_path / ".debrief-standard-7-turn3.md.k2j4h5g6.tmp"
    dead.write_text("half a report", encoding="utf-8")
    live = tmp_path / ".debrief-standard-7-turn4.md.a1b2c3d4.tmp"
    live.write_text("being written", encoding="utf-8")
    notes = tmp_path / "notes.md.tmp"  # not the shape of ours
    notes.write_text("keep", encoding="utf-8")
    fd = os.open(live, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)  # as write_atomic holds it while writing
        assert clean_temporaries(tmp_path) == [dead]
        assert live.exists() and notes.exists()
    finally:
        os.close(fd)
    assert clean_temporaries(tmp_path) == [live]
