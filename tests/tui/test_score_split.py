"""Every front that shows a final score says what the formula gave and what the ending added
(one shared split, game.score_parts): the review found a bare 91/100 that was 76 + 15."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Static

from game.content.loader import load_runtime
from game.engine.rng import Rng
from game.engine.runtime import Runtime
from game.reports.debrief import render_debrief
from game.score_parts import adjustment_note, score_parts
from game.session import Session
from game.sim.bots import make_bots
from game.tui.app import make_app
from game.tui.config import GameConfig
from game.tui.screens.ending import EndingScreen, scores_content

from .conftest import LARGE, SMALL, loaded, plain_text, run
from .test_tolerance_thresholds import screen_lines

CONTENT = Path(__file__).resolve().parents[2] / "content"
HONORABLE = "91/100 (76 + 15 for the ending 'Honorable exit')"


@pytest.fixture(scope="module")
def base_rt() -> Runtime:
    return load_runtime(CONTENT)


def ended(rt: Runtime, ending: str, **values: int) -> Session:
    """A base-pack campaign set to the review's numbers and closed on an ending."""
    session = Session.new(rt, seed="7")
    for qid, value in values.items():
        session.state.values[rt.qindex[qid]] = value
    session.state.ending = ending
    return session


def settlement(session: Session) -> str:
    return next(p.text() for p in score_parts(session.rt, session.state) if p.dim == "settlement")


def test_the_reviews_scores_split_into_formula_and_ending(base_rt: Runtime) -> None:
    honorable = ended(base_rt, "honorable_exit", un_track=90, dialogue=48)
    assert settlement(honorable) == HONORABLE
    quagmire = ended(base_rt, "quagmire", un_track=48, dialogue=48)
    assert settlement(quagmire) == "43/100 (48 - 5 for the ending 'Quagmire')"
    capped = ended(base_rt, "honorable_exit", un_track=100, dialogue=100)
    assert settlement(capped) == "100/100 (100 + 15 for the ending 'Honorable exit', capped at 100)"


def test_the_split_adds_up_to_the_rules_scores_on_played_campaigns(base_rt: Runtime) -> None:
    bots = list(make_bots(base_rt).values())
    endings = set()
    for i in range(6):
        session = Session.new(base_rt, "standard", "normal", f"split{i}")
        bot = bots[i % len(bots)]
        while not session.finished:
            session.play(bot.decide(session.state, Rng(f"split{i}", session.state.turn, "split")))
        endings.add(session.state.ending)
        rules = session.scores()
        for part in score_parts(base_rt, session.state):
            assert part.total == rules[part.dim]
            assert part.total == max(0, min(100, part.formula + part.adjustment))
            assert (part.split() == "") == (part.adjustment == 0)
    assert len(endings) > 1


def test_the_debrief_says_the_split(base_rt: Runtime) -> None:
    session = ended(base_rt, "honorable_exit", un_track=90, dialogue=48)
    md = render_debrief(session, "md")
    assert f"| Settlement | {HONORABLE} |" in md
    html = render_debrief(session, "html")
    assert '<td class="n">91/100</td><td>76 + 15 for the ending &#39;Honorable exit&#39;. ' in html


def test_the_class_note_and_help_list_the_adjustments(base_rt: Runtime) -> None:
    note = adjustment_note(base_rt)
    assert "plus the adjustment of the ending reached" in note
    assert "Honorable exit: Settlement +15" in note and "Quagmire: Settlement -5" in note
    from game.tui.help_text import rules_content
    assert note in rules_content(base_rt).plain


@pytest.mark.parametrize("size", [SMALL, LARGE], ids=["80x24", "120x40"])
def test_the_end_screen_shows_the_split_without_wrapping(base_rt: Runtime, tmp_path: Path,
                                                       size: tuple[int, int]) -> None:
    text = scores_content(ended(base_rt, "honorable_exit", un_track=90, dialogue=48)).plain
    assert "= 76 + 15 for the ending 'Honorable exit'" in text
    config = GameConfig(content=CONTENT, saves=tmp_path / "saves", seed="7", theme="textual-dark",
                        animations=False, runtime=base_rt)
    app = make_app(config)

    async def go() -> None:
        async with app.run_test(size=size) as pilot:
            await loaded(pilot)
            session = ended(base_rt, "honorable_exit", un_track=90, dialogue=48)
            app.begin(session)
            await pilot.pause()
            app.show_campaign()
            await pilot.pause()
            assert isinstance(app.screen, EndingScreen)
            panel = next(w for w in app.screen.query(Static) if plain_text(w.content).startswith("Scores"))
            app.screen.query_one("#ending").scroll_to_widget(panel, animate=False, top=True)
            await pilot.pause()
            lines = screen_lines(app.export_screenshot())
            assert any("= 76 + 15 for the ending 'Honorable exit'" in line for line in lines), lines
            assert any("Settlement" in line and " 91/100" in line for line in lines), lines

    run(go())


def test_the_plain_end_page_says_the_split(tmp_path: Path) -> None:
    from tests.cli.run import cli

    lines = "debug jump 2020-11\n" + "1\n" * 40
    done = cli("play", "--plain", "--debug", "--seed", "7", "--saves-dir", str(tmp_path), stdin=lines)
    assert done.returncode == 0, done.stderr
    page = done.stdout.split("Scores:\n", 1)[1]
    assert "  Settlement               10/100 (15 - 5 for the ending 'Quagmire')" in page
    assert "  Partnerships             57/100\n" in page  # no adjustment: nothing added
