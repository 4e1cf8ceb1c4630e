"""Whole campaigns on the flat state, gathered into the simulator's statistics (``runner.play_games``)."""

from __future__ import annotations

from typing import Any

from game.engine.rng import Rng
from game.engine.runtime import Runtime
from game.fast.bots import FlatBot, flat_bot
from game.fast.compiled import Compiled, load_compiled
from game.fast.flat import Campaign, FlatPack, to_state


def flat_pack(rt: Runtime) -> tuple[FlatPack, Compiled]:
    """The runtime's flat tables and compiled pack, built once per runtime (kept in ``rt.extra``)."""
    cached = rt.extra.get("fast")
    if cached is None:
        compiled = load_compiled(rt)
        cached = rt.extra["fast"] = (FlatPack(compiled), compiled)
    fp: FlatPack = cached[0]
    done: Compiled = cached[1]
    return fp, done


def play_flat(rt: Runtime, fbot: FlatBot, seeds: list[str], scenario: str, difficulty: str,
              stats: Any) -> tuple[set[str], set[tuple[str, str]]]:
    """Play one campaign per seed into ``stats`` (a ``StrategyStats``), exactly as the reference runner."""
    from game.sim.runner import CLAUSE_SAMPLE, _missed

    fp = fbot.fp
    names = fp.names
    events, choice_names, endings, quantities = names["events"], names["choices"], names["endings"], \
        names["quantities"]
    first = fp.choices_first
    whens = fp.choice_when
    gated = {e: [c for c in fp.choices[e] if whens[c] is not None] for e in range(len(events))}
    deck = len(events) or 1
    e0, t0 = fp.e0, fp.t0
    taken, shown, closed = stats.taken, stats.shown, stats.closed
    for seed in seeds:
        camp = Campaign(fp, scenario, difficulty, seed)
        v = camp.v
        while camp.ending < 0:
            picks, moves = fbot.plan(camp, Rng(seed, v[0], "bot"))
            for card, choice in zip(camp.cards, picks, strict=True):
                card_id = events[card]
                taken[(card_id, choice_names[card][choice - first[card]])] += 1
                shown[card_id] += 1
                for c in gated[card]:
                    if not whens[c](v):  # type: ignore[misc]
                        closed[(card_id, choice_names[card][c - first[card]])] += 1
            camp.apply(picks, moves)
        fired = [events[i] for i in range(len(events)) if v[e0 + i] >= 0]
        stats.games += 1
        stats.endings[endings[camp.ending]] += 1
        stats.turns.append(v[0])
        stats.deck_share.append(len(fired) / deck)
        stats.cards.update(fired)
        if stats.games % CLAUSE_SAMPLE == 1 or CLAUSE_SAMPLE == 1:
            _missed(rt, to_state(camp, rt), stats)
        low, high = stats.low, stats.high
        for q, value in zip(quantities, v[3:t0], strict=True):
            low[q] = min(value, low.get(q, value))
            high[q] = max(value, high.get(q, value))
    return set(stats.cards), set(taken)


def play_backend(rt: Runtime, bot: Any, seeds: list[str], scenario: str, difficulty: str, stats: Any,
                 backend: str) -> tuple[set[str], set[tuple[str, str]]]:
    """Play a reference bot's campaigns on the flat state, by the 'python' or 'native' backend."""
    from game.fast.backends import BackendUnavailable, native_module

    fp, _ = flat_pack(rt)
    fbot = flat_bot(fp, bot)
    if fbot is None:
        raise ValueError(f"the strategy '{bot.id}' has no flat port: it plays on the reference engine")
    if backend == "native":
        native = native_module()
        if native is None:
            raise BackendUnavailable("the native kernel is not built here")
        done: tuple[set[str], set[tuple[str, str]]] = native.play_native(rt, fbot, seeds, scenario,
                                                                          difficulty, stats)
        return done
    return play_flat(rt, fbot, seeds, scenario, difficulty, stats)
