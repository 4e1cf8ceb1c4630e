"""The debrief's decisions that mattered most say what each score difference is made of (the final
state's formula, the ending's adjustment, a clamp to 0-100), in figures that add up to its totals."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from game.content.loader import load_runtime
from game.engine.rng import Rng
from game.saves import save_session
from game.session import Session
from game.sim.bots import make_bots

ROOT = Path(__file__).resolve().parents[2]
LINE = re.compile(r"(?P<name>[A-Z][a-z]+(?: [a-z]+)*) (?P<was>\d+) → (?P<would>\d+), "
                  r"(?P<parts>[^;]*?)(?=; [A-Z]|\.$)")
EFFECT = re.compile(r"([+-]\d+) from the final state")
ADJUST = re.compile(r"([+-]\d+) from the ending's adjustment \(([+-]\d+|none) for '[^']+' → "
                    r"([+-]\d+|none) for")
CLAMP = re.compile(r"(yours|that branch's) (-?\d+) (capped|floored) at (\d+)")


def debrief(tmp_path: Path, seed: str) -> str:
    """The Markdown debrief of the base pack's classroom campaign the random bot plays on ``seed``."""
    rt = load_runtime(ROOT / "content")
    session = Session.new(rt, "classroom", "normal", seed)
    bot = make_bots(rt)["random"]
    while session.state.ending is None:
        session.play(bot.decide(session.state, Rng(seed, session.state.turn, "bot")))
    saved = save_session(session, tmp_path, f"seed-{seed}")
    done = subprocess.run([sys.executable, "-m", "game", "debrief", str(saved)], capture_output=True,
                          text=True, cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr
    return done.stdout


def totals(text: str) -> dict[str, int]:
    """The Outcome's scores: name -> total."""
    return {m[1]: int(m[2]) for m in re.finditer(r"^\| ([^|]+?) \| (\d+)/100", text, re.M)}


@pytest.mark.parametrize(("seed", "said"), [
    ("16", "from the ending's adjustment (-15 for 'Quagmire' → +5 for"),
    ("13", "-8 from the final state (formula 22 → 14) and the ending's adjustment unchanged (-15 for "
           "'Quagmire'), that branch's -1 floored at 0")])
def test_each_score_difference_says_what_it_is_made_of_and_adds_up(tmp_path: Path, seed: str,
                                                                   said: str) -> None:
    text = debrief(tmp_path, seed)
    final = totals(text)
    section = text.split("## The decisions that mattered most")[1].split("\n## ")[0]
    lines = [line for line in section.splitlines() if re.match(r"\d+\. \*\*Turn", line)]
    assert lines and said in section
    checked = 0
    for line in lines:
        for m in LINE.finditer(line):
            was, would, parts = int(m["was"]), int(m["would"]), m["parts"]
            assert final[m["name"]] == was, (m["name"], line)  # "yours" is the Outcome's total
            effect, adjust = EFFECT.search(parts), ADJUST.search(parts)
            assert effect or adjust, line  # each difference says what it is
            raw = {"yours": was, "that branch's": would}
            for c in CLAMP.finditer(parts):
                raw[c[1]] = int(c[2])
            moved = (int(effect[1]) if effect else 0) + (int(adjust[1]) if adjust else 0)
            assert raw["yours"] + moved == raw["that branch's"], line
            checked += 1
    assert checked
