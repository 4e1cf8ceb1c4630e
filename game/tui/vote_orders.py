"""A month of a class vote: the class's tally per card, the majority taken, ties broken by the facilitator.

The rules (what a usable tally is, who wins, what the save keeps) are `game.vote`'s: this only
holds the counts typed so far and hands them to it.
"""

from __future__ import annotations

from game.session import Session
from game.tui.orders import MonthOrders
from game.vote import PASSED_TALLY, VoteError, choose, winners


class VoteOrders(MonthOrders):
    """The month's orders when the class votes: each card is answered by its tally's majority."""

    def __init__(self, session: Session) -> None:
        super().__init__(session)
        self.tallies: list[tuple[int, ...]] = []  # one per answered card, in order (a passed card's: ())
        self.drafts: dict[int, list[int]] = {}  # card step -> the counts typed so far

    def reset(self) -> None:
        """A new (or redrawn) month: every card is voted again from nothing."""
        super().reset()
        self.tallies, self.drafts = [], {}

    @property
    def touched(self) -> bool:
        """Whether anything was answered or typed this month."""
        return super().touched or any(any(d) for d in self.drafts.values())

    def open_choices(self) -> list[bool]:
        """Which choices of the current card are open (none at the end of the month)."""
        card = self.card()
        return [] if card is None else self.session.available(card.id)

    def counts(self) -> list[int]:
        """The counts typed for the current card, one per choice (0 where nothing is typed)."""
        card = self.card()
        if card is None:
            return []
        draft = self.drafts.get(self.step, [])
        return [draft[i] if i < len(draft) else 0 for i in range(len(card.choices))]

    def set_count(self, index: int, count: int) -> None:
        """Set one choice's count on the current card (a locked choice keeps 0)."""
        counts = self.counts()
        if 0 <= index < len(counts) and self.open_choices()[index]:
            counts[index] = max(0, count)
            self.drafts[self.step] = counts

    def leaders(self) -> list[int]:
        """The open choices with the most votes so far (VoteError while the tally is unusable)."""
        return winners(self.counts(), self.open_choices())

    def take(self, pick: int | None = None) -> list[int]:
        """Take the majority and move on; on a tie with no `pick`, the tied choices (nothing taken).

        A card that passes (none of its choices is open) takes no vote: it is passed with the
        empty tally (``game.vote.PASSED_TALLY``). VoteError if the tally is unusable or `pick`
        is not one of the tied choices.
        """
        if self.passes():
            self.confirm()
            self.tallies.append(PASSED_TALLY)
            return []
        tied = self.leaders()
        if pick is None:
            if len(tied) > 1:
                return tied
            pick = tied[0]
        if pick not in tied:
            raise VoteError(f"choice {pick + 1} is not one of the tied choices")
        counts = tuple(self.counts())
        self.selected = pick
        self.confirm()
        self.tallies.append(counts)
        return []

    def back(self) -> bool:
        """Reopen the previous card with its tally, to vote it again."""
        if not super().back():
            return False
        counts = self.tallies.pop()
        self.drafts[self.step] = list(counts)
        return True

    def resolve(self) -> str | None:
        """Record the month's tallies on the session (checked by `game.vote`), then end the month."""
        if self.cards:
            ids = [[c.id for c in card.choices] for card in self.cards]
            picks = list(self.picks)
            choose(self.session, self.tallies, lambda i, tied: ids[i].index(picks[i]))
        return super().resolve()
