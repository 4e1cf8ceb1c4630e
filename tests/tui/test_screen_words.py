"""Words on screen that were wrong: the folded situation report reads as sentences; the end
screen does not call 'hidden until the debrief' what teaching mode showed all game."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.content.loader import load_runtime
from game.engine.runtime import Runtime
from game.session import Session
from game.tui.screens.ending import hidden_content
from game.tui.widgets.report import report_summary

CONTENT = Path(__file__).resolve().parents[2] / "content"


@pytest.fixture(scope="module")
def base_rt() -> Runtime:
    return load_runtime(CONTENT)


def test_the_folded_report_reads_as_sentences(base_rt: Runtime) -> None:
    session = Session.new(base_rt, seed="7")
    session.play(session.decide(["keep_air_cover"]))
    line = report_summary(session).plain
    assert "cause(s)" not in line
    assert re.match(r"\d+ causes moved things in December 2017 \(turn 1\)\. ", line), line
    assert "What actually happened: Mission accomplished at Hmeimim. r: read the report" in line, line


@pytest.mark.parametrize("teaching", [False, True])
def test_the_end_screen_says_hidden_only_of_what_was_hidden(base_rt: Runtime, teaching: bool) -> None:
    session = Session.new(base_rt, seed="7", options={"teaching": teaching})
    text = hidden_content(session).plain
    assert ("Hidden until the debrief" in text) is not teaching
    assert text.startswith("Hidden quantities (shown all game in teaching mode)" if teaching
                           else "Hidden quantities revealed")


def test_goals_say_which_endings_the_brief_counts_good_and_what_separates_twins(base_rt: Runtime) -> None:
    from game.tui.screens.goals import goals_content

    session = Session.new(base_rt, seed="7")
    lines = [content.plain for _, content in goals_content(session)]
    at = {line.split(" (")[0][5:]: i for i, line in enumerate(lines) if line[:1].isdigit()}
    assert lines[at["Honorable exit"] + 1].startswith("Success in the brief's reading: its preferred exit.")
    assert lines[at["Plan B"] + 1].startswith("A fallback in the brief's reading")
    assert lines[at["Damascus's design"] + 1].startswith("A failure in the brief's reading.")
    assert lines[at["Quagmire"] + 1].startswith("A failure in the brief's reading.")
    twin = [line for line in lines[at["Damascus's design"]:at["Managed drawdown"]] if "those of" in line]
    assert twin == ["Its visible conditions are those of 'Plan B': only the hidden quantities above decide "
                    "between the two (their summaries say what each means)."]
    assert not [line for line in lines[:at["Damascus's design"]] if "those of" in line]


def test_plain_goals_read_the_same_verdicts(tmp_path: Path) -> None:
    from tests.cli.run import cli

    out = cli("play", "--plain", "--seed", "7", "--saves-dir", str(tmp_path), stdin="goals\nquit\n").stdout
    assert "5. ✗ Plan B (checked every month)\n    A fallback in the brief's reading" in out
    assert "Its visible conditions are those of 'Plan B'" in out


def test_the_folded_report_is_one_sentence_and_never_doubles_a_mark(base_rt: Runtime) -> None:
    from game.bench import fire
    from game.describe import full_stop

    assert full_stop("Who may name the culprit?") == "Who may name the culprit?"
    assert full_stop("Douma") == "Douma." and full_stop("Douma.") == "Douma."
    session = Session.new(base_rt, seed="7")
    lines = []
    while not session.finished and len(session.records) < 12:
        session.play(session.decide([c.choices[session.available(c.id).index(True)].id
                                     for c in session.cards()]))
        lines.append(report_summary(session).plain)
    assert lines[2].startswith("6 causes moved things in February 2018 (turn 3) and at the start of "
                               "March 2018. What actually happened: "), lines[2]
    assert not [line for line in lines if "?." in line or "!." in line or ";:" in line]
    assert not [line for line in lines if "; At the start" in line or "): " in line.split(".")[0]]
    culprit = Session.new(base_rt, seed="7")
    fire(culprit, "opcw_attribution_vote")
    culprit.state.cards = ["opcw_attribution_vote"]  # the only card: its title ends the sentence
    card = base_rt.pack.get("events", "opcw_attribution_vote")
    culprit.play(culprit.decide([card.choices[culprit.available(card.id).index(True)].id]))
    line = report_summary(culprit).plain
    assert line.endswith("What actually happened: Who may name the culprit? r: read the report"), line
