"""Where a compiled pack is cached and how its entry is read and written (``game.fast.compiled`` uses it).

Every refusal (a folder or key not to be trusted, an entry of another user's or
that others may write, a seal that does not hold, an entry that does not read)
is a note, and the pack is built in memory: never a crash.
"""

from __future__ import annotations

import hashlib
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from types import CodeType
from typing import Any

from game import __version__
from game.cachetrust import (
    Untrusted,
    check_dir,
    private_dir,
    read_private,
    seal,
    sealed,
    secret,
    write_private,
)
from game.content.packhash import content_hash
from game.engine.runtime import Runtime
from game.fast.cacheentry import Corrupt, Lazy, open_entry, pack_entry
from game.fast.emit import GENERATOR_VERSION
from game.fast.ir import IR_VERSION, PackIR


def cache_dir() -> Path:
    """The user's cache folder for compiled packs."""
    env = os.environ.get("HONORABLE_EXIT_CACHE")
    if env:
        return Path(env)
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "honorable-exit"


def cache_key(rt: Runtime) -> str:
    """The cache key of a runtime's compiled code."""
    mods = getattr(rt.pack, "mods", [])
    text = "|".join([f"gen{GENERATOR_VERSION}", f"ir{IR_VERSION}", __version__,
                     sys.implementation.cache_tag or "", _pack_key(rt),
                     *(f"{m.manifest.id} {m.manifest.version} {m.content_hash}" for m in mods)])
    return hashlib.sha256(text.encode()).hexdigest()[:40]


def _pack_key(rt: Runtime) -> str:
    """What the pack's own files hold: the parse cache's hash of each file's text as the loader read
    it (``Pack.digests``: no file is read or hashed again), else the pack's content hash (its files
    read and hashed now)."""
    digests = getattr(rt.pack, "digests", None)
    if not digests:
        return content_hash(rt)
    return "files " + " ".join(f"{name}={digest}" for name, digest in sorted(digests.items()))


@dataclass(slots=True)
class Store:
    """Where a compiled pack is cached, and the user's key that seals it."""

    path: Path
    key: bytes

    @property
    def label(self) -> str:
        """What the seal binds an entry to: no other sealed entry passes for this one."""
        return f"compiled pack {self.path.name}"


@dataclass(slots=True)
class Entry:
    """A cache entry as read: the integer form, the float constants, the aliases, the functions' code."""

    ir: PackIR
    floats: tuple[float, ...]
    aliases: dict[str, str]
    lazy: Lazy


def find_store(rt: Runtime, notes: list[str]) -> Store | None:
    """The cache entry for the runtime, or None (with a note) where the cache is not to be trusted."""
    folder = cache_dir()
    try:
        check_dir(folder)
    except Untrusted as exc:
        notes.append(f"{exc}: compiled packs are neither read from it nor written to it (chmod 700 "
                     f"{folder}, or remove it); built in memory")
        return None
    except OSError:
        pass  # missing: made when the entry is written (or it says why it cannot be)
    try:
        key = secret()
    except (Untrusted, OSError) as exc:
        why = exc if isinstance(exc, Untrusted) else f"the cache key cannot be read or made ({exc})"
        notes.append(f"{why}: compiled packs are not cached; built in memory")
        return None
    return Store(folder / f"pack-{cache_key(rt)}.bin", key)


def read_entry(store: Store, notes: list[str]) -> Entry | None:
    """The entry, its seal checked over its head (each function's code is checked on its first call);
    None (with a note, unless it is simply missing) when it cannot be used."""
    path = store.path
    try:
        data = read_private(path)
    except FileNotFoundError:
        return None
    except Untrusted as exc:
        notes.append(f"the cached compiled pack {exc}: refused; built again")
        return None
    except OSError as exc:
        notes.append(f"the compiled-pack cache could not be read ({exc}); built in memory")
        return None
    try:
        opened = open_entry(data, lambda part, tag: sealed(store.key, store.label, part, tag))
        if opened is not None:
            (header, ints, tables, names, floats, aliases), lazy = opened
            return Entry(PackIR(header, ints, tables, names), floats, aliases, lazy)
    except (Corrupt, ValueError, TypeError) as exc:
        notes.append(f"the cached compiled pack {path.name} could not be read ({exc}); built again")
        return None
    notes.append(f"the cached compiled pack {path.name} was corrupt or not written here "
                 "(its seal does not hold): refused; built again")
    return None


def write_entry(store: Store, ir: PackIR, floats: tuple[float, ...], aliases: dict[str, str],
                codes: list[CodeType], notes: list[str]) -> None:
    """Cache a compiled pack (its functions' ``codes``), or say why it cannot be."""
    head: tuple[Any, ...] = (ir.header, ir.code, ir.tables, ir.names, floats, aliases)
    try:
        data = pack_entry(head, codes, lambda part: seal(store.key, store.label, part))
        private_dir(store.path.parent)
        write_private(store.path, data)
    except (OSError, Untrusted) as exc:
        notes.append(f"the compiled pack could not be cached in {store.path.parent} ({exc}); built in memory")
