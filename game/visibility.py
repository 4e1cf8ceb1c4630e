"""What the player may see: hidden meters stay out of sight until the end (or in teaching mode).

Shared by every front end: the Textual game and the plain mode.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any, TypeVar

from game.session import Session

T = TypeVar("T")


def shows_hidden(session: Session) -> bool:
    """Hidden quantities are shown in teaching mode and once the campaign is over."""
    return bool(session.options.get("teaching")) or session.finished


def concealed(session: Session) -> set[str]:
    """The ids of the quantities the player may not see now."""
    if shows_hidden(session):
        return set()
    return {m.id for m in session.rt.pack.meters if m.hidden}


def visible(session: Session, items: Iterable[T]) -> list[T]:
    """Changes or preview items, without those that touch a concealed quantity."""
    secret = concealed(session)
    return [i for i in items if getattr(i, "target", None) not in secret]


_UNTIL_END = re.compile(r"\s*Hidden until the debrief\.?\s*$")


def hidden_heading(session: Session) -> str:
    """The end screen's heading over the hidden quantities: revealed only if they were hidden."""
    if session.options.get("teaching"):
        return "Hidden quantities (shown all game in teaching mode)"
    return "Hidden quantities revealed"


def meter_description(session: Session, meter: Any) -> str:
    """A meter's description as this campaign may read it: a closing 'Hidden until the debrief.'
    is dropped in teaching mode, where the dashboard showed the meter all along."""
    text = " ".join(str(meter.description).split())
    return _UNTIL_END.sub("", text) if session.options.get("teaching") else text
