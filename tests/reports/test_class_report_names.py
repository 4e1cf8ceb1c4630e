"""The class report names files by their path inside the folder given, and says when its counts
include probable copies.

The reviewer's report showed `Bo Chen (auto-c8d4fc2b62-0012.json), Gus Hale
(auto-c8d4fc2b62-0012.json)`: a copy keeps its file name, so two students' files looked alike,
and the older failing saves were listed by their full paths.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from game.classcode import encode_class_code
from game.saves.document import checksum
from tests.reports.test_class_integrity import play, rewrite


def test_copies_are_told_apart_and_counted_as_such(cli, rt, pack_dir: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code = encode_class_code(rt, "standard", "normal", 11)
    root = tmp_path / "collected"
    bo = play(rt, code, "Bo Chen", "bochen0001", root / "bo", turns=8)
    (root / "gus").mkdir()
    rewrite(bo, root / "gus" / bo.name, player="Gus Hale")  # a renamed copy keeps its file name
    play(rt, code, "Ana Silva", "anasil0001", root / "ana", bot=1, turns=8)
    older = sorted((root / "ana").glob("auto-*.json"))[0]
    doc = json.loads(older.read_text())
    doc["state"]["values"]["standing"] += 9  # an older save of Ana's, edited: fails, not counted
    doc["checksum"] = checksum(doc)
    older.write_text(json.dumps(doc))
    done = cli("class-report", str(root), "--content", str(pack_dir))
    text = done.stdout
    assert f"Bo Chen (bo/{bo.name}), Gus Hale (gus/{bo.name})" in text
    assert f"| Ana Silva | ana/{older.name} |" in text
    assert str(tmp_path) not in text
    assert ("2 of the 3 campaigns counted here are flagged as probable copies (see Check these first); "
            "they count like the others.") in text


def test_a_save_of_another_pack_version_is_said_as_such(  # type: ignore[no-untyped-def]
        cli, pack_dir: Path, tmp_path: Path) -> None:
    from game.content.loader import load_runtime

    newer = tmp_path / "pack-0.1.1"
    shutil.copytree(pack_dir, newer)
    manifest = newer / "pack.yaml"
    manifest.write_text(manifest.read_text().replace("version: 0.1.0", "version: 0.1.1", 1))
    rt_new = load_runtime(newer)
    root = tmp_path / "collected"
    code = encode_class_code(rt_new, "standard", "normal", 11)
    lou = play(rt_new, code, "Lou Ma", "loumaa0001", root / "lou")
    rt = load_runtime(pack_dir)
    play(rt, encode_class_code(rt, "standard", "normal", 11), "Ana Silva", "anasil0001", root / "ana")
    said = ("made with the pack starter 0.1.1; this pack is 0.1.0: "
            "verify it with --content DIR of that version")
    replay = cli("replay", str(lou), "--content", str(pack_dir))
    assert replay.returncode == 1 and replay.stdout.strip() == f"FAILED {lou}: {said}"
    ok = cli("replay", str(lou), "--content", str(newer))
    assert ok.returncode == 0 and "replays identically with the pack starter 0.1.1" in ok.stdout
    text = cli("class-report", str(root), "--content", str(pack_dir)).stdout
    assert "**Another pack version**: 1 campaign(s) of class code " in text
    assert "were made with the pack starter 0.1.1; this pack is 0.1.0: verify them with --content DIR" in text
    assert "**Another class**" not in text
    headings = [line for line in text.splitlines() if line.startswith("## ")]
    assert headings[-2].startswith("## Another pack version: class code ")
    assert headings[-2].endswith("(made with the pack starter 0.1.1; this pack is 0.1.0)")
    assert f"| Lou Ma | lou/{lou.name} | failed verification: {said} |" in text
