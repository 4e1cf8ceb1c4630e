"""Every older save format loads through its migration; golden files of each format are kept."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from game.content.loader import load_runtime
from game.saves import FORMAT_VERSION, SaveError, list_saves, load_save, read_save, save_session
from game.saves.document import checksum
from game.saves.migrate import MIGRATIONS

GOLDEN = Path(__file__).resolve().parents[1] / "fixtures" / "saves"


@pytest.fixture(scope="module")
def golden_rt():  # type: ignore[no-untyped-def]
    return load_runtime(GOLDEN / "pack")


def test_a_golden_file_and_a_migration_for_every_format() -> None:
    for version in range(1, FORMAT_VERSION + 1):
        assert (GOLDEN / f"format{version}.json").is_file(), f"no golden file of format {version}"
        assert version == FORMAT_VERSION or version in MIGRATIONS
    current = json.loads((GOLDEN / f"format{FORMAT_VERSION}.json").read_text())
    assert current["format_version"] == FORMAT_VERSION


def test_format1_migrates_and_replays(golden_rt) -> None:
    loaded = read_save(GOLDEN / "format1.json")
    assert loaded.source_version == 1 and loaded.checksum_ok is None
    doc = loaded.doc
    assert doc.format_version == 3 and doc.pack.content_hash is None
    assert doc.campaign.rules == 1
    assert doc.meta.kind == "named" and doc.meta.name == "before the upgrade"
    assert doc.meta.created == doc.meta.updated == "2024-11-02T14:05:00+00:00"
    assert doc.campaign.options == {"teaching": True}
    assert [d.turn for d in doc.decisions] == [1, 2, 3] and all(d.cards is None for d in doc.decisions)
    session = load_save(GOLDEN / "format1.json", golden_rt)
    assert session.state.turn == 4 and not session.finished
    assert session.options["player"] == "First Format"
    assert session.options["class_code"] == doc.campaign.class_code


def test_format2_golden_migrates_to_rules_1_and_replays(golden_rt) -> None:
    loaded = read_save(GOLDEN / "format2.json")
    assert loaded.source_version == 2 and loaded.checksum_ok is True  # checked on the file as written
    assert loaded.doc.campaign.rules == 1
    session = load_save(GOLDEN / "format2.json", golden_rt)
    assert session.finished and session.state.ending == "quagmire" and len(session.decisions) == 8
    assert session.options["campaign_id"] == "golden0002" and session.state.rules == 1


def test_format3_golden_loads(golden_rt) -> None:
    loaded = read_save(GOLDEN / "format3.json")
    assert loaded.checksum_ok is True and loaded.doc.campaign.rules == 2  # saved under rules 2
    session = load_save(GOLDEN / "format3.json", golden_rt)
    assert session.finished and session.state.ending == "quagmire" and len(session.decisions) == 8
    assert session.options["campaign_id"] == "golden0003" and session.state.rules == 2  # and replays by them


def test_a_save_under_unknown_rules_is_refused_with_its_reason(tmp_path: Path, golden_rt) -> None:
    doc = json.loads((GOLDEN / "format3.json").read_text())
    doc["campaign"]["rules"] = 99
    doc["checksum"] = checksum(doc)
    path = tmp_path / "future-rules.json"
    path.write_text(json.dumps(doc))
    with pytest.raises(SaveError, match="played by rules 99, which this version of the game does not know"):
        load_save(path, golden_rt)


def test_golden_files_list_as_readable() -> None:
    rows = {r.path.name: r for r in list_saves(GOLDEN)}
    assert rows["format1.json"].ok and rows["format1.json"].player == "First Format"
    assert rows["format1.json"].date == "March 2018" and rows["format1.json"].turn == 4
    assert rows["format2.json"].ok and rows["format2.json"].ending == "Quagmire"


def test_a_migrated_save_is_written_back_in_the_current_format(tmp_path: Path, golden_rt) -> None:
    session = load_save(GOLDEN / "format1.json", golden_rt)
    path = save_session(session, tmp_path, "upgraded")
    again = read_save(path)
    assert again.source_version == FORMAT_VERSION and again.checksum_ok is True
    assert again.doc.meta.created == "2024-11-02T14:05:00+00:00"
    assert load_save(path, golden_rt).state.turn == session.state.turn
    assert (GOLDEN / "format1.json").read_text().startswith('{\n "format_version": 1')  # never rewritten


def test_an_edited_format1_save_fails_its_replay(tmp_path: Path, golden_rt) -> None:
    path = tmp_path / "old.json"
    shutil.copy(GOLDEN / "format1.json", path)
    doc = json.loads(path.read_text())
    doc["state"]["values"][0] += 7
    path.write_text(json.dumps(doc))
    with pytest.raises(SaveError, match="does not replay"):
        load_save(path, golden_rt)


@pytest.mark.parametrize(("edit", "reason"), [
    (lambda d: d.pop("quantities"), r"format 1 malformed: 'quantities' is missing"),
    (lambda d: d["state"]["values"].pop(), "cannot migrate format 1: state.values"),
    (lambda d: d.update(game="another-game"), "not a save file of this game"),
])
def test_a_broken_format1_file_is_refused(tmp_path: Path, edit, reason: str) -> None:  # type: ignore[no-untyped-def]
    doc = json.loads((GOLDEN / "format1.json").read_text())
    edit(doc)
    path = tmp_path / "old.json"
    path.write_text(json.dumps(doc))
    with pytest.raises(SaveError, match=reason):
        read_save(path)
