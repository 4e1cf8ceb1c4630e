"""The modder's test bench in the line mode: --debug commands, --start-event, --watch."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STARTER = ROOT / "tests" / "fixtures" / "packs" / "starter"


def play(*args: str, text: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game", "play", *args], input=text, capture_output=True,
                          text=True, timeout=120, cwd=ROOT)


def test_debug_commands_and_a_marked_save(tmp_path: Path) -> None:
    saves = tmp_path / "saves"
    done = play("--debug", "--content", str(STARTER), "--seed", "3", "--saves-dir", str(saves),
                text="debug\ndebug set ceasefire 12\ndebug fire geneva_round\ndebug fire nope\n"
                     + "1\n" * 6 + "quit\n")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "debug fire CARD" in out and "ceasefire is now 12" in out
    assert "(the desk changed)" in out and "no card 'nope'" in out
    save = max(saves.glob("auto-*.json"))
    assert json.loads(save.read_text())["campaign"]["options"]["debug"] is True
    replay = subprocess.run([sys.executable, "-m", "game", "replay", str(save), "--content", str(STARTER)],
                            capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert replay.returncode == 1 and "test bench" in replay.stdout + replay.stderr


def test_start_event_and_its_errors(tmp_path: Path) -> None:
    done = play("--start-event", "aid_convoy", "--content", str(STARTER), "--saves-dir", str(tmp_path),
                text="quit\n")
    assert done.returncode == 0 and "Card 1 of" in done.stdout and "convoy" in done.stdout.lower()
    bad = play("--start-event", "aid_convoi", "--content", str(STARTER), "--saves-dir", str(tmp_path),
               text="quit\n")
    assert bad.returncode == 2 and "did you mean 'aid_convoy'" in bad.stderr
    closed = play("--content", str(STARTER), "--saves-dir", str(tmp_path),
                  text="debug fire aid_convoy\nquit\n")
    assert "Unknown command 'debug'" in closed.stdout  # the bench is shut without --debug


def test_watch_reloads_on_a_change(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(STARTER, pack)
    proc = subprocess.Popen([sys.executable, "-m", "game", "play", "--watch", "--content", str(pack),
                             "--seed", "5", "--saves-dir", str(tmp_path / "s")], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
    assert proc.stdin is not None
    try:
        proc.stdin.write("1\n")
        proc.stdin.flush()
        time.sleep(2.5)
        events = pack / "events.yaml"
        events.write_text(events.read_text().replace("title: ", "title: Edited - ", 1))
        time.sleep(2.5)
        proc.stdin.write("status\n")
        proc.stdin.flush()
        time.sleep(1)
        (pack / "events.yaml").write_text("events: [\n")
        time.sleep(2.5)
        out, err = proc.communicate("status\nquit\n", timeout=60)
    finally:
        proc.kill()
    assert "Watch: the pack changed; the campaign was replayed on it and carries on." in out, out[-3000:]
    assert "no longer validates" in out and "campaign kept" in out
    assert "Traceback" not in out + err
