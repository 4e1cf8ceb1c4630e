"""The standard streams of the line mode: closed ones stop with a message, narrow encodings degrade."""

from __future__ import annotations

import codecs
import io
import sys
import unicodedata
from typing import Any

FALLBACK = "honorable-exit-fallback"
# symbols the game and packs use, with ASCII stand-ins (anything else loses its accents, or is '?')
SYMBOLS = {
    "\u2014": "--", "\u2013": "-", "\u2012": "-", "\u2212": "-", "\u2018": "'", "\u2019": "'",
    "\u201c": '"', "\u201d": '"', "\u2026": "...", "\u2192": "->", "\u2190": "<-", "\u2191": "^",
    "\u2193": "v", "\u00b7": "*", "\u2022": "*", "\u25b2": "^", "\u25bc": "v", "\u25b8": ">",
    "\u2713": "v", "\u2714": "v", "\u2717": "x", "\u26a0": "!", "\u27f3": "@", "\u00a0": " ",
    "\u2009": " ", "\u202f": " ", "\u00ab": '"', "\u00bb": '"', "\u2264": "<=", "\u2265": ">=",
    "\u00b1": "+/-", "\u00d7": "x", "\u2248": "~", "\u2260": "!=", "\ufffd": "?",
}


def ascii_fallback(text: str) -> str:
    """The text with each character outside ASCII replaced by a stand-in."""
    out = []
    for ch in text:
        if ch < "\x80":
            out.append(ch)
        elif ch in SYMBOLS:
            out.append(SYMBOLS[ch])
        else:
            plain = unicodedata.normalize("NFKD", ch).encode("ascii", "ignore").decode()
            out.append(plain or "?")
    return "".join(out)


def _fallback(exc: UnicodeError) -> tuple[str, int]:
    if not isinstance(exc, UnicodeEncodeError):
        raise exc
    return ascii_fallback(exc.object[exc.start:exc.end]), exc.end


codecs.register_error(FALLBACK, _fallback)


def prepare_plain() -> str | None:
    """Make stdin and stdout fit for the line mode; the reason it cannot be played, if any."""
    if sys.stdout is None:
        return "standard output is closed: the line mode writes the game to it"
    if sys.stdin is None:
        return "standard input is closed: the line mode reads your answers from it"
    if isinstance(sys.stdout, io.TextIOWrapper):
        sys.stdout.reconfigure(errors=FALLBACK)
    if isinstance(sys.stdin, io.TextIOWrapper):
        sys.stdin.reconfigure(errors="replace")
    return None


MAX_LINE = 4096


class LineGuard:
    """Standard input for the line mode: lines of bounded length, and binary input ends the game.

    Reading ``/dev/zero`` or a binary file line by line would never end, or never find a line.
    """

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self.stopped: str | None = None  # why input was cut short

    def isatty(self) -> bool:
        try:
            return bool(self.stream.isatty())
        except (AttributeError, ValueError, OSError):
            return False

    def readline(self, limit: int = -1) -> str:
        """The next line, or "" at the end of input (or of usable input)."""
        if self.stopped:
            return ""
        try:
            line = str(self.stream.readline(MAX_LINE))
        except (OSError, ValueError) as exc:
            return self._stop(f"standard input cannot be read ({exc})")
        if "\x00" in line:
            return self._stop("the input is not text (it holds NUL bytes)")
        if len(line) >= MAX_LINE and not line.endswith("\n"):
            return self._stop(f"an input line is longer than {MAX_LINE:,} characters")
        return line

    def _stop(self, reason: str) -> str:
        self.stopped = reason
        if sys.stderr is not None:
            print(f"honorable-exit: {reason}: stopping.", file=sys.stderr)
        return ""
