"""`honorable-exit replay SAVE` as a subprocess: exit 0 and one line, or exit 1 naming the turn."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from game.saves import save_session
from game.saves.document import checksum


@pytest.fixture
def saved(tmp_path: Path, play) -> Path:
    return save_session(play(player="Fay"), tmp_path, "done")


def edit(path: Path, change, resign: bool = True) -> None:  # type: ignore[no-untyped-def]
    doc = json.loads(path.read_text())
    change(doc)
    if resign:
        doc["checksum"] = checksum(doc)
    path.write_text(json.dumps(doc))


def test_a_good_save_replays(cli, saved: Path, starter: Path) -> None:
    result = cli("replay", str(saved), "--content", str(starter))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert len(lines) == 1 and lines[0].startswith("ok ") and "Fay" in lines[0]
    assert "replays identically with the pack starter 0.1.0" in lines[0]


def test_an_edited_decision_names_its_turn(cli, saved: Path, starter: Path, rt) -> None:
    doc = json.loads(saved.read_text())
    turn = next(d for d in doc["decisions"] if d["cards"] and d["turn"] >= 2)
    card = turn["cards"][0]
    other = next(c.id for c in rt.events[card].choices if c.id != turn["choices"][0])

    def swap(d) -> None:  # type: ignore[no-untyped-def]
        d["decisions"][turn["turn"] - 1]["choices"][0] = other

    edit(saved, swap)
    result = cli("replay", str(saved), "--content", str(starter))
    assert result.returncode == 1
    assert result.stdout.startswith(f"FAILED {saved}: diverges at turn {turn['turn']} (")


def test_an_illegal_decision_names_its_turn(cli, saved: Path, starter: Path) -> None:
    edit(saved, lambda d: d["decisions"][1]["choices"].__setitem__(0, "win_the_war"))
    result = cli("replay", str(saved), "--content", str(starter))
    assert result.returncode == 1
    assert "diverges at turn 2" in result.stdout and "the decision is not allowed" in result.stdout


def test_an_edited_meter_names_the_turn(cli, saved: Path, starter: Path) -> None:
    edit(saved, lambda d: d["state"]["history"]["standing"].__setitem__(3, 100))
    result = cli("replay", str(saved), "--content", str(starter))
    assert result.returncode == 1
    assert "diverges at turn 4" in result.stdout and "standing at the start of turn 4" in result.stdout


def test_an_edit_without_a_new_checksum(cli, saved: Path, starter: Path) -> None:
    edit(saved, lambda d: d["meta"].update(player="Someone else"), resign=False)
    result = cli("replay", str(saved), "--content", str(starter))
    assert result.returncode == 1 and "checksum does not match" in result.stdout


def test_a_different_pack_version(cli, saved: Path, starter: Path, tmp_path: Path) -> None:
    changed = tmp_path / "pack"
    shutil.copytree(starter, changed)
    manifest = changed / "pack.yaml"
    manifest.write_text(manifest.read_text().replace("version: 0.1.0", "version: 0.2.0"))
    world = changed / "world.yaml"
    text = world.read_text()
    assert "values: {ceasefire: 55}" in text
    world.write_text(text.replace("values: {ceasefire: 55}", "values: {ceasefire: 56}"))
    result = cli("replay", str(saved), "--content", str(changed))
    assert result.returncode == 1
    assert "diverges at turn 1 " in result.stdout and "ceasefire at the start of turn 1" in result.stdout
    assert "saved with pack starter 0.1.0, replayed with 0.2.0" in result.stdout


def test_a_truncated_save(cli, saved: Path, starter: Path) -> None:
    saved.write_bytes(saved.read_bytes()[:300])
    result = cli("replay", str(saved), "--content", str(starter))
    assert result.returncode == 1 and "truncated" in result.stdout


def test_an_edited_ending_gives_both_values(cli, saved: Path, starter: Path, rt) -> None:
    doc = json.loads(saved.read_text())
    real = doc["state"]["ending"]
    other = next(e.id for e in rt.pack.endings if e.id != real)
    edit(saved, lambda d: d["state"].update(ending=other))
    result = cli("replay", str(saved), "--content", str(starter))
    assert result.returncode == 1
    assert result.stdout.rstrip().endswith(f"the stored state differs from the replay in 'ending' "
                                           f"(the save has '{other}', the replay gives '{real}')")
