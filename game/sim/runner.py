"""The headless simulator: many full campaigns by bots, and what they saw."""

from __future__ import annotations

import multiprocessing
import os
import signal
import statistics
import time
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from game.engine.rng import Rng
from game.engine.runtime import Runtime
from game.engine.turn import apply_turn, new_campaign
from game.sim.bots import make_bots


@dataclass(slots=True)
class StrategyStats:
    """What one strategy's games came to."""

    games: int = 0
    endings: Counter[str] = field(default_factory=Counter)
    turns: list[int] = field(default_factory=list)
    low: dict[str, int] = field(default_factory=dict)
    high: dict[str, int] = field(default_factory=dict)
    deck_share: list[float] = field(default_factory=list)

    def merge(self, other: StrategyStats) -> None:
        self.games += other.games
        self.endings.update(other.endings)
        self.turns += other.turns
        self.deck_share += other.deck_share
        for q, v in other.low.items():
            self.low[q] = min(v, self.low.get(q, v))
        for q, v in other.high.items():
            self.high[q] = max(v, self.high.get(q, v))


@dataclass(slots=True)
class SimResult:
    """Everything a simulation run measured."""

    games: int
    seconds: float
    strategies: dict[str, StrategyStats]
    seen_events: set[str]
    taken_choices: set[tuple[str, str]]  # (event, choice)

    def to_json(self, rt: Runtime) -> dict[str, Any]:
        """The result in the documented JSON shape."""
        endings: Counter[str] = Counter()
        for stats in self.strategies.values():
            endings.update(stats.endings)
        return {
            "games": self.games,
            "seconds": round(self.seconds, 3),
            "games_per_second": round(self.games / self.seconds, 1) if self.seconds else None,
            "strategies": {
                sid: {
                    "games": st.games,
                    "endings": {e: st.endings.get(e, 0) for e in _ending_ids(rt)},
                    "mean_turns": round(statistics.fmean(st.turns), 2) if st.turns else 0,
                    "median_turns": statistics.median(st.turns) if st.turns else 0,
                    "max_deck_share": round(max(st.deck_share), 3) if st.deck_share else 0,
                    "meter_ranges": {q: [st.low[q], st.high[q]] for q in st.low},
                }
                for sid, st in self.strategies.items()
            },
            "endings": {e: endings.get(e, 0) for e in _ending_ids(rt)},
            "events_never_seen": sorted(set(rt.events) - self.seen_events),
            "choices_never_taken": [f"{e}.{c}" for e, c in sorted(_all_choices(rt) - self.taken_choices)],
        }


def _ending_ids(rt: Runtime) -> list[str]:
    return [e.id for e in rt.pack.endings]


def _all_choices(rt: Runtime) -> set[tuple[str, str]]:
    return {(ev.id, c.id) for ev in rt.events.values() for c in ev.choices}


def play_games(rt: Runtime, strategy: str, seeds: list[str], scenario: str,
               difficulty: str) -> tuple[StrategyStats, set[str], set[tuple[str, str]]]:
    """Play one full campaign per seed with a strategy; the causal log stays off."""
    bot = make_bots(rt)[strategy]
    stats = StrategyStats()
    seen: set[str] = set()
    taken: set[tuple[str, str]] = set()
    deck = len(rt.events) or 1
    names = rt.quantities
    for seed in seeds:
        state = new_campaign(rt, scenario, difficulty, seed, log=False)
        while state.ending is None:
            picks, moves = bot.plan(state, Rng(seed, state.turn, "bot"))
            for card, choice in zip(state.cards, picks, strict=True):
                taken.add((card, choice.id))
            apply_turn(rt, state, picks, moves)
        stats.games += 1
        stats.endings[state.ending] += 1
        stats.turns.append(state.turn)
        stats.deck_share.append(len(state.fired) / deck)
        seen.update(state.fired)
        for q, v in zip(names, state.values, strict=True):
            stats.low[q] = min(v, stats.low.get(q, v))
            stats.high[q] = max(v, stats.high.get(q, v))
    return stats, seen, taken


_WORKER_RT: Runtime | None = None


def _init_worker(content: str, mods: tuple[str, ...] = ()) -> None:
    global _WORKER_RT, _WORKER_PROBLEM
    from game.content.loader import load_runtime

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # ctrl+c is the parent's to handle: it ends the pool
    try:  # an initializer that raises makes a Pool start workers forever: report it from _work
        _WORKER_RT = load_runtime(content, mods)
    except Exception as exc:
        _WORKER_PROBLEM = f"a worker could not load the pack {content}: {exc}"


_WORKER_PROBLEM: str | None = None


def _work(args: tuple[str, list[str], str, str]) -> tuple[str, StrategyStats, set[str], set[tuple[str, str]]]:
    if _WORKER_RT is None:
        raise RuntimeError(_WORKER_PROBLEM or "the worker has no pack")
    strategy, seeds, scenario, difficulty = args
    return (strategy, *play_games(_WORKER_RT, strategy, seeds, scenario, difficulty))


def simulate(rt: Runtime, strategies: list[str], games: int, seed: str, scenario: str,
             difficulty: str, jobs: int = 1, content: str | None = None,
             mods: tuple[str, ...] = ()) -> SimResult:
    """Play ``games`` campaigns per strategy; ``jobs`` > 1 spreads them over processes."""
    start = time.perf_counter()
    plan = {s: [f"{seed}:{s}:{i}" for i in range(games)] for s in strategies}
    result = SimResult(0, 0.0, {s: StrategyStats() for s in strategies}, set(), set())
    if jobs > 1 and content is not None:
        chunks = [(s, seeds[i::jobs], scenario, difficulty) for s, seeds in plan.items()
                  for i in range(jobs) if seeds[i::jobs]]
        outputs = _in_processes(chunks, jobs, content, mods)
    else:
        outputs = [(s, *play_games(rt, s, seeds, scenario, difficulty)) for s, seeds in plan.items()]
    for strategy, stats, seen, taken in outputs:
        result.strategies[strategy].merge(stats)
        result.seen_events |= seen
        result.taken_choices |= taken
    result.games = sum(st.games for st in result.strategies.values())
    result.seconds = time.perf_counter() - start
    return result


_Output = tuple[str, StrategyStats, set[str], set[tuple[str, str]]]


def _in_processes(chunks: list[tuple[str, list[str], str, str]], jobs: int, content: str,
                  mods: tuple[str, ...] = ()) -> list[_Output]:
    """Play the chunks in worker processes; on ctrl+c (or any error) the workers are ended at once."""
    pool = multiprocessing.get_context().Pool(jobs, initializer=_init_worker, initargs=(content, mods))
    try:
        pending = pool.map_async(_work, chunks)
        while True:  # wait in short steps, so that ctrl+c is seen at once
            try:
                outputs = pending.get(timeout=0.2)
                break
            except multiprocessing.TimeoutError:
                continue
        pool.close()
        return outputs
    finally:
        pool.terminate()
        pool.join()


def default_jobs() -> int:
    """One process per core."""
    return os.cpu_count() or 1
