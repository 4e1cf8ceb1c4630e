"""The policies a month will hold: the chosen answers' ``set_policy`` first, then the player's changes.

The orders at the end of a month show these levels and what they cost, so they must be the
levels the turn will apply: ``apply_turn`` runs the answers' effects, then sets each policy the
player changed (a card's ``set_policy`` stands where the player kept the month's level), then
applies the levels' monthly effects. This runs the answers' effects on a copy of the state.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from game.engine.runtime import Ctx, Runtime
from game.engine.state import Cause, State

_TRIAL = Cause("simulation", 0)


def month_levels(rt: Runtime, state: State, choices: Sequence[str],
                 wanted: Mapping[str, str]) -> dict[str, str]:
    """Each policy's level this month (by id), given the answers so far (a choice id per card,
    in desk order) and the levels the player wants (every policy, by id)."""
    trial = state.copy()
    trial.log = None
    ctx = Ctx(trial, rt, "resolve", _TRIAL, None)
    for card, choice in zip(state.cards, choices, strict=False):
        picked = rt.events[card].choice_index.get(choice)
        for effect in picked.effects if picked is not None else ():
            effect(ctx)
    out = {}
    for i, p in enumerate(rt.policies):
        kept = p.level_index[wanted[p.id]] == state.policies[i]
        out[p.id] = p.levels[trial.policies[i]].id if kept else wanted[p.id]
    return out
