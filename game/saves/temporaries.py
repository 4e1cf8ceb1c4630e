"""The temporary files of unfinished save writes: locked while written, removed once their writer is gone.

``write_atomic`` writes ``.NAME.json.XXXXXXXX.tmp`` beside the save (``.NAME.md.XXXXXXXX.tmp``
beside the app's debrief) and moves it into place; a
process killed in between leaves it behind. The writer holds an exclusive lock on the temporary
file while it writes, so a file of that exact shape that nobody holds locked is stale.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import time
from pathlib import Path

try:
    import fcntl
except ImportError:  # pragma: no cover - not on POSIX
    fcntl = None  # type: ignore[assignment]

_TEMPORARY = re.compile(r"^\.[A-Za-z0-9_-]+\.(json|md)\.[a-z0-9_]{8}\.tmp$")  # saves and debriefs
UNLOCKED_AGE = 3600.0  # where files cannot be locked, only temporaries older than this are stale


def lock(fd: int) -> int | None:
    """Mark the temporary file open at ``fd`` as being written.

    Returns a second descriptor of the same open file that keeps the lock after ``fd`` is
    closed: close it once the file has been moved into place (None where there is no lock).
    """
    if fcntl is None:
        return None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return os.dup(fd)
    except OSError:
        return None


def clean_temporaries(folder: Path) -> list[Path]:
    """Remove the stale temporaries of this game's saves in ``folder``; the paths removed.

    Only regular files whose names have the exact shape of our temporaries are looked at;
    a failure to list or remove is not an error (the files are harmless, only untidy).
    """
    removed: list[Path] = []
    try:
        names = [n for n in os.listdir(folder) if _TEMPORARY.match(n)]
    except OSError:
        return removed
    for name in names:
        path = Path(folder) / name
        with contextlib.suppress(OSError):
            if _remove_if_stale(path):
                removed.append(path)
    return removed


def _remove_if_stale(path: Path) -> bool:
    info = os.lstat(path)
    if not stat.S_ISREG(info.st_mode):
        return False
    if fcntl is None:
        if time.time() - info.st_mtime < UNLOCKED_AGE:
            return False
        path.unlink()
        return True
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            return False  # a live writer holds it
        if os.fstat(fd).st_ino != info.st_ino:
            return False
        path.unlink()
        return True
    finally:
        os.close(fd)
