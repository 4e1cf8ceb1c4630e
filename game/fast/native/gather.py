"""Run a batch of campaigns in the kernel and gather its output into the simulator's statistics."""

from __future__ import annotations

import ctypes
from dataclasses import dataclass
from typing import Any

from game.fast.missed import missed_clauses
from game.fast.native.program import program

INT64_MAX = (1 << 63) - 1
INT64_MIN = -(1 << 63)


@dataclass(slots=True)
class Batch:
    """What the kernel returned for a batch of campaigns (see ``he_play`` in kernel.c)."""

    per: Any  # ending, turns, cards played: three ints per campaign
    counters: Any  # taken, closed per choice; shown, seen per event; low, high per quantity
    states: Any  # the final flat state of each sampled campaign, in order
    size: int


def _program(rt: Any, fbot: Any, scenario: str, difficulty: str) -> Any:
    """The bot's program for a scenario and difficulty, built once per runtime."""
    from game.fast.play import flat_pack

    cache = rt.extra.setdefault("native_programs", {})
    key = (id(fbot), scenario, difficulty)
    entry = cache.get(key)
    if entry is None or entry[0] is not fbot:
        prog = program(flat_pack(rt)[1].ir, fbot, scenario, difficulty)
        entry = cache[key] = (fbot, prog, (ctypes.c_int64 * len(prog)).from_buffer(prog))
    return entry[2]


def run_batch(lib: Any, rt: Any, fbot: Any, seeds: list[str], scenario: str, difficulty: str,
              games_before: int) -> Batch | int:
    """Play the seeds' campaigns in the kernel; the batch, or the kernel's error code (it declined)."""
    from game.sim.runner import CLAUSE_SAMPLE

    prog = _program(rt, fbot, scenario, difficulty)
    ir = flat_pack_ir(rt)
    size, n = ir.header["size"], len(seeds)
    nchoices, nevents = len(ir.tables["choices"]), len(ir.tables["events"])
    nq = ir.header["t0"] - ir.header["q0"]
    try:
        data = [seed.encode() for seed in seeds]
    except UnicodeEncodeError:
        return -5
    ends = (ctypes.c_int64 * max(n, 1))()
    total = 0
    for i, chunk in enumerate(data):
        total += len(chunk)
        ends[i] = total
    every = max(CLAUSE_SAMPLE, 1)
    phase = games_before % every
    sampled = sum(1 for c in range(n) if (c + phase) % every == 0)
    per = (ctypes.c_int64 * max(3 * n, 1))()
    counters = (ctypes.c_int64 * (2 * nchoices + 2 * nevents + 2 * nq))()
    for q in range(nq):
        counters[2 * nchoices + 2 * nevents + q] = INT64_MAX
        counters[2 * nchoices + 2 * nevents + nq + q] = INT64_MIN
    states = (ctypes.c_int64 * max(sampled * size, 1))()
    code = lib.he_play(prog, len(prog), b"".join(data), ends, n, phase, every, per, counters, states)
    if code != 0:
        return int(code)
    return Batch(per, counters, states, size)


def flat_pack_ir(rt: Any) -> Any:
    """The runtime's integer form (from the compiled pack the flat engine uses)."""
    from game.fast.play import flat_pack

    return flat_pack(rt)[1].ir


def gather(rt: Any, fbot: Any, seeds: list[str], scenario: str, difficulty: str, stats: Any,
           batch: Batch) -> tuple[set[str], set[tuple[str, str]]]:
    """Add a batch to ``stats`` exactly as ``game.fast.play.play_flat`` adds its campaigns."""
    from game.sim.runner import CLAUSE_SAMPLE

    ir = flat_pack_ir(rt)
    missed = missed_clauses(rt, ir, scenario, difficulty)
    names = ir.names
    events, choice_names, endings = names["events"], names["choices"], names["endings"]
    quantities = names["quantities"]
    first = [row[10] for row in ir.tables["events"]]
    owner = [row[0] for row in ir.tables["choices"]]
    nchoices, nevents, nq = len(owner), len(events), len(quantities)
    per, counters, size = batch.per, batch.counters, batch.size
    deck = nevents or 1
    sampled = 0
    for c in range(len(seeds)):
        stats.games += 1
        stats.endings[endings[per[3 * c]]] += 1
        stats.turns.append(per[3 * c + 1])
        stats.deck_share.append(per[3 * c + 2] / deck)
        if stats.games % CLAUSE_SAMPLE == 1 or CLAUSE_SAMPLE == 1:
            v = batch.states[sampled * size:(sampled + 1) * size]
            sampled += 1
            missed.count(v, endings[v[2]], stats)
    counts = list(counters)
    taken, closed = counts[:nchoices], counts[nchoices:2 * nchoices]
    shown, seen = counts[2 * nchoices:2 * nchoices + nevents], counts[2 * nchoices + nevents:][:nevents]
    low, high = counts[2 * (nchoices + nevents):][:nq], counts[2 * (nchoices + nevents) + nq:][:nq]
    for ch in range(nchoices):
        key = (events[owner[ch]], choice_names[owner[ch]][ch - first[owner[ch]]])
        if taken[ch]:
            stats.taken[key] += taken[ch]
        if closed[ch]:
            stats.closed[key] += closed[ch]
    for e in range(nevents):
        if shown[e]:
            stats.shown[events[e]] += shown[e]
        if seen[e]:
            stats.cards[events[e]] += seen[e]
    if seeds:
        for q, lo, hi in zip(quantities, low, high, strict=True):
            stats.low[q] = min(lo, stats.low.get(q, lo))
            stats.high[q] = max(hi, stats.high.get(q, hi))
    return set(stats.cards), set(stats.taken)

