"""A whole class through the command line: a code, 30 bot students in plain mode, a verified report."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from game.classcode import class_session
from game.engine.rng import Rng
from game.saves.document import checksum
from game.session import Session
from game.sim.bots import make_bots

STUDENTS = 30
ROOT = Path(__file__).resolve().parents[2]


def script(rt, code: str, student: int) -> tuple[str, Session]:  # type: ignore[no-untyped-def]
    """The lines a student types (from a bot's decisions), and the campaign they lead to."""
    bots = list(make_bots(rt).values())
    bot = bots[student % len(bots)]
    session = class_session(rt, code, f"student{student:02d}")
    lines = []
    while not session.finished:
        decision = bot.decide(session.state, Rng(f"student{student}", session.state.turn, "class"))
        current = session.policy_levels()
        for policy, level in zip(current, decision.policies, strict=True):
            if level != current[policy]:
                lines.append(f"set {policy} {level}")
        if student % 3 == 0 and session.state.turn == 3:
            lines += ["status", "save midterm"]
        for card, choice in zip(session.state.cards, decision.choices, strict=True):
            ids = [c.id for c in rt.pack.get("events", card).choices]
            lines.append(str(ids.index(choice) + 1))
        if not session.state.cards:  # a month without cards: the plain mode waits for Enter
            lines.append("")
        session.play(decision)
    return "\n".join(lines) + "\n", session


def play_class(starter: Path, code: str, saves: Path,
               scripts: list[str]) -> list[subprocess.CompletedProcess[str]]:
    """Each student plays in their own process (as many at once as there are cores)."""

    def one(i: int) -> subprocess.CompletedProcess[str]:
        args = [sys.executable, "-m", "game", "play", "--plain", "--content", str(starter),
                "--class-code", code, "--saves-dir", str(saves), "--player", f"student{i:02d}"]
        return subprocess.run(args, input=scripts[i], capture_output=True, text=True, timeout=120, cwd=ROOT)

    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        return list(pool.map(one, range(len(scripts))))


def table(text: str, heading: str) -> dict[str, list[str]]:
    """The rows of the Markdown table under a heading, keyed by their first cell."""
    section = text.split(f"### {heading}\n", 1)[1].split("\n### ", 1)[0]
    rows = [line.strip("|").split("|") for line in section.splitlines() if line.startswith("| ")]
    return {cells[0].strip(): [c.strip() for c in cells[1:]] for cells in rows[1:]}


@pytest.mark.costly(96)  # 30 processes: in one measured run of the suite (tests/conftest.py)
def test_a_class_of_30(cli, starter: Path, rt, tmp_path: Path) -> None:
    made = cli("class-code", "--content", str(starter), "--seed", "2018")
    assert made.returncode == 0, made.stderr
    code = made.stdout.strip()
    plans = [script(rt, code, i) for i in range(STUDENTS)]
    saves = tmp_path / "class"
    for i, result in enumerate(play_class(starter, code, saves, [p[0] for p in plans])):
        assert result.returncode == 0, result.stderr
        assert "=== The campaign ends:" in result.stdout, f"student {i} did not finish"
        assert "Not now" not in result.stdout and "not an open choice" not in result.stdout
    expected = Counter(rt.pack.get("endings", s.state.ending).title for _, s in plans)

    report = cli("class-report", str(saves), "--format", "md", "--content", str(starter))
    assert report.returncode == 0, report.stderr
    md = report.stdout
    assert f"## Class code {code}" in md
    assert "- Campaigns counted: 30\n- Verified: 30\n- Failed verification: 0\n- Finished: 30" in md
    files = re.search(r"- Files: (\d+)", md)
    assert files and int(files.group(1)) > STUDENTS  # autosaves and named saves, counted once
    endings = table(md, "Endings reached")
    assert {title: int(row[0]) for title, row in endings.items() if row[0] != "0"} == dict(expected)
    students = table(md, "Students")
    assert sorted(students) == [f"student{i:02d}" for i in range(STUDENTS)]
    for i, (_, session) in enumerate(plans):
        row = students[f"student{i:02d}"]
        assert row[0] == "verified" and row[1] == rt.pack.get("endings", session.state.ending).title
        assert row[2] == str(sum(session.scores().values()))
    assert "by 30 student(s)" in md  # every student met the first month's cards

    # a student edits their result: the edited file is flagged, their last genuine save is counted
    latest = saves / students["student07"][4]
    doc = json.loads(latest.read_text())
    doc["state"]["values"][rt.quantities[0]] += 10
    doc["checksum"] = checksum(doc)
    latest.write_text(json.dumps(doc))
    again = cli("class-report", str(saves), "--format", "html", "--content", str(starter))
    assert again.returncode == 1
    root = ET.fromstring(again.stdout.removeprefix("<!DOCTYPE html>"))
    assert len(root.findall(".//{http://www.w3.org/2000/svg}svg")) >= 3
    assert "30 verified, 0 failed; 1 file(s) unreadable or failing verification" in again.stderr
    assert "student07: counted " in again.stdout and f"do not ({latest.name})" in again.stdout
    assert "failed verification: diverges at turn" in again.stdout  # the edited file, listed below

    debrief = cli("debrief", str(saves / students["student03"][4]), "--content", str(starter))
    assert debrief.returncode == 0 and "- Player: student03" in debrief.stdout
    assert cli("debrief", str(latest), "--content", str(starter)).returncode == 1
