"""Trust in the per-user caches of code: private folders and files, sealed with a per-user secret.

What the game loads from its cache folder and then runs (a compiled pack's
marshalled code, the native kernel's shared library) is code, so the cache
trusts nothing it did not write itself:

* its folders are made ``0700`` and its files written ``0600`` (atomically);
* a folder, or a file, that is not the current user's or that its group or
  others may write is refused (POSIX; Windows has no such modes, the seal
  below still holds);
* every entry is sealed with an HMAC-SHA256 keyed by a per-user secret that is
  kept outside the cache, in ``$HONORABLE_EXIT_CONFIG``, else
  ``$XDG_CONFIG_HOME/honorable-exit``, else ``~/.config/honorable-exit``, as
  ``cache.key`` (32 random bytes, ``0600``, made on first use); the seal also
  names what the entry is, so that no sealed entry passes for another. A key
  that others may read or replace is refused, and nothing is cached.

Anyone who can write the cache folder can then at worst make the game rebuild;
whoever can read the key is the user already. Callers turn an ``Untrusted``
into a note and build in memory.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import secrets
import stat
from pathlib import Path

KEY_NAME = "cache.key"
KEY_BYTES = 32
SEAL_BYTES = 32  # an HMAC-SHA256
POSIX = hasattr(os, "geteuid")


class Untrusted(Exception):
    """A cache folder, file or key the game did not make itself, or that others may change."""


def config_dir() -> Path:
    """The user's configuration folder for the game (where the cache's key is kept)."""
    env = os.environ.get("HONORABLE_EXIT_CONFIG")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CONFIG_HOME")
    return (Path(xdg) if xdg else Path.home() / ".config") / "honorable-exit"


def key_path() -> Path:
    """Where the per-user secret lives."""
    return config_dir() / KEY_NAME


def fault(st: os.stat_result, *, private: bool = False) -> str | None:
    """Why a folder's or file's status is not to be trusted (None when it is): not the current
    user's, or writable by its group or others (or, ``private``, readable by them at all)."""
    if not POSIX:
        return None
    if st.st_uid != os.geteuid():
        return f"owned by another user (uid {st.st_uid})"
    if st.st_mode & (0o077 if private else 0o022):
        return f"open to {'its group or others' if private else 'writing by its group or others'} " \
               f"(mode {st.st_mode & 0o777:o})"
    return None


def check_dir(folder: Path) -> None:
    """Raise Untrusted if ``folder`` is not the user's own or others may write into it."""
    why = fault(os.stat(folder))
    if why:
        raise Untrusted(f"the folder {folder} is {why}")


def private_dir(folder: Path) -> None:
    """Make ``folder`` 0700 (its parents as usual) if it is missing, then check it (OSError,
    Untrusted); the user's own folder that others may read (an older game's, or one the parse
    cache made) is closed to them."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    check_dir(folder)
    if POSIX and os.stat(folder).st_mode & 0o077:
        os.chmod(folder, 0o700)


def read_private(path: Path) -> bytes:
    """A file's bytes, its owner and mode checked on the open file itself (FileNotFoundError when
    it is missing, Untrusted when it is not a plain file of the user's own that only they may write)."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    with os.fdopen(fd, "rb") as handle:
        st = os.fstat(fd)
        why = fault(st) or (None if stat.S_ISREG(st.st_mode) else "not a plain file")
        if why:
            raise Untrusted(f"{path.name} is {why}")
        return handle.read()


def write_private(path: Path, data: bytes, mode: int = 0o600) -> None:
    """Write ``data`` to ``path`` with ``mode`` through a fresh temporary file (atomic)."""
    tmp = path.with_name(f"{path.name}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)  # a crashed process's leftover of the same id
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), mode)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def secret() -> bytes:
    """The per-user key, made on first use (OSError when it cannot be read nor made; Untrusted
    when others may read or replace it)."""
    path = key_path()
    try:
        key = _read_key(path)
    except FileNotFoundError:
        private_dir(path.parent)
        _make_key(path)
        key = _read_key(path)
    if len(key) != KEY_BYTES:
        raise Untrusted(f"the cache key {path} is not one this game made (remove it to make a new one)")
    return key


def _read_key(path: Path) -> bytes:
    check_dir(path.parent)
    flags = os.O_RDONLY | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags)
    with os.fdopen(fd, "rb") as handle:
        why = fault(os.fstat(fd), private=True)
        if why:
            raise Untrusted(f"the cache key {path} is {why}")
        return handle.read()


def _make_key(path: Path) -> None:
    """Publish a new key whole, without replacing one another process made meanwhile."""
    tmp = path.with_name(f"{KEY_NAME}.{os.getpid()}.tmp")
    tmp.unlink(missing_ok=True)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0), 0o600)
    with os.fdopen(fd, "wb") as handle:
        handle.write(secrets.token_bytes(KEY_BYTES))
    try:
        os.link(tmp, path)
    except FileExistsError:
        pass
    finally:
        tmp.unlink(missing_ok=True)


def seal(key: bytes, label: str, data: bytes | memoryview) -> bytes:
    """The HMAC-SHA256 of ``data`` under ``key``, bound to ``label`` (what the entry is)."""
    mac = hmac.new(key, label.encode() + b"\0", hashlib.sha256)
    mac.update(data)
    return mac.digest()


def sealed(key: bytes, label: str, data: bytes | memoryview, tag: bytes) -> bool:
    """Whether ``tag`` is ``data``'s seal under ``key`` and ``label`` (in constant time)."""
    return hmac.compare_digest(seal(key, label, data), tag)
