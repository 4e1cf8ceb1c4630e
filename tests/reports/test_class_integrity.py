"""Results a teacher can trust: copies, shared ids and stray saves are caught, never counted silently."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from game.classcode import class_session, encode_class_code
from game.engine.rng import Rng
from game.reports.class_report import class_report
from game.saves import autosave
from game.saves.document import checksum
from game.sim.bots import make_bots


def play(rt, code: str, player: str, cid: str, folder: Path, bot: int = 0, turns: int = 6) -> Path:  # type: ignore[no-untyped-def]
    session = class_session(rt, code, player)
    session.options["campaign_id"] = cid
    b = list(make_bots(rt).values())[bot]
    path = None
    while not session.finished and len(session.records) < turns:
        session.play(b.decide(session.state, Rng(cid, session.state.turn, "t")))
        path = autosave(session, folder)
    assert path is not None
    return path


def rewrite(src: Path, dst: Path, **meta: str) -> None:
    doc = json.loads(src.read_text())
    doc["meta"].update(meta)
    doc["checksum"] = checksum(doc)
    dst.write_text(json.dumps(doc, indent=1))


def roster_players(text: str) -> list[str]:
    part = text.split("### Students", 1)[1].split("\n\n", 2)[1]
    return [line.split("|")[1].strip() for line in part.splitlines()[2:] if line.startswith("|")]


def test_a_renamed_copy_never_takes_over_the_original(rt, tmp_path: Path) -> None:
    code = encode_class_code(rt, "standard", "normal", 7)
    folder = tmp_path / "class"
    final = play(rt, code, "Alice", "alice001", folder)
    rewrite(final, folder / "zz-bob.json", player="Bob", updated="2099-01-01T00:00:00+00:00")
    report = class_report(rt, [folder])
    players = roster_players(report.text)
    assert "Alice" in players and "Bob" in players  # nobody disappears
    assert "**Same campaign, several names**: Campaign alice001 is saved under 2 names" in report.text
    assert "one is very likely a copy of the other" in report.text
    assert report.warnings >= 1


def test_a_bad_copy_beside_a_good_save_does_not_fail_the_good_one(rt, tmp_path: Path) -> None:
    code = encode_class_code(rt, "standard", "normal", 8)
    folder = tmp_path / "class"
    final = play(rt, code, "Carol", "carol001", folder)
    doc = json.loads(final.read_text())
    doc["state"]["values"]["standing"] += 9
    doc["meta"]["updated"] = "2099-01-01T00:00:00+00:00"  # newer on paper
    doc["checksum"] = checksum(doc)
    (folder / "carol-copy.json").write_text(json.dumps(doc))
    report = class_report(rt, [folder])
    assert report.campaigns == 1 and report.verified == 1 and report.failed == 0
    assert f"counted {final.name}, which verifies" in report.text
    assert "| Carol | verified |" in report.text


def test_identical_logs_under_other_ids_are_flagged(rt, tmp_path: Path) -> None:
    code = encode_class_code(rt, "standard", "normal", 9)
    folder = tmp_path / "class"
    final = play(rt, code, "Dan", "dan00001", folder)
    rewrite(final, folder / "erin.json", player="Erin", campaign_id="erin0001")
    text = class_report(rt, [folder]).text
    assert "**Identical decisions**: Dan" in text and "Erin (erin.json)" in text


def test_another_class_goes_last_with_a_warning_and_can_be_left_out(rt, cli, pack_dir: Path,
                                                                    tmp_path: Path) -> None:
    ours = encode_class_code(rt, "standard", "normal", 10)
    theirs = encode_class_code(rt, "standard", "hard", 11)
    folder = tmp_path / "class"
    for i in range(3):
        play(rt, ours, f"S{i}", f"ours{i:04d}", folder, bot=i)
    play(rt, theirs, "Zed", "theirs01", folder)
    text = class_report(rt, [folder]).text
    assert text.index("## Check these first") < text.index(f"## Class code {ours}") < text.index(
        f"## Class code {theirs} (not the class's own")
    assert "**Another class**: 1 campaign(s) belong to class code" in text
    only = cli("class-report", str(folder), "--class-code", ours.lower(), "--content", str(pack_dir))
    assert only.returncode == 0, only.stderr
    assert theirs not in only.stdout and "Zed" not in only.stdout and "3 campaign(s)" in only.stderr
    unplayed = encode_class_code(rt, "standard", "easy", 99)  # a valid code nobody played
    none = cli("class-report", str(folder), "--class-code", unplayed, "--content", str(pack_dir))
    assert none.returncode == 1 and "no save files of class code" in none.stderr
    mistyped = cli("class-report", str(folder), "--class-code", "AAAAA-AAAAA-AAAAA",
                   "--content", str(pack_dir))
    assert mistyped.returncode == 2 and "the class code is mistyped" in mistyped.stderr


def test_continue_resumes_only_the_players_own_campaign(rt, pack_dir: Path, tmp_path: Path) -> None:
    code = encode_class_code(rt, "standard", "normal", 12)
    folder = tmp_path / "shared"
    play(rt, code, "Ann", "ann00001", folder, turns=2)

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run([sys.executable, "-m", "game", "play", "--plain", "--content", str(pack_dir),
                               "--saves-dir", str(folder), *args], input="quit\n", capture_output=True,
                              text=True, timeout=60)

    other = run("--continue", "--player", "Ben")
    assert other.returncode == 2 and "no autosave of Ben's to continue" in other.stderr
    mine = run("--continue", "--player", "ann")
    assert mine.returncode == 0, mine.stderr
    saved = sorted(folder.glob("auto-ann00001-*.json"))
    taken = run("--load", str(saved[-1]), "--player", "Ben")
    assert taken.returncode == 2 and "is Ann's campaign, not Ben's" in taken.stderr
    for path in folder.glob("*.json"):
        assert json.loads(path.read_text())["meta"]["player"] == "Ann"


def test_debrief_a_folder_writes_one_report_per_campaign(rt, cli, pack_dir: Path, tmp_path: Path) -> None:
    code = encode_class_code(rt, "standard", "normal", 13)
    folder = tmp_path / "class"
    for i in range(3):
        play(rt, code, f"Stu {i}", f"stu{i:05d}", folder, bot=i, turns=40)
    out = tmp_path / "reports"
    ok = cli("debrief", str(folder), "--out", str(out), "--format", "html", "--content", str(pack_dir))
    assert ok.returncode == 0, ok.stderr
    assert sorted(p.name for p in out.iterdir()) == [f"Stu-{i}-stu{i:05d}.html" for i in range(3)]
    assert "3 report(s)" in ok.stderr
    usage = cli("debrief", str(folder), "--content", str(pack_dir))
    assert usage.returncode == 2 and "needs --out DIR" in usage.stderr
