"""A compiled pack's cache entry: a sealed head, then each function's code apart, read on first call.

Layout: ``MAGIC``, the seal (``game.cachetrust.seal``, bound to the entry's name)
of what follows it up to the body, the head's length (8 bytes, little-endian),
the head, then the body. The head is marshalled: the integer form (header,
code, tables, names), the float constants, the aliases, and the functions'
names, the end of each one's code in the body and the SHA-256 of that code (32
bytes each, one after the other). The body is every function's code, each
marshalled apart.

A load checks the seal over the head, and so over every function's digest,
before any of it is used; it unmarshals only the head, and defines each function
with a stand-in code (``_first_call``). A function's first call checks its own
bytes against its sealed digest, unmarshals them and puts the code in the
function's place (``__code__``): the function objects the flat engine keeps
are the same, and from the next call on run as if defined by the module. A
campaign that never calls a function (the native kernel calls none) never reads
its code. Where a function's bytes do not match their digest, the whole module is
built again from the (sealed) integer form, the functions that are not yet
read take their code from it, and the caller is told (``Lazy.broken``).
"""

from __future__ import annotations

import hashlib
import marshal
from collections.abc import Callable
from types import CodeType, FunctionType
from typing import Any

MAGIC = b"HXFAST7\n"
LENGTH = 8  # bytes of the head's length
DIGEST = 32  # a SHA-256 (the seal, an HMAC-SHA256, is as long)
Holds = Callable[[memoryview, bytes], bool]  # whether the seal (the bytes) of the sealed part holds


class Corrupt(ValueError):
    """An entry whose layout does not hold (truncated, or not one this game wrote)."""


def pack_entry(head: tuple[Any, ...], codes: list[CodeType],
               seal: Callable[[bytes], bytes]) -> bytes:
    """An entry's bytes: ``head`` (the integer form, floats, aliases) and the functions' ``codes``."""
    blobs = [marshal.dumps(code) for code in codes]
    ends, at = [], 0
    for blob in blobs:
        at += len(blob)
        ends.append(at)
    digests = b"".join(hashlib.sha256(blob).digest() for blob in blobs)
    sealed = marshal.dumps((*head, tuple(code.co_name for code in codes), ends, digests))
    sealed = len(sealed).to_bytes(LENGTH, "little") + sealed
    return MAGIC + seal(sealed) + sealed + b"".join(blobs)


def open_entry(data: bytes, holds: Holds) -> tuple[tuple[Any, ...], Lazy] | None:
    """The head and the lazily read functions of an entry's bytes; None when its seal does not hold
    (``holds(sealed part, seal)``); Corrupt when it is sealed but does not read."""
    if not data.startswith(MAGIC) or len(data) < len(MAGIC) + DIGEST + LENGTH:
        return None
    start = len(MAGIC) + DIGEST
    size = int.from_bytes(data[start:start + LENGTH], "little")
    body = start + LENGTH + size
    view = memoryview(data)  # slices of it are not copies
    if body > len(data) or not holds(view[start:body], data[len(MAGIC):start]):
        return None
    try:
        *head, names, ends, digests = marshal.loads(view[start + LENGTH:body])
    except (ValueError, EOFError, TypeError) as exc:
        raise Corrupt(str(exc)) from exc
    if not (len(names) == len(ends) and len(digests) == DIGEST * len(ends)
            and len(data) - body == (ends[-1] if ends else 0)):
        raise Corrupt("its functions' table does not match its body")
    return tuple(head), Lazy(view[body:], names, ends, digests)


def _first_call(*args: Any, name: str = "") -> Any:
    """Stand-in code of a function not read yet: read it (``L``, the module's reader), then call it."""
    return L(name)(*args)  # type: ignore[name-defined]  # noqa: F821  # L is in the module's globals


STAND_IN = _first_call.__code__


class Lazy:
    """The functions of an entry's body, each read from its bytes on its first call."""

    def __init__(self, body: memoryview, names: tuple[str, ...], ends: list[int], digests: bytes) -> None:
        self.body, self.names, self.ends, self.digests = body, names, ends, digests
        self.at = {name: i for i, name in enumerate(names)}
        self.namespace: dict[str, Any] = {}
        self.rebuild: Callable[[], dict[str, CodeType]] | None = None
        self.broken: Callable[[str], None] | None = None

    def define(self, namespace: dict[str, Any], rebuild: Callable[[], dict[str, CodeType]],
               broken: Callable[[str], None]) -> dict[str, Any]:
        """Define every function in ``namespace`` with the stand-in code; the functions by name.
        ``rebuild`` gives every function's code built afresh; ``broken`` is told why it was needed."""
        self.namespace, self.rebuild, self.broken = namespace, rebuild, broken
        namespace["L"] = self.read
        functions = {}
        for name in self.names:
            fn = FunctionType(STAND_IN, namespace, name)
            fn.__kwdefaults__ = {"name": name}
            namespace[name] = functions[name] = fn
        return functions

    def read(self, name: str) -> FunctionType:
        """Put the function's own code in its place (checked against its sealed digest); the function."""
        fn: FunctionType = self.namespace[name]
        if fn.__code__ is not STAND_IN:
            return fn
        i = self.at[name]
        blob = self.body[self.ends[i - 1] if i else 0:self.ends[i]]
        code = None
        if hashlib.sha256(blob).digest() == self.digests[DIGEST * i:DIGEST * (i + 1)]:
            try:
                code = marshal.loads(blob)
            except (ValueError, EOFError, TypeError):
                code = None
        if isinstance(code, CodeType) and code.co_name == name and not code.co_freevars:
            _place(fn, code)
        else:
            self._rebuilt(f"the code of {name} does not match its seal")
        return fn

    def _rebuilt(self, why: str) -> None:
        """Give every function not read yet its code from the module built afresh."""
        assert self.rebuild is not None and self.broken is not None
        fresh = self.rebuild()
        for name in self.names:
            fn = self.namespace[name]
            if fn.__code__ is STAND_IN:
                _place(fn, fresh[name])
        self.broken(why)


def _place(fn: FunctionType, code: CodeType) -> None:
    fn.__code__ = code
    fn.__kwdefaults__ = None
    fn.__qualname__ = code.co_qualname
