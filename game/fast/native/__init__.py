"""The native kernel for `simulate`: C that interprets the integer form, built on first use.

One build serves every pack and mod: the kernel reads the pack's integer form
(``game.fast.ir``) laid out with a scenario and a bot's tables
(``program.py``), and plays whole campaigns, causal log off, exactly as the
flat engine does (``game.fast.flat``, ``game.fast.bots``), the dice included
(BLAKE2b-seeded, ``rng.h``). ``available()`` builds or loads it
(``build.py``) and ``reason()`` says why it is not there when it is not; the
simulator then plays in Python. Where the kernel declines a batch (an integer
past 64 bits, a card with no open choice: see ``kernel.c``) the batch is played
in Python, so that the campaigns are always the reference engine's.
"""

from __future__ import annotations

import ctypes
from typing import Any

from game.fast.native.build import Loaded, load

_loaded: Loaded | None = None
INT64_MAX = (1 << 63) - 1
# campaigns per call into the kernel: Python sees ctrl+c only between calls (a few ms apart)
BATCH = 1024
DECLINED = {-1: "an integer past 64 bits", -2: "a card with no open choice", -3: "out of memory",
            -4: "a program the kernel does not read", -5: "a seed too long"}


def kernel() -> Loaded:
    """The kernel, built or loaded once per process."""
    global _loaded
    if _loaded is None:
        _loaded = load()
    return _loaded


def available() -> bool:
    """Whether the kernel is built (building it now if it is not) and loads."""
    return kernel().lib is not None


def reason() -> str | None:
    """Why the kernel is not available (None when it is)."""
    return kernel().reason


def notes() -> list[str]:
    """What loading the kernel noted (a kept kernel refused, and why); nothing before it is loaded."""
    return list(_loaded.notes) if _loaded is not None else []


def forget() -> None:
    """Load again on next use (tests change the compiler or the cache folder)."""
    global _loaded
    _loaded = None


def _lib() -> Any:
    lib = kernel().lib
    if lib is None:
        raise RuntimeError(f"the native kernel is not available: {reason()}")
    return lib


def rng_state(seed: str, turn: int, stream: int) -> int:
    """The generator's first state for (seed, turn, stream 0 draw, 1 resolve, 2 consequences, 3 bot)."""
    out = ctypes.c_uint64()
    data = seed.encode()
    if _lib().he_rng_seed(data, len(data), turn, stream, ctypes.byref(out)) != 0:
        raise ValueError("the seed does not fit the kernel's message buffer")
    return int(out.value)


def rng_draws(state: int, kind: str, arg: Any, count: int) -> tuple[list[Any], int]:
    """``count`` draws of one kind ('below' n, 'random', 'weighted' weights) from a state, and the
    state after: the kernel's generator, for tests against ``game.engine.rng``."""
    lib = _lib()
    x = ctypes.c_uint64(state)
    out: list[Any] = []
    weights = (ctypes.c_int64 * len(arg))(*arg) if kind == "weighted" else None
    for _ in range(count):
        if kind == "below":
            out.append(int(lib.he_rng_below(ctypes.byref(x), arg)))
        elif kind == "random":
            out.append(float(lib.he_rng_random(ctypes.byref(x))))
        else:
            out.append(int(lib.he_rng_weighted(ctypes.byref(x), weights, len(arg))))
    return out, int(x.value)


def play_native(rt: Any, fbot: Any, seeds: list[str], scenario: str, difficulty: str,
                stats: Any) -> tuple[set[str], set[tuple[str, str]]]:
    """Play one campaign per seed into ``stats``, exactly as ``game.fast.play.play_flat`` does, in
    batches of ``BATCH`` campaigns (each added to ``stats`` as it is played, as Python would)."""
    from game.fast.native.gather import gather, run_batch
    from game.fast.play import play_flat

    for at in range(0, len(seeds), BATCH):
        batch = seeds[at:at + BATCH]
        done = run_batch(_lib(), rt, fbot, batch, scenario, difficulty, stats.games)
        if isinstance(done, int):  # declined: the same campaigns, in Python
            notes = rt.extra.setdefault("native_declined", [])
            notes.append(declined_note(fbot, done))
            play_flat(rt, fbot, batch, scenario, difficulty, stats)
        else:
            gather(rt, fbot, batch, scenario, difficulty, stats, done)
    return set(stats.cards), set(stats.taken)


def declined_note(fbot: Any, code: int) -> str:
    """What a declined batch notes, after 'the native kernel declined a batch of ': its campaigns,
    the strategy's id where the flat bot keeps its reference bot (``FlatLine`` does; ``FlatRandom``
    and ``FlatFollower`` keep none), and what the kernel does not play. The kernel declines on the
    pack's content and the dice, whatever the strategy."""
    bot = getattr(fbot, "bot", None)
    sid = getattr(bot, "id", None)
    whose = f" (strategy {sid})" if sid else ""
    return f"campaigns{whose}: {DECLINED.get(code, f'error {code}')}; played in Python"
