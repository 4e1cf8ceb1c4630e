"""What the class report and the debrief say is true of the data: month labels, outliers, grouping, axes."""

from __future__ import annotations

import re
import statistics
from collections import Counter
from pathlib import Path

import pytest

from game.classcode import class_session, encode_class_code
from game.engine.rng import Rng
from game.engine.state import month_label
from game.reports import charts
from game.reports.class_analysis import MIN_ENDING_OUTLIERS, MIN_SCORE_OUTLIERS, outliers
from game.reports.class_report import class_report
from game.reports.debrief import render_debrief
from game.reports.facts import series_labels, short_month
from game.saves import save_session
from game.session import Session
from game.sim.bots import make_bots

SVG_TEXT = re.compile(r"<text[^>]*>([^<]*)</text>")


def play(rt, i: int, code: str | None = None, difficulty: str = "normal",  # type: ignore[no-untyped-def]
         turns: int | None = None, folder: Path | None = None) -> Session:
    """A campaign played by one of the pack's bots, saved into ``folder`` if given."""
    bots = list(make_bots(rt).values())
    if code:
        session = class_session(rt, code, f"Student {i:02d}")
    else:
        session = Session.new(rt, "standard", difficulty, f"t{i}", {"player": f"Free {i}"})
    session.options["campaign_id"] = f"truth{i:04d}"
    bot = bots[i % len(bots)]
    while not session.finished and (turns is None or len(session.records) < turns):
        session.play(bot.decide(session.state, Rng(f"t{i}", session.state.turn, "truth")))
    if folder is not None:
        save_session(session, folder, f"c{i}")
    return session


@pytest.fixture(scope="module")
def finished(rt) -> list[Session]:  # type: ignore[no-untyped-def]
    """Finished campaigns of one class, with more than one ending among them."""
    code = encode_class_code(rt, "standard", "normal", 4242)
    out = [play(rt, i, code) for i in range(24)]
    assert len({s.state.ending for s in out}) > 1
    return out


def test_the_last_label_of_a_finished_campaign_is_its_last_month(rt) -> None:  # type: ignore[no-untyped-def]
    done = play(rt, 1)
    last_played = done.records[-1].month
    labels = series_labels(done)
    assert len(labels) == len(done.series(rt.pack.actors[0].id)) == len(done.records) + 1
    assert labels[-1] == f"end {short_month(last_played)}"
    assert labels[-2] == short_month(last_played)
    running = play(rt, 2, turns=3)
    assert series_labels(running)[-1] == short_month(running.state.month)  # the month on the desk


def test_relations_table_ends_on_the_month_the_campaigns_ended(rt, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code = encode_class_code(rt, "standard", "normal", 77)
    sessions = [play(rt, i, code, folder=tmp_path) for i in range(4)]
    text = class_report(rt, [tmp_path]).text
    header = text.split("### Relations over time", 1)[1].split("| Partner |", 1)[1].split("\n", 1)[0]
    longest = max(sessions, key=lambda s: len(s.records))
    assert header.split("|")[-2].strip().startswith(f"end {short_month(longest.records[-1].month)}")
    after = short_month(longest.records[-1].month + 1)
    assert after not in header


def test_the_outlier_sentence_matches_the_data(rt, finished: list[Session]) -> None:  # type: ignore[no-untyped-def]
    players = {id(s): f"P{i}" for i, s in enumerate(finished)}
    for n in range(1, len(finished) + 1):
        some = finished[:n]
        found = outliers(rt, some, players)
        said, rows = found["said"], found["rows"]
        reached = Counter(s.state.ending for s in some)
        totals = [sum(s.scores().values()) for s in some]
        if n < MIN_ENDING_OUTLIERS:
            assert not rows and said.startswith("Not looked for")
            continue
        alone = {players[id(s)] for s in some if reached[s.state.ending] == 1}
        assert alone <= {r["player"] for r in rows}
        if n >= MIN_SCORE_OUTLIERS:
            mean, sd = statistics.fmean(totals), statistics.pstdev(totals)
            far = {players[id(s)] for s, t in zip(some, totals, strict=True)
                   if sd and abs(t - mean) >= 2 * sd}
            assert far <= {r["player"] for r in rows}
        assert said.startswith("None") == (not rows)
        assert ("no other finished campaign reached" in said) and ("two standard deviations" in said)


def test_a_single_campaign_ending_is_never_called_none(rt, finished: list[Session]) -> None:  # type: ignore[no-untyped-def]
    by_ending: dict[str | None, list[Session]] = {}
    for s in finished:
        by_ending.setdefault(s.state.ending, []).append(s)
    common = max(by_ending.values(), key=len)
    other = next(v for k, v in by_ending.items() if v is not common)
    some = common[:MIN_ENDING_OUTLIERS - 1] + other[:1]
    if len(some) < MIN_ENDING_OUTLIERS:
        pytest.skip("the bots did not reach one ending often enough")
    found = outliers(rt, some, {id(s): f"P{i}" for i, s in enumerate(some)})
    assert not found["said"].startswith("None")
    assert any("the only campaign to end in" in r["reason"] for r in found["rows"])


def test_saves_without_a_class_code_are_never_picked_as_the_class(rt, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for i in range(2):
        play(rt, i, difficulty="normal", turns=3, folder=tmp_path)
    for i in range(2, 4):
        play(rt, i, difficulty="hard", turns=3, folder=tmp_path)
    report = class_report(rt, [tmp_path])
    text = report.text
    said = "No save has a class code: campaigns are grouped by scenario, difficulty and pack (2 groups)."
    assert said in text
    assert "No group is taken as the class's own" in text
    assert "Another class" not in text and "not the class's own" not in text and report.warnings == 0
    assert text.count("## Saves without a class code (From Hmeimim, ") == 2
    assert "- Campaign: From Hmeimim, Normal, 2 different seeds, pack starter 0.1.0" in text


def test_tied_class_codes_are_both_reported_and_neither_picked(rt, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    for i, seed in enumerate((5, 6)):
        play(rt, i, encode_class_code(rt, "standard", "normal", seed), turns=2, folder=tmp_path)
    text = class_report(rt, [tmp_path]).text
    assert "2 class codes tie for the most campaigns (1), so none is taken as the class's own" in text
    assert "Another class" not in text and text.count("## Class code ") == 2


def test_a_class_code_is_the_class_even_beside_more_saves_without_one(rt, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    code = encode_class_code(rt, "standard", "normal", 12)
    play(rt, 0, code, turns=2, folder=tmp_path)
    for i in range(1, 4):
        play(rt, i, turns=2, folder=tmp_path)
    text = class_report(rt, [tmp_path]).text
    assert f"The class's own is class code {code}, the class code with the most campaigns" in text
    assert text.index(f"## Class code {code}\n") < text.index("## Saves without a class code")
    assert "3 campaign(s) belong to saves without a class code (From Hmeimim, Normal, pack starter 0.1.0)" \
        in text


def _ticks(svg: str) -> list[str]:
    return [t for t in SVG_TEXT.findall(svg) if re.fullmatch(r"-?[0-9.]+", t)]


@pytest.mark.parametrize(("low", "high"), [(0, 1), (0, 3), (0, 7), (0, 78), (3, 97), (-100, 100), (0, 1234)])
def test_an_axis_covers_its_values_with_whole_ticks(low: int, high: int) -> None:
    axis = charts.axis(low, high)
    start, stop = axis["range"]
    assert start <= low and stop >= high
    assert axis["y_labels"][0] == start and axis["y_labels"][-1] == stop and len(axis["y_labels"]) <= 11
    assert all(isinstance(t, int) for t in axis["y_labels"])


def test_chart_axes_cover_the_bars_and_counts_are_whole(rt) -> None:  # type: ignore[no-untyped-def]
    counts = charts.bar_chart("Endings reached", {"A": 3, "B": 1, "C": 1})
    assert _ticks(counts) and all("." not in t for t in _ticks(counts))
    scores = charts.bar_chart("Final scores", {"A": 78, "B": 12}, charts.SCORES)
    assert "100" in _ticks(scores)
    box = charts.box_chart("Final scores", {"A": [3, 55, 78], "B": [0, 12]}, charts.SCORES)
    assert "100" in _ticks(box)


def test_the_debrief_scores_chart_reaches_100(rt) -> None:  # type: ignore[no-untyped-def]
    session = play(rt, 3)
    html = render_debrief(session, "html")
    scores = html.split('id="outcome"', 1)[1].split("</figure>", 1)[0]
    assert "100" in _ticks(scores)
    assert f"end {short_month(session.records[-1].month)}" in html
    assert month_label(session.records[-1].month) in html
