"""The YAML parser's side of strict reading: PyYAML's events turned into plain values, and positions.

Imported only when a text is parsed (``yamlsrc.read_yaml`` on a parse-cache miss) or when an
error needs positions: a pack read from the parse cache without error never imports PyYAML.
"""

from __future__ import annotations

import re
from sys import intern
from typing import Any

import yaml

from game.content import parsecache
from game.content.diagnostics import Diagnostic
from game.content.limits import MAX_NUMBER, MAX_NUMBER_CHARS, MAX_TEXT_CHARS, MAX_YAML_DEPTH
from game.content.yamlsrc import TOO_LARGE, Document, Path, Pos

try:  # libyaml is much faster where present
    _Loader: type = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - depends on the build of PyYAML
    _Loader = yaml.SafeLoader
# what built the values, for the parse cache's key: another parser or PyYAML may read a text otherwise
# (``yamlsrc.installed_parser`` names it the same way from PyYAML's files, without importing it)
PARSER = f"{_Loader.__name__} {yaml.__version__}"

_INT = re.compile(r"^[-+]?(0|[1-9][0-9_]*)$")
_FLOAT = re.compile(r"^[-+]?([0-9][0-9_]*)?\.[0-9]+([eE][-+]?[0-9]+)?$")
_NULL = {"null", "~", ""}
MAX_KEY_CHARS = 200


def events_of(text: str) -> list[Any]:
    """The parser events of a text that read without a problem before (for its positions)."""
    return list(yaml.parse(text, Loader=_Loader))


def positions(events: list[Any], values: dict[Path, Pos], keys: dict[Path, Pos]) -> None:
    """Record the position of every node (``values``) and mapping key (``keys``) of the events."""
    _Positions(events, values, keys).build()


def _mark(mark: Any, style: str | None = None) -> Pos:
    return Pos(mark.line + 1, mark.column + 1, style)


class _Refused(Exception):
    """A scalar the format refuses (a number too large, a text too long): the reason."""

    def __init__(self, reason: str, stand_in: object) -> None:
        super().__init__(reason)
        self.stand_in = stand_in


def _scalar(event: Any) -> Any:
    """Type a scalar: plain scalars may be null, bool, int or float; all else is text."""
    if len(event.value) > MAX_TEXT_CHARS:
        raise _Refused(f"a text of {len(event.value):,} characters: a text in a pack holds at most "
                       f"{MAX_TEXT_CHARS:,}", event.value[:MAX_TEXT_CHARS])
    if event.style not in (None, "") or not event.implicit[0]:
        return event.value
    text = event.value
    if text in _NULL:
        return None
    if text in ("true", "false"):
        return text == "true"
    if _INT.match(text):
        return _bounded(text, int)
    if _FLOAT.match(text):
        return _bounded(text, float)
    return text


def _bounded(text: str, kind: type[int] | type[float]) -> int | float:
    digits = text.replace("_", "")
    shown = digits if len(digits) <= 24 else f"{digits[:12]}... ({len(digits):,} digits)"
    if len(digits.lstrip("+-")) > MAX_NUMBER_CHARS or not abs(kind(digits)) <= MAX_NUMBER:
        stand_in = -MAX_NUMBER if digits.startswith("-") else MAX_NUMBER
        raise _Refused(f"the number {shown} is too large: numbers in a pack lie between "
                       f"-{MAX_NUMBER:,} and {MAX_NUMBER:,}", stand_in)
    return kind(digits)


_Scalar, _Alias = yaml.ScalarEvent, yaml.AliasEvent
_SeqStart, _SeqEnd = yaml.SequenceStartEvent, yaml.SequenceEndEvent
_MapStart, _MapEnd = yaml.MappingStartEvent, yaml.MappingEndEvent


class _Builder:
    """Builds plain values from the event stream, and reports what the format forbids.

    This is the hot path of loading a pack, so it records no positions (see
    ``_Positions``) and dispatches on the exact event type.
    """

    def __init__(self, file: str, events: list[Any]) -> None:
        self.file = file
        self.events = events
        self.errors: list[Diagnostic] = []
        self.depth = 0

    def error(self, mark: Any, code: str, message: str, hint: str | None = None) -> None:
        self.errors.append(Diagnostic(self.file, mark.line + 1, mark.column + 1, code, message, hint))

    def build(self) -> Any:
        data = None
        documents = 0
        events = iter(self.events)
        for event in events:
            if type(event) is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    self.error(event.start_mark, "yaml-multiple-documents",
                               "a content file holds one YAML document")
                    break
                data = self.node(next(events), events.__next__)
        return data

    def odd(self, event: Any) -> None:
        """Report an anchor or an explicit tag on a node."""
        if event.anchor:
            self.error(event.start_mark, "yaml-anchor", f"anchors are not allowed (&{event.anchor})",
                       "write the value out in full; content files are read without anchors")
        if event.tag is not None:
            self.error(event.start_mark, "yaml-tag", f"explicit tags are not allowed ({event.tag})",
                       "remove the tag; quote the value if it should be text")

    def scalar(self, event: Any) -> Any:
        if event.anchor or event.tag is not None:
            self.odd(event)
        try:
            return _scalar(event)
        except _Refused as exc:  # reported; a stand-in value lets the rest of the file be checked
            self.error(event.start_mark, TOO_LARGE, str(exc))
            return exc.stand_in

    def node(self, event: Any, nxt: Any) -> Any:
        kind = type(event)
        if kind is _Scalar:
            return self.scalar(event)
        if kind is _Alias:
            self.error(event.start_mark, "yaml-alias", f"aliases are not allowed (*{event.anchor})",
                       "write the value out in full")
            return None
        if event.anchor or event.tag is not None:
            self.odd(event)
        self.depth += 1
        if self.depth > MAX_YAML_DEPTH:
            self.error(event.start_mark, "too-deep", f"lists and mappings nested more than "
                                                     f"{MAX_YAML_DEPTH} levels deep")
            raise _TooDeep
        try:
            return self.items(nxt) if kind is _SeqStart else self.mapping(nxt)
        finally:
            self.depth -= 1

    def items(self, nxt: Any) -> list[Any]:
        items: list[Any] = []
        item = nxt()
        while type(item) is not _SeqEnd:
            items.append(self.node(item, nxt))
            item = nxt()
        return items

    def mapping(self, nxt: Any) -> dict[str, Any]:
        result: dict[str, Any] = {}
        first: dict[str, Any] = {}
        key_event = nxt()
        while type(key_event) is not _MapEnd:
            if type(key_event) is not _Scalar:
                self.error(key_event.start_mark, "yaml-key", "mapping keys must be plain text")
                self.node(key_event, nxt)
                self.node(nxt(), nxt)
                key_event = nxt()
                continue
            if key_event.anchor or key_event.tag is not None:
                self.odd(key_event)
            key = str(key_event.value)
            if len(key) > MAX_KEY_CHARS:
                self.error(key_event.start_mark, TOO_LARGE, f"a key of {len(key):,} characters "
                                                              f"(keys hold at most {MAX_KEY_CHARS})")
                key = key[:MAX_KEY_CHARS]
            if key in first:
                mark, again = first[key], _mark(key_event.start_mark)
                self.error(key_event.start_mark, "duplicate-key",
                           f"duplicate key '{key}' (first defined at line {mark.line + 1}, "
                           f"column {mark.column + 1}; repeated at line {again.line})")
                self.node(nxt(), nxt)
            else:
                if key == "<<" and not key_event.style:
                    self.error(key_event.start_mark, "yaml-merge", "merge keys (<<) are not allowed",
                               "write the keys out in full")
                first[key] = key_event.start_mark
                # one object per distinct key: the parse cache then marshals a repeated key as a
                # reference, and reads it back without building the string again
                result[intern(key)] = self.node(nxt(), nxt)
            key_event = nxt()
        return result


class _TooDeep(Exception):
    """The document nests deeper than the format allows (already reported)."""


class _Positions:
    """Walks a document's events again to record the position of every node and key."""

    def __init__(self, events: list[Any], values: dict[Path, Pos], keys: dict[Path, Pos]) -> None:
        self.events = iter(events)
        self.values = values
        self.keys = keys

    def build(self) -> None:
        for event in self.events:
            if isinstance(event, yaml.DocumentStartEvent):
                self.node(next(self.events), ())
                return

    def node(self, event: Any, path: Path) -> None:
        self.values.setdefault(path, _mark(event.start_mark, getattr(event, "style", None) or None))
        if isinstance(event, yaml.SequenceStartEvent):
            index, item = 0, next(self.events)
            while not isinstance(item, yaml.SequenceEndEvent):
                self.node(item, (*path, index))
                index, item = index + 1, next(self.events)
        elif isinstance(event, yaml.MappingStartEvent):
            for key_event in iter(self.events.__next__, None):
                if isinstance(key_event, yaml.MappingEndEvent):
                    return
                if not isinstance(key_event, yaml.ScalarEvent):
                    self.node(key_event, (*path, "?"))
                    self.node(next(self.events), (*path, "?"))
                    continue
                key = str(key_event.value)
                self.keys.setdefault((*path, key), _mark(key_event.start_mark))
                self.node(next(self.events), (*path, key))


def parse(text: str, file: str) -> tuple[Document, list[Diagnostic]]:
    """Parse a text (already scanned, not in the parse cache) strictly; keep it in the cache if
    it read without a problem."""
    events: list[Any] = []
    builder = _Builder(file, events)
    try:
        events.extend(yaml.parse(text, Loader=_Loader))
        data = builder.build()
    except _TooDeep:
        return Document(file, None, {}, {}), builder.errors
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        pos = _mark(mark) if mark is not None else Pos(1, 1)
        message = exc.problem or "invalid YAML"
        if exc.context:
            message = f"{exc.context}: {message}"
        opened = exc.context_mark if exc.context_mark is not exc.problem_mark else None
        if opened is not None and _mark(opened) != pos:
            where = _mark(opened)  # where the broken construct began, beside where the reader gave up
            message += f" (the construct began at line {where.line}, column {where.column})"
        builder.errors.append(Diagnostic(file, pos.line, pos.column, "yaml-syntax", message,
                                         _syntax_hint(text, pos, message)))
        return Document(file, None, {}, {}), builder.errors
    except yaml.YAMLError as exc:  # reader errors (bad characters) carry no mark
        builder.errors.append(Diagnostic(file, 1, 1, "yaml-syntax", str(exc)))
        return Document(file, None, {}, {}), builder.errors
    if not builder.errors:
        parsecache.store(text, PARSER, data)
    return Document(file, data, events=events), builder.errors


def _syntax_hint(text: str, pos: Pos, message: str) -> str | None:
    """A hint for the commonest syntax slips: a tab for indentation, an unclosed bracket or quote."""
    lines = text.splitlines()
    line = lines[pos.line - 1] if 0 < pos.line <= len(lines) else ""
    if "\t" in line[: max(pos.column, 1)] or "cannot start any token" in message and "\t" in line:
        return "YAML indents with spaces only: replace the tab with spaces"
    if "flow sequence" in message:
        return "a list written [a, b] needs its closing ]: check the brackets"
    if "flow mapping" in message:
        return "a mapping written {a: 1} must close with }; check the braces"
    if "quoted scalar" in message:
        return "a quoted text must end with the same quote it began with"
    return None
