"""Saves round-trip: what is saved loads back as the same campaign; autosaves rotate; listings."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.engine.state import RULES
from game.saves import (
    SaveError,
    autosave,
    latest_autosave,
    list_saves,
    load_save,
    read_save,
    save_session,
)
from game.saves.document import state_json
from game.saves.store import AUTOSAVES_KEPT


def test_named_save_round_trip(tmp_path: Path, rt, play) -> None:
    session = play(turns=4, player="Ann", teaching=True)
    path = save_session(session, tmp_path, "before Sochi")
    assert path.name == "before-Sochi.json"
    loaded = load_save(path, rt)
    assert state_json(rt, loaded.state) == state_json(rt, session.state)
    assert loaded.decisions == session.decisions
    assert [r.changes for r in loaded.records] == [r.changes for r in session.records]
    assert loaded.options["player"] == "Ann" and loaded.options["teaching"] is True
    assert loaded.options["campaign_id"] == session.options["campaign_id"]


def test_finished_campaign_round_trip(tmp_path: Path, rt, play) -> None:
    session = play(player="Bo")
    assert session.finished
    loaded = load_save(save_session(session, tmp_path, "done"), rt)
    assert loaded.state.ending == session.state.ending and loaded.scores() == session.scores()


def test_document_holds_what_the_issue_lists(tmp_path: Path, rt, play) -> None:
    session = play(turns=2, player="Cy")
    doc = json.loads(save_session(session, tmp_path, "x").read_text())
    assert doc["format_version"] == 3
    assert doc["pack"]["id"] == "starter" and doc["pack"]["content_hash"].startswith("sha256:")
    assert doc["campaign"] == {"scenario": "standard", "difficulty": "normal", "seed": "7",
                               "rules": RULES, "options": {"teaching": False}, "class_code": None}
    assert [d["turn"] for d in doc["decisions"]] == [1, 2]
    assert doc["state"]["turn"] == 3 and "log" in doc["state"]
    meta = doc["meta"]
    assert meta["player"] == "Cy" and meta["turn"] == 3 and meta["ending"] is None
    assert meta["created"] <= meta["updated"]


def test_continuing_a_loaded_campaign_keeps_its_identity(tmp_path: Path, rt, play) -> None:
    first = play(turns=2)
    autosave(first, tmp_path)
    again = load_save(latest_autosave(tmp_path), rt)
    again.play(again.decide([rt.events[c].choices[0].id for c in again.state.cards]))
    autosave(again, tmp_path)
    ids = {read_save(p).doc.meta.campaign_id for p in tmp_path.glob("auto-*.json")}
    assert ids == {first.options["campaign_id"]}
    assert read_save(latest_autosave(tmp_path)).doc.meta.created == first.options["created"]


def test_autosaves_rotate_per_campaign(tmp_path: Path, rt, play) -> None:
    session = play(turns=0, seed="11")
    other = play(turns=1, seed="12")
    autosave(other, tmp_path)
    written = []
    while not session.finished:
        session.play(session.decide([rt.events[c].choices[-1].id for c in session.state.cards]))
        written.append(autosave(session, tmp_path))
    mine = sorted(p.name for p in tmp_path.glob(f"auto-{session.options['campaign_id']}-*.json"))
    assert mine == sorted(p.name for p in written[-AUTOSAVES_KEPT:])
    assert len(list(tmp_path.glob(f"auto-{other.options['campaign_id']}-*.json"))) == 1
    assert latest_autosave(tmp_path) == written[-1]


def test_listing_newest_first_with_details(tmp_path: Path, rt, play) -> None:
    session = play(player="Dee", class_code=None)
    autosave(session, tmp_path)
    save_session(session, tmp_path, "final")
    rows = list_saves(tmp_path)
    assert [r.kind for r in rows] == ["named", "auto"]
    top = rows[0]
    assert top.ok and top.reason is None and top.name == "final" and top.player == "Dee"
    assert top.ending == rt.pack.get("endings", session.state.ending).title
    assert top.date == session.date and top.turn == session.state.turn
    assert top.scenario == "standard" and top.difficulty == "normal"


def test_listing_shows_unreadable_files_and_skips_temporaries(tmp_path: Path, play) -> None:
    save_session(play(turns=1), tmp_path, "good")
    (tmp_path / "broken.json").write_text('{"format_version": 2, "pack": ')
    (tmp_path / ".good.json.123.tmp").write_text("half a save")
    rows = {r.path.name: r for r in list_saves(tmp_path)}
    assert set(rows) == {"good.json", "broken.json"}
    assert not rows["broken.json"].ok and "truncated" in str(rows["broken.json"].reason)
    assert latest_autosave(tmp_path) is None


def test_named_save_never_overwrites_another_campaign(tmp_path: Path, play) -> None:
    a, b = play(turns=1, seed="1"), play(turns=1, seed="2")
    first = save_session(a, tmp_path, "mine")
    second = save_session(b, tmp_path, "mine")
    assert (first.name, second.name) == ("mine.json", "mine-2.json")
    assert save_session(a, tmp_path, "mine") == first  # the same campaign replaces its own save
    (tmp_path / "junk.json").write_text("not a save")
    assert save_session(a, tmp_path, "junk").name == "junk-2.json"
    assert (tmp_path / "junk.json").read_text() == "not a save"


@pytest.mark.parametrize("name", ["", "   ", "///", "***"])
def test_a_save_name_needs_letters_or_digits(tmp_path: Path, play, name: str) -> None:
    with pytest.raises(SaveError, match="cannot name a save"):
        save_session(play(turns=1), tmp_path, name)


def test_an_unwritable_folder_is_a_save_error(tmp_path: Path, play) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(SaveError, match="could not save"):
        save_session(play(turns=1), blocker / "saves", "x")
