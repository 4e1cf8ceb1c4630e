"""Seeded randomness: a small splitmix64 generator derived per use from the seed.

Seeding Python's ``random.Random`` costs microseconds; the simulator derives
a generator for every turn, so we use splitmix64 keyed by a blake2b digest of
``f"{seed}:{turn}:{stream}"``. Pure integer arithmetic: the same on every
machine, every process and every Python version.
"""

from __future__ import annotations

from collections.abc import Sequence
from hashlib import blake2b

_MASK = (1 << 64) - 1


class Rng:
    """A deterministic generator for one (seed, turn, stream)."""

    __slots__ = ("_state",)

    def __init__(self, seed: str, turn: int, stream: str) -> None:
        digest = blake2b(f"{seed}:{turn}:{stream}".encode(), digest_size=8).digest()
        self._state = int.from_bytes(digest, "little")

    def next64(self) -> int:
        """The next 64-bit integer."""
        self._state = z = (self._state + 0x9E3779B97F4A7C15) & _MASK
        z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & _MASK
        z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & _MASK
        return z ^ (z >> 31)

    def below(self, n: int) -> int:
        """A whole number in [0, n)."""
        return self.next64() % n

    def random(self) -> float:
        """A float in [0, 1)."""
        return (self.next64() >> 11) * (1.0 / (1 << 53))

    def weighted(self, weights: Sequence[int]) -> int:
        """The index of an item drawn with the given whole-number weights."""
        roll = self.next64() % sum(weights)
        for index, weight in enumerate(weights):
            roll -= weight
            if roll < 0:
                return index
        return len(weights) - 1
