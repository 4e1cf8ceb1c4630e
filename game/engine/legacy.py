"""Rules 1 and 2: how campaigns saved before rules 3 drew their cards, kept so that they still replay.

Rules 1 drew from the whole deck of conditional cards not yet used up (kept on
the state as a derived cache), whatever their date windows; rules 2 drew from
the month's deck by rejection sampling, testing only the cards it drew; rules
3 tests the month's whole deck once and rolls once per card drawn (see
``turn._draw``). All three pick by weight among the eligible cards, but with
different dice, so a campaign replays only by the rules it was played by.
"""

from __future__ import annotations

from bisect import bisect_right
from itertools import accumulate

from game.engine.rng import LCG_ADD, LCG_MASK, LCG_MUL, Rng
from game.engine.runtime import CEvent, Runtime
from game.engine.state import State


def draw_rules_1(rt: Runtime, state: State, rng: Rng, cards: list[str], target: int) -> None:
    """Draw conditional cards by weight until ``target``: weighted rejection sampling.

    The state keeps (as a derived cache) the deck of conditional events not yet
    used up. A candidate is drawn by weight (a bisect over cumulative weights)
    and its cooldown and condition tested only then; one that fails is not
    tried again this month. This gives the same distribution as a weighted pick
    among the eligible events while testing only the conditions of the cards it
    draws, not the whole deck's.
    """
    live = state.deck
    if live is None:
        live = state.deck = [ev for ev in rt.conditional if not (ev.once and ev.id in state.fired)]
    if not live:
        return
    drawn = _sample_rules_1(state, rng, live, cards, target)
    for ev in drawn:  # used up: out of the deck (by identity; dataclass == is slow)
        if ev.once:
            for j, other in enumerate(live):
                if other is ev:
                    del live[j]
                    break


def _sample_rules_1(state: State, rng: Rng, live: list[CEvent], cards: list[str],
                    target: int) -> list[CEvent]:
    """Rejection sampling in rounds: draw by weight, test, and drop what was tried.

    Within a round a candidate already tried is drawn again and skipped (cheap);
    after a few such repeats the round ends and the next round draws only among
    the untried. Every accepted card is thus a weighted pick among the eligible.
    """
    fired, turn = state.fired, state.turn
    drawn: list[CEvent] = []
    candidates = live
    while candidates and len(cards) < target:
        cumulative = list(accumulate([ev.weight for ev in candidates]))
        total = cumulative[-1]
        tried: set[str] = set()
        repeats = 0
        while len(cards) < target and repeats < 4 and len(tried) < len(candidates):
            ev = candidates[bisect_right(cumulative, rng.below(total))]
            key = ev.id
            if key in tried:
                repeats += 1
                continue
            tried.add(key)
            last = fired.get(key)
            if (last is None or not ev.once and turn - last > ev.cooldown) and key not in cards \
                    and (ev.when is None or ev.when(state)):
                cards.append(key)
                drawn.append(ev)
        if len(tried) == len(candidates):
            break
        candidates = [ev for ev in candidates if ev.id not in tried]
    return drawn


def draw_rules_2(rt: Runtime, state: State, rng: Rng, cards: list[str], target: int) -> None:
    """Draw conditional cards by weight until ``target``: weighted rejection sampling (rules 2).

    The candidates are the month's deck. A candidate is drawn by weight (a
    bisect over cumulative weights) and only then tested: used up, cooling
    down, already on the desk, or its condition false, it is rejected and not
    tried again this month. Within a round a candidate already tried is drawn
    again and skipped; once half the round's weight has been tried, the next
    round draws only among the untried.
    """
    deck = rt.deck(state.month, state.turn)
    candidates, cumulative, total = deck.cards, deck.cumulative, deck.total
    fired, turn = state.fired, state.turn
    x = rng.state
    while total:
        tried: set[int] = set()
        tried_weight = 0
        while tried_weight * 2 < total:  # a round lasts while most of the weight is untried
            x = (x * LCG_MUL + LCG_ADD) & LCG_MASK
            j = bisect_right(cumulative, ((x >> 32) * total) >> 32)  # = rng.below(total)
            if j in tried:
                continue
            tried.add(j)
            ev = candidates[j]
            tried_weight += ev.weight
            key = ev.id
            last = fired.get(key)
            if (last is None or not ev.once and turn - last > ev.cooldown) and key not in cards \
                    and (ev.when is None or ev.when(state)):
                cards.append(key)
                if len(cards) >= target:
                    rng.state = x
                    return
        candidates = tuple(ev for j, ev in enumerate(candidates) if j not in tried)
        cumulative = tuple(accumulate(ev.weight for ev in candidates))
        total = cumulative[-1] if cumulative else 0
    rng.state = x
