"""A pack's compiled code: emitted, checked, compiled without builtins, and cached per user.

The cache lives in ``$HONORABLE_EXIT_CACHE``, else ``$XDG_CACHE_HOME/honorable-exit``,
else ``~/.cache/honorable-exit`` (never in a pack folder). An entry is keyed by the
generator's and the integer form's versions, the game's version, the Python
bytecode tag, and the pack's and mods' content hashes; it holds the integer form
and each function's marshalled code, sealed with an HMAC under the user's own key
(``game.cachetrust``: the folder is made 0700 and the entry written 0600; a folder or
entry that is another user's or that others may write, or whose seal does not
hold, is refused). A function's code is read on its first call
(``game.fast.cacheentry``). A corrupt, stale, refused or unwritable cache falls back to
building in memory, with a note saying so: never a crash.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field
from types import CodeType
from typing import Any

from game.engine.runtime import Runtime
from game.fast.emit import Emitter
from game.fast.ir import PackIR, build_ir
from game.fast.packcache import Entry, Store, find_store, read_entry, write_entry
from game.fast.packcache import cache_dir as cache_dir  # re-exported: the native kernel's cache is under it
from game.fast.packcache import cache_key as cache_key  # re-exported
from game.fast.whitelist import check


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


def _namespace(floats: tuple[float, ...]) -> dict[str, Any]:
    """The module's globals: no builtins, the helpers and the float constants."""
    return {"__builtins__": {}, "W": weighted, "S": schedule, "D": divide, "F": floats}


def run_module(module: Module) -> dict[str, Callable[..., Any]]:
    """Run compiled module code without builtins; its functions by name (aliases included)."""
    namespace = _namespace(module.floats)
    exec(module.code, namespace)  # the code passed the whitelist: only the emitter's functions
    functions = {k: v for k, v in namespace.items() if k[:1] in "acdnxwmo" and callable(v)}
    for name, written in module.aliases.items():
        functions[name] = functions[written]
    return functions


def load_compiled(rt: Runtime, *, use_cache: bool = True) -> Compiled:
    """The runtime's compiled pack: from the cache if it holds it, else built (and cached)."""
    start = time.perf_counter()
    notes: list[str] = []
    store = find_store(rt, notes) if use_cache else None
    entry = read_entry(store, notes) if store is not None else None
    if store is not None and entry is not None:
        done = Compiled(entry.ir, _define(store, entry, notes), "cached", notes)
    else:
        ir = build_ir(rt)
        module = generate(ir)
        if store is not None:
            write_entry(store, ir, module.floats, module.aliases, codes(module), notes)
        done = Compiled(ir, run_module(module), "built", notes)
    done.seconds = time.perf_counter() - start
    return done


def codes(module: Module) -> list[CodeType]:
    """The code of each of the module's functions (the module only defines them: the whitelist)."""
    return [c for c in module.code.co_consts if isinstance(c, CodeType)]


def _define(store: Store, entry: Entry, notes: list[str]) -> dict[str, Callable[..., Any]]:
    """The cached functions by name (aliases included), each read on its first call; where one's code
    is damaged, the module is built again from the sealed integer form, and cached afresh."""
    fresh: list[Module] = []

    def rebuild() -> dict[str, CodeType]:
        fresh.append(generate(entry.ir))
        return {c.co_name: c for c in codes(fresh[0])}

    def broken(why: str) -> None:
        notes.append(f"the cached compiled pack {store.path.name} was damaged ({why}): built again")
        write_entry(store, entry.ir, entry.floats, entry.aliases, codes(fresh[0]), notes)

    functions: dict[str, Callable[..., Any]] = entry.lazy.define(_namespace(entry.floats), rebuild, broken)
    for name, written in entry.aliases.items():
        functions[name] = functions[written]
    return functions
