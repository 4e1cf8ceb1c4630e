"""Verification's quicker paths give what the plain ones gave: the stored state, the log, the verdicts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.saves import read_save, save_session, verify
from game.saves.document import log_json, state_json
from game.saves.verify import saved_state

GOLDEN = Path(__file__).resolve().parents[1] / "fixtures" / "saves"


@pytest.mark.parametrize("seed", ["1", "7", "31"])
def test_the_stored_state_and_the_log_read_as_before(tmp_path: Path, rt, play, seed: str) -> None:
    session = play(seed=seed)
    log = session.state.log or []
    assert log and log_json(log) == [change.to_json() for change in log] == log_json(log, share=True)
    entries = log_json(log)
    assert len({id(e["cause"]) for e in entries}) == len(entries), "each entry its own mapping"
    doc = read_save(save_session(session, tmp_path, "x")).doc
    assert saved_state(doc) == doc.state.model_dump()
    assert saved_state(doc) == state_json(rt, session.state)


def test_the_golden_save_reads_as_before() -> None:
    doc = read_save(GOLDEN / "format3.json").doc
    assert saved_state(doc) == doc.state.model_dump()


def test_a_changed_stored_state_still_names_the_first_difference(tmp_path: Path, rt, play) -> None:
    session = play(seed="7")
    path = save_session(session, tmp_path, "x")
    data = json.loads(path.read_text())
    data["state"]["log"][5]["delta"] += 1
    data["checksum"] = None
    path.write_text(json.dumps(data))
    verdict = verify(read_save(path).doc, rt)
    assert not verdict.ok and verdict.reason is not None
    assert verdict.reason.startswith("the turn's changes differ: the save has ")
    assert verdict.turn == data["state"]["log"][5]["turn"]
