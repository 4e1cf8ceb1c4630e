"""Sentences of the debrief and the class report that depend on the case: true in each one.

The command-line test plays real campaigns of the starter pack (two scenarios, no class code),
saves them and runs ``class-report`` and ``debrief`` as a user would.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.classcode import class_session, encode_class_code
from game.content.loader import load_runtime
from game.engine.rng import Rng
from game.engine.state import month_label
from game.reports.class_report import class_report
from game.reports.debrief import render_debrief
from game.saves import save_session
from game.session import Session
from game.sim.bots import make_bots

ROOT = Path(__file__).resolve().parents[2]


def bot_play(session: Session, turns: int | None = None) -> Session:
    bot = next(iter(make_bots(session.rt).values()))
    while not session.finished and (turns is None or len(session.records) < turns):
        session.play(bot.decide(session.state, Rng("truth", session.state.turn, "d")))
    return session


def test_a_campaign_not_yet_played(rt, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    session = Session.new(rt, "standard", "normal", "z", {"player": "Zed"})
    first = month_label(session.state.month)
    for fmt in ("md", "html"):
        text = render_debrief(session, fmt)
        assert f"{first}, not yet played" in text and f"before its first month, {first}, was decided" in text
        assert "No month was decided." in text and " to November 2017" not in text
    save_session(session, tmp_path, "zed")
    report = class_report(rt, [tmp_path]).text
    assert "No campaign has finished yet." in report and "Not looked for: no campaign has finished." in report
    assert "No card was met by at least 1 student(s)." in report


def test_an_unfinished_campaign_names_the_last_month_decided(rt) -> None:  # type: ignore[no-untyped-def]
    session = bot_play(Session.new(rt, "standard", "normal", "u"), turns=3)
    last, desk = month_label(session.records[-1].month), session.date
    text = render_debrief(session)
    assert f"to {last} (3 of " in text
    assert f"stopped after {last} was decided, with {desk} on the desk" in text


def test_teaching_mode_never_says_hidden_until_the_debrief(tmp_path: Path) -> None:
    rt = load_runtime(ROOT / "content")
    code = encode_class_code(rt, "classroom", "normal", 3, teaching=True)
    session = bot_play(class_session(rt, code, "T"), turns=2)
    text = render_debrief(session)
    assert "## Hidden quantities (shown throughout in teaching mode)" in text
    assert "Hidden until the debrief" not in text and "Hope in the UN track" in text
    plain = bot_play(Session.new(rt, "classroom", "normal", "p"))
    assert "## Hidden quantities revealed" in render_debrief(plain)


def test_the_summary_names_the_branch_it_replayed(rt) -> None:  # type: ignore[no-untyped-def]
    session = bot_play(Session.new(rt, "standard", "normal", "k"))
    text = render_debrief(session)
    summary = text.split("## Summary", 1)[1].split("To discuss", 1)[0]
    assert "the other branch would have" not in summary
    assert "mattered most" in summary and ("; with *" in summary or "; had you kept *" in summary)


@pytest.mark.costly(53)  # in one measured run of the suite: see tests/conftest.py
def test_class_report_command_on_two_scenarios_without_a_code(cli, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    rt = load_runtime(ROOT / "content")
    saves = tmp_path / "saves"
    for i, scenario in enumerate(("standard", "standard", "classroom")):
        session = Session.new(rt, scenario, "normal", f"c{i}", {"player": f"P{i}"})
        save_session(bot_play(session, turns=None if scenario == "classroom" else 4), saves, f"p{i}")
    out = cli("class-report", str(saves), "--content", str(ROOT / "content"))
    assert out.returncode == 0, out.stderr
    text = out.stdout
    assert "No save has a class code: campaigns are grouped by scenario, difficulty and pack (2 groups)." \
        in text
    assert "not the class's own" not in text and "Another class" not in text
    assert "## Saves without a class code (From Hmeimim, " in text
    assert "## Saves without a class code (After Sochi, " in text
    assert "- Campaign: From Hmeimim, Realpolitik, 2 different seeds" in text
    html = cli("class-report", str(saves), "--content", str(ROOT / "content"), "--format", "html")
    assert html.returncode == 0 and html.stdout.count("<svg") >= 2
    debrief = cli("debrief", str(saves / "p2.json"), "--content", str(ROOT / "content"))
    assert debrief.returncode == 0 and "## Outcome: " in debrief.stdout


def test_the_mods_played_with_are_named(tmp_path: Path) -> None:
    rt = load_runtime(ROOT / "content", [ROOT / "examples" / "mods" / "baghdad-channel"])
    code = encode_class_code(rt, "classroom", "normal", 9)
    session = bot_play(class_session(rt, code, "M"), turns=2)
    assert "1.0.0 with baghdad-channel " in render_debrief(session).split("\n", 3)[2]
    save_session(session, tmp_path, "m")
    text = class_report(rt, [tmp_path]).text
    assert "with baghdad-channel " in text.split("\n", 3)[2]
    assert "- Campaign: After Sochi, Realpolitik, seed 9, pack honorable-exit 1.0.0 with baghdad-channel " \
        in text


def test_card_titles_in_the_debrief_carry_no_date_of_their_own() -> None:
    """A title's own 'May 2018 - ' could contradict the month a held-over card was shown in: the
    debrief shows titles as every front does (``card_title``), dated by the month they were met."""
    rt = load_runtime(ROOT / "content")
    session = bot_play(Session.new(rt, "standard", "normal", "titles"))
    prefixed = [e.title for e in rt.pack.events if re.match(r"^\w+ 20\d\d - ", e.title)]
    assert prefixed, "the base pack has titles with a date prefix: this test needs one"
    for fmt in ("md", "html"):
        text = render_debrief(session, fmt)
        assert "Mission accomplished at Hmeimim" in text  # the card every campaign meets first
        assert not [t for t in prefixed if t in text], fmt
