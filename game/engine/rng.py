"""Seeded randomness: a small generator derived per use from the seed.

Seeding Python's ``random.Random`` costs microseconds; the simulator derives
a generator for every turn, so we key a 64-bit linear congruential generator
(Knuth's MMIX constants, high bits only) with a blake2b digest of
``f"{seed}:{turn}:{stream}"``. Pure integer arithmetic: the same on every
machine, every process and every Python version.
"""

from __future__ import annotations

from collections.abc import Sequence
from hashlib import blake2b

LCG_MASK = (1 << 64) - 1
LCG_MUL = 6364136223846793005
LCG_ADD = 1442695040888963407


class Rng:
    """A deterministic generator for one (seed, turn, stream)."""

    __slots__ = ("state",)

    def __init__(self, seed: str, turn: int, stream: str) -> None:
        digest = blake2b(f"{seed}:{turn}:{stream}".encode(), digest_size=8).digest()
        self.state = int.from_bytes(digest, "little")

    @classmethod
    def keyed(cls, state: int) -> Rng:
        """A generator whose state is already derived (see ``Seeded``)."""
        rng = cls.__new__(cls)
        rng.state = state
        return rng

    def next64(self) -> int:
        """The next 64-bit state (use its high bits)."""
        self.state = state = (self.state * LCG_MUL + LCG_ADD) & LCG_MASK
        return state

    def below(self, n: int) -> int:
        """A whole number in [0, n), from the high 32 bits."""
        self.state = state = (self.state * LCG_MUL + LCG_ADD) & LCG_MASK
        return ((state >> 32) * n) >> 32

    def random(self) -> float:
        """A float in [0, 1)."""
        return (self.next64() >> 11) * (1.0 / (1 << 53))  # 53 high bits

    def weighted(self, weights: Sequence[int]) -> int:
        """The index of an item drawn with the given whole-number weights."""
        roll = self.below(sum(weights))
        for index, weight in enumerate(weights):
            roll -= weight
            if roll < 0:
                return index
        return len(weights) - 1


class Seeded:
    """One seed's generators: ``Seeded(seed).rng(turn, stream)`` is ``Rng(seed, turn, stream)``.

    The hash of ``f"{seed}:"`` is kept (``prefix``), so each generator costs a copy of it and
    an update with ``f"{turn}:{stream}"`` (blake2b is a hash: the same digest). The hot loops
    derive the state themselves, as ``state`` does, with the suffixes of ``suffix_table``.
    """

    __slots__ = ("seed", "prefix")

    def __init__(self, seed: str) -> None:
        self.seed = seed
        self.prefix = blake2b(f"{seed}:".encode(), digest_size=8)

    def rng(self, turn: int, stream: str) -> Rng:
        """The generator for one turn and stream."""
        h = self.prefix.copy()
        h.update(suffix(turn, stream))
        rng = _new(Rng)
        rng.state = _from_bytes(h.digest(), "little")
        return rng

    def state(self, turn: int, stream: str) -> int:
        """The starting state of ``Rng(seed, turn, stream)``."""
        h = self.prefix.copy()
        h.update(suffix(turn, stream))
        return _from_bytes(h.digest(), "little")


_new = object.__new__
_from_bytes = int.from_bytes
_SUFFIXES: dict[tuple[int, str], bytes] = {}


def suffix(turn: int, stream: str) -> bytes:
    """The bytes ``f"{turn}:{stream}"`` that follow a seed's prefix (cached for the common ones)."""
    found = _SUFFIXES.get((turn, stream))
    if found is None:
        found = f"{turn}:{stream}".encode()
        if len(_SUFFIXES) < 4096:
            _SUFFIXES[(turn, stream)] = found
    return found


def suffix_table(stream: str, turns: int) -> tuple[bytes, ...]:
    """The suffixes of one stream for turns 0 to ``turns - 1``, by turn (a list lookup in a hot loop)."""
    return tuple(f"{turn}:{stream}".encode() for turn in range(turns))
