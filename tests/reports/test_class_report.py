"""The class report: golden Markdown, one count per campaign, failures marked, charts in the HTML."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from game.classcode import class_session, encode_class_code
from game.engine.rng import Rng
from game.reports.class_report import class_report
from game.saves import autosave, save_session
from game.saves.document import checksum
from game.session import Session
from game.sim.bots import make_bots

SVG = "{http://www.w3.org/2000/svg}svg"


def play_student(rt, code: str | None, i: int, folder: Path, turns: int | None = None) -> Session:  # type: ignore[no-untyped-def]
    """A student's campaign, autosaved every turn, with a fixed campaign id."""
    lines = {"random", *(s.id for s in rt.pack.strategies)}  # the golden files' students
    bots = [bot for sid, bot in make_bots(rt).items() if sid in lines]
    if code:
        session = class_session(rt, code, f"Student {i:02d}")
    else:
        session = Session.new(rt, "standard", "hard", f"free{i}", {"player": f"Free {i}"})
    session.options["campaign_id"] = f"stud{i:04d}"
    session.options["created"] = "2025-03-01T10:00:00+00:00"
    bot = bots[i % len(bots)]
    while not session.finished and (turns is None or len(session.records) < turns):
        session.play(bot.decide(session.state, Rng(f"s{i}", session.state.turn, "report")))
        autosave(session, folder)
    return session


@pytest.fixture
def classroom(rt, tmp_path: Path) -> tuple[str, Path, list[Session]]:
    code = encode_class_code(rt, "standard", "normal", 1917, teaching=True)
    folder = tmp_path / "class"
    sessions = [play_student(rt, code, i, folder) for i in range(8)]
    sessions.append(play_student(rt, code, 8, folder, turns=3))  # still playing
    save_session(sessions[0], folder, "my final")  # a named save of a campaign already autosaved
    play_student(rt, None, 20, tmp_path / "other")  # no class code
    return code, tmp_path, sessions


def edit_state(path: Path) -> None:
    doc = json.loads(path.read_text())
    doc["state"]["values"]["standing"] += 5
    doc["checksum"] = checksum(doc)
    path.write_text(json.dumps(doc, indent=1))


def test_markdown_matches_its_golden_file(rt, classroom, golden) -> None:
    code, root, _ = classroom
    folder = root / "class"
    latest5 = max(folder.glob("auto-stud0005-*.json"))
    for old in folder.glob("auto-stud0005-*.json"):
        if old != latest5:
            old.unlink()
    edit_state(latest5)  # student 5's only save: fails, and is counted as failed
    edit_state(folder / "auto-stud0001-0006.json")  # an older autosave of student 1: fails, not counted
    (folder / "torn.json").write_text('{"format_version": 2, "pack": {"id": "sta')
    report = class_report(rt, [folder, root / "other", root / "missing"], "md")
    files = len(list(folder.glob("*.json"))) + len(list((root / "other").glob("*.json")))
    counts = (report.files, report.campaigns, report.verified, report.failed, report.bad_files)
    assert counts == (files, 10, 9, 1, 3)
    golden("class_report.md", report.text.replace(str(root), "SAVES"))


def test_each_campaign_counted_once_by_its_latest_save(rt, classroom) -> None:
    code, root, sessions = classroom
    report = class_report(rt, [root / "class"])
    text = report.text
    assert report.files == len(list((root / "class").glob("*.json"))) > 9
    assert report.campaigns == 9 and report.verified == 9 and report.failed == 0
    assert "- Campaigns counted: 9\n- Verified: 9\n- Failed verification: 0\n- Finished: 8" in text
    assert "| Student 00 | verified |" in text and "| my-final.json |" in text  # the named save is latest
    assert "in progress, turn 4" in text
    endings = {}
    for s in sessions:
        if s.finished:
            title = rt.pack.get("endings", s.state.ending).title
            endings[title] = endings.get(title, 0) + 1
    for title, count in endings.items():
        assert f"| {title} | {count} |" in text


def test_groups_by_class_code(rt, classroom) -> None:
    code, root, _ = classroom
    text = class_report(rt, [root]).text
    loose = "## Saves without a class code (From Hmeimim, Hard, pack starter 0.1.0)"
    assert text.index(f"## Class code {code}") < text.index(loose)


def test_html_is_well_formed_with_charts(rt, classroom) -> None:
    _, root, _ = classroom
    text = class_report(rt, [root], "html").text
    page = ET.fromstring(text.removeprefix("<!DOCTYPE html>\n"))
    partners = sum(1 for a in rt.pack.actors if a.relation)
    # endings, meters, scores and one small chart per partner, for each of the two groups
    assert len(page.findall(f".//{SVG}")) == 2 * (3 + partners)
    assert "<script" not in text and "@media print" in text


def test_class_report_command(cli, pack_dir: Path, classroom, tmp_path: Path) -> None:
    _, root, _ = classroom
    out = tmp_path / "report.md"
    ok = cli("class-report", str(root / "class"), "--content", str(pack_dir), "--out", str(out))
    assert ok.returncode == 0, ok.stderr
    files = len(list((root / "class").glob("*.json")))
    assert f"9 campaign(s) from {files} file(s): 9 verified, 0 failed" in ok.stderr
    assert out.read_text().startswith("# Class report")
    (root / "class" / "bad.json").write_text("garbage")
    bad = cli("class-report", str(root / "class"), "--content", str(pack_dir))
    assert bad.returncode == 1 and "| bad.json | corrupt" in bad.stdout  # relative to the folder given
    empty = cli("class-report", str(tmp_path / "nothing-here"), "--content", str(pack_dir))
    assert empty.returncode == 1 and "no save files found" in empty.stderr


def test_codes_typed_differently_are_one_class(rt, tmp_path: Path) -> None:
    code = encode_class_code(rt, "standard", "easy", 55)
    for i, typed in enumerate([code, code.lower().replace("-", ""), code.replace("-", " ")]):
        session = class_session(rt, code, f"P{i}")
        session.options["class_code"] = typed  # as a front end might store what the student typed
        session.play(session.decide([rt.events[c].choices[0].id for c in session.state.cards]))
        save_session(session, tmp_path, f"p{i}")
    report = class_report(rt, [tmp_path])
    assert report.verified == 3 and report.text.count("## Class code") == 1
    assert f"## Class code {code}\n" in report.text
