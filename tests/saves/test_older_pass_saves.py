"""A save made before the causal log had an entry for a card that passes still verifies.

Such a save (a mod's campaign with a passed card, written before the pass entry existed) holds the
same decisions and state but no pass entry in its log: `replay` compares it with the replayed log
without the pass entries (game.saves.older), and anything else that differs is still refused.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from game.content.loader import load_runtime
from game.engine.passing import PASSED, PASSED_NOTE, card_passes
from game.engine.rng import Rng
from game.saves import save_session
from game.saves.document import checksum
from game.session import Session
from game.sim.bots import make_bots

ROOT = Path(__file__).resolve().parents[2]
MOD = ROOT / "tests" / "fixtures" / "packs" / "closed_card_mod"  # wheat_shipment: both choices can close


def _passed_save(tmp_path: Path) -> Path:
    rt = load_runtime(ROOT / "content", [MOD])
    session = Session.new(rt, "classroom", "normal", "7")
    bot = make_bots(rt)["random"]
    passed = False
    while not session.finished and not passed:
        passed = any(card_passes(rt, session.state, c) for c in session.state.cards)
        session.play(bot.decide(session.state, Rng("7", session.state.turn, "bot")))
    assert PASSED in session.decisions[-1].choices
    return save_session(session, tmp_path, "passed")


def _rewrite(path: Path, edit: object) -> None:
    doc = json.loads(path.read_text())
    edit(doc["state"]["log"])  # type: ignore[operator]
    doc["checksum"] = checksum(doc)
    path.write_text(json.dumps(doc))


def _replay(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game", "replay", str(path), "--mod", str(MOD)],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)


def _is_pass(entry: dict[str, object]) -> bool:
    cause = entry.get("cause")
    return isinstance(cause, dict) and cause.get("note") == PASSED_NOTE


def test_a_save_without_the_pass_entry_verifies(tmp_path: Path) -> None:
    path = _passed_save(tmp_path)
    log = json.loads(path.read_text())["state"]["log"]
    assert sum(map(_is_pass, log)) == 1  # as a save is written today
    _rewrite(path, lambda log: log.__setitem__(slice(None), [e for e in log if not _is_pass(e)]))
    done = _replay(path)
    assert done.returncode == 0 and done.stdout.startswith("ok "), done.stdout + done.stderr


def test_a_save_missing_another_entry_is_still_refused(tmp_path: Path) -> None:
    path = _passed_save(tmp_path)
    victim = next(i for i, e in enumerate(json.loads(path.read_text())["state"]["log"])
                  if not _is_pass(e) and e.get("delta"))
    _rewrite(path, lambda log: log.pop(victim))
    done = _replay(path)
    assert done.returncode == 1 and "the turn's changes differ" in done.stdout + done.stderr, \
        done.stdout + done.stderr
