"""The modder's test bench in the line mode: --debug commands, --start-event, --watch."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

from tests.cli.transcript import Transcript

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
    """Waits on what the game says, never on a fixed sleep: the line mode looks at the watcher when it
    reads a line, so each wait types `status` (and writes the file again, in case the watcher had not
    started watching when it was first written) until the game reports the change."""
    pack = tmp_path / "pack"
    shutil.copytree(STARTER, pack)
    events = pack / "events.yaml"
    edited = events.read_text().replace("title: ", "title: Edited - ", 1)
    proc = subprocess.Popen([sys.executable, "-m", "game", "play", "--watch", "--content", str(pack),
                             "--seed", "5", "--saves-dir", str(tmp_path / "s")], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, cwd=ROOT)
    game = Transcript(proc)

    def edit(text: str) -> Callable[[], None]:
        def nudge() -> None:
            events.write_text(text)
            game.send("status")
        return nudge
    try:
        game.send("1")
        game.until("Watch: the pack changed; the campaign was replayed on it and carries on.", edit(edited))
        game.until("no longer validates", edit("events: [\n"))
        game.send("quit")
        _, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
    game.thread.join(timeout=10)
    assert "no longer validates" in game.text and "campaign kept" in game.text, game.text[-3000:]
    assert "Traceback" not in game.text + err.decode()
