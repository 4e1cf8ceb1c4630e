"""A pack's compiled code: emitted, checked, compiled without builtins, and cached per user.

The cache lives in ``$HONORABLE_EXIT_CACHE``, else ``$XDG_CACHE_HOME/honorable-exit``,
else ``~/.cache/honorable-exit`` (never in a pack folder). An entry is keyed by the
generator's and the integer form's versions, the game's version, the Python
bytecode tag, and the pack's and mods' content hashes; it holds the integer form
and the marshalled code, sealed with an HMAC under the user's own key
(``game.cachetrust``: the folder is made 0700 and the entry written 0600; a folder or
entry that is another user's or that others may write, or whose seal does not
hold, is refused). A corrupt, stale, refused or unwritable cache falls back to
building in memory, with a note saying so: never a crash.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import CodeType
from typing import Any

from game import __version__
from game.cachetrust import (
    SEAL_BYTES,
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
from game.fast.emit import GENERATOR_VERSION, Emitter
from game.fast.ir import IR_VERSION, PackIR, build_ir
from game.fast.whitelist import check

MAGIC = b"HXFAST6\n"  # then the HMAC-SHA256 seal of the rest under the user's key (game.cachetrust)


@dataclass(slots=True)
class Compiled:
    """A pack's integer form and its compiled functions, by code offset."""

    ir: PackIR
    functions: dict[str, Callable[..., Any]]
    status: str  # "built" or "cached"
    notes: list[str] = field(default_factory=list)
    seconds: float = 0.0

    def cond(self, at: int) -> Callable[[list[int]], bool] | None:
        """Condition ``at``'s function (None for -1: always true)."""
        return None if at < 0 else self.functions[f"c{at}"]

    def block(self, at: int) -> Callable[[list[int], list[Any]], None]:
        """Effect sequence ``at``'s function."""
        return self.functions[f"x{at}"]

    def formula(self, at: int) -> Callable[[list[int]], float]:
        """Formula ``at``'s function."""
        return self.functions[f"n{at}"]


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
                     sys.implementation.cache_tag or "", content_hash(rt),
                     *(f"{m.manifest.id} {m.manifest.version} {m.content_hash}" for m in mods)])
    return hashlib.sha256(text.encode()).hexdigest()[:40]


def weighted(k: list[Any], weights: tuple[int, ...]) -> int:
    """The helper ``W``: a weighted pick with the context's generator (derived on first use
    from the campaign's ``Seeded``, the turn and the stream)."""
    rng = k[0]
    if rng is None:
        rng = k[0] = k[1].rng(k[2], k[3])
    pick: int = rng.weighted(weights)
    return pick


def schedule(k: list[Any], due: int, which: int, index: int) -> None:
    """The helper ``S``: put an event (0) or a block (1) on the scheduled list."""
    k[4].append((due, which, index))


def divide(a: float, b: float) -> float:
    """The helper ``D``: the engine's division."""
    return a / b if b else 0


@dataclass(slots=True)
class Module:
    """A pack's compiled module: its code, float constants and the names of equal functions."""

    code: CodeType
    floats: tuple[float, ...]
    aliases: dict[str, str]


def generate(ir: PackIR) -> Module:
    """Emit, check and compile a pack's module."""
    emitter = Emitter(ir)
    source = emitter.module()
    tree = check(source)
    return Module(compile(tree, "<pack>", "exec"), tuple(emitter.floats), emitter.aliases)


def run_module(module: Module) -> dict[str, Callable[..., Any]]:
    """Run compiled module code without builtins; its functions by name (aliases included)."""
    namespace: dict[str, Any] = {"__builtins__": {}, "W": weighted, "S": schedule, "D": divide,
                                 "F": module.floats}
    exec(module.code, namespace)  # the code passed the whitelist: only the emitter's functions
    functions = {k: v for k, v in namespace.items() if k[:1] in "acdnxwm" and callable(v)}
    for name, written in module.aliases.items():
        functions[name] = functions[written]
    return functions


@dataclass(slots=True)
class Store:
    """Where a compiled pack is cached, and the user's key that seals it."""

    path: Path
    key: bytes

    @property
    def label(self) -> str:
        """What the seal binds an entry to: no other sealed entry passes for this one."""
        return f"compiled pack {self.path.name}"


def load_compiled(rt: Runtime, *, use_cache: bool = True) -> Compiled:
    """The runtime's compiled pack: from the cache if it holds it, else built (and cached)."""
    import time

    start = time.perf_counter()
    notes: list[str] = []
    store = _store(rt, notes) if use_cache else None
    if store is not None:
        loaded = _read(store, notes)
        if loaded is not None:
            ir, module = loaded
            done = Compiled(ir, run_module(module), "cached", notes)
            done.seconds = time.perf_counter() - start
            return done
    ir = build_ir(rt)
    module = generate(ir)
    if store is not None:
        _write(store, ir, module, notes)
    done = Compiled(ir, run_module(module), "built", notes)
    done.seconds = time.perf_counter() - start
    return done


def _store(rt: Runtime, notes: list[str]) -> Store | None:
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


def _read(store: Store, notes: list[str]) -> tuple[PackIR, Module] | None:
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
    body, tag = data[len(MAGIC) + SEAL_BYTES:], data[len(MAGIC):len(MAGIC) + SEAL_BYTES]
    if not data.startswith(MAGIC) or not sealed(store.key, store.label, body, tag):
        notes.append(f"the cached compiled pack {path.name} was corrupt or not written here "
                     "(its seal does not hold): refused; built again")
        return None
    try:
        header, ints, tables, names, floats, compiled, aliases = marshal.loads(body)
        ir = PackIR(header, ints, tables, names)
    except (ValueError, EOFError, TypeError) as exc:
        notes.append(f"the cached compiled pack {path.name} could not be read ({exc}); built again")
        return None
    if not isinstance(compiled, CodeType):
        notes.append(f"the cached compiled pack {path.name} holds no code; built again")
        return None
    return ir, Module(compiled, floats, aliases)


def _write(store: Store, ir: PackIR, module: Module, notes: list[str]) -> None:
    payload = marshal.dumps((ir.header, ir.code, ir.tables, ir.names, module.floats, module.code,
                             module.aliases))
    try:
        private_dir(store.path.parent)
        write_private(store.path, MAGIC + seal(store.key, store.label, payload) + payload)
    except (OSError, Untrusted) as exc:
        notes.append(f"the compiled pack could not be cached in {store.path.parent} ({exc}); built in memory")
