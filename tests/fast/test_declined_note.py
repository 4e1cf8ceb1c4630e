"""The note `simulate` prints when the native kernel declines a batch is true for every strategy:
FlatRandom and FlatFollower keep no reference bot, and the note named 'a strategy' for them."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.cli.run import cli

MOD = Path(__file__).resolve().parents[1] / "fixtures" / "packs" / "closed_card_mod"  # a card can pass
REASON = "a card with no open choice; played in Python"


@pytest.mark.parametrize(("strategy", "whose"), [("random", ""), ("follow_mfa", ""),
                                                  ("un_first", " (strategy un_first)")])
def test_the_declined_note_names_the_strategy_only_where_known(strategy: str, whose: str) -> None:
    from game.fast import native

    if not native.available():
        pytest.skip(f"no native kernel here: {native.reason()}")
    done = cli("simulate", "--games", "14", "--scenario", "classroom", "--strategy", strategy,
               "--backend", "native", "--mod", str(MOD), timeout=300)
    assert done.returncode == 0, done.stderr
    said = [line for line in done.stderr.splitlines() if "declined" in line]
    assert said == [f"honorable-exit: note: the native kernel declined a batch of campaigns{whose}: {REASON}"]
