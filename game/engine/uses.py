"""Where is this used: the thresholds the pack's conditions test on each quantity, and what they gate."""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from game.engine.explain import SYMBOL, Term, side, term_text, tolerance_name

if TYPE_CHECKING:
    from game.engine.runtime import Runtime
    from game.engine.state import State


@dataclass(frozen=True, slots=True)
class Use:
    """One threshold a condition tests on a quantity, and what it gates."""

    quantity: str
    op: str  # as seen from the quantity: "qty op threshold"
    threshold: Term
    gates: str  # e.g. "ending 'Honorable exit'"
    key: str  # the condition's key in Runtime.conditions


def threshold_lines(rt: Runtime, qid: str, s: State | None = None) -> list[str]:
    """Each threshold on a quantity as one line: tolerances as their numbers on a state's
    difficulty (by name when no state is given)."""
    out = []
    for use in rt.uses.get(qid, ()):
        limit = side(use.threshold, s) if s is not None else term_text(use.threshold)
        out.append(f"{SYMBOL[use.op]} {limit}: {use.gates}")
    return list(dict.fromkeys(out))


def threshold_value(rt: Runtime, value: int | str, s: State) -> int:
    """A meter threshold's number in a campaign: a tolerance's id reads the state's difficulty."""
    return value if isinstance(value, int) else s.tolerances[rt.tolerance_ids.index(value)]


def threshold_text(rt: Runtime, value: int | str, s: State | None = None) -> str:
    """A meter threshold as the player reads it: its number, or a tolerance's name when no
    campaign is given (it differs by difficulty)."""
    if isinstance(value, int):
        return str(value)
    if s is None:
        return f"the {tolerance_name(value)} tolerance"
    return str(threshold_value(rt, value, s))
