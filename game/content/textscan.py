"""Checks of a content file's raw text before YAML reads it, each placed at its line and column.

The YAML reader reports a bad byte or character only by its offset in the stream, and a
second document only where the parser stumbles over it, often far below; these checks say
exactly where the problem is.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from game.boundedio import TooLarge
from game.content.diagnostics import Diagnostic
from game.content.limits import MAX_FILE_BYTES, MAX_TEXT_CHARS

# what YAML forbids in a stream: C0 controls but tab, LF and CR; DEL; C1 controls but NEL;
# surrogates; the two non-characters U+FFFE and U+FFFF
_FORBIDDEN = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x84\x86-\x9f\ud800-\udfff\ufffe\uffff]")
# a document start marker: '---' at the start of a line, alone or followed by a space
_MARKER = re.compile(r"^---(?=[ \t\r]|$)", re.MULTILINE)
_CONTENT = re.compile(r"^[ \t]*[^#\s%]", re.MULTILINE)  # a line with something other than a comment
# the characters of _FORBIDDEN below U+0080, as bytes
_FORBIDDEN_ASCII = bytes(c for c in range(0x80) if _FORBIDDEN.match(chr(c)))


def _may_hold_forbidden(text: str) -> bool:
    """False only when the text surely holds no character _FORBIDDEN matches (a test at the speed
    of a copy, where the expression takes ~20 ns a character).

    In UTF-8 a character below U+0080 is its own byte and no other character's bytes fall below
    0x80; the C1 controls (U+0080-U+009F) are 0xC2 then one byte, U+FFFE and U+FFFF are 0xEF 0xBF
    then one byte; a surrogate cannot be encoded at all.
    """
    try:
        data = text.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate
        return True
    return (len(data.translate(None, _FORBIDDEN_ASCII)) != len(data)
            or b"\xc2" in data or b"\xef\xbf" in data)


def _markers(text: str) -> Iterator[int]:
    """The offsets where _MARKER matches, found from each '---' that starts the text or a line (a
    scan at the speed of a search for a word, where _MARKER.finditer tries every position; '^'
    with MULTILINE matches only there, and a ruler of dashes in a comment is passed over whole)."""
    if _MARKER.match(text):
        yield 0
    at = text.find("\n---")
    while at >= 0:
        if _MARKER.match(text, at + 1):  # '^' still means the start of a line here
            yield at + 1
        at = text.find("\n---", at + 4)


def position(text: str, offset: int) -> tuple[int, int]:
    """The 1-based line and column of a character offset."""
    line = text.count("\n", 0, offset) + 1
    return line, offset - (text.rfind("\n", 0, offset) + 1) + 1


def decode(data: bytes, file: str) -> tuple[str | None, Diagnostic | None]:
    """The file's text as UTF-8, or the position of its first byte that is not UTF-8."""
    try:
        return data.decode("utf-8"), None
    except UnicodeDecodeError as exc:
        start = exc.start
        line = data.count(b"\n", 0, start) + 1
        line_start = data.rfind(b"\n", 0, start) + 1
        column = len(data[line_start:start].decode("utf-8", errors="replace")) + 1
        return None, Diagnostic(file, line, column, "not-utf8",
                                f"byte 0x{data[start]:02x} is not UTF-8 text",
                                "save the file as UTF-8")


def scan_text(text: str, file: str) -> Diagnostic | None:
    """The first forbidden character, or a second YAML document, in a file's text."""
    bad = _FORBIDDEN.search(text) if _may_hold_forbidden(text) else None
    if bad is not None:
        line, column = position(text, bad.start())
        return Diagnostic(file, line, column, "control-character",
                          f"the character U+{ord(bad.group()):04X} is not allowed in a content file",
                          "remove it; text in a pack is plain, printable characters")
    content = _CONTENT.search(text)
    for marker in _markers(text):
        if content is None or content.start() >= marker:
            continue  # the one document's own start marker, before any content
        line, column = position(text, marker)
        return Diagnostic(file, line, column, "yaml-multiple-documents",
                          "a second YAML document starts here ('---'): a content file holds one document",
                          "remove the marker, or move what follows into another file")
    return None


def too_large(file: str, exc: TooLarge) -> Diagnostic:
    """A file over the size bound, placed at its first overlong line when it has one."""
    hint = f"a content file holds at most {MAX_FILE_BYTES // 1024 ** 2} MB; split a large pack into files"
    start = 0
    while start < len(exc.head):
        end = exc.head.find(b"\n", start)
        end = len(exc.head) if end < 0 else end
        if end - start > MAX_TEXT_CHARS * 4:  # UTF-8 takes at most 4 bytes a character
            line = exc.head.count(b"\n", 0, start) + 1
            return Diagnostic(file, line, 1, "too-large",
                              f"line {line} is more than {(end - start) // 1024:,} kB long and the file "
                              f"is too large to read ({exc})", hint)
        start = end + 1
    return Diagnostic(file, 1, 1, "too-large", f"cannot read the file: {exc}", hint)
