"""A class vote meets a card that passes: no vote on it, the empty tally saved, and only that verifies."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from game.content.loader import load_runtime
from game.engine.passing import PASSED, card_passes
from game.engine.rng import Rng
from game.engine.runtime import Runtime
from game.saves import save_session
from game.saves.document import checksum
from game.session import Session
from game.sim.bots import make_bots
from game.vote import PASSED_TALLY, VoteError, choose

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
MOD = ROOT / "tests" / "fixtures" / "packs" / "closed_card_mod"  # wheat_shipment: both choices can close
CARD = "wheat_shipment"


@pytest.fixture(scope="module")
def rt() -> Runtime:
    return load_runtime(CONTENT, [MOD])


def voted_campaign(rt: Runtime, seed: str = "7") -> Session:
    """A classroom campaign voted to its end: one vote for the random bot's pick on each open card,
    the empty tally on a card that passes (seed 7 meets wheat_shipment closed)."""
    session = Session.new(rt, "classroom", "normal", seed)
    bot = make_bots(rt)["random"]
    while session.state.ending is None:
        decision = bot.decide(session.state, Rng(seed, session.state.turn, "bot"))
        tallies = []
        for card, choice in zip(session.state.cards, decision.choices, strict=True):
            ids = [c.id for c in rt.events[card].choices]
            tallies.append([] if choice == PASSED else [int(i == choice) for i in ids])
        picks = choose(session, tallies, lambda i, tied: tied[0])
        assert picks == list(decision.choices)
        session.play(decision)
    return session


def passed_month(session: Session) -> tuple[int, int]:
    """(decision index, card index) of the first card that passed."""
    return next((d, k) for d, decision in enumerate(session.decisions)
                for k, choice in enumerate(decision.choices) if choice == PASSED)


def game(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game", *args, "--mod", str(MOD)], capture_output=True,
                          text=True, cwd=ROOT, timeout=300)


def test_a_passed_card_takes_no_vote_and_its_tally_is_empty(rt: Runtime) -> None:
    session = Session.new(rt, "classroom", "normal", "7")
    bot = make_bots(rt)["random"]
    while not any(card_passes(rt, session.state, c) for c in session.state.cards):
        session.play(bot.decide(session.state, Rng("7", session.state.turn, "bot")))
    cards = session.state.cards
    k = next(i for i, c in enumerate(cards) if card_passes(rt, session.state, c))
    opened = [[1] + [0] * (len(rt.events[c].choices) - 1) if i != k else [0, 0] for i, c in enumerate(cards)]
    with pytest.raises(VoteError, match="it passes, takes no votes, and its tally is empty, not 0, 0"):
        choose(session, opened, lambda i, tied: tied[0])
    opened[k] = list(PASSED_TALLY)
    if all(any(session.available(c)[:1]) for i, c in enumerate(cards) if i != k):
        assert choose(session, opened, lambda i, tied: tied[0])[k] == PASSED
        assert session.votes[session.state.turn][k] == ()


def test_a_voted_campaign_with_a_passed_card_verifies_and_reports(rt: Runtime, tmp_path: Path) -> None:
    session = voted_campaign(rt)
    d, k = passed_month(session)
    saved = save_session(session, tmp_path, "class-vote")
    doc = json.loads(saved.read_text())
    assert doc["decisions"][d]["votes"][k] == []  # a passed card's tally: the empty list
    done = game("replay", str(saved))
    assert done.returncode == 0 and done.stdout.startswith("ok "), done.stdout + done.stderr
    debrief = game("debrief", str(saved))
    assert debrief.returncode == 0, debrief.stderr
    text = " ".join(debrief.stdout.split())
    assert "No choice was open: the card passed, with no effect." in text
    report = game("class-report", str(saved))
    assert report.returncode == 0, report.stderr
    assert "internal error" not in report.stderr


@pytest.mark.parametrize("tally", [[0, 0], [3, 0], [0]])
def test_an_edited_save_with_votes_on_a_passed_card_is_refused(rt: Runtime, tmp_path: Path,
                                                              tally: list[int]) -> None:
    session = voted_campaign(rt)
    d, k = passed_month(session)
    saved = save_session(session, tmp_path, "class-vote")
    doc = json.loads(saved.read_text())
    doc["decisions"][d]["votes"][k] = tally
    doc["checksum"] = checksum(doc)
    saved.write_text(json.dumps(doc))
    done = game("replay", str(saved))
    assert done.returncode == 1, done.stdout + done.stderr
    said = " ".join((done.stdout + done.stderr).split())
    assert (f"the class vote on '{CARD}' has a tally ({', '.join(map(str, tally))}), but no choice of it "
            "was open: the card passed, and a passed card's tally is empty") in said, said
