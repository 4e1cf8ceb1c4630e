"""History beside the game: a card's basis, its text for the nth showing, and what actually happened.

Every front end (the Textual app, the plain mode, the debrief) reads these functions, so a card
reads the same text and the same note wherever it is shown.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from game.describe import card_title
from game.engine.state import month_index, month_label
from game.session import Session

BASIS_LABELS = {"historical": "Historical", "plausible": "Plausible development"}


def held_over(session: Session, event: Any) -> str | None:
    """'held over from May 2018' for a historical card shown after its date (an overfull month
    passes its last cards on), else None."""
    date = getattr(event, "date", None)
    if date is None or month_index(date) >= session.state.month:
        return None
    return f"held over from {month_label(month_index(date))}"


def card_text(event: Any, showing: int) -> str:
    """The text of a card's nth showing (1-based): the main text, then each variant, cycling back."""
    texts = [event.text, *getattr(event, "variants", ())]
    return str(texts[(max(showing, 1) - 1) % len(texts)])


def showing_number(cards_by_turn: Sequence[Sequence[str]], event_id: str) -> int:
    """Which showing of a card this is, given the cards of the earlier turns (1 for the first)."""
    return 1 + sum(cards.count(event_id) for cards in cards_by_turn)


def desk_text(session: Session, event: Any) -> str:
    """The text of a card on this month's desk."""
    return card_text(event, showing_number([r.cards for r in session.records], event.id))


def played_text(session: Session, turn_index: int, event: Any) -> str:
    """The text a card read when it was shown in the turn recorded at records[turn_index]."""
    earlier = [r.cards for r in session.records[:turn_index]]
    return card_text(event, showing_number(earlier, event.id))


def basis_label(event: Any) -> str | None:
    """'Historical' or 'Plausible development', or None for a card without a history."""
    history = getattr(event, "history", None)
    return None if history is None else BASIS_LABELS[history.basis]


def historical_choice(event: Any) -> Any | None:
    """The choice marked as Moscow's actual course, if any."""
    return next((c for c in event.choices if getattr(c, "historical", False)), None)

PASSED_LABEL = "no choice: none was open, the card passed"  # a passed card's answer (game.engine.passing)


@dataclass(frozen=True, slots=True)
class Note:
    """What actually happened, for one card the player answered."""

    event: str
    title: str
    basis: str | None
    happened: str | None
    sources: str | None
    chosen: str
    actual: str | None  # the label of Moscow's actual course, if a choice matches it

    @property
    def same(self) -> bool:
        """Whether the player took Moscow's actual course."""
        return self.actual is not None and self.actual == self.chosen


def note(event: Any, choice_id: str) -> Note:
    """The history note of a card answered with a choice."""
    history = getattr(event, "history", None)
    chosen = next((c.label for c in event.choices if c.id == choice_id), PASSED_LABEL)
    actual = historical_choice(event)
    return Note(event.id, card_title(event), basis_label(event),
                None if history is None else _flat(history.happened),
                None if history is None else _sources(history.sources),
                str(chosen), None if actual is None else str(actual.label))


def decided_notes(session: Session) -> list[Note]:
    """The notes of the month just decided (the last played turn), for the next situation report."""
    if not session.records:
        return []
    record = session.records[-1]
    pack = session.rt.pack
    picks = zip(record.cards, record.decision.choices, strict=True)
    return [note(pack.get("events", e), c) for e, c in picks]


def campaign_notes(session: Session) -> list[Note]:
    """Every card answered in the campaign, once each (its last answer), in the order first seen."""
    pack = session.rt.pack
    out: dict[str, Note] = {}
    for record in session.records:
        for e, c in zip(record.cards, record.decision.choices, strict=True):
            out[e] = note(pack.get("events", e), c)
    return list(out.values())


def _sources(text: str | None) -> str | None:
    """Sources without a closing full stop: every front adds its own."""
    flat = _flat(text)
    return None if flat is None else flat.rstrip(".")


def _flat(text: str | None) -> str | None:
    return None if text is None else " ".join(text.split())
