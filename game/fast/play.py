"""Whole campaigns on the flat state, gathered into the simulator's statistics (``runner.play_games``)."""

from __future__ import annotations

from itertools import compress
from typing import Any

from game.engine.runtime import Runtime
from game.fast.bots import FlatBot, flat_bot
from game.fast.compiled import Compiled, load_compiled
from game.fast.emit import CHOICE_BITS
from game.fast.flat import Campaign, FlatPack
from game.fast.loop import play_out
from game.fast.missed import MissedClauses, missed_clauses


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
    """Play one campaign per seed into ``stats`` (a ``StrategyStats``), exactly as the reference runner.

    The counts of cards shown (by key: the card and which of its choices are open) and of
    choices taken, and each quantity's lowest and highest final value, are kept in lists by
    index while playing, and added to the statistics by name at the end.
    """
    fp = fbot.fp
    missed = missed_clauses(rt, flat_pack(rt)[1].ir, scenario, difficulty)
    seen = [0] * (len(fp.choices) << CHOICE_BITS)  # by card key: the card and its open choices
    taken = [0] * len(fp.choice_when)
    tally = Tally(fp, stats, missed)
    for seed in seeds:
        camp = Campaign(fp, scenario, difficulty, seed)
        play_out(camp, fbot, seen, taken)
        tally.finished(camp)
    tally.close()
    _count(fp, stats, taken, seen)
    return set(stats.cards), set(stats.taken)


class Tally:
    """What each finished campaign adds to the statistics (as the reference runner's loop; the
    missed endings' clauses read off the flat state, as ``runner._missed`` finds them), the
    quantities' lowest and highest values kept by index until ``close``."""

    def __init__(self, fp: FlatPack, stats: Any, missed: MissedClauses) -> None:
        from game.sim.runner import CLAUSE_SAMPLE

        self.fp, self.stats, self.missed, self.sample = fp, stats, missed, CLAUSE_SAMPLE
        self.events, self.endings = fp.names["events"], fp.names["endings"]
        self.low: list[int] | None = None
        self.high: list[int] | None = None

    def finished(self, camp: Campaign) -> None:
        """Add one finished campaign."""
        fp, v, stats = self.fp, camp.v, self.stats
        fired = list(compress(self.events, map(_PLAYED, v[fp.e0:fp.size])))  # slots >= 0
        stats.games += 1
        ending = self.endings[camp.ending]
        stats.endings[ending] += 1
        stats.turns.append(v[0])
        stats.deck_share.append(len(fired) / (len(self.events) or 1))
        stats.cards.update(fired)
        if stats.games % self.sample == 1 or self.sample == 1:
            self.missed.count(v, ending, stats)
        final = v[3:fp.t0]
        if self.low is None or self.high is None:
            self.low, self.high = final, final[:]
        else:
            self.low, self.high = list(map(min, self.low, final)), list(map(max, self.high, final))

    def close(self) -> None:
        """Add the lowest and highest values to the statistics' by name."""
        if self.low is None or self.high is None:
            return
        low, high = self.stats.low, self.stats.high
        for q, a, b in zip(self.fp.names["quantities"], self.low, self.high, strict=True):
            low[q] = min(a, low.get(q, a))
            high[q] = max(b, high.get(q, b))


_PLAYED = (-1).__lt__  # an event's slot holds the turn it was played, else -1


def _count(fp: FlatPack, stats: Any, taken: list[int], seen: list[int]) -> None:
    """Add the counts kept by index to the statistics' counters by name: a card shown with a
    choice closed (its bit clear in the key) counts that choice closed."""
    events, choices = fp.names["events"], fp.names["choices"]
    shown, closed = [0] * len(events), [0] * len(taken)
    for key, n in enumerate(seen):
        if n:
            card, mask = key >> CHOICE_BITS, key & ((1 << CHOICE_BITS) - 1)
            shown[card] += n
            for c in fp.choices[card]:
                if not mask >> (c - fp.choices_first[card]) & 1:
                    closed[c] += n
    for e, first in enumerate(fp.choices_first):
        if shown[e]:
            stats.shown[events[e]] += shown[e]
        for c in fp.choices[e]:
            name = (events[e], choices[e][c - first])
            if taken[c]:
                stats.taken[name] += taken[c]
            if closed[c]:
                stats.closed[name] += closed[c]


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
