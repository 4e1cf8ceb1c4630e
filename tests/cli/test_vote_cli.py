"""`play --vote`: the facilitator types tallies; ties are asked; the save keeps and verifies them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STARTER = ROOT / "tests" / "fixtures" / "packs" / "starter"


def test_a_class_vote_through_the_line_mode(tmp_path: Path) -> None:
    saves = tmp_path / "saves"
    lines = []
    for _ in range(12):  # enough tallies for the first months, whatever the cards
        lines += ["4", "5 5 5 5", "3 3", "1", "6 2 1"]
    done = subprocess.run([sys.executable, "-m", "game", "play", "--vote", "--content", str(STARTER),
                           "--seed", "11", "--saves-dir", str(saves)],
                          input="\n".join(lines) + "\nquit\n", capture_output=True, text=True,
                          timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "one per choice" in out and "A tie between 1 and 2: the facilitator picks" in out
    assert "The class voted:" in out and "Traceback" not in out + done.stderr
    save = max(saves.glob("auto-*.json"))
    assert any("votes" in d for d in json.loads(save.read_text())["decisions"])
    replay = subprocess.run([sys.executable, "-m", "game", "replay", str(save), "--content", str(STARTER)],
                            capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert replay.returncode == 0, replay.stdout + replay.stderr
