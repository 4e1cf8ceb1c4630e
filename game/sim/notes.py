"""What a simulation noted (a cached function rebuilt, a batch the native kernel declined, a kept
kernel refused), worded as `simulate` prints them: a worker process (``--jobs``) hands its own back
to the parent with its games, so that they are said as in a single process."""

from __future__ import annotations

import sys

from game.engine.runtime import Runtime


def runtime_notes(rt: Runtime) -> list[str]:
    """What playing on ``rt`` noted, worded as `simulate` says them: the compiled pack's notes
    (those made while playing too: a cached function whose code did not match its seal, built
    again) and each kind of batch the native kernel declined, once each."""
    fast = rt.extra.get("fast")  # (flat tables, compiled pack): game.fast.play.flat_pack
    compiled = list(fast[1].notes) if fast is not None else []
    declined = [f"the native kernel declined a batch of {n}" for n in rt.extra.get("native_declined", ())]
    return list(dict.fromkeys([*compiled, *declined]))


def process_notes(rt: Runtime) -> list[str]:
    """What this process noted so far, worded as `simulate` says them: the runtime's notes, what
    loading the native kernel noted, and what the parse cache refused (taken: said once)."""
    native = sys.modules.get("game.fast.native")  # imported only where a batch played natively
    parsecache = sys.modules.get("game.content.parsecache")
    kernel = [f"native kernel: {note}" for note in native.notes()] if native is not None else []
    cache = parsecache.take_notes() if parsecache is not None else []
    return list(dict.fromkeys([*cache, *runtime_notes(rt), *kernel]))

