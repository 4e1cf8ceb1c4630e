"""The cyclic garbage collector around a replay: held while it runs, its objects aged at once after.

A replay (``Session.replay``, save verification) allocates a few thousand
small container objects (log entries, causes, records, the history's rows)
that all live as long as the session does, and makes no garbage in cycles.
Held for the replay alone, the collector would still walk every one of them
on its first young pass after, and again when they move to the middle
generation, finding nothing: about 7% of a replay's instructions.

``replay_heap`` holds the collector and, on the way out, moves everything it
tracks into the oldest generation in one step (``gc.freeze`` then
``gc.unfreeze``, which splice the generations' lists and reset their counts):
the objects are walked again only by full collections, as any long-lived
object is, and still freed by their reference counts when the session goes.
A process that has frozen its heap on purpose (the TUI, see
``game.tui.loading.freeze_heap``) keeps it frozen: there the collector is
only held.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def replay_heap() -> Iterator[None]:
    """Hold the collector for the block, then age what it tracks into the oldest generation
    (only held, if some of the heap is frozen); nested blocks are fine."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            if gc.get_freeze_count() == 0:
                gc.freeze()
                gc.unfreeze()
            gc.enable()
