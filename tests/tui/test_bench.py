"""The test bench in the app: fire a card, set a quantity or flag, jump, --start-event, --watch."""

from __future__ import annotations

import shutil
import threading
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Input, Static

from game.saves import SaveError, load_save
from game.tui.app import HonorableExit, make_app
from game.tui.config import GameConfig
from game.tui.screens.bench import BenchScreen, completed, matches
from game.tui.screens.dashboard import DashboardScreen
from game.tui.screens.saves import SaveDialog
from game.tui.screens.watch_errors import WatchErrorsScreen

from .conftest import SMALL, STARTER, loaded, plain_text, play_month, run, said, start

CONTENT = Path(__file__).resolve().parents[2] / "content"


@pytest.fixture
def bench(config: GameConfig) -> GameConfig:
    return replace(config, bench=True)


def notes(app: HonorableExit) -> list[str]:
    return [n.message for n in said(app)]


def shown(screen: Any, selector: str) -> str:
    return plain_text(screen.query_one(selector, Static).render())


async def open_bench(pilot: Pilot[Any], line: str = "") -> BenchScreen:
    await start(pilot)
    await pilot.press("x")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, BenchScreen)
    if line:
        await pilot.press(*line)
        await pilot.pause()
    return screen


def test_fire_a_card_with_fuzzy_matches_and_completion(bench: GameConfig) -> None:
    app = make_app(bench)

    async def go() -> None:
        async with app.run_test(size=SMALL) as pilot:
            screen = await open_bench(pilot, "fire genev")
            assert "geneva_round" in shown(screen, "#bench-matches").splitlines()[0]
            await pilot.press("tab")
            assert screen.query_one("#bench-line", Input).value == "fire geneva_round "
            await pilot.press("enter")
            await pilot.pause()
            assert app.session is not None and app.session.state.cards[0] == "geneva_round"
            dash = app.screen
            assert isinstance(dash, DashboardScreen) and dash.orders.current_card_id() == "geneva_round"
            assert app.session.options["debug"] is True and app.title == "Test bench"
            assert any("is on the desk" in n and "will not verify" in n for n in notes(app))

    run(go())


def test_a_misspelt_card_gets_the_did_you_mean_and_changes_nothing(bench: GameConfig) -> None:
    app = make_app(bench)

    async def go() -> None:
        async with app.run_test(size=SMALL) as pilot:
            screen = await open_bench(pilot, "fire aid_convoi")
            await pilot.press("enter")
            await pilot.pause()
            assert "no card 'aid_convoi': did you mean 'aid_convoy'?" in shown(screen, "#bench-log")
            assert app.screen is screen and app.session is not None
            assert not app.session.options.get("debug")

    run(go())


def test_set_a_quantity_and_a_flag_then_back_to_a_redrawn_desk(bench: GameConfig) -> None:
    app = make_app(bench)

    async def go() -> None:
        async with app.run_test(size=SMALL) as pilot:
            screen = await open_bench(pilot, "set ceasefire ")
            assert "a whole number" in shown(screen, "#bench-matches")
            await pilot.press(*"7", "enter")
            await pilot.pause()
            assert "ceasefire is now 7" in shown(screen, "#bench-log")
            assert "its saves never verify" in shown(screen, "#bench-mark")
            await pilot.press(*"flag afrin_operation on", "enter")
            await pilot.pause()
            assert app.session is not None and "afrin_operation" in app.session.state.flags
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, DashboardScreen)
            row = plain_text(app.screen.query_one("#q-ceasefire").render())
            assert " 7 " in row, row
            assert app.session.value("ceasefire") == 7

    run(go())


def test_jump_to_a_month(bench: GameConfig) -> None:
    app = make_app(bench)

    async def go() -> None:
        async with app.run_test(size=SMALL) as pilot:
            screen = await open_bench(pilot, "jump 2030-01")
            await pilot.press("enter")
            await pilot.pause()
            assert "jump to a month after December 2017" in shown(screen, "#bench-log")
            line = screen.query_one("#bench-line", Input)
            line.value = "jump 2018-03"
            await pilot.press("enter")
            await pilot.pause()
            assert app.session is not None and app.session.date == "March 2018"
            assert isinstance(app.screen, DashboardScreen) and "March 2018" in app.screen.sub_title

    run(go())


def test_the_palette_fires_a_card_and_the_save_says_it_is_a_bench_campaign(bench: GameConfig) -> None:
    app = make_app(bench)

    async def go() -> None:
        async with app.run_test(size=SMALL) as pilot:
            await start(pilot)
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*"fire sochi")
            await pilot.pause()
            await app.workers.wait_for_complete()  # the palette's search for what was typed, not 0.3 s
            await pilot.pause()
            await pilot.press("enter")
            await pilot.pause()
            assert app.session is not None and app.session.state.cards[0] == "sochi_congress"
            app.action_save()
            await pilot.pause()
            assert isinstance(app.screen, SaveDialog)
            text = " ".join(plain_text(s.render()) for s in app.screen.query(Static))
            assert "bench campaign" in text and "never verifies" in text
            await pilot.press("enter")
            await pilot.pause()
            saved = sorted(bench.saves.glob("standard-*.json"))
            assert saved
            with pytest.raises(SaveError, match="test bench"):
                load_save(saved[0], app.rt)

    run(go())


def test_without_debug_the_bench_is_shut(config: GameConfig) -> None:
    app = make_app(config)

    async def go() -> None:
        async with app.run_test(size=SMALL) as pilot:
            await start(pilot)
            await pilot.press("x")
            await pilot.pause()
            assert isinstance(app.screen, DashboardScreen) and app.title == "Honorable Exit"
            app.action_bench_run("fire geneva_round")
            assert app.session is not None and "geneva_round" not in app.session.state.cards[:1]

    run(go())


def test_start_event_puts_the_card_on_the_first_desk(config: GameConfig) -> None:
    app = make_app(replace(config, bench=True, start_event="aid_convoy"))

    async def go() -> None:
        async with app.run_test(size=SMALL) as pilot:
            await loaded(pilot)
            assert app.session is not None and app.session.state.turn == 1
            assert app.session.state.cards[0] == "aid_convoy"
            assert isinstance(app.screen, DashboardScreen)
            assert app.screen.orders.current_card_id() == "aid_convoy"

    run(go())


def test_a_misspelt_start_event_says_so_at_the_title(config: GameConfig) -> None:
    app = make_app(replace(config, bench=True, start_event="aid_convoi"))

    async def go() -> None:
        async with app.run_test(size=SMALL) as pilot:
            await loaded(pilot)
            assert app.session is None
            assert any("did you mean 'aid_convoy'" in n for n in notes(app))

    run(go())


def test_completion_and_matches_without_the_app(starter_rt: Any) -> None:
    from game.session import Session

    session = Session.new(starter_rt, seed="1")
    assert completed(session, "fi") == "fire "
    assert completed(session, "flag afrin_operation o").split()[-1] in ("on", "off")
    assert [w for w, _ in matches(session, "jump ")[0]][0] == "2018-01"
    assert matches(session, "set ceasefire 3 4")[0] == []


# -- --watch ---------------------------------------------------------------------------------


def watched(tmp_path: Path, config: GameConfig) -> GameConfig:
    pack = tmp_path / "pack"
    shutil.copytree(CONTENT, pack)
    return replace(config, content=pack, runtime=None, watch=True)


async def after_change(pilot: Pilot[Any], change: Callable[[], None]) -> tuple[str, Any]:
    """Play a month, change the pack, and wait for the reload's notification: its text, and the
    campaign as it was before the change."""
    app = pilot.app
    assert isinstance(app, HonorableExit)
    await start(pilot)
    await play_month(pilot)
    app.clear_notifications()
    before = app.session
    got: list[str] = []

    def reloaded() -> bool:
        got.extend(str(n.message) for n in said(app) if n.title == "Pack reloaded")
        return bool(got)

    await change_seen(pilot, change, reloaded)
    return got[0], before


class _Flag(threading.Event):
    """The watcher's flag, which remembers that it was ever raised (the app lowers it when it looks)."""

    def __init__(self) -> None:
        super().__init__()
        self.ever = False

    def set(self) -> None:
        self.ever = True
        super().set()


async def change_seen(pilot: Pilot[Any], change: Callable[[], None], done: Callable[[], bool]) -> None:
    """Change the pack, then wait until ``done()``. The watcher's thread may not be watching yet when
    the files are first written (it has no ready signal, and a fixed pause is a guess that a loaded
    machine defeats): while it has seen nothing, each changed file is written again, the same bytes,
    every 2 s. Once it has seen a change, nothing is written again (no second reload). The loop's
    bound is a hang guard only."""
    app = pilot.app
    assert isinstance(app, HonorableExit) and app.watcher is not None
    flag = app.watcher.seen = _Flag()
    pack = app.config.content
    old = {path: path.read_bytes() for path in pack.rglob("*.yaml")}
    change()
    changed = {path: path.read_bytes() for path in pack.rglob("*.yaml") if old.get(path) != path.read_bytes()}
    assert changed, "the change changed no file of the pack"
    for step in range(1, 301):  # 0.2 s each, or longer on a loaded machine: at least 60 s
        await pilot.pause(0.2)
        if done():
            await pilot.pause()
            return
        if not flag.ever and step % 10 == 0:
            for path, data in changed.items():
                path.write_bytes(data)
    raise AssertionError("the change was not taken within 60 s")


def edit(path: Path, old: str, new: str) -> Callable[[], None]:
    def change() -> None:
        text = path.read_text(encoding="utf-8")
        assert old in text
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    return change


def test_watch_a_reworded_card_carries_the_campaign_over(tmp_path: Path, config: GameConfig) -> None:
    app = make_app(watched(tmp_path, config))
    anchors = app.config.content / "events" / "anchors.yaml"

    async def go() -> None:
        async with app.run_test(size=SMALL) as pilot:
            message, old = await after_change(pilot, edit(anchors, "Mission accomplished at Hmeimim",
                                                     "Edited at Hmeimim"))
            assert "carries on" in message
            assert old is not None and app.session is not None and app.session is not old
            assert app.session.state.turn == 2 and app.session.state.values == old.state.values
            assert app.rt.pack.get("events", "hmeimim_declaration").title.endswith("Edited at Hmeimim")
            assert isinstance(app.screen, DashboardScreen) and app.screen.session is app.session
            assert app.title == "Watching the pack"

    run(go())


def test_watch_a_changed_date_diverges_at_the_first_turn(tmp_path: Path, config: GameConfig) -> None:
    app = make_app(watched(tmp_path, config))
    anchors = app.config.content / "events" / "anchors.yaml"

    async def go() -> None:
        async with app.run_test(size=SMALL) as pilot:
            message, _ = await after_change(pilot, edit(anchors, 'date: "2017-12"', 'date: "2018-01"'))
            assert "diverged at turn 1 (December 2017): the desk now holds" in message
            assert app.session is not None and app.session.state.turn == 1
            assert "hmeimim_declaration" not in app.session.state.cards
            assert isinstance(app.screen, DashboardScreen)

    run(go())


def test_watch_a_broken_pack_shows_its_errors_and_keeps_the_campaign(tmp_path: Path,
                                                                       config: GameConfig) -> None:
    app = make_app(watched(tmp_path, config))
    anchors = app.config.content / "events" / "anchors.yaml"

    async def go() -> None:
        async with app.run_test(size=SMALL) as pilot:
            message, old = await after_change(pilot, lambda: anchors.write_text("events: [\n"))
            assert "no longer validates" in message and "campaign kept" in message
            assert isinstance(app.screen, WatchErrorsScreen)
            assert "anchors.yaml" in shown(app.screen, "#watch-error-list")
            assert app.session is old and old.state.turn == 2
            await pilot.press("escape")
            await pilot.pause()
            assert isinstance(app.screen, DashboardScreen) and app.screen.session is app.session

    run(go())


def test_the_watcher_stops_with_the_app(tmp_path: Path, config: GameConfig) -> None:
    app = make_app(watched(tmp_path, config))

    async def go() -> None:
        async with app.run_test(size=SMALL) as pilot:
            await loaded(pilot)
            assert app.watcher is not None and app.watcher._thread.is_alive()

    run(go())
    assert app.watcher is not None
    app.watcher._thread.join(timeout=60)  # a hang guard: it stops within 50 ms
    assert not app.watcher._thread.is_alive()


def test_bench_screen_snapshot(bench: GameConfig, snap_compare: Any) -> None:
    async def setup(pilot: Pilot[Any]) -> None:
        await open_bench(pilot, "fire gen")
        pilot.app.clear_notifications()
        await pilot.pause()

    assert snap_compare(make_app(bench), terminal_size=SMALL, run_before=setup)


def test_watch_a_pack_fixed_at_the_error_screen_opens_the_title(tmp_path: Path, config: GameConfig) -> None:
    from game.tui.screens.pack_error import PackErrorScreen
    from game.tui.screens.title import TitleScreen

    from .fuzz import broken_pack

    cfg = replace(broken_pack(config, tmp_path, STARTER), watch=True)
    world = cfg.content / "world.yaml"
    app = make_app(cfg)

    async def go() -> None:
        async with app.run_test(size=SMALL) as pilot:
            await loaded(pilot)
            assert isinstance(app.screen, PackErrorScreen) and app.rt is None
            await change_seen(pilot, edit(world, "good: lowish", "good: low"), lambda: app.rt is not None)
            assert app.rt is not None and isinstance(app.screen, TitleScreen)

    run(go())


def test_only_the_latest_reload_is_shown(bench: GameConfig) -> None:
    from game.watch import Reloaded

    app = make_app(bench)

    async def go() -> None:
        async with app.run_test(size=SMALL) as pilot:
            await start(pilot)
            session = app.session
            assert session is not None
            app._reloads = 2
            app.pack_replayed(Reloaded(errors=["stale"]), session, 0, 1)
            await pilot.pause()
            assert isinstance(app.screen, DashboardScreen) and not notes(app)
            app.pack_replayed(Reloaded(errors=["pack.yaml:1:1: error[x]: fresh"]), session, 0, 2)
            await pilot.pause()
            assert isinstance(app.screen, WatchErrorsScreen)
            assert "fresh" in shown(app.screen, "#watch-error-list")

    run(go())


def test_the_help_lists_the_bench_key_only_with_debug() -> None:
    from game.tui.help_text import keys_content

    assert "Bench" not in keys_content({}).plain
    assert "Bench" in keys_content({}, bench=True).plain
