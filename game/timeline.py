"""The campaign's timeline as searchable entries: every month's cards, decisions and changes."""

from __future__ import annotations

from dataclasses import dataclass

from game.chronicle import month_changes, policy_move
from game.describe import card_title, format_change
from game.engine.passing import PASSED_NOTE
from game.engine.state import month_label
from game.session import Session
from game.visibility import visible


@dataclass(frozen=True)
class Entry:
    """One line of the timeline."""

    turn: int
    month: str
    kind: str  # card | policy | change | desk
    text: str

    def matches(self, words: list[str]) -> bool:
        """Whether every search word occurs in the entry (or its month)."""
        hay = f"{self.month} turn {self.turn} {self.kind} {self.text}".lower()
        return all(w in hay for w in words)


def entries(session: Session) -> list[Entry]:
    """Every month played, oldest first, then the cards on the desk now."""
    rt = session.rt
    out: list[Entry] = []
    for rec in session.records:
        month = month_label(rec.month)
        for card_id, choice_id in zip(rec.cards, rec.decision.choices, strict=True):
            card = rt.pack.get("events", card_id)
            choice = next((c for c in card.choices if c.id == choice_id), None)
            line = (f"{card_title(card)} → {choice.label}: {choice.outcome}" if choice is not None
                    else f"{card_title(card)} → {PASSED_NOTE}, with no effect")  # the card passed
            out.append(Entry(rec.turn, month, "card", line))
        # dated by the turn each change took effect in, as the why view and the report date them
        for change in visible(session, month_changes(session, rec.turn)):
            if change.target.startswith("event:"):  # a card that passed: its card entry above says so
                continue
            if change.target.startswith("policy:"):
                out.append(Entry(rec.turn, month, "policy", policy_move(rt, change)))
            else:
                out.append(Entry(rec.turn, month, "change", format_change(rt, change)))
    if not session.finished:
        titles = ", ".join(card_title(c) for c in session.cards()) or "no card"
        out.append(Entry(session.state.turn, session.date, "desk", f"On the desk now: {titles}"))
    else:
        ending = rt.pack.get("endings", str(session.state.ending))
        out.append(Entry(session.state.turn, session.date, "desk", f"The campaign ends: {ending.title}"))
    return out


def search(all_entries: list[Entry], query: str) -> list[Entry]:
    """The entries matching every word of the query (all of them for an empty query)."""
    words = query.lower().split()
    return [e for e in all_entries if e.matches(words)] if words else list(all_entries)
