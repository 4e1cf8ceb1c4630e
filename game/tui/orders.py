"""The month in progress: which card is being answered, the answers so far, the policy changes."""

from __future__ import annotations

from typing import Any

from game.engine.passing import PASSED
from game.engine.standing import month_levels
from game.engine.turn import DecisionError
from game.goals import locked_reason
from game.session import Session


class MonthOrders:
    """The player's orders for the current month, until the month resolves."""

    def __init__(self, session: Session) -> None:
        self.session = session
        self.step = 0  # index of the card being answered; len(cards) once all are answered
        self.selected: int | None = None  # the highlighted choice on the current card
        self.picks: list[str] = []
        self.pending: dict[str, str] = {}
        self._cards: list[Any] = session.cards()

    def reset(self) -> None:
        """A new month: no answers, no policy changes."""
        self.step, self.selected, self.picks, self.pending = 0, None, [], {}
        self._cards = self.session.cards()

    @property
    def cards(self) -> list[Any]:
        """The month's event cards."""
        return self._cards

    @property
    def at_orders(self) -> bool:
        """Whether every card is answered (the month can end)."""
        return self.step >= len(self._cards)

    @property
    def touched(self) -> bool:
        """Whether the player has done anything this month."""
        return bool(self.picks or self.pending or self.selected is not None)

    def card(self) -> Any | None:
        """The card being answered, or None at the end of the month."""
        return None if self.at_orders else self._cards[self.step]

    def current_card_id(self) -> str | None:
        """The id of the card being answered, else of the month's first card."""
        card = self.card() or (self._cards[0] if self._cards else None)
        return None if card is None else str(card.id)

    def choice_reason(self, index: int) -> str | None:
        """None if choice `index` (0-based) of the current card is open, else why not."""
        card = self.card()
        if card is None or not 0 <= index < len(card.choices):
            return "There is no such choice on this card."
        if self.session.available(card.id)[index]:
            return None
        return locked_reason(self.session, card.id, card.choices[index].id)

    def select(self, index: int) -> str | None:
        """Highlight a choice; the reason if it cannot be chosen."""
        reason = self.choice_reason(index)
        if reason is None:
            self.selected = index
        return reason

    def passes(self) -> bool:
        """Whether the card being answered passes: none of its choices is open (game.engine.passing)."""
        card = self.card()
        return card is not None and not any(self.session.available(card.id))

    def confirm(self) -> bool:
        """Record the highlighted choice (or, on a card that passes, its pass) and move to the next card;
        False if nothing is chosen."""
        card = self.card()
        if card is None or (self.selected is None and not self.passes()):
            return False
        self.picks.append(PASSED if self.selected is None else str(card.choices[self.selected].id))
        self.step += 1
        self.selected = None
        return True

    def back(self) -> bool:
        """Reopen the previous card with its answer highlighted; False on the first card."""
        if self.step == 0 or not self.picks:
            return False
        self.step -= 1
        last = self.picks.pop()
        ids = [c.id for c in self._cards[self.step].choices]
        self.selected = ids.index(last) if last in ids else None  # a passed card has none
        return True

    def levels(self) -> dict[str, str]:
        """Each policy's level for this month, with the pending changes."""
        levels = self.session.policy_levels()
        levels.update(self.pending)
        return levels

    def month_levels(self) -> dict[str, str]:
        """Each policy's level as the month will apply it: the answers' set_policy, then the changes."""
        return month_levels(self.session.rt, self.session.state, self.picks, self.levels())

    def set_level(self, policy: str, level: str) -> str | None:
        """Change a policy for this month; the reason if that level is not allowed."""
        reason = self.session.level_reason(policy, level)
        if reason is not None:
            return reason
        if self.session.policy_levels()[policy] == level:
            self.pending.pop(policy, None)
        else:
            self.pending[policy] = level
        return None

    def resolve(self) -> str | None:
        """End the month; a warning if the policy changes had to be dropped."""
        warning = None
        try:
            self.session.play(self.session.decide(self.picks, self.pending))
        except DecisionError as exc:
            warning = f"Policy change refused ({exc}); the policies stay as they were."
            self.session.play(self.session.decide(self.picks))
        self.reset()
        return warning
