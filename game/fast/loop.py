"""A whole flat campaign in one function: ``Campaign.apply`` and ``begin_turn`` written in, on locals.

The simulator's hot loop (``play.play_flat``). It plays exactly the turns
``Campaign.apply`` and ``Campaign.begin_turn`` play (the same draws, the same
order of effects: ``tests/fast`` plays both against the reference engine), with the
pack's tables and the campaign's fields held in local names instead of read
through ``self`` on every step, and no call per phase. ``Campaign`` stays for every
other caller (bots' ``plan``, tests, ``to_state``); its first turn is begun by its
constructor.
"""

from __future__ import annotations

from bisect import bisect_right
from typing import Any

from game.engine.rng import LCG_ADD, LCG_MASK, LCG_MUL, suffix
from game.fast.bots import FlatBot
from game.fast.flat import Campaign, FlatPack, roll_cards

_FROM_BYTES = int.from_bytes
_BISECT = bisect_right


def play_out(camp: Campaign, fbot: FlatBot, seen: list[int], taken: list[int]) -> None:
    """Play ``camp`` to its ending with ``fbot``'s decisions, counting each card's key seen
    (``seen``, by ``FlatPack.key``) and each choice taken (``taken``, by global index)."""
    fp, v, seeded = camp.fp, camp.v, camp.seeded
    prefix, length, sched, cards = seeded.prefix, camp.length, camp.sched, camp.cards
    key_fn, key_const, fx, month_end = fp.key_fn, fp.key_const, fp.choice_fx, fp.month_end
    decide = fbot.decide
    p0, e0, draw_keys, when = fp.p0, fp.e0, fp.draw_keys, fp.when
    cards_min, cards_max, span_steps = fp.cards_min, fp.cards_max, fp.span_steps
    plans = turn_plans(fp, v[1] - v[0], length)
    while True:
        turn = v[0]
        keys = []
        for card in cards:
            key = key_const[card]
            if key < 0:
                key = key_fn[card](v)  # type: ignore[misc]
            seen[key] += 1
            keys.append(key)
        picks, moves = decide(v, keys, prefix, length)
        # the turn's end (Campaign.apply)
        k: list[Any] = [None, seeded, turn, "resolve", sched]
        for choice in picks:
            taken[choice] += 1
            fx[choice](v, k)
        for i, level in moves:
            v[p0 + i] = level
        ending = month_end(v, k)
        if ending < 0 and turn >= length:
            ending = camp.final_ending()
        if ending >= 0:
            camp.ending = v[2] = ending
            camp.cards, camp.sched = [], sched
            return
        # the next turn's beginning (Campaign.begin_turn)
        v[0] = turn = turn + 1
        v[1] = month = v[1] + 1
        forced = []
        for item in sched:
            if item[0] <= turn:  # something is due: as Campaign
                camp.sched = sched
                forced = camp._due(turn)
                sched = camp.sched
                break
        hist, found = plans[turn] if turn < len(plans) else turn_plan(fp, month, turn)
        if hist is not None:
            for index in hist:
                if v[e0 + index] < 0:
                    test = when[index]
                    if test is None or test(v):
                        forced.append(index)
        cards = list(dict.fromkeys(forced)) if len(forced) > 1 else forced
        if len(cards) > cards_max:
            for extra in cards[cards_max:]:
                sched.append((turn + 1, 0, extra))
            cards = cards[:cards_max]
        h = prefix.copy()
        h.update(draw_keys[turn] if turn < len(draw_keys) else suffix(turn, "draw"))
        state = (_FROM_BYTES(h.digest(), "little") * LCG_MUL + LCG_ADD) & LCG_MASK
        target = cards_min + _BISECT(span_steps, state)  # below(span): flat.below_steps
        if len(cards) < target:
            if found is None or cards:  # a month no scenario reaches, or cards forced: as Campaign
                camp._draw(state, cards, target)
            else:  # nothing forced: the first card's roll written in, each card drawn leaves the draw
                candidates, test_month = found
                cum = test_month(v)
                total = cum[-1] if cum else 0
                if total > 0:
                    state = (state * LCG_MUL + LCG_ADD) & LCG_MASK
                    j = _BISECT(cum, ((state >> 32) * total) >> 32)
                    cards = [candidates[j]]
                    if target > 1:
                        roll_cards(state, candidates, cum, total - cum[j] + (cum[j - 1] if j else 0), [j],
                                   cards, target)
        for card in cards:
            v[e0 + card] = turn


def turn_plans(fp: FlatPack, offset: int, length: int) -> list[tuple[Any, Any]]:
    """Per turn of a campaign whose month is its turn plus ``offset``: the month's historical
    cards (or None) and its deck with its test (or None), kept per offset and length."""
    plans = fp.turn_plans.get((offset, length))
    if plans is None:
        plans = fp.turn_plans[(offset, length)] = [turn_plan(fp, t + offset, t) for t in range(length + 2)]
    return plans


def turn_plan(fp: FlatPack, month: int, turn: int) -> tuple[Any, Any]:
    """The month's historical cards (or None) and its deck with its test (or None)."""
    return fp.historical.get(month), fp.month_tests.get((month, turn))
