"""Leaving the process at once when a command built many objects and holds nothing to clean up."""

from __future__ import annotations

import gc
import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from game.cli.common import Exit, say_error

# `process`: the command line runs as the process (`entry`), not called from Python (tests);
# `at_once`: the command asked to leave without tearing down what it built
_state = {"process": False, "at_once": False}


@contextmanager
def collector_held_to_exit() -> Iterator[None]:
    """Hold the cyclic garbage collector for a command that builds much and frees little.

    Run as the process, the collector stays off until the process leaves, and it
    leaves through ``os._exit`` once the output is flushed: tearing down the
    tens of thousands of objects of a loaded pack, and the collector's passes
    over them, cost a fifth of a `validate` run and free nothing anyone needs.
    Called from Python (the tests), the collector resumes after the block.
    """
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if _state["process"]:
            _state["at_once"] = True
        elif was:
            gc.enable()


def run_process(main: Callable[[], int]) -> int:
    """Run ``main()`` as the process and return its code (leaving at once where a command asked)."""
    _state["process"] = True
    code = int(main())
    if not _state["at_once"]:
        return code
    code = _flush(code)
    os._exit(code)


def _flush(code: int) -> int:
    """Write out what the streams still buffer (os._exit does not); the exit code after."""
    try:
        if sys.stdout is not None:
            sys.stdout.flush()
    except BrokenPipeError:  # the reader went away (`| head`): as the command line does, quietly
        pass
    except OSError as exc:  # a full disk, say: the command's output is lost, so it failed
        say_error(exc.strerror or str(exc))
        code = Exit.INVALID
    try:
        if sys.stderr is not None:
            sys.stderr.flush()
    except OSError:
        pass
    return int(code)
