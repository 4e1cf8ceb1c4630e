"""The class report names files by their path inside the folder given, and says when its counts
include probable copies.

The reviewer's report showed `Bo Chen (auto-c8d4fc2b62-0012.json), Gus Hale
(auto-c8d4fc2b62-0012.json)`: a copy keeps its file name, so two students' files looked alike,
and the older failing saves were listed by their full paths.
"""

from __future__ import annotations

import json
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
