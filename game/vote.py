"""Class votes: the facilitator enters the class's tally per choice, and the majority is taken.

A projector session plays one campaign for the whole class. Each month, for each card, the
facilitator types how many students voted for each choice; the choice with the most votes
among the open ones is taken, and a tie is broken by the facilitator. A card none of whose
choices is open passes (``game.engine.passing``): the class does not vote on it, and its tally is
``PASSED_TALLY``, no count at all (an empty list in the save, where an open card has one count per
choice). The save keeps every tally, and verification checks that each choice taken was a winner
of its tally and that a passed card's tally is empty.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

from game.engine.passing import PASSED

if TYPE_CHECKING:
    from game.session import Session

PASSED_TALLY: tuple[int, ...] = ()  # a passed card's tally: no choice was open, nobody voted
PASSED_VOTE = "The class does not vote on it: each choice says why it is closed."


class VoteError(ValueError):
    """A tally that cannot be used; ``str(e)`` says why."""


def check(counts: Sequence[int], open_: Sequence[bool]) -> None:
    """Refuse a tally of the wrong length, with negative counts, votes for closed choices, or none."""
    if len(counts) != len(open_):
        raise VoteError(f"give one count per choice ({len(open_)}), not {len(counts)}")
    if any(n < 0 for n in counts):
        raise VoteError("a count cannot be negative")
    closed = [i + 1 for i, (n, ok) in enumerate(zip(counts, open_, strict=True)) if n and not ok]
    if closed:
        raise VoteError(f"choice {closed[0]} is closed this month: it cannot take votes")
    if not any(counts):
        raise VoteError("nobody voted: enter at least one vote")


def winners(counts: Sequence[int], open_: Sequence[bool]) -> list[int]:
    """The indexes of the open choices with the most votes (more than one on a tie)."""
    check(counts, open_)
    best = max(n for n, ok in zip(counts, open_, strict=True) if ok)
    return [i for i, (n, ok) in enumerate(zip(counts, open_, strict=True)) if ok and n == best]


def passed_tally(counts: Sequence[int]) -> None:
    """Refuse any tally but ``PASSED_TALLY`` for a card that passes (none of its choices is open)."""
    if tuple(counts) != PASSED_TALLY:
        raise VoteError(f"no choice of this card is open: it passes, takes no votes, and its tally is "
                        f"empty, not {', '.join(map(str, counts))}")


def percent(n: int, total: int) -> int:
    """n of total as a whole percentage, halves rounded up (12.5 -> 13, as people round)."""
    return (200 * n + total) // (2 * total)


def split(counts: Sequence[int], labels: Sequence[str]) -> str:
    """'Step aside 12, Condemn at the UN 7' for reports."""
    total = sum(counts) or 1
    parts = (f"{label} {n} ({percent(n, total)}%)" for label, n in zip(labels, counts, strict=True))
    return ", ".join(parts)


def voted(counts: Sequence[int], labels: Sequence[str]) -> str:
    """The class's split as the fronts and reports say it, and on a tie that the facilitator broke it
    (the most votes on more than one choice: the choice taken was the facilitator's pick)."""
    tie = len(counts) > 1 and counts.count(max(counts)) > 1
    return split(counts, labels) + ("; a tie, broken by the facilitator" if tie else "")


def choose(session: Session, tallies: Sequence[Sequence[int]],
           break_tie: Callable[[int, list[int]], int]) -> list[str]:
    """The choice ids the class voted for this month, ties broken by ``break_tie(card, tied)``;
    the tallies are recorded on the session for its save (VoteError if one is unusable)."""
    cards = session.state.cards
    if len(tallies) != len(cards):
        raise VoteError(f"give a tally for each of the {len(cards)} card(s)")
    picks = []
    for i, (card, counts) in enumerate(zip(cards, tallies, strict=True)):
        event = session.rt.events[card]
        open_ = session.available(card)
        if not any(open_):  # the card passes: no vote, and the empty tally
            passed_tally(counts)
            picks.append(PASSED)
            continue
        best = winners(counts, open_)
        pick = best[0] if len(best) == 1 else break_tie(i, best)
        if pick not in best:
            raise VoteError(f"choice {pick + 1} is not one of the tied choices")
        picks.append(event.choices[pick].id)
    session.votes[session.state.turn] = tuple(tuple(c) for c in tallies)
    return picks
