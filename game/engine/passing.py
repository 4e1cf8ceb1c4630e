"""The rule for a card none of whose choices is open when the month is decided: the card passes.

A card is dealt when its own condition holds; its choices have conditions of
their own, tested on the state the month is decided on. When none of them
holds, the card *passes*: it needs no decision, has no effect, and the month
can end. In a decision a passed card's entry is ``PASSED`` (the empty string,
which no choice id can be), so saves keep their format and a replay of a passed
card verifies. In the causal log the card's place (where its choice's changes
would be) holds ``passed_change``: a change of nothing, on the card itself
(``event:ID``), whose cause is the pass with ``PASSED_NOTE``. The base pack never
deals such a card (``lint`` warns where a pack might).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from game.engine.runtime import CChoice
from game.engine.state import Cause, Change

if TYPE_CHECKING:
    from game.engine.runtime import Runtime
    from game.engine.state import State

PASSED = ""  # a decision's entry for a card that passed
PASSED_NOTE = "no choice was open: the card passed"
PASSED_SAY = "No choice is open on this card: it passes, with no effect, and needs no answer."
PASS_CHOICE = CChoice(PASSED, -1, None, (), ())  # the engine's pick for a passed card: no effect


def card_passes(rt: Runtime, state: State, card: str) -> bool:
    """Whether none of a card's choices is open on ``state`` (so the card passes)."""
    return not any(c.when is None or c.when(state) for c in rt.events[card].choices)


def passed_pick(rt: Runtime, state: State, card: str, choice: str) -> CChoice | None:
    """``PASS_CHOICE`` when a decision passes a card that may pass (``PASSED`` on a card with no
    open choice), else None."""
    return PASS_CHOICE if choice == PASSED and card_passes(rt, state, card) else None


def passed_cards(cards: tuple[str, ...] | list[str], choices: tuple[str, ...]) -> list[str]:
    """The cards of a decided month that passed (in desk order)."""
    return [card for card, choice in zip(cards, choices, strict=False) if choice == PASSED]


def passed_change(turn: int, card: str) -> Change:
    """The causal log's entry for a card that passed: on the card (``event:ID``), moving nothing,
    caused by the pass (a choice cause with the choice ``PASSED``) and noted ``PASSED_NOTE``."""
    return Change(turn, f"event:{card}", 0, 0, Cause("choice", turn, card, PASSED, note=PASSED_NOTE))
