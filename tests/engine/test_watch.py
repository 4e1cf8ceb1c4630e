"""`play --watch`: a changed pack is reloaded and the campaign replayed on it, or kept with a reason."""

from __future__ import annotations

import shutil
import time
from pathlib import Path

from game.content.loader import load_runtime
from game.session import Session
from game.watch import Watcher, reload

STARTER = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "packs" / "starter"


def played(pack: Path, turns: int = 3) -> Session:
    s = Session.new(load_runtime(pack), "standard", "normal", "w1")
    for _ in range(turns):
        s.play(s.decide([s.rt.events[c].choices[-1].id for c in s.state.cards]))
    return s


def test_an_unchanged_or_reworded_pack_carries_the_campaign(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(STARTER, pack)
    old = played(pack)
    events = pack / "events.yaml"
    events.write_text(events.read_text().replace("title: ", "title: Revised - ", 1))
    got = reload(pack, (), old)
    assert got.session is not None and not got.errors and got.diverged is None
    assert got.session.state.turn == old.state.turn and got.session.state.values == old.state.values
    assert "carries on" in got.message()


def test_a_broken_pack_keeps_the_campaign(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(STARTER, pack)
    old = played(pack)
    (pack / "events.yaml").write_text("events: [\n")
    got = reload(pack, (), old)
    assert got.session is None and got.errors and "campaign kept" in got.message()


def test_a_changed_rule_says_where_the_replay_diverged(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(STARTER, pack)
    old = played(pack, turns=4)
    text = (pack / "events.yaml").read_text()
    never = "kind: historical\n    when: \"false\""
    (pack / "events.yaml").write_text(text.replace("kind: historical", never, 1))
    got = reload(pack, (), old)
    assert got.session is not None and got.diverged is not None and got.diverged.startswith("at turn")


def test_the_watcher_sees_a_change(tmp_path: Path) -> None:
    """Waits on the watcher's own event, never a fixed sleep: the file is written again each time
    two seconds pass unseen (the thread may not be watching yet when it is first written)."""
    (tmp_path / "a.yaml").write_text("flags: []\n")
    watcher = Watcher([tmp_path]).start()
    try:
        deadline = time.monotonic() + 60
        while not watcher.seen.wait(timeout=2):
            assert time.monotonic() < deadline, "no change seen within 60 s"
            (tmp_path / "a.yaml").write_text("flags: [x]\n")
        assert watcher.changed() and not watcher.changed()  # said once
    finally:
        watcher.stop()


def test_a_reload_keeps_the_class_votes_of_the_months_replayed(tmp_path: Path) -> None:
    from game.vote import choose

    pack = tmp_path / "pack"
    shutil.copytree(STARTER, pack)
    old = Session.new(load_runtime(pack), "standard", "normal", "w1")
    for _ in range(2):
        tallies = [[1] * (len(old.rt.events[c].choices) - 1) + [5] for c in old.state.cards]
        old.play(old.decide(choose(old, tallies, lambda card, tied: tied[0])))
    assert len(old.votes) == 2
    got = reload(pack, (), old)
    assert got.session is not None and got.diverged is None
    assert got.session.votes == old.votes
