"""Small counts as the handout and the help say them ("one to three", "three or four", "1-3 or 1-4")."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.engine.runtime import Runtime

_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def count_word(n: int) -> str:
    """'three' for 3; digits from eleven on."""
    return _WORDS[n] if 0 <= n < len(_WORDS) else str(n)


def span_words(low: int, high: int, say: Callable[[int], str] = count_word) -> str:
    """'two to four', 'three or four', or 'three' when both ends are the same (each end as ``say``
    gives it: '1-3 or 1-4' with ``lambda n: f"1-{n}"``)."""
    if low == high:
        return say(low)
    return f"{say(low)} {'or' if high == low + 1 else 'to'} {say(high)}"


def choice_span(rt: Runtime | None) -> tuple[int, int]:
    """The fewest and most choices a card of the loaded pack has ((2, 4), the format's, without one)."""
    sizes = [len(e.choices) for e in rt.pack.events] if rt is not None else []
    return (min(sizes), max(sizes)) if sizes else (2, 4)
