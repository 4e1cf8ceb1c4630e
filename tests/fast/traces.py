"""A campaign's trace on each engine: ending, length, final state, cards seen and choices taken."""

from __future__ import annotations

from typing import Any

from game.engine.rng import Rng
from game.engine.runtime import Runtime
from game.engine.turn import apply_turn, new_campaign
from game.fast.bots import flat_bot
from game.fast.flat import Campaign, to_state
from game.fast.play import flat_pack

Trace = tuple[Any, ...]


def reference_trace(rt: Runtime, bot: Any, scenario: str, difficulty: str, seed: str) -> Trace:
    """The campaign on the reference engine."""
    state = new_campaign(rt, scenario, difficulty, seed, log=False)
    turns = []
    while state.ending is None:
        picks, moves = bot.plan(state, Rng(seed, state.turn, "bot"))
        turns.append((tuple(state.cards), tuple(c.id for c in picks), tuple(moves)))
        apply_turn(rt, state, picks, moves)
    return (state.ending, state.turn, state.month, tuple(state.values), tuple(state.policies),
            tuple(sorted(state.flags)), tuple(sorted(state.fired.items())), tuple(turns))


def flat_trace(rt: Runtime, bot: Any, scenario: str, difficulty: str, seed: str) -> Trace:
    """The campaign on the flat engine (the python backend), read back through the name maps."""
    fp = flat_pack(rt)[0]
    fbot = flat_bot(fp, bot)
    assert fbot is not None
    names = fp.names
    camp = Campaign(fp, scenario, difficulty, seed)
    turns = []
    while camp.ending < 0:
        picks, moves = fbot.plan(camp)
        turns.append((tuple(names["events"][c] for c in camp.cards),
                      tuple(names["choices"][c][p - fp.choices_first[c]] for c, p in zip(camp.cards, picks,
                                                                                        strict=True)),
                      tuple(moves)))
        camp.apply(picks, moves)
    state = to_state(camp, rt)
    return (state.ending, state.turn, state.month, tuple(state.values), tuple(state.policies),
            tuple(sorted(state.flags)), tuple(sorted(state.fired.items())), tuple(turns))
