"""What the player may see: hidden meters stay out of sight until the end (or in teaching mode).

Shared by every front end: the Textual game and the plain mode.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

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
