"""The campaign's timeline entries (built in ``game.timeline``, shared with the plain mode)."""

from game.timeline import Entry, entries, search

__all__ = ["Entry", "entries", "search"]
