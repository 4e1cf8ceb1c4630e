"""A writer killed mid-save (SIGKILL, a real subprocess) never leaves a broken or missing save."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from game.saves import list_saves, load_save, read_save

pytestmark = pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")

PLAY = """
import os, sys
from game.content.loader import load_runtime
from game.engine.rng import Rng
from game.saves import save_session
from game.session import Session
from game.sim.bots import make_bots

rt = load_runtime(sys.argv[1])
folder = sys.argv[2]
bot = make_bots(rt)["random"]
session = Session.new(rt, "standard", "normal", "99", {"player": "Kim"})

def turn():
    session.play(bot.decide(session.state, Rng("99", session.state.turn, "kill")))
"""

# save, play a turn, then hang inside os.replace: after the temporary file is written and fsynced
KILL_BEFORE_REPLACE = PLAY + """
for _ in range(3):
    turn()
save_session(session, folder, "slot")
print("FIRST", session.state.turn, flush=True)
turn()

def hang(src, dst):
    print("READY", src, flush=True)
    sys.stdin.read()  # until the test kills it (or, if the test died, its pipe closes)

os.replace = hang
save_session(session, folder, "slot")
"""

# save over and over, alternating between two moments of the campaign
SAVE_FOREVER = PLAY + """
turn()
early = session.state.turn
n = 0
while True:
    if session.state.turn < early + 2 and not session.finished:
        turn()
    save_session(session, folder, "slot")
    n += 1
    print("SAVED", n, flush=True)
"""


def start(script: str, pack: Path, folder: Path) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-c", script, str(pack), str(folder)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)


def kill(proc: subprocess.Popen[str]) -> None:
    os.kill(proc.pid, signal.SIGKILL)
    assert proc.wait(timeout=60) == -signal.SIGKILL  # a hang guard
    assert proc.stdin is not None and proc.stdout is not None
    proc.stdin.close()
    proc.stdout.close()


def test_killed_between_temporary_write_and_replace(tmp_path: Path, rt, starter: Path) -> None:
    proc = start(KILL_BEFORE_REPLACE, starter, tmp_path)
    assert proc.stdout is not None
    first = proc.stdout.readline().split()
    ready = proc.stdout.readline().split()
    assert first[0] == "FIRST" and ready[0] == "READY", (first, ready)
    kill(proc)
    slot = tmp_path / "slot.json"
    session = load_save(slot, rt)  # the previous save, whole and verified
    assert session.state.turn == int(first[1]) and session.options["player"] == "Kim"
    leftover = Path(ready[1])
    assert leftover.parent == tmp_path and leftover.name.startswith(".slot.json.") and leftover.exists()
    assert read_save(leftover).doc.state.turn == int(first[1]) + 1  # fsynced before the replace
    assert [r.path.name for r in list_saves(tmp_path)] == ["slot.json"]


def test_killed_at_random_moments_while_saving(tmp_path: Path, rt, starter: Path) -> None:
    rng = random.Random(5)
    for _ in range(5):
        proc = start(SAVE_FOREVER, starter, tmp_path)
        assert proc.stdout is not None
        assert proc.stdout.readline().startswith("SAVED")  # saving over and over from now on
        time.sleep(rng.uniform(0.0, 0.05))  # not a wait for anything: the random moment of the kill
        kill(proc)
        session = load_save(tmp_path / "slot.json", rt)
        assert session.options["player"] == "Kim" and len(session.decisions) in (1, 2, 3)
