"""A reload of a campaign the test bench changed says that the bench's changes are not replayed."""

from __future__ import annotations

import shutil
from pathlib import Path

from game.bench import set_value
from game.content.loader import load_runtime
from game.session import Session
from game.watch import reload

STARTER = Path(__file__).resolve().parents[2] / "tests" / "fixtures" / "packs" / "starter"


def test_a_bench_campaign_reloads_without_the_bench_changes_and_says_so(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(STARTER, pack)
    old = Session.new(load_runtime(pack), "standard", "normal", "b1")
    old.play(old.decide([old.rt.events[c].choices[-1].id for c in old.state.cards]))
    before = old.value("ceasefire")
    set_value(old, "ceasefire", 3)
    got = reload(pack, (), old)
    assert got.session is not None and got.diverged is None
    assert got.session.value("ceasefire") == before != 3
    assert got.session.options.get("debug") is True  # still a bench campaign: its saves never verify
    assert "carries on (without the test bench's changes" in got.message()


def test_an_untouched_campaign_says_nothing_of_the_bench(tmp_path: Path) -> None:
    old = Session.new(load_runtime(STARTER), "standard", "normal", "b1")
    got = reload(STARTER, (), old)
    assert got.message() == "the pack changed; the campaign was replayed on it and carries on"
