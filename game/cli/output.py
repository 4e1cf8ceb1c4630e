"""Writing a report to the file --out names: atomically into a regular file, straight into a device."""

from __future__ import annotations

import os
import stat
from pathlib import Path


class OutputError(Exception):
    """Why the report cannot be written there; ``usage`` when the name itself is wrong."""

    def __init__(self, message: str, usage: bool = False) -> None:
        super().__init__(message)
        self.usage = usage


def write_output(out: str, data: bytes) -> Path:
    """Write ``data`` to ``out``; the path written (OutputError with the reason if it cannot)."""
    from game.saves.store import write_atomic

    if not out.strip():
        raise OutputError("--out needs a file name", usage=True)
    path = Path(out)
    if out.endswith(("/", os.sep)) or path.is_dir():
        raise OutputError(f"--out {out} names a folder: give a file name, e.g. {path / 'report.md'}",
                          usage=True)
    try:
        info = path.stat()
    except FileNotFoundError:
        info = None
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    try:
        if info is not None and not stat.S_ISREG(info.st_mode):
            _write_special(path, info.st_mode, data)  # never replace a device, a pipe or a socket
        else:
            write_atomic(path.resolve() if path.is_symlink() else path, data)
    except OSError as exc:
        raise OutputError(f"cannot write {path}: {exc.strerror or exc}") from None
    return path


def _write_special(path: Path, mode: int, data: bytes) -> None:
    if not (stat.S_ISCHR(mode) or stat.S_ISFIFO(mode)):
        raise OSError(f"{path} is not a regular file")
    fd = os.open(path, os.O_WRONLY | (os.O_NONBLOCK if stat.S_ISFIFO(mode) else 0))
    try:
        if stat.S_ISFIFO(mode):
            os.set_blocking(fd, True)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view):]
    finally:
        os.close(fd)
