"""Class votes: the majority is taken, ties are broken by the facilitator, saves keep and check tallies."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from game.content.loader import load_runtime
from game.saves import save_session
from game.saves.document import checksum
from game.saves.read import read_save
from game.saves.verify import verify
from game.session import Session
from game.vote import VoteError, choose, winners

STARTER = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "packs" / "starter"


@pytest.fixture(scope="module")
def rt():  # type: ignore[no-untyped-def]
    return load_runtime(STARTER)


def test_winners_and_refusals() -> None:
    assert winners([3, 9, 2], [True, True, True]) == [1]
    assert winners([5, 5, 1], [True, True, True]) == [0, 1]
    with pytest.raises(VoteError, match="closed"):
        winners([1, 9], [True, False])
    with pytest.raises(VoteError, match="nobody voted"):
        winners([0, 0], [True, True])
    with pytest.raises(VoteError, match="one count per choice"):
        winners([1], [True, True])


def play_votes(rt, tmp_path: Path) -> Path:  # type: ignore[no-untyped-def]
    s = Session.new(rt, "standard", "normal", "vote")
    for _ in range(4):
        tallies = []
        for card in s.state.cards:
            opened = s.available(card)
            tallies.append([3 if ok else 0 for ok in opened])  # every open choice ties
        picks = choose(s, tallies, lambda card, tied: tied[-1])
        s.play(s.decide(picks))
    return save_session(s, tmp_path, "class")


def test_a_vote_campaign_saves_its_tallies_and_verifies(rt, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = play_votes(rt, tmp_path)
    doc = json.loads(path.read_text())
    assert all("votes" in d for d in doc["decisions"])
    verdict = verify(read_save(path).doc, rt)
    assert verdict.ok and verdict.session is not None and len(verdict.session.votes) == 4


def test_an_edited_tally_fails_verification(rt, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = play_votes(rt, tmp_path)
    doc = json.loads(path.read_text())
    first = doc["decisions"][0]
    first["votes"][0] = [0] * len(first["votes"][0])
    first["votes"][0][0] = 1  # the tally now says choice 1 won
    chosen = rt.events[first["cards"][0]].choices[0].id
    if first["choices"][0] == chosen:
        first["votes"][0] = [0] * len(first["votes"][0])
        first["votes"][0][-1] = 1
    doc["checksum"] = checksum(doc)
    path.write_text(json.dumps(doc))
    verdict = verify(read_save(path).doc, rt)
    assert not verdict.ok and "did not win its tally" in verdict.message()


def test_reports_show_the_class_split(rt, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from game.reports.class_report import class_report
    from game.reports.debrief import render_debrief

    path = play_votes(rt, tmp_path)
    session = verify(read_save(path).doc, rt).session
    assert session is not None
    assert "The class voted: " in render_debrief(session, "md")
    text = class_report(rt, [path]).text
    split = text.split("### How the class split")[1].split("###")[0]
    assert ": 3 (" in split  # the tallies, not one vote per meeting


def test_shares_round_halves_up_as_people_do() -> None:
    from game.vote import percent, split

    assert [percent(n, 16) for n in (5, 9, 2)] == [31, 56, 13]  # 12.5% reads 13%, not 12%
    assert percent(1, 3) == 33 and percent(2, 3) == 67 and percent(0, 7) == 0 and percent(7, 7) == 100
    assert split([1, 1], ["A", "B"]) == "A 1 (50%), B 1 (50%)"
