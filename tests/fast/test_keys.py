"""A card's key (its index and the mask of its open choices) and what the flat bots read off it."""

from __future__ import annotations

import random

import pytest

from game.content.loader import load_runtime
from game.engine.runtime import Runtime
from game.fast.bots import flat_bot
from game.fast.compiled import load_compiled
from game.fast.emit import CHOICE_BITS
from game.fast.flat import FlatPack, to_state
from game.sim.bots import make_bots
from tests.fast.test_emitted import BASE, _random_campaign


@pytest.mark.parametrize("pack", ["starter", "base"])
def test_a_cards_key_says_which_choices_are_open_on_random_states(pack: str, starter_rt: Runtime) -> None:
    rt = starter_rt if pack == "starter" else load_runtime(BASE)
    fp = FlatPack(load_compiled(rt))
    events = fp.names["events"]
    r = random.Random(17)
    gated = 0
    for _ in range(100):
        camp = _random_campaign(rt, fp, r)
        state = to_state(camp, rt)
        for card, name in enumerate(events):
            key = fp.key(camp.v, card)
            assert key >> CHOICE_BITS == card
            open_ = [ch.when is None or bool(ch.when(state)) for ch in rt.events[name].choices]
            assert [bool(key >> j & 1) for j in range(len(open_))] == open_, name
            assert key >> len(open_) == card << (CHOICE_BITS - len(open_))  # no bit past the last choice
            gated += not all(open_)
    assert gated  # some choice was closed: the masks were put to the test


def test_the_bots_tables_by_key_are_their_picks(starter_rt: Runtime) -> None:
    fp = FlatPack(load_compiled(starter_rt))
    r = random.Random(18)
    for sid, bot in make_bots(starter_rt).items():
        fbot = flat_bot(fp, bot)
        if fbot is None:
            continue
        for _ in range(40):
            camp = _random_campaign(starter_rt, fp, r)
            for card in range(len(fp.choices)):
                key = fp.key(camp.v, card)
                whens = fp.choice_when
                expected = [c for c in fp.choices[card] if (w := whens[c]) is None or w(camp.v)]
                assert list(fbot.options[key]) == expected == camp.open_choices(card), sid
                if expected and card in fbot.ranked:
                    assert fbot.best[key] == next(c for c in fbot.ranked[card] if c in expected), sid
