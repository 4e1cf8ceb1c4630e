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

from game.engine.explain import explain, failing
from game.engine.rng import Rng
from game.engine.runtime import Runtime
from game.engine.state import State
from game.engine.turn import apply_turn, new_campaign
from game.sim.bots import make_bots
from game.sim.notes import process_notes
from game.sim.sight import Sighted


@dataclass(slots=True)
class StrategyStats:
    """What one strategy's games came to."""

    games: int = 0
    endings: Counter[str] = field(default_factory=Counter)
    turns: list[int] = field(default_factory=list)
    low: dict[str, int] = field(default_factory=dict)
    high: dict[str, int] = field(default_factory=dict)
    deck_share: list[float] = field(default_factory=list)
    cards: Counter[str] = field(default_factory=Counter)  # campaigns that saw each card
    shown: Counter[str] = field(default_factory=Counter)  # months each card was on the table
    closed: Counter[tuple[str, str]] = field(default_factory=Counter)  # (event, choice) shown but closed
    taken: Counter[tuple[str, str]] = field(default_factory=Counter)
    missed: dict[str, Counter[str]] = field(default_factory=dict)  # ending -> failing clause -> campaigns
    sampled: Counter[str] = field(default_factory=Counter)  # ending -> sampled campaigns that missed it

    def merge(self, other: StrategyStats) -> None:
        self.games += other.games
        self.cards.update(other.cards)
        self.shown.update(other.shown)
        self.closed.update(other.closed)
        self.taken.update(other.taken)
        for ending, clauses in other.missed.items():
            self.missed.setdefault(ending, Counter()).update(clauses)
        self.sampled.update(other.sampled)
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
    backend: str = "reference"  # the engine that played: reference, python or native
    compiled: str | None = None  # the compiled pack: "built" or "cached" (None: not needed)
    notes: list[str] = field(default_factory=list)
    engines: dict[str, str] = field(default_factory=dict)  # strategy -> engine, where not the backend
    worker_notes: list[str] = field(default_factory=list)  # noted in worker processes (--jobs), once each

    def to_json(self, rt: Runtime) -> dict[str, Any]:
        """The result in the documented JSON shape."""
        endings: Counter[str] = Counter()
        for stats in self.strategies.values():
            endings.update(stats.endings)
        return {
            "games": self.games,
            "seconds": round(self.seconds, 3),
            "games_per_second": round(self.games / self.seconds, 1) if self.seconds else None,
            "backend": self.backend,
            **({"compiled": self.compiled} if self.compiled else {}),
            **({"compiled_notes": self.notes} if self.notes else {}),
            **({"engines": self.engines} if self.engines else {}),
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
            "endings_never_reached": [e for e in _ending_ids(rt) if not endings.get(e)],
            **coverage(rt, list(self.strategies.values()), self.games),
        }


def coverage(rt: Runtime, stats: list[StrategyStats], games: int) -> dict[str, Any]:
    """Per card the share of campaigns that saw it, per choice its share taken when offered, and
    per ending the clauses that most often failed in the campaigns that missed it (over a sample
    of one campaign in ``CLAUSE_SAMPLE``: ``of`` says how many sampled campaigns missed it)."""
    total = StrategyStats()
    for st in stats:
        total.merge(st)
    return {
        "card_seen_share": {e: round(total.cards.get(e, 0) / games, 3) if games else 0 for e in rt.events},
        "choice_taken_share": {
            f"{e}.{c}": round(total.taken[(e, c)] / n, 3)
            for e, c in sorted(_all_choices(rt)) if (n := total.shown[e] - total.closed[(e, c)])
        },
        "ending_failed_clauses": {
            e: [{"clause": text, "campaigns": n, "of": total.sampled[e]}
                for text, n in _most_common(total.missed.get(e, Counter()))]
            for e in _ending_ids(rt) if total.missed.get(e)
        },
    }


# explain the missed endings of one campaign in this many (explaining them all costs about
# a fifth of a campaign's time)
CLAUSE_SAMPLE = 4


def _missed(rt: Runtime, state: State, stats: StrategyStats) -> None:
    """Count, for each ending the campaign missed, the clauses that did not hold at its end."""
    for ending in rt.endings:
        cond = rt.conditions.get(f"ending:{ending.id}")
        if ending.id == state.ending or cond is None:
            continue
        stats.sampled[ending.id] += 1
        counter = stats.missed.setdefault(ending.id, Counter())
        counter.update({c.text for c in failing(explain(cond, state, show_hidden=True))})


def _ending_ids(rt: Runtime) -> list[str]:
    return [e.id for e in rt.pack.endings]


def _all_choices(rt: Runtime) -> set[tuple[str, str]]:
    return {(ev.id, c.id) for ev in rt.events.values() for c in ev.choices}


def play_games(rt: Runtime, strategy: str, seeds: list[str], scenario: str, difficulty: str,
               backend: str = "reference") -> tuple[StrategyStats, set[str], set[tuple[str, str]]]:
    """Play one full campaign per seed with a strategy; the causal log stays off.

    ``backend`` 'python' or 'native' plays on the flat state (``game.fast``): the
    same campaigns, faster; the planner always plays on the reference engine.
    """
    bot = bots_for(rt)[strategy]
    if isinstance(bot, Sighted):  # the flat ports copy its tables: as the difficulty shows the previews
        bot = bot.at(difficulty)
    stats = StrategyStats()
    if backend != "reference" and engine_for(strategy, backend) != "reference":
        from game.fast.play import play_backend

        seen_fast, taken_fast = play_backend(rt, bot, seeds, scenario, difficulty, stats, backend)
        return stats, seen_fast, taken_fast
    seen: set[str] = set()
    taken: set[tuple[str, str]] = set()
    deck = len(rt.events) or 1
    names = rt.quantities
    gated = {e.id: [c for c in e.choices if c.when is not None] for e in rt.events.values()}
    for seed in seeds:
        state = new_campaign(rt, scenario, difficulty, seed, log=False)
        while state.ending is None:
            picks, moves = bot.plan(state, Rng(seed, state.turn, "bot"))
            for card, choice in zip(state.cards, picks, strict=True):
                if choice.index >= 0:  # a passed card (index -1) takes no choice
                    stats.taken[(card, choice.id)] += 1
                stats.shown[card] += 1
                for c in gated.get(card, ()):
                    if not c.when(state):  # type: ignore[misc]
                        stats.closed[(card, c.id)] += 1
            apply_turn(rt, state, picks, moves)
        stats.games += 1
        stats.endings[state.ending] += 1
        stats.turns.append(state.turn)
        stats.deck_share.append(len(state.fired) / deck)
        seen.update(state.fired)
        stats.cards.update(state.fired.keys())
        if stats.games % CLAUSE_SAMPLE == 1 or CLAUSE_SAMPLE == 1:
            _missed(rt, state, stats)
        for q, v in zip(names, state.values, strict=True):
            stats.low[q] = min(v, stats.low.get(q, v))
            stats.high[q] = max(v, stats.high.get(q, v))
    taken.update(stats.taken)
    return stats, seen, taken


def bots_for(rt: Runtime) -> dict[str, Any]:
    """The runtime's bots, built once (they keep no state between campaigns, only caches)."""
    bots = rt.extra.get("bots")
    if bots is None:
        bots = rt.extra["bots"] = make_bots(rt)
    return dict(bots)


def engine_for(strategy: str, backend: str) -> str:
    """The engine a strategy's campaigns play on under a backend (the planner: the reference)."""
    return "reference" if strategy == "planner" or backend == "reference" else backend


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


# A worker's share: (strategy, seed, first, step, games, scenario, difficulty, backend). The seeds
# are made in the worker: a task is a few bytes, so the pool's task pipe never fills, and ending
# the pool on ctrl+c cannot wait for a write that dead workers will never read.
_Chunk = tuple[str, str, int, int, int, str, str, str]


def _seeds(seed: str, strategy: str, first: int, step: int, games: int) -> list[str]:
    return [f"{seed}:{strategy}:{i}" for i in range(first, games, step)]


def _work(args: _Chunk) -> _Output:
    if _WORKER_RT is None:
        raise RuntimeError(_WORKER_PROBLEM or "the worker has no pack")
    strategy, seed, first, step, games, scenario, difficulty, backend = args
    seeds = _seeds(seed, strategy, first, step, games)
    played = play_games(_WORKER_RT, strategy, seeds, scenario, difficulty, backend)
    return (strategy, *played, process_notes(_WORKER_RT))


def simulate(rt: Runtime, strategies: list[str], games: int, seed: str, scenario: str,
             difficulty: str, jobs: int = 1, content: str | None = None,
             mods: tuple[str, ...] = (), backend: str = "reference") -> SimResult:
    """Play ``games`` campaigns per strategy; ``jobs`` > 1 spreads them over processes.

    ``backend`` is 'reference', 'python' or 'native' (see ``game.fast.backends``).
    """
    start = time.perf_counter()
    result = SimResult(0, 0.0, {s: StrategyStats() for s in strategies}, set(), set(), backend)
    if backend != "reference":
        from game.fast.play import flat_pack

        compiled = flat_pack(rt)[1]  # built (or read from the cache) once, here: said in the report
        result.compiled, result.notes = compiled.status, list(compiled.notes)
        result.engines = {s: e for s in strategies if (e := engine_for(s, backend)) != backend}
    if jobs > 1 and content is not None:
        chunks = [(s, seed, i, jobs, games, scenario, difficulty, backend) for s in strategies
                  for i in range(min(jobs, games))]
        outputs = _in_processes(chunks, jobs, content, mods)
    else:
        outputs = [(s, *play_games(rt, s, _seeds(seed, s, 0, 1, games), scenario, difficulty, backend), [])
                   for s in strategies]
    for strategy, stats, seen, taken, notes in outputs:
        result.strategies[strategy].merge(stats)
        result.seen_events |= seen
        result.taken_choices |= taken
        result.worker_notes += [n for n in notes if n not in result.worker_notes]
    result.games = sum(st.games for st in result.strategies.values())
    result.seconds = time.perf_counter() - start
    return result


# a chunk's games: (strategy, statistics, events seen, choices taken, what its process noted)
_Output = tuple[str, StrategyStats, set[str], set[tuple[str, str]], list[str]]


def _in_processes(chunks: list[_Chunk], jobs: int, content: str,
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


def _most_common(counter: Counter[str], n: int = 5) -> list[tuple[str, int]]:
    """The ``n`` clauses most often failing, ties in the clauses' alphabetical order: a campaign's
    clauses are counted from a set, whose order changes from one process to the next (and workers
    merge in their own order), so ``Counter.most_common``'s first-counted order would too."""
    return sorted(counter.items(), key=lambda item: (-item[1], item[0]))[:n]

