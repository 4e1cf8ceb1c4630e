"""A per-user cache of content files as the strict YAML reader built them, keyed by the text's hash.

Reading YAML is most of the time it takes to load a pack that has not changed
since the last run: ``validate``, ``play``, ``simulate`` and ``lint`` all read
every file. The reader's output for a text that read without any problem (plain
dicts, lists, strings, numbers, booleans and None) is kept, marshalled behind a
SHA-256 checksum, in ``$HONORABLE_EXIT_CACHE`` (else ``$XDG_CACHE_HOME`` or
``~/.cache``) ``/honorable-exit/parsed``, never in a pack folder. The key
holds the text itself (its hash), this reader's version and PyYAML's, so a
changed file, reader or parser is simply read again. A file with any problem is
never cached: it is read, and its problems reported, every time. Where a
later check needs a position in a cached file, the reader reads its text again
for the positions alone (``yamlsrc.Document``). A missing, damaged or
unwritable cache only means the file is read; ``HONORABLE_EXIT_PARSE_CACHE=0``
turns the cache off.
"""

from __future__ import annotations

import hashlib
import marshal
import os
from pathlib import Path
from typing import Any

READER_VERSION = 1  # raise when yamlsrc builds different values from the same text
MAGIC = b"HXYAML1\n"
KEEP = 512  # entries kept; past that the oldest half is removed


def folder() -> Path:
    """The cache's folder."""
    env = os.environ.get("HONORABLE_EXIT_CACHE")
    if env:
        return Path(env) / "parsed"
    xdg = os.environ.get("XDG_CACHE_HOME")
    return (Path(xdg) if xdg else Path.home() / ".cache") / "honorable-exit" / "parsed"


def enabled() -> bool:
    """Whether the cache is used (``HONORABLE_EXIT_PARSE_CACHE=0`` turns it off)."""
    return os.environ.get("HONORABLE_EXIT_PARSE_CACHE", "1") != "0"


def _path(text: str, parser: str) -> Path:
    digest = hashlib.sha256(f"{READER_VERSION}|{parser}|".encode())
    digest.update(text.encode("utf-8", "surrogatepass"))
    return folder() / f"{digest.hexdigest()[:40]}.bin"


def load(text: str, parser: str) -> tuple[bool, Any]:
    """(True, the values) when the text was read before without a problem, else (False, None)."""
    if not enabled():
        return False, None
    try:
        data = _path(text, parser).read_bytes()
    except (OSError, ValueError):
        return False, None
    body = data[len(MAGIC) + 32:]
    if not data.startswith(MAGIC) or hashlib.sha256(body).digest() != data[len(MAGIC):len(MAGIC) + 32]:
        return False, None
    try:
        return True, marshal.loads(body)
    except (ValueError, EOFError, TypeError):
        return False, None


def store(text: str, parser: str, values: Any) -> None:
    """Keep the values the reader built from a text that read without a problem (never fails)."""
    if not enabled():
        return
    try:
        body = marshal.dumps(values)
        path = _path(text, parser)
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_name(f"{path.stem}.{os.getpid()}.tmp")
        tmp.write_bytes(MAGIC + hashlib.sha256(body).digest() + body)
        os.replace(tmp, path)
        _prune(path.parent)
    except (OSError, ValueError):
        pass


def _prune(where: Path) -> None:
    entries = list(where.glob("*.bin"))
    if len(entries) <= KEEP:
        return
    entries.sort(key=lambda p: p.stat().st_mtime)
    for old in entries[: len(entries) // 2]:
        old.unlink(missing_ok=True)
