"""Crash reports: an unexpected error is written to a file, and the player is shown one short line."""

from __future__ import annotations

import os
import platform
import sys
import tempfile
import traceback
from datetime import UTC, datetime
from pathlib import Path

CRASH_ENV = "HONORABLE_EXIT_CRASHES"


def crash_dir() -> Path:
    """Where crash reports go: $HONORABLE_EXIT_CRASHES, else the user's state folder."""
    env = os.environ.get(CRASH_ENV)
    if env:
        return Path(env)
    state = os.environ.get("XDG_STATE_HOME") or str(Path.home() / ".local" / "state")
    return Path(state) / "honorable-exit" / "crashes"


def write_crash_report(exc: BaseException, context: str = "") -> Path | None:
    """Write the error's traceback and what was running to a new file; its path (None if none
    could be written anywhere)."""
    from game import __version__

    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    text = "".join([
        f"Honorable Exit {__version__} crash report, {datetime.now(UTC).isoformat(timespec='seconds')}\n",
        f"python {platform.python_version()} on {platform.platform()}\n",
        f"command: {' '.join(sys.argv)}\n",
        f"context: {context}\n\n" if context else "\n",
        *traceback.format_exception(exc),
    ])
    for folder in (crash_dir(), Path(tempfile.gettempdir())):
        try:
            folder.mkdir(parents=True, exist_ok=True)
            path = folder / f"honorable-exit-crash-{stamp}-{os.getpid()}.txt"
            with path.open("x", encoding="utf-8", errors="backslashreplace") as out:
                out.write(text)
            return path
        except OSError:
            continue
    return None


def crash_message(exc: BaseException, path: Path | None) -> str:
    """The short line shown instead of a traceback."""
    where = f"the details are in {path}" if path else "no crash report could be written"
    return (f"honorable-exit: internal error ({type(exc).__name__}); {where}. "
            "Your campaign's last autosave is intact.")
