"""Verification of a class vote's tallies: each choice taken won its tally, and a passed card has none.

A month played as a class vote stores one tally per card (``game.vote``): one count per
choice for a card with an open choice, and the empty list for a card that passed
(``game.vote.PASSED_TALLY``: none of its choices was open, so the class did not vote).
A save whose tallies say anything else was not made by a vote and is refused.
"""

from __future__ import annotations

from collections.abc import Sequence

from game.engine.passing import PASSED
from game.session import Session
from game.vote import PASSED_TALLY, VoteError, winners


def vote_problem(session: Session, votes: Sequence[Sequence[int]], choices: Sequence[str]) -> str | None:
    """Why the month's tallies (on the session's state, before it is resolved) cannot be the class's
    vote for ``choices``; None when each choice taken won its card's tally."""
    cards = session.state.cards
    if len(votes) != len(cards):
        return "the class vote's tallies do not match the cards"
    for card, counts, choice in zip(cards, votes, choices, strict=False):
        problem = _card_problem(session, card, counts, choice)
        if problem is not None:
            return f"the class vote on '{card}' {problem}"
    return None


def _card_problem(session: Session, card: str, counts: Sequence[int], choice: str) -> str | None:
    event = session.rt.events[card]
    open_ = session.available(card)
    if not any(open_):  # the card passed: the empty tally, and the pass
        if tuple(counts) != PASSED_TALLY:
            return (f"has a tally ({', '.join(map(str, counts))}), but no choice of it was open: the card "
                    "passed, and a passed card's tally is empty")
        return None if choice == PASSED else f"chose '{choice}', but no choice of it was open: it passed"
    try:
        best = winners(counts, open_)
    except VoteError as exc:
        return f"is not a usable tally: {exc}"
    if choice not in [event.choices[i].id for i in best]:
        return f"chose '{choice}', which did not win its tally ({', '.join(map(str, counts))})"
    return None
