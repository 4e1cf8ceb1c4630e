"""A pack's compiled code: emitted, checked, compiled without builtins, and cached per user.

The cache lives in ``$HONORABLE_EXIT_CACHE``, else ``$XDG_CACHE_HOME/honorable-exit``,
else ``~/.cache/honorable-exit`` (never in a pack folder). An entry is keyed by the
generator's and the integer form's versions, the game's version, the Python
bytecode tag, and the pack's and mods' content hashes; it holds the integer form
and the marshalled code behind an Adler-32 checksum. A corrupt, stale or unwritable cache
falls back to building in memory, with a note saying so: never a crash.
"""

from __future__ import annotations

import hashlib
import marshal
import os
import sys
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from types import CodeType
from typing import Any

from game import __version__
from game.content.packhash import content_hash
from game.engine.runtime import Runtime
from game.fast.emit import GENERATOR_VERSION, Emitter
from game.fast.ir import IR_VERSION, PackIR, build_ir
from game.fast.whitelist import check

MAGIC = b"HXFAST5\n"  # then an Adler-32 of the rest (a cache: it guards against damage, not attack)


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


def load_compiled(rt: Runtime, *, use_cache: bool = True) -> Compiled:
    """The runtime's compiled pack: from the cache if it holds it, else built (and cached)."""
    import time

    start = time.perf_counter()
    notes: list[str] = []
    path = cache_dir() / f"pack-{cache_key(rt)}.bin" if use_cache else None
    if path is not None:
        loaded = _read(path, notes)
        if loaded is not None:
            ir, module = loaded
            done = Compiled(ir, run_module(module), "cached", notes)
            done.seconds = time.perf_counter() - start
            return done
    ir = build_ir(rt)
    module = generate(ir)
    if path is not None:
        _write(path, ir, module, notes)
    done = Compiled(ir, run_module(module), "built", notes)
    done.seconds = time.perf_counter() - start
    return done


def _read(path: Path, notes: list[str]) -> tuple[PackIR, Module] | None:
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError as exc:
        notes.append(f"the compiled-pack cache could not be read ({exc}); built in memory")
        return None
    body, check_sum = data[len(MAGIC) + 4:], data[len(MAGIC):len(MAGIC) + 4]
    if not data.startswith(MAGIC) or zlib.adler32(body).to_bytes(4, "little") != check_sum:
        notes.append(f"the cached compiled pack {path.name} was corrupt; built again")
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


def _write(path: Path, ir: PackIR, module: Module, notes: list[str]) -> None:
    payload = marshal.dumps((ir.header, ir.code, ir.tables, ir.names, module.floats, module.code,
                             module.aliases))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        tmp.write_bytes(MAGIC + zlib.adler32(payload).to_bytes(4, "little") + payload)
        os.replace(tmp, path)
    except OSError as exc:
        notes.append(f"the compiled pack could not be cached in {path.parent} ({exc}); built in memory")

