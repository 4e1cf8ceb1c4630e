"""The class vote in the app: tallies typed beside each choice, the majority taken, ties broken, saved."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.widgets import Select

from game.saves import load_save
from game.session import Session
from game.tui.app import HonorableExit, make_app
from game.tui.config import GameConfig
from game.tui.screens.tie import TieDialog
from game.tui.screens.vote import VoteScreen
from game.tui.widgets.tally import TallyInput, VoteCardView

from .conftest import LARGE, SMALL, STARTER, loaded, plain_text, run
from .fuzz import drive
from .test_snapshots import settle, utc  # noqa: F401 (utc: save times pinned to UTC)

ROOT = Path(__file__).resolve().parents[2]


async def vote_campaign(pilot: Pilot[Any], seed: str = "7") -> VoteScreen:
    """A new class-vote campaign (as the dialog starts one), on its first card."""
    await loaded(pilot)
    app = pilot.app
    assert isinstance(app, HonorableExit)
    app.begin(Session.new(app.rt, seed=seed, options={"vote": True}))
    await pilot.pause()
    await pilot.pause()
    assert isinstance(app.screen, VoteScreen)
    return app.screen


async def tally(pilot: Pilot[Any], *counts: str) -> None:
    """Type each open choice's count, moving down between the tallies."""
    for n, count in enumerate(counts):
        if n:
            await pilot.press("down")
        focused = pilot.app.focused
        assert isinstance(focused, TallyInput)
        await pilot.press("ctrl+a", "ctrl+k", *count)  # whatever was there, replaced
    await pilot.pause()


def test_a_tally_takes_the_majority_and_the_month_keeps_it(app: HonorableExit) -> None:
    async def go() -> None:
        async with app.run_test(size=SMALL) as pilot:
            screen = await vote_campaign(pilot)
            assert isinstance(app.focused, TallyInput) and app.focused.index == 0
            await pilot.press("s")  # a letter in a tally is the screen's key: the state column shown
            await pilot.pause()
            assert screen.has_class("-state") and app.focused.value == ""
            await tally(pilot, "7", "12")
            standing = plain_text(screen.query_one("#standing").content)
            assert "19 votes" in standing and "Majority: choice 2 · " in standing, standing
            await pilot.press("enter")
            await pilot.pause()
            orders = screen.orders
            assert orders.at_orders and orders.tallies == [(7, 12)]
            shown = plain_text(screen.query_one("#orders .card-text").content)
            assert "The class voted:" in shown and "12 (63%)" in shown, shown
            await pilot.press("enter")  # end the month
            await pilot.pause()
            session = app.session
            assert session is not None and session.votes == {1: ((7, 12),)}
            assert session.decisions[0].choices == (session.rt.pack.get("events", "spoilers").choices[1].id,)
            app.action_title()
            await pilot.pause()
            app.action_continue()  # a save that holds tallies goes on as a class vote
            await pilot.pause()
            await pilot.pause()
            assert isinstance(app.screen, VoteScreen) and app.session is not session
            assert app.session is not None and app.session.votes == {1: ((7, 12),)}

    run(go())


def test_a_tie_is_broken_by_the_facilitator(app: HonorableExit) -> None:
    async def go() -> None:
        async with app.run_test(size=SMALL) as pilot:
            screen = await vote_campaign(pilot)
            await tally(pilot, "5", "5")
            assert "A tie between 1 and 2, 5 votes each" in plain_text(screen.query_one("#standing").content)
            await pilot.press("enter")
            await pilot.pause()
            assert isinstance(app.screen, TieDialog)
            await pilot.press("escape")  # back to the tally: nothing taken
            await pilot.pause()
            assert app.screen is screen and screen.orders.step == 0 and not screen.orders.tallies
            await pilot.press("enter")
            await pilot.pause()
            said: list[str] = []
            app.screen.notify = lambda message, **_: said.append(message)  # type: ignore[method-assign]
            await pilot.press("3")  # not a tied choice: said, nothing picked
            assert said == ["Choice 3 is not tied: pick 1 or 2."] and isinstance(app.screen, TieDialog)
            await pilot.press("2")
            await pilot.pause()
            assert screen.orders.at_orders and screen.orders.tallies == [(5, 5)]
            await pilot.press("enter")
            await pilot.pause()
            session = app.session
            assert session is not None and session.votes[1] == ((5, 5),)
            assert session.decisions[0].choices == ("blame_rebels",)

    run(go())


def test_a_locked_choice_takes_no_votes_and_shows_its_reason(app: HonorableExit) -> None:
    async def go() -> None:
        async with app.run_test(size=SMALL) as pilot:
            screen = await vote_campaign(pilot)
            session = app.session
            assert session is not None
            session.state.values[session.rt.qindex["damascus"]] = -60
            app.show_campaign()
            await pilot.pause()
            await pilot.pause()
            screen = app.screen
            assert isinstance(screen, VoteScreen)
            assert not screen.query_one("#tally-0", TallyInput).display
            assert screen.query_one("#tally-row-0 > .tally-locked").display
            row = screen.query(".-unavailable").first()
            assert "Damascus > -50 (now -60)" in plain_text(row.content)
            assert isinstance(app.focused, TallyInput) and app.focused.index == 1  # the open one
            said: list[tuple[str, str]] = []
            screen.notify = lambda message, *, title="", **_: said.append((title, message))  # type: ignore[method-assign]
            await pilot.press("escape", "1")  # a locked choice's number, outside a tally: why
            await pilot.pause()
            assert said and said[-1][0] == "Choice 1 is unavailable: it takes no votes"
            assert "Damascus no longer listens" in said[-1][1]
            screen.focus_tally()
            await pilot.pause()
            await pilot.press("down", "3")  # one open choice: ↓ stays on it
            await pilot.press("enter")
            await pilot.pause()
            assert screen.orders.tallies == [(0, 3)] and screen.orders.picks == ["blame_rebels"]
            assert "Blame the rebels 3 (100%)" in plain_text(screen.query_one("#orders .card-text").content)

    run(go())


def test_nobody_voted_is_refused_and_backspace_revotes_the_previous_card(app: HonorableExit) -> None:
    async def go() -> None:
        async with app.run_test(size=SMALL) as pilot:
            screen = await vote_campaign(pilot)
            said: list[tuple[str, str]] = []
            screen.notify = lambda message, *, title="", **_: said.append((title, message))  # type: ignore[method-assign]
            await pilot.press("enter")
            await pilot.pause()
            assert said == [("No majority yet", "Nobody voted: enter at least one vote.")]
            assert screen.orders.step == 0
            await tally(pilot, "9", "2")
            await pilot.press("enter")
            await pilot.pause()
            assert screen.orders.at_orders
            await pilot.press("backspace")  # from the orders: the card again, with its tally
            await pilot.pause()
            await pilot.pause()
            assert screen.orders.step == 0 and not screen.orders.tallies
            assert screen.query_one("#tally-0", TallyInput).value == "9"
            assert app.unsaved() is not None  # typed votes count as this month's answers

    run(go())


def vote_month(session: Session, counts: list[int]) -> list[list[int]]:
    """Each card's tally: `counts` on its open choices, in order (locked choices 0)."""
    out = []
    for card in session.cards():
        open_ = session.available(card.id)
        feed = iter(counts)
        out.append([next(feed, 1) if ok else 0 for ok in open_])
    return out


def test_a_voted_campaign_saves_tallies_that_verify_and_the_debrief_shows_the_split(
        config: GameConfig, tmp_path: Path) -> None:
    app = make_app(replace(config, vote=True))

    async def go() -> None:
        async with app.run_test(size=SMALL) as pilot:
            await loaded(pilot)
            await pilot.press("n")
            await pilot.pause()
            await pilot.press("enter")  # the dialog's defaults: --vote makes it a class vote
            await pilot.pause()
            await pilot.pause()
            assert isinstance(app.screen, VoteScreen)
            for month in range(4):
                session = app.session
                assert session is not None
                for counts in vote_month(session, [3 + month, 8 - month]):
                    await tally(pilot, *(str(n) for n, ok in zip(counts, [True] * len(counts), strict=True)))
                    await pilot.press("enter")
                    await pilot.pause()
                    if isinstance(app.screen, TieDialog):
                        await pilot.press("enter")
                        await pilot.pause()
                await pilot.press("enter")  # end the month
                await pilot.pause()
                await pilot.pause()

    run(go())
    session = app.session
    assert session is not None and len(session.votes) >= 3
    save = max(config.saves.glob("auto-*.json"), key=lambda p: p.stat().st_mtime)
    loaded_again = load_save(save, config.runtime)
    assert loaded_again.votes == session.votes
    done = subprocess.run([sys.executable, "-m", "game", "replay", str(save), "--content", str(STARTER)],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert done.returncode == 0, done.stdout + done.stderr
    debrief = subprocess.run([sys.executable, "-m", "game", "debrief", str(save), "--content", str(STARTER)],
                             capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert debrief.returncode == 0, debrief.stderr
    assert "The class voted: Restrain Damascus 3 (27%), Blame the rebels 8 (73%)." in debrief.stdout


def test_a_redrawn_month_is_voted_again(app: HonorableExit) -> None:
    async def go() -> None:
        async with app.run_test(size=SMALL) as pilot:
            screen = await vote_campaign(pilot)
            await tally(pilot, "4", "6")
            await pilot.press("enter")
            await pilot.pause()
            assert screen.orders.tallies == [(4, 6)]
            screen.orders.reset()  # the desk drawn again (a reloaded pack, the test bench)
            screen.sync()
            screen.query_one(VoteCardView).show()
            await pilot.pause()
            assert screen.orders.tallies == [] and screen.orders.step == 0
            assert screen.query_one("#tally-0", TallyInput).value == ""
            assert "0 votes" in plain_text(screen.query_one("#standing").content)

    run(go())


def test_the_new_campaign_dialog_offers_a_class_vote(app: HonorableExit) -> None:
    async def go() -> None:
        async with app.run_test(size=SMALL) as pilot:
            await loaded(pilot)
            await pilot.press("n")
            await pilot.pause()
            app.screen.query_one("#vote", Select).value = True
            await pilot.press("enter")
            await pilot.pause()
            await pilot.pause()
            assert isinstance(app.screen, VoteScreen)
            app.action_title()
            await pilot.pause()
            await pilot.press("n")
            await pilot.pause()
            assert app.screen.query_one("#vote", Select).value is False  # off unless asked for
            await pilot.press("enter")
            await pilot.pause()
            await pilot.pause()
            assert not isinstance(app.screen, VoteScreen)

    run(go())


async def on_a_tally(pilot: Pilot[Any]) -> None:
    """Month 2 (two cards), the first card's tally half typed, for the picture."""
    await loaded(pilot)
    app = pilot.app
    assert isinstance(app, HonorableExit)
    session = Session.new(app.rt, seed="7", options={"vote": True})
    session.play(session.decide([session.cards()[0].choices[0].id]))
    app.open_campaign(session, from_save=False)
    await pilot.pause()
    await pilot.pause()
    await tally(pilot, "7", "12")
    await settle(pilot)


@pytest.mark.parametrize("size", [pytest.param(SMALL, id="80x24"), pytest.param(LARGE, id="120x40")])
def test_vote_screen_snapshot(size: tuple[int, int], config: GameConfig, snap_compare: Any) -> None:
    assert snap_compare(make_app(config), terminal_size=size, run_before=on_a_tally)


@pytest.mark.filterwarnings("ignore:coroutine 'Header._on_mount:RuntimeWarning")
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_random_keys_on_the_vote_screen(config: GameConfig, seed: int, tmp_path: Path,
                                        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HONORABLE_EXIT_CRASHES", str(tmp_path / "crashes"))
    app = make_app(replace(config, vote=True))
    sent: list[str] = []

    async def go() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await vote_campaign(pilot)
            sent.extend(await drive(pilot, seed, 300))
            await pilot.pause()

    try:
        run(go())
    except Exception as exc:  # the keys that led there, to replay it
        raise AssertionError(f"vote seed {seed} crashed after: {' '.join(sent[-60:])}") from exc
    assert app._exception is None
    assert app.return_code in (None, 0)
    assert not list(Path(config.saves).glob(".*.tmp")), "a temporary file was left behind"
    for path in Path(config.saves).glob("auto-*.json"):  # whatever was voted replays and verifies
        assert load_save(path, config.runtime).votes is not None
