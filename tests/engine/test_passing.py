"""A card none of whose choices is open passes: no decision, no effect, on every engine and bot."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from game.content.loader import load_runtime
from game.engine.passing import PASSED, card_passes
from game.engine.rng import Rng
from game.engine.runtime import Runtime
from game.engine.turn import Decision, DecisionError, apply_turn, new_campaign, resolve
from game.fast.backends import native_module
from game.fast.bots import flat_bot
from game.fast.flat import Campaign, to_state
from game.fast.play import flat_pack
from game.saves import save_session
from game.session import Session
from game.sim.bots import make_bots
from game.sim.runner import play_games

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
MOD = ROOT / "tests" / "fixtures" / "packs" / "closed_card_mod"  # wheat_shipment: both choices can close
CARD = "wheat_shipment"
SEEDS = [str(i) for i in range(14)]  # seeds 4, 7, 10, 11, 12 meet the card closed (random bot, classroom)


@pytest.fixture(scope="module")
def rt() -> Runtime:
    return load_runtime(CONTENT, [MOD])


def _to_passed_card(rt: Runtime, seed: str = "7") -> Session:
    """A classroom campaign played by the random bot up to the month the card is dealt closed."""
    session = Session.new(rt, "classroom", "normal", seed)
    bot = make_bots(rt)["random"]
    while not any(card_passes(rt, session.state, c) for c in session.state.cards):
        session.play(bot.decide(session.state, Rng(seed, session.state.turn, "bot")))
    return session


def test_a_card_with_no_open_choice_passes_with_no_effect(rt: Runtime) -> None:
    session = _to_passed_card(rt)
    state = session.state
    assert state.cards.index(CARD) >= 0 and not any(session.available(CARD))
    others = make_bots(rt)["random"].decide(state, Rng("7", state.turn, "bot"))
    assert others.choices[state.cards.index(CARD)] == PASSED  # the bot gives no pick for it
    after = resolve(session.rt, state, others)
    moved = [(c.target, c.delta) for c in after.changes if c.cause.event == CARD]
    assert moved == [(f"event:{CARD}", 0)]  # no effect: the log's entry that the card passed, moving nothing
    without = Decision(tuple(c for c, card in zip(others.choices, state.cards, strict=True) if card != CARD),
                       others.policies)
    trial = state.copy()
    trial.cards = [c for c in state.cards if c != CARD]
    apply_turn(rt, trial, [rt.events[c].choice_index[x] for c, x in zip(trial.cards, without.choices,
                                                                        strict=True)], [])
    assert after.state.values == trial.values  # the month is the month without the card


def test_passing_a_card_that_has_an_open_choice_is_refused(rt: Runtime) -> None:
    state = new_campaign(rt, "classroom", "normal", "7", log=False)
    open_card = next(c for c in state.cards if not card_passes(rt, state, c))
    choices = tuple(PASSED if c == open_card else "x" for c in state.cards)
    with pytest.raises(DecisionError, match=f"'' is not a choice of '{open_card}'"):
        resolve(rt, state, Decision(choices))


@pytest.mark.parametrize("sid", ["random", "un_first", "follow_mfa", "history", "planner"])
def test_every_bot_plays_through_a_passed_card(rt: Runtime, sid: str) -> None:
    bot = make_bots(rt)[sid]
    met = 0
    for seed in SEEDS[:6] if sid == "planner" else SEEDS:
        state = new_campaign(rt, "classroom", "normal", seed, log=False)
        while state.ending is None:
            met += any(card_passes(rt, state, c) for c in state.cards)
            picks, moves = bot.plan(state, Rng(seed, state.turn, "bot"))
            apply_turn(rt, state, picks, moves)
    assert met  # the card did pass in these campaigns


@pytest.mark.parametrize("sid", ["random", "un_first", "axis", "follow_mfa", "history"])
def test_the_flat_engine_plays_the_reference_campaigns_with_passed_cards(rt: Runtime, sid: str) -> None:
    bot = make_bots(rt)[sid]
    fbot = flat_bot(flat_pack(rt)[0], bot)
    assert fbot is not None
    for seed in SEEDS:
        state = new_campaign(rt, "classroom", "normal", seed, log=False)
        while state.ending is None:
            picks, moves = bot.plan(state, Rng(seed, state.turn, "bot"))
            apply_turn(rt, state, picks, moves)
        camp = Campaign(fbot.fp, "classroom", "normal", seed)
        while camp.ending < 0:
            camp.apply(*fbot.plan(camp))
        flat = to_state(camp, rt)
        assert (flat.ending, flat.turn, flat.values, flat.policies, flat.flags, flat.fired) == \
            (state.ending, state.turn, state.values, state.policies, state.flags, state.fired), (sid, seed)


@pytest.mark.parametrize("backend", ["python"] + (["native"] if native_module() is not None else []))
def test_every_backend_gathers_the_reference_statistics_with_passed_cards(rt: Runtime, backend: str) -> None:
    for sid in ("random", "un_first", "follow_mfa"):
        fast = play_games(rt, sid, SEEDS, "classroom", "normal", backend)
        reference = play_games(rt, sid, SEEDS, "classroom", "normal")
        assert fast == reference, sid
        assert fast[0].shown[CARD] > 0


def test_a_save_with_a_passed_card_replays(rt: Runtime, tmp_path: Path) -> None:
    session = _to_passed_card(rt)
    state = session.state
    session.play(make_bots(rt)["random"].decide(state, Rng("7", state.turn, "bot")))
    assert PASSED in session.decisions[-1].choices
    saved = save_session(session, tmp_path, "passed")
    done = subprocess.run([sys.executable, "-m", "game", "replay", str(saved), "--mod", str(MOD)],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("ok ")


@pytest.mark.costly(50)  # in one measured run of the suite: see tests/conftest.py
def test_simulate_and_lint_play_a_pack_whose_card_can_pass() -> None:
    for args in (["simulate", "--games", "5", "--scenario", "classroom", "--strategy", "random"],
                 ["lint", "--simulate", "3"]):
        done = subprocess.run([sys.executable, "-m", "game", *args, "--mod", str(MOD)],
                              capture_output=True, text=True, cwd=ROOT, timeout=600)
        assert done.returncode in (0, 1) and "internal error" not in done.stderr, (args, done.stderr)


def test_plain_mode_says_the_card_passes_and_ends_the_month(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, "-m", "game", "play", "--plain", "--mod", str(MOD), "--scenario",
                           "classroom", "--seed", "7", "--debug", "--start-event", CARD, "--saves-dir",
                           str(tmp_path)], input="1\n1\n1\n\nquit\n", capture_output=True, text=True,
                          cwd=ROOT, timeout=120)
    out = " ".join(done.stdout.split())
    assert done.returncode == 0, done.stderr
    assert "No choice is open on this card: it passes, with no effect, and needs no answer." in out
    assert "is not an open choice" not in out
    assert "turn 2 of 12" in out and "Wheat for Latakia: no choice was open: the card passed" in out


def test_the_debrief_of_a_campaign_with_a_passed_card(rt: Runtime, tmp_path: Path) -> None:
    """The debrief's search for the decisions that mattered replays turns with one thing changed:
    a passed card there has no open choice to fall back on (it crashed on ``open_[0]``)."""
    session = _to_passed_card(rt)
    bot = make_bots(rt)["random"]
    while session.state.ending is None:
        session.play(bot.decide(session.state, Rng("7", session.state.turn, "bot")))
    assert any(PASSED in d.choices for d in session.decisions)
    saved = save_session(session, tmp_path, "passed-end")
    for form in ("md", "html"):
        done = subprocess.run([sys.executable, "-m", "game", "debrief", str(saved), "--mod", str(MOD),
                               "--format", form], capture_output=True, text=True, cwd=ROOT, timeout=300)
        assert done.returncode == 0, done.stderr
        assert "No choice was open: the card passed, with no effect." in done.stdout


def test_the_causal_log_says_the_card_passed_where_its_choice_would_be(rt: Runtime, tmp_path: Path) -> None:
    from game.describe import describe_cause, format_change
    from game.engine.passing import PASSED_NOTE
    from game.timeline import entries

    session = _to_passed_card(rt)
    state = session.state
    turn, cards = state.turn, list(state.cards)
    k = next(i for i, c in enumerate(cards) if card_passes(rt, state, c))
    changes = session.play(make_bots(rt)["random"].decide(state, Rng("7", turn, "bot")))
    by_card = [c.cause.event for c in changes if c.cause.kind == "choice"]
    order = list(dict.fromkeys(by_card))  # the cards in the order the log holds their entries
    assert order == [c for c in cards if c in order] and CARD in order  # in desk order, the pass in place
    entry = next(c for c in changes if c.cause.event == CARD)
    assert (entry.turn, entry.target, entry.delta, entry.cause.choice, entry.cause.note) == \
        (turn, f"event:{CARD}", 0, PASSED, PASSED_NOTE)
    assert [c for c in changes if c.cause.event == CARD] == [entry] and cards[k] == CARD
    assert describe_cause(rt, entry.cause) == f"Wheat for Latakia: {PASSED_NOTE}"
    assert format_change(rt, entry, with_turn=True) == f"turn {turn}: Wheat for Latakia: {PASSED_NOTE}"
    lines = [e.text for e in entries(session) if e.turn == turn and "Wheat for Latakia" in e.text]
    assert lines == [f"Wheat for Latakia → {PASSED_NOTE}, with no effect"]  # said once, as its card
    saved = save_session(session, tmp_path, "passed-log")
    done = subprocess.run([sys.executable, "-m", "game", "replay", str(saved), "--mod", str(MOD)],
                          capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0 and done.stdout.startswith("ok "), done.stdout + done.stderr
