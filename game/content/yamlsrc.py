"""Strict YAML reading that keeps the position of every node.

The event stream of PyYAML's safe parser (libyaml where present) is turned
into plain Python values by our own builder (``yamlparse``), so that we control
typing: duplicate keys, anchors, aliases, merge keys and explicit tags are
errors; only ``true``/``false`` are booleans; nothing becomes a date. PyYAML is
imported only to parse a text the parse cache does not hold, or to find the
positions of an error: reading an unchanged pack without error does neither.
"""

from __future__ import annotations

import os
import re
import sys
from typing import Any, NamedTuple

from game.content import parsecache
from game.content.diagnostics import Diagnostic
from game.content.textscan import scan_text

Path = tuple[str | int, ...]

TOO_LARGE = "too-large"  # the code of a refused scalar: reported, but the rest of the file is read
_VERSION = re.compile(r"""^__version__\s*=\s*['"]([^'"]+)['"]""", re.MULTILINE)
_installed: list[str | None] = []  # installed_parser's answer, once found


class Pos(NamedTuple):
    """A 1-based line and column, and the scalar style when it is a scalar."""

    line: int
    column: int
    style: str | None = None


class Document:
    """A YAML file read into plain values, with the position of each path.

    The positions (``values``: of each node; ``keys``: of each mapping key) are
    only needed to report an error, so they are built from the file's parser
    events the first time they are asked for, not while reading (from its text,
    read again, when the values came from the parse cache).
    """

    __slots__ = ("file", "data", "_values", "_keys", "_events", "_text", "digest")

    def __init__(self, file: str, data: Any, values: dict[Path, Pos] | None = None,
                 keys: dict[Path, Pos] | None = None, events: list[Any] | None = None,
                 text: str | None = None) -> None:
        self.file = file
        self.data = data
        self._values = values
        self._keys = keys
        self._events = events
        self._text = text
        self.digest: str | None = None  # the parse cache's hash of the text, when it was looked up

    def _positions(self) -> None:
        values: dict[Path, Pos] = {}
        keys: dict[Path, Pos] = {}
        if self._events is None and self._text is not None:  # it read without a problem before
            from game.content.yamlparse import events_of

            self._events = events_of(self._text)
        if self._events:
            from game.content.yamlparse import positions

            positions(self._events, values, keys)
        self._values, self._keys, self._events, self._text = values, keys, None, None

    @property
    def values(self) -> dict[Path, Pos]:
        """The position of the node at each path."""
        if self._values is None:
            self._positions()
        assert self._values is not None
        return self._values

    @property
    def keys(self) -> dict[Path, Pos]:
        """The position of the key of each mapping entry, by the entry's path."""
        if self._keys is None:
            self._positions()
        assert self._keys is not None
        return self._keys

    def pos(self, path: Path, *, key: bool = False) -> Pos:
        """The position of the deepest known node along ``path``."""
        values = self.values
        table = self.keys if key else values
        for cut in range(len(path), -1, -1):
            found = table.get(path[:cut]) or values.get(path[:cut])
            if found is not None:
                return found
        return Pos(1, 1)


def read_yaml(text: str, file: str) -> tuple[Document, list[Diagnostic]]:
    """Read one YAML text strictly; return the document and any diagnostics."""
    problem = scan_text(text, file)
    if problem is not None:
        return Document(file, None, {}, {}), [problem]
    parser = installed_parser()
    if parser is not None:
        found, cached = parsecache.load(text, parser)
        if found:
            doc = Document(file, cached, text=text)
            doc.digest = parsecache.looked_up(text)
            return doc, []
    from game.content.yamlparse import parse

    doc, errors = parse(text, file)
    doc.digest = parsecache.looked_up(text)
    return doc, errors


def installed_parser() -> str | None:
    """The parser that would read a text, named as ``yamlparse.PARSER`` names it (the parse
    cache's key), found from PyYAML's installed files without importing it; None when they
    cannot be read (the cache is not looked in then).

    Values are only ever stored under the name of the parser that built them
    (``yamlparse.PARSER``), so were this reading wrong (a libyaml build present
    but broken, say), the cache would be missed, never wrongly hit.
    """
    if not _installed:
        _installed.append(_installed_parser())
    return _installed[0]


def _installed_parser() -> str | None:
    if "yaml" in sys.modules:
        from game.content.yamlparse import PARSER

        return PARSER
    from importlib.machinery import EXTENSION_SUFFIXES
    from importlib.util import find_spec

    try:
        spec = find_spec("yaml")
        if spec is None or spec.origin is None or not spec.submodule_search_locations:
            return None
        with open(spec.origin, encoding="utf-8") as init:
            version = _VERSION.search(init.read())
        names = os.listdir(os.path.dirname(spec.origin))
    except (OSError, ValueError, ImportError):
        return None
    if version is None:
        return None
    libyaml = any(n.startswith("_yaml.") and n.endswith(tuple(EXTENSION_SUFFIXES)) for n in names)
    return f"{'CSafeLoader' if libyaml else 'SafeLoader'} {version.group(1)}"


def __getattr__(name: str) -> Any:
    """``PARSER``, the name of the parser that reads texts (imports PyYAML)."""
    if name == "PARSER":
        from game.content.yamlparse import PARSER

        return PARSER
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
