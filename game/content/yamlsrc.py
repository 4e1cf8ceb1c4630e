"""Strict YAML reading that keeps the position of every node.

The event stream of PyYAML's safe parser (libyaml where present) is turned
into plain Python values by our own builder, so that we control typing:
duplicate keys, anchors, aliases, merge keys and explicit tags are errors;
only ``true``/``false`` are booleans; nothing becomes a date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, NamedTuple

import yaml

from game.content.diagnostics import Diagnostic

try:  # libyaml is much faster where present
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the build of PyYAML
    _Loader = yaml.SafeLoader

Path = tuple[str | int, ...]

_INT = re.compile(r"^[-+]?(0|[1-9][0-9_]*)$")
_FLOAT = re.compile(r"^[-+]?([0-9][0-9_]*)?\.[0-9]+([eE][-+]?[0-9]+)?$")
_NULL = {"null", "~", ""}


class Pos(NamedTuple):
    """A 1-based line and column, and the scalar style when it is a scalar."""

    line: int
    column: int
    style: str | None = None


@dataclass(slots=True)
class Document:
    """A YAML file read into plain values with the position of each path."""

    file: str
    data: Any
    values: dict[Path, Pos] = field(default_factory=dict)
    keys: dict[Path, Pos] = field(default_factory=dict)

    def pos(self, path: Path, *, key: bool = False) -> Pos:
        """The position of the deepest known node along ``path``."""
        table = self.keys if key else self.values
        for cut in range(len(path), -1, -1):
            found = table.get(path[:cut]) or self.values.get(path[:cut])
            if found is not None:
                return found
        return Pos(1, 1)


def _mark(mark: Any, style: str | None = None) -> Pos:
    return Pos(mark.line + 1, mark.column + 1, style)


def _scalar(event: Any) -> Any:
    """Type a scalar: plain scalars may be null, bool, int or float; all else is text."""
    if event.style not in (None, "") or not event.implicit[0]:
        return event.value
    text = event.value
    if text in _NULL:
        return None
    if text in ("true", "false"):
        return text == "true"
    if _INT.match(text):
        return int(text.replace("_", ""))
    if _FLOAT.match(text):
        return float(text.replace("_", ""))
    return text


class _Builder:
    """Builds values from the event stream, recording positions and errors."""

    def __init__(self, file: str, events: Any) -> None:
        self.file = file
        self.events = events
        self.doc = Document(file, None)
        self.errors: list[Diagnostic] = []

    def error(self, pos: Pos, code: str, message: str, hint: str | None = None) -> None:
        self.errors.append(Diagnostic(self.file, pos.line, pos.column, code, message, hint))

    def build(self) -> Document:
        documents = 0
        for event in self.events:
            if isinstance(event, yaml.DocumentStartEvent):
                documents += 1
                if documents > 1:
                    self.error(_mark(event.start_mark), "yaml-multiple-documents",
                               "a content file holds one YAML document")
                    break
                self.doc.data = self.node(next(self.events), ())
        return self.doc

    def check_node(self, event: Any, pos: Pos) -> None:
        if getattr(event, "anchor", None):
            self.error(pos, "yaml-anchor", f"anchors are not allowed (&{event.anchor})",
                       "write the value out in full; content files are read without anchors")
        tag = getattr(event, "tag", None)
        if tag is not None:
            self.error(pos, "yaml-tag", f"explicit tags are not allowed ({tag})",
                       "remove the tag; quote the value if it should be text")

    def node(self, event: Any, path: Path) -> Any:
        pos = _mark(event.start_mark, getattr(event, "style", None) or None)
        self.doc.values[path] = pos
        if isinstance(event, yaml.AliasEvent):
            self.error(pos, "yaml-alias", f"aliases are not allowed (*{event.anchor})",
                       "write the value out in full")
            return None
        self.check_node(event, pos)
        if isinstance(event, yaml.ScalarEvent):
            return _scalar(event)
        if isinstance(event, yaml.SequenceStartEvent):
            items: list[Any] = []
            for item in iter(self.events.__next__, None):
                if isinstance(item, yaml.SequenceEndEvent):
                    break
                items.append(self.node(item, (*path, len(items))))
            return items
        return self.mapping(path)

    def mapping(self, path: Path) -> dict[str, Any]:
        result: dict[str, Any] = {}
        seen: dict[str, Pos] = {}
        for key_event in iter(self.events.__next__, None):
            if isinstance(key_event, yaml.MappingEndEvent):
                break
            key_pos = _mark(key_event.start_mark)
            if not isinstance(key_event, yaml.ScalarEvent):
                self.error(key_pos, "yaml-key", "mapping keys must be plain text")
                self.node(key_event, (*path, "?"))
                self.node(next(self.events), (*path, "?"))
                continue
            key = str(key_event.value)
            if key == "<<" and not key_event.style:
                self.error(key_pos, "yaml-merge", "merge keys (<<) are not allowed",
                           "write the keys out in full")
            if key in seen:
                first = seen[key]
                self.error(key_pos, "duplicate-key",
                           f"duplicate key '{key}' (first defined at line {first.line}, "
                           f"column {first.column}; repeated at line {key_pos.line})")
            seen.setdefault(key, key_pos)
            self.doc.keys[(*path, key)] = key_pos
            value = self.node(next(self.events), (*path, key))
            result.setdefault(key, value)
        return result


def read_yaml(text: str, file: str) -> tuple[Document, list[Diagnostic]]:
    """Read one YAML text strictly; return the document and any diagnostics."""
    builder = _Builder(file, iter(yaml.parse(text, Loader=_Loader)))
    try:
        doc = builder.build()
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = _mark(mark) if mark is not None else Pos(1, 1)
        message = exc.problem or "invalid YAML"
        if exc.context:
            message = f"{exc.context}: {message}"
        builder.errors.append(Diagnostic(file, pos.line, pos.column, "yaml-syntax", message))
        doc = Document(file, None)
    except yaml.YAMLError as exc:  # reader errors (bad characters) carry no mark
        builder.errors.append(Diagnostic(file, 1, 1, "yaml-syntax", str(exc)))
        doc = Document(file, None)
    return doc, builder.errors
