"""A per-user cache of content files as the strict YAML reader built them, keyed by the text's hash.

Reading YAML is most of the time it takes to load a pack that has not changed
since the last run: ``validate``, ``play``, ``simulate`` and ``lint`` all read
every file. The reader's output for a text that read without any problem (plain
dicts, lists, strings, numbers, booleans and None) is kept, marshalled, in
``$HONORABLE_EXIT_CACHE`` (else ``$XDG_CACHE_HOME`` or ``~/.cache``)
``/honorable-exit/parsed``, never in a pack folder. The key holds the text
itself (its hash), this reader's version and PyYAML's, so a changed file, reader
or parser is simply read again. A file with any problem is never cached: it is
read, and its problems reported, every time. Where a later check needs a
position in a cached file, the reader reads its text again for the positions
alone (``yamlsrc.Document``).

An entry cannot run code, but a planted one could change a pack's values, so the
cache trusts only what the user's game wrote, as the compiled-pack cache does
(``game.cachetrust``): the folder is made 0700 and each entry written 0600,
sealed with an HMAC under the user's key and bound to its own name; a folder or
entry that is another user's or that others may write, or whose seal does not
hold, is refused with a note (``take_notes``) and the file is read afresh. A
missing or unwritable cache only means the file is read;
``HONORABLE_EXIT_PARSE_CACHE=0`` turns the cache off.
"""

from __future__ import annotations

import hashlib
import marshal
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

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

READER_VERSION = 2  # raise when yamlsrc builds different values from the same text (2: keys interned)
MAGIC = b"HXYAML2\n"  # then the entry's seal (HMAC-SHA256 under the user's key), then the values
KEEP = 512  # entries kept; past that the oldest half is removed
_notes: list[str] = []  # what was refused, said once each
_last: list[tuple[str, str, str]] = []  # the last text named: (text, parser, name), see _name
_held: dict[Path, bytes | None] = {}  # within ``one_key``: each folder's key, found once
_holding: list[bool] = []


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


def take_notes() -> list[str]:
    """What the cache refused since the last call (each said once), for the command to print."""
    taken = _notes[:]
    _notes.clear()
    return taken


def _note(text: str) -> None:
    if text not in _notes:
        _notes.append(text)


def _name(text: str, parser: str) -> str:
    """The entry's file name: a 160-bit BLAKE2b of the text, the reader's version and the parser
    (BLAKE2b hashes about twice as fast as SHA-256 where the CPU has no SHA instructions). The
    last text's name is kept, so that a text looked up and missed is stored without hashing it again."""
    if _last and _last[0][0] is text and _last[0][1] == parser:
        return _last[0][2]
    digest = hashlib.blake2b(f"{READER_VERSION}|{parser}|{MAGIC!r}|".encode(), digest_size=20)
    digest.update(text.encode("utf-8", "surrogatepass"))
    name = f"{digest.hexdigest()}.bin"
    _last[:] = [(text, parser, name)]
    return name


def looked_up(text: str) -> str | None:
    """The hash this very text (the same object) was last looked up or stored under, if it was: it
    names the text's content, so the compiled-pack cache keys a pack by its files' hashes without
    reading and hashing them again (``game.fast.packcache``)."""
    if _last and _last[0][0] is text:
        return _last[0][2].removesuffix(".bin")
    return None


@contextmanager
def one_key() -> Iterator[None]:
    """Within it, the folder is checked and the user's key read once, not once a file (a pack's
    files are read within one)."""
    _holding.append(True)
    try:
        yield
    finally:
        _holding.pop()
        if not _holding:
            _held.clear()


def _label(name: str) -> str:
    """What an entry's seal binds it to: no sealed entry passes for another."""
    return f"parsed text {name}"


def _key(where: Path) -> bytes | None:
    """The user's key, when the folder and the key may be trusted (else None, with a note); found
    once within ``one_key``."""
    if not _holding:
        return _find_key(where)
    if where not in _held:
        _held[where] = _find_key(where)
    return _held[where]


def _find_key(where: Path) -> bytes | None:
    try:
        check_dir(where)
    except Untrusted as exc:
        _note(f"{exc}: parsed files are neither read from it nor written to it (chmod 700 {where}, "
              "or remove it); every file is read afresh")
        return None
    except OSError:
        pass  # missing: made when the first entry is written (or not, quietly)
    try:
        return secret()
    except Untrusted as exc:
        _note(f"{exc}: parsed files are not cached; every file is read afresh")
    except OSError:
        pass  # no key can be made (a read-only home): the files are read, as without a cache
    return None


def load(text: str, parser: str) -> tuple[bool, Any]:
    """(True, the values) when the text was read before without a problem, else (False, None)."""
    if not enabled():
        return False, None
    where = folder()
    key = _key(where)
    if key is None:
        return False, None
    name = _name(text, parser)
    try:
        data = read_private(where / name)
    except FileNotFoundError:
        return False, None
    except (Untrusted, OSError) as exc:
        _note(f"the parsed-file cache's entry {exc if isinstance(exc, Untrusted) else name}: refused; "
              "the file is read afresh")
        return False, None
    body, tag = data[len(MAGIC) + SEAL_BYTES:], data[len(MAGIC):len(MAGIC) + SEAL_BYTES]
    if not data.startswith(MAGIC) or not sealed(key, _label(name), body, tag):
        _note(f"the parsed-file cache's entry {name} was corrupt or not written here (its seal does not "
              "hold): refused; the file is read afresh")
        return False, None
    try:
        return True, marshal.loads(body)
    except (ValueError, EOFError, TypeError):  # sealed here, so written by another version of Python
        return False, None


def store(text: str, parser: str, values: Any) -> None:
    """Keep the values the reader built from a text that read without a problem (never fails)."""
    if not enabled():
        return
    where = folder()
    key = _key(where)
    if key is None:
        return
    name = _name(text, parser)
    try:
        body = marshal.dumps(values)
        private_dir(where)
        write_private(where / name, MAGIC + seal(key, _label(name), body) + body)
        _prune(where)
    except (OSError, ValueError, Untrusted):
        pass


def _prune(where: Path) -> None:
    entries = list(where.glob("*.bin"))
    if len(entries) <= KEEP:
        return
    entries.sort(key=lambda p: p.stat().st_mtime)
    for old in entries[: len(entries) // 2]:
        old.unlink(missing_ok=True)
