"""Small counts in words, as the handout and the help say them ("one to three", "three or four")."""

from __future__ import annotations

_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def count_word(n: int) -> str:
    """'three' for 3; digits from eleven on."""
    return _WORDS[n] if 0 <= n < len(_WORDS) else str(n)


def span_words(low: int, high: int) -> str:
    """'two to four', 'three or four', or 'three' when both ends are the same."""
    if low == high:
        return count_word(low)
    return f"{count_word(low)} {'or' if high == low + 1 else 'to'} {count_word(high)}"


def choice_span(rt: object) -> tuple[int, int]:
    """The fewest and most choices a card of the loaded pack has ((2, 4), the format's, without one)."""
    events = getattr(getattr(rt, "pack", None), "events", None)
    sizes = [len(e.choices) for e in events] if events else []
    return (min(sizes), max(sizes)) if sizes else (2, 4)
