"""``flat.below_steps``: a bisection over its steps is ``Rng.below``'s arithmetic on every state."""

from __future__ import annotations

from bisect import bisect_right

import pytest

from game.engine.rng import LCG_ADD, LCG_MASK, LCG_MUL, Rng
from game.fast.flat import below_steps


def _below(state: int, n: int) -> int:
    return ((state >> 32) * n) >> 32


@pytest.mark.parametrize("n", [1, 2, 3, 4, 5, 7, 100, 997])
def test_steps_give_below_at_every_edge(n: int) -> None:
    steps = below_steps(n)
    assert len(steps) == n - 1 and list(steps) == sorted(steps)
    for step in steps:  # each edge, and a state either side of it
        for state in (step - 1, step, step + 1):
            assert bisect_right(steps, state) == _below(state, n)
    for state in (0, 1, LCG_MASK - 1, LCG_MASK):
        assert bisect_right(steps, state) == _below(state, n)


def test_steps_give_what_rng_below_gives() -> None:
    rng = Rng("steps", 3, "bot")
    for n in (2, 3, 4):
        steps = below_steps(n)
        for _ in range(2000):
            state = (rng.state * LCG_MUL + LCG_ADD) & LCG_MASK  # the state below(n) reads
            assert bisect_right(steps, state) == rng.below(n)
