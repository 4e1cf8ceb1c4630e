"""Hold the cyclic garbage collector while a pack is imported, read and compiled."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def gc_paused() -> Iterator[None]:
    """Hold the collector for the duration of the block (nested blocks are fine).

    Importing the format's models and loading a pack allocate tens of thousands
    of objects (classes, parser events, values, models, closures) and free few:
    the collector's passes over them find next to nothing and cost about a
    tenth of a second of a `validate` run. Nothing made there is garbage in a
    cycle that has to go before the block ends; the collector resumes after.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()
