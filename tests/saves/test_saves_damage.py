"""Broken saves: truncated, corrupt, edited, future-version or other-pack files are refused, untouched."""

from __future__ import annotations

import json
import os
import shutil
from pathlib import Path

import pytest

from game.content.loader import load_runtime
from game.saves import SaveError, list_saves, load_save, read_save, save_session
from game.saves.document import checksum


@pytest.fixture
def saved(tmp_path: Path, play) -> Path:
    return save_session(play(turns=5, player="Eve"), tmp_path, "slot")


def refused(path: Path, rt, match: str) -> SaveError:
    """Loading refuses the file with a one-line reason, and the file is left as it was."""
    before = (path.read_bytes(), os.stat(path).st_mtime_ns)
    with pytest.raises(SaveError, match=match) as info:
        load_save(path, rt)
    list_saves(path.parent)
    assert (path.read_bytes(), os.stat(path).st_mtime_ns) == before
    assert "\n" not in str(info.value) and str(path) in str(info.value)
    return info.value


def rewrite(path: Path, edit, keep_checksum: bool = False) -> None:  # type: ignore[no-untyped-def]
    """Edit the JSON; recompute the checksum as a careful editor would (unless told not to)."""
    doc = json.loads(path.read_text())
    edit(doc)
    if not keep_checksum:
        doc["checksum"] = checksum(doc)
    path.write_text(json.dumps(doc, indent=1))


def test_truncated_anywhere(saved: Path, rt) -> None:
    data = saved.read_bytes()
    for cut in range(1, len(data) - 2, max(1, len(data) // 40)):
        saved.write_bytes(data[:cut])
        error = refused(saved, rt, "truncated|corrupt|empty")
        assert error.reason


@pytest.mark.parametrize(("content", "reason"), [
    (b"", "empty"),
    (b"\x00" * 512, "corrupt"),
    (b"\xff\xfe garbage \x80", "not text"),
    (b"[1, 2, 3]", "not a save"),
    (b"null", "not a save"),
    (b'{"hello": "world"}', "not a save"),
    (b'{"format_version": 2, "format": "honorable-exit-save"}', "format 2 malformed: 'pack' is missing"),
    (b'{"format_version": 3, "format": "honorable-exit-save"}', "malformed: 'pack' is missing"),
    (b"{'single': 'quotes'}", "corrupt: not valid JSON at line 1, column 2"),
])
def test_corrupt_files(tmp_path: Path, rt, content: bytes, reason: str) -> None:
    path = tmp_path / "bad.json"
    path.write_bytes(content)
    refused(path, rt, reason)


def test_a_folder_or_missing_file(tmp_path: Path, rt) -> None:
    with pytest.raises(SaveError, match="no such file"):
        load_save(tmp_path / "nothing.json", rt)
    with pytest.raises(SaveError, match="is a folder"):
        load_save(tmp_path, rt)


def test_edited_by_hand_fails_the_checksum(saved: Path, rt) -> None:
    rewrite(saved, lambda d: d["meta"].update(player="Mallory"), keep_checksum=True)
    refused(saved, rt, "edited or damaged: its checksum does not match")
    row = list_saves(saved.parent)[0]
    assert not row.ok and "checksum" in str(row.reason)


def test_edited_meter_with_a_new_checksum_fails_the_replay(saved: Path, rt) -> None:
    rewrite(saved, lambda d: d["state"]["values"].update(ceasefire=99))
    refused(saved, rt, r"does not replay.*turn 6 .*ceasefire")


def test_edited_decision_with_a_new_checksum_fails_the_replay(saved: Path, rt) -> None:
    def swap(doc) -> None:  # type: ignore[no-untyped-def]
        entry = doc["decisions"][2]
        card = entry["cards"][0]
        entry["choices"][0] = next(c.id for c in rt.events[card].choices if c.id != entry["choices"][0])

    rewrite(saved, swap)
    refused(saved, rt, r"does not replay.*turn 3 ")


def test_a_missing_checksum_in_the_current_format(saved: Path, rt) -> None:
    rewrite(saved, lambda d: d.update(checksum=None), keep_checksum=True)
    refused(saved, rt, "checksum")


def test_future_and_unknown_versions(saved: Path, rt) -> None:
    rewrite(saved, lambda d: d.update(format_version=4))
    refused(saved, rt, "newer version of the game .save format 4")
    for version in (0, "2", None, True):
        rewrite(saved, lambda d, v=version: d.update(format_version=v))
        refused(saved, rt, "unknown save format version")


def test_another_pack(saved: Path, rt, tmp_path: Path, starter: Path) -> None:
    other = tmp_path / "other"
    shutil.copytree(starter, other)
    manifest = other / "pack.yaml"
    manifest.write_text(manifest.read_text().replace("id: starter", "id: other-pack"))
    refused(saved, load_runtime(other), "made with pack 'starter', not with 'other-pack'")


def test_unknown_fields_are_refused(saved: Path, rt) -> None:
    rewrite(saved, lambda d: d["meta"].update(cheat=True))
    refused(saved, rt, "malformed: unexpected field 'meta.cheat'")


def test_read_save_reports_but_does_not_enforce_the_checksum(saved: Path) -> None:
    assert read_save(saved).checksum_ok is True
    rewrite(saved, lambda d: d["meta"].update(name="renamed"), keep_checksum=True)
    assert read_save(saved).checksum_ok is False


def _mutate(value, rng):  # type: ignore[no-untyped-def]
    """Replace one leaf of a JSON document with something of another kind."""
    if isinstance(value, dict) and value:
        key = rng.choice(sorted(value))
        value[key] = _mutate(value[key], rng) if rng.random() < 0.8 else rng.choice([None, [], {}, "x", -1])
        return value
    if isinstance(value, list) and value:
        i = rng.randrange(len(value))
        value[i] = _mutate(value[i], rng)
        return value
    return rng.choice([None, True, 0, -5, 10**12, 1.5, "", "zz", [], {}, [1, "a"], {"k": None}])


@pytest.mark.parametrize("seed", range(60))
def test_no_mutation_crashes_the_loader(saved: Path, rt, seed: int) -> None:
    import random

    rng = random.Random(seed)
    doc = json.loads(saved.read_text())
    for _ in range(1 + seed % 3):
        _mutate(doc, rng)
    if seed % 2:
        doc["checksum"] = checksum(doc)  # a careful editor: the replay must catch it
    saved.write_text(json.dumps(doc))
    try:
        load_save(saved, rt)
    except SaveError as exc:
        assert exc.reason and "\n" not in str(exc)
    list_saves(saved.parent)


@pytest.mark.parametrize(("field", "value"), [
    ("ending", "honorable_exit"), ("ending_title", "Honorable exit"), ("turn", 2), ("date", "May 2019"),
])
def test_an_edited_summary_fails_the_replay(saved: Path, rt, field: str, value: object) -> None:
    rewrite(saved, lambda d: d["meta"].update({field: value}))
    refused(saved, rt, f"summary says {field}")
