"""The Goals screen: `g` and the palette open it; it lists every ending's clauses and the clock's ending."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from textual.containers import VerticalScroll
from textual.widgets import Static

from game.content.loader import load_runtime
from game.goals import clock_ending
from game.tui.app import HonorableExit, make_app
from game.tui.commands.game import GameCommands
from game.tui.config import GameConfig
from game.tui.screens.dashboard import DashboardScreen
from game.tui.screens.ending import EndingScreen
from game.tui.screens.goals import GoalsScreen

from .conftest import SMALL, plain_text, play_month, run, start

CONTENT = Path(__file__).resolve().parents[2] / "content"


def goals_text(app: HonorableExit) -> str:
    lines = app.screen.query_one("#goals-text").query(Static)
    return "\n".join(" " * line.styles.padding.left + plain_text(line.content) for line in lines)


def test_g_opens_goals_with_every_ending_and_its_clauses(app: HonorableExit) -> None:
    async def go() -> None:
        async with app.run_test(size=SMALL) as pilot:
            await start(pilot)
            session = app.session
            assert session is not None
            session.state.values[session.rt.qindex["un_track"]] = 22
            await pilot.press("g")
            await pilot.pause()
            assert isinstance(app.screen, GoalsScreen)
            text = goals_text(app)
            assert text.startswith(f"If the clock ran out now: {clock_ending(session)}")
            titles = [session.rt.pack.get("endings", e.id).title for e in session.rt.endings]
            body = text.index("\n\n")
            positions = [text.index(t, body) for t in titles]
            assert positions == sorted(positions)  # in the order the rules check them
            assert "✗ UN track momentum ≥ 35 (now 22)" in text
            assert "Coming up" in text
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, DashboardScreen)

    run(go())


def test_the_base_packs_goals_scroll_at_80x24(config: GameConfig) -> None:
    rt = load_runtime(CONTENT)
    app = make_app(replace(config, content=CONTENT, runtime=rt))

    async def go() -> None:
        async with app.run_test(size=SMALL) as pilot:
            await start(pilot)
            await pilot.press("g")
            await pilot.pause()
            scroll = app.screen.query_one("#goals-scroll", VerticalScroll)
            assert scroll.max_scroll_y > 0  # seven endings do not fit 80x24: the view scrolls
            await pilot.press("end")
            await pilot.pause()
            assert scroll.scroll_y == scroll.max_scroll_y
            assert "Quagmire" in goals_text(app)

    run(go())


def test_goals_follow_the_state_after_a_month(app: HonorableExit) -> None:
    async def go() -> None:
        async with app.run_test(size=SMALL) as pilot:
            await start(pilot)
            await play_month(pilot, "1")
            session = app.session
            assert session is not None
            await pilot.press("g")
            await pilot.pause()
            value = session.value("commitment")
            assert f"Military commitment ≤ 68 (now {value})" in goals_text(app)

    run(go())


def test_the_palette_offers_goals(app: HonorableExit) -> None:
    async def go() -> None:
        async with app.run_test(size=SMALL) as pilot:
            await start(pilot)
            provider = GameCommands(app.screen)
            hits = [hit async for hit in provider.search("goals")]
            best = max(hits, key=lambda h: h.score)
            assert best.text == "Goals: what each ending needs"
            await best.command()
            await pilot.pause()
            assert isinstance(app.screen, GoalsScreen)

    run(go())


def test_the_ending_screen_says_why(app: HonorableExit) -> None:
    async def go() -> None:
        async with app.run_test(size=SMALL) as pilot:
            await start(pilot)
            session = app.session
            assert session is not None
            while not session.finished:
                picks = [c.choices[session.available(c.id).index(True)].id for c in session.cards()]
                session.play(session.decide(picks))
            app.show_campaign()
            await pilot.pause()
            assert isinstance(app.screen, EndingScreen)
            title = session.rt.pack.get("endings", str(session.state.ending)).title
            why = plain_text(app.screen.query_one("#ending-why", Static).content)
            assert why.startswith(f"Why '{title}':")

    run(go())
