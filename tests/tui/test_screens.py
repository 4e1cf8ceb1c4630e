"""Every screen opens from its key and shows what it is for."""

from __future__ import annotations

from textual.widgets import OptionList, Static, TabbedContent

from game.tui.app import HonorableExit
from game.tui.commands.game import GameCommands
from game.tui.screens.brief import BriefScreen
from game.tui.screens.charts import ChartsScreen
from game.tui.screens.dashboard import DashboardScreen
from game.tui.screens.help import HelpScreen
from game.tui.screens.policies import PolicyDialog
from game.tui.screens.timeline import TimelineScreen
from game.tui.screens.why import WhyScreen

from .conftest import SMALL, loaded, plain_text, play_month, run, start


def text_of(app: HonorableExit, selector: str) -> str:
    """A widget's text, whatever it renders (content or a Rich table), as plain text."""
    return plain_text(app.screen.query_one(selector, Static).content)


def test_why_shows_the_cause_of_a_change_just_made(app: HonorableExit) -> None:
    async def go() -> None:
        async with app.run_test(size=SMALL) as pilot:
            await start(pilot)
            dash = app.dashboard()
            assert dash is not None and app.session is not None
            card = dash.orders.card()
            await play_month(pilot, "1")
            changed = next(c for c in app.session.report if c.cause.kind == "choice")
            dash.focus_quantity(changed.target)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, WhyScreen)
            history = text_of(app, "#why-history")
            assert card.title in history and card.choices[0].label in history
            assert f"{changed.delta:+d}" in history and "T1 " in history
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is dash

    run(go())


def test_timeline_lists_decisions_and_filters_them(app: HonorableExit) -> None:
    async def go() -> None:
        async with app.run_test(size=SMALL) as pilot:
            await start(pilot)
            assert app.session is not None
            first = app.session.cards()[0]
            await play_month(pilot, "2")
            await pilot.press("t")
            await pilot.pause()
            assert isinstance(app.screen, TimelineScreen)
            assert first.title in text_of(app, "#timeline-text")
            await pilot.press(*"zq")
            await pilot.pause()
            assert text_of(app, "#timeline-text") == "Nothing matches."
            await pilot.press("backspace", "backspace", *first.title.split()[-1][:4].lower())
            await pilot.pause()
            assert first.title in text_of(app, "#timeline-text")
            assert " of " in text_of(app, "#timeline-count")

    run(go())


def test_charts_toggle_lines(app: HonorableExit) -> None:
    async def go() -> None:
        async with app.run_test(size=SMALL) as pilot:
            await start(pilot)
            await play_month(pilot)
            await pilot.press("c")
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, ChartsScreen)
            before = list(screen.chosen)
            await pilot.press("enter")
            await pilot.pause()
            assert screen.chosen == before[1:]
            prompt = str(screen.query_one(OptionList).get_option_at_index(0).prompt)
            assert prompt.startswith("□")

    run(go())


def test_brief_lists_the_cards_paragraphs(app: HonorableExit) -> None:
    async def go() -> None:
        async with app.run_test(size=SMALL) as pilot:
            await start(pilot)
            assert app.session is not None and app.rt is not None
            card = app.session.cards()[0]
            await pilot.press("b")
            await pilot.pause()
            assert isinstance(app.screen, BriefScreen)
            text = " ".join(str(w.render()) for w in app.screen.query("#brief Static"))
            for pid in card.cites:
                assert pid in text
                assert app.rt.pack.manifest.source.paragraphs[pid].summary in text

    run(go())


def test_help_explains_meters_from_the_pack(app: HonorableExit) -> None:
    async def go() -> None:
        async with app.run_test(size=SMALL) as pilot:
            await loaded(pilot)
            await pilot.press("question_mark")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            app.screen.query_one(TabbedContent).active = "help-meters"
            await pilot.pause()
            meters = str(app.screen.query_one("#help-meters Static", Static).render())
            assert app.rt is not None
            for meter in app.rt.pack.meters:
                assert (meter.description in meters) is not meter.hidden
            app.screen.query_one(TabbedContent).active = "help-keys"
            await pilot.pause()
            keys = str(app.screen.query_one("#help-keys Static", Static).render())
            assert "ctrl+s" in keys and "id: confirm" in keys
            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(app.screen, HelpScreen)

    run(go())


def test_policy_dialog_greys_out_levels_with_the_reason(app: HonorableExit) -> None:
    async def go() -> None:
        async with app.run_test(size=SMALL) as pilot:
            await start(pilot)
            await pilot.press("p")
            await pilot.pause()
            assert isinstance(app.screen, PolicyDialog)
            posture = app.screen.query_one("#policy-posture", OptionList)
            withdrawal = posture.get_option("posture:withdrawal")
            assert withdrawal.disabled and "at most 1 level" in str(withdrawal.prompt)
            await pilot.press("down", "enter", "escape")
            await pilot.pause()
            dash = app.dashboard()
            assert isinstance(app.screen, DashboardScreen) and dash is not None
            assert dash.orders.pending == {"posture": "reduced"}
            await play_month(pilot)
            assert app.session is not None
            assert app.session.policy_levels()["posture"] == "reduced"

    run(go())


def test_a_closed_choice_is_greyed_out_with_its_reason(app: HonorableExit) -> None:
    async def go() -> None:
        async with app.run_test(size=SMALL) as pilot:
            await start(pilot)
            session = app.session
            assert session is not None
            session.state.cards = ["spoilers"]
            session.state.values[session.rt.qindex["damascus"]] = -60
            app.show_campaign()
            await pilot.pause()
            dash = app.dashboard()
            assert dash is not None
            assert dash.check_action("pick", (2,)) is False  # no third choice: hidden
            said: list[tuple[str, str]] = []
            dash.notify = lambda message, *, title="", **_: said.append((title, message))  # type: ignore[method-assign]
            await pilot.press("1")  # the key of a closed choice says why, and picks nothing
            await pilot.pause()
            assert dash.orders.selected is None
            reason = "Damascus no longer listens: needs ✗ Relations with Damascus > -50 (now -60)."
            assert said == [("Choice 1 is unavailable", reason)]
            row = app.screen.query(".-unavailable").first()
            assert row.id is None and "Damascus > -50 (now -60)" in plain_text(row.content)
            await pilot.press("enter")  # nothing picked: enter says so
            await pilot.pause()
            assert said[-1] == ("", "Pick a choice first (keys 1-2).")  # the card has two choices
            assert dash.orders.step == 0

    run(go())


def test_the_command_palette_jumps_to_a_partner(app: HonorableExit) -> None:
    async def go() -> None:
        async with app.run_test(size=SMALL) as pilot:
            await start(pilot)
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*"timel")
            await pilot.pause()
            await app.workers.wait_for_complete()  # the palette's search for what was typed, not 0.3 s
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, TimelineScreen)
            await pilot.press("escape")
            await pilot.pause()
            provider = GameCommands(app.screen)
            hits = [hit async for hit in provider.search("go to partner turkey")]
            best = max(hits, key=lambda h: h.score)
            assert best.text == "Go to partner: Turkey"
            await best.command()
            await pilot.pause()
            assert isinstance(app.screen, DashboardScreen)
            assert app.focused is not None and app.focused.id == "q-turkey"

    run(go())


def test_help_pages_down_while_the_tab_bar_has_the_focus(app: HonorableExit) -> None:
    from textual.containers import VerticalScroll
    from textual.widgets import Tabs

    async def go() -> None:
        async with app.run_test(size=SMALL) as pilot:
            await loaded(pilot)
            await pilot.press("question_mark")
            await pilot.pause()
            assert isinstance(app.focused, Tabs)
            scroll = app.screen.query_one("#help-rules VerticalScroll", VerticalScroll)
            assert scroll.max_scroll_y > 0
            await pilot.press("pagedown")
            await pilot.pause()
            assert scroll.scroll_y > 0 and isinstance(app.focused, Tabs)
            await pilot.press("pageup")
            await pilot.pause()
            assert scroll.scroll_y == 0

    run(go())
