"""Reading a file the game did not write: regular files only, never more than a bound, never blocking."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path


class ReadProblem(Exception):
    """Why a file cannot be read, as a short phrase (``str(e)``)."""


class TooLarge(ReadProblem):
    """A regular file larger than the bound; ``head`` holds its first ``limit`` bytes."""

    def __init__(self, reason: str, head: bytes) -> None:
        super().__init__(reason)
        self.head = head


def read_regular(path: Path | str, limit: int) -> bytes:
    """The bytes of a regular file of at most ``limit`` bytes (ReadProblem otherwise).

    The file is opened without blocking (a FIFO or a device never hangs the game) and
    checked to be a regular file before a byte is read; at most ``limit + 1`` bytes are read.
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except FileNotFoundError:
        raise ReadProblem("no such file") from None
    except IsADirectoryError:
        raise ReadProblem("is a folder, not a file") from None
    except OSError as exc:
        raise ReadProblem(_reason(exc)) from None
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise ReadProblem("is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise ReadProblem(f"not a regular file (a {_kind(info.st_mode)})")
        data = _read_all(fd, limit + 1)
        if len(data) > limit:
            size = max(info.st_size, len(data))
            raise TooLarge(f"the file is {size:,} bytes, more than the {limit:,} allowed", data[:limit])
    except OSError as exc:
        raise ReadProblem(_reason(exc)) from None
    finally:
        os.close(fd)
    return data


def _read_all(fd: int, most: int) -> bytes:
    chunks: list[bytes] = []
    got = 0
    while got < most:
        chunk = os.read(fd, min(1 << 20, most - got))
        if not chunk:
            break
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


def _kind(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "named pipe"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "device"
    if stat.S_ISSOCK(mode):
        return "socket"
    return "special file"


def _reason(exc: OSError) -> str:
    if exc.errno == errno.ENAMETOOLONG:
        return "the file name is too long"
    return str(exc.strerror or exc)
