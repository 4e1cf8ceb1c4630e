"""What `debrief DIR --out` and `class-report --class-code` say about bad input, through the CLI.

The reviewer's `debrief DIR --out` said "5 campaign(s) or file(s) could not be reported" and named
4 (a truncated file was counted, never named); `class-report --class-code` with a wrong check
character reported 0 campaigns instead of refusing the code as `play` does.
"""

from __future__ import annotations

from pathlib import Path

from game.classcode import encode_class_code
from tests.reports.test_class_integrity import play


def test_debrief_of_a_folder_names_every_file_it_could_not_report(  # type: ignore[no-untyped-def]
        cli, rt, pack_dir: Path, tmp_path: Path) -> None:
    code = encode_class_code(rt, "standard", "normal", 21)
    root = tmp_path / "collected"
    save = play(rt, code, "Ana Silva", "anasil0001", root / "ana")
    (root / "kai-truncated.json").write_text(save.read_text()[:200])
    (root / "notes.json").write_text("[1, 2")
    out = tmp_path / "debriefs"
    done = cli("debrief", str(root), "--out", str(out), "--content", str(pack_dir))
    assert done.returncode == 1
    lines = done.stderr.splitlines()
    assert lines[-1] == f"1 report(s) in {out}; 2 campaign(s) or file(s) could not be reported (named above)"
    named = [line for line in lines if line.startswith(f"honorable-exit: {root}/")]
    assert [line.split(": ")[1] for line in named] == [f"{root}/kai-truncated.json", f"{root}/notes.json"]
    assert [p.name for p in out.iterdir()] == ["Ana-Silva-anasil0001.md"]


def test_class_report_refuses_a_mistyped_code_as_play_does(  # type: ignore[no-untyped-def]
        cli, rt, pack_dir: Path, tmp_path: Path) -> None:
    code = encode_class_code(rt, "standard", "normal", 21)
    root = tmp_path / "collected"
    play(rt, code, "Ana Silva", "anasil0001", root / "ana")
    wrong = code[:-1] + ("A" if code[-1] != "A" else "B")
    report = cli("class-report", str(root), "--class-code", wrong, "--content", str(pack_dir))
    game = cli("play", "--plain", "--class-code", wrong, "--player", "Ana", "--content", str(pack_dir))
    assert report.returncode == game.returncode == 2
    assert report.stderr.strip() == game.stderr.strip() == (
        f"honorable-exit: error: class code {wrong!r} refused: the class code is mistyped "
        "(its check character does not match)")
    right = cli("class-report", str(root), "--class-code", code.lower(), "--content", str(pack_dir))
    assert right.returncode == 0 and "1 campaign(s) from" in right.stderr
