"""Reading a save file: every way it can be broken becomes a one-line reason, never a crash."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from game.boundedio import ReadProblem, TooLarge, read_regular
from game.saves.document import FORMAT, FORMAT_VERSION, SaveDoc, checksum
from game.saves.migrate import migrate

MAX_BYTES = 64 * 1024 * 1024  # no save comes near this; a bigger file is not one of ours
MAX_DIGITS = 18  # no number in a save comes near this


class SaveError(Exception):
    """A save that cannot be read, trusted or loaded; ``str(e)`` is one readable line."""

    def __init__(self, reason: str, path: Path | str | None = None) -> None:
        self.reason = reason
        self.path = Path(path) if path is not None else None
        super().__init__(f"{path}: {reason}" if path is not None else reason)


@dataclass(frozen=True, slots=True)
class Loaded:
    """A parsed save, lifted to the current format."""

    path: Path
    doc: SaveDoc
    source_version: int  # the format version on disk
    checksum_ok: bool | None  # None when the file carries no checksum (a migrated save)


def _text(path: Path) -> str:
    try:
        data = read_regular(path, MAX_BYTES)
    except TooLarge:
        raise SaveError(f"not a save: the file is larger than {MAX_BYTES // 1024 ** 2} MB, far larger "
                        "than any save", path) from None
    except ReadProblem as exc:
        reason = str(exc)
        if reason.startswith("is a folder"):
            reason = "is a folder, not a save file"
        elif reason.startswith("not a regular file"):
            reason = f"not a save file: {reason}"
        elif reason != "no such file":
            reason = f"cannot read the file: {reason}"
        raise SaveError(reason, path) from None
    if not data.strip():
        raise SaveError("empty file (a save that was never written, or truncated to nothing)", path)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SaveError(f"corrupt: byte {exc.start} is not text (UTF-8)", path) from None


def _int(text: str) -> int:
    if len(text.lstrip("-")) > MAX_DIGITS:
        raise _Refused(f"corrupt: a number of {len(text.lstrip('-')):,} digits")
    return int(text)


def _constant(text: str) -> Any:
    raise _Refused(f"corrupt: {text} is not a number a save holds")


class _Refused(ValueError):
    """A JSON value no save holds."""


def _json(text: str, path: Path) -> dict[str, Any]:
    try:
        raw = json.loads(text, parse_int=_int, parse_constant=_constant)
    except _Refused as exc:
        raise SaveError(str(exc), path) from None
    except json.JSONDecodeError as exc:
        if exc.pos >= len(text.rstrip()) or exc.msg.startswith("Unterminated string"):
            raise SaveError("truncated: the file ends before the save does", path) from None
        raise SaveError(f"corrupt: not valid JSON at line {exc.lineno}, column {exc.colno} "
                        f"({exc.msg})", path) from None
    except RecursionError:
        raise SaveError("corrupt: nested too deeply to be a save", path) from None
    if not isinstance(raw, dict):
        raise SaveError("not a save file (the JSON is not an object)", path)
    return raw


def _version(raw: dict[str, Any], path: Path) -> int:
    if "format_version" not in raw:
        raise SaveError("not a save file (no format_version)", path)
    version = raw["format_version"]
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise SaveError(f"unknown save format version {version!r}", path)
    if version > FORMAT_VERSION:
        raise SaveError(f"made by a newer version of the game (save format {version}; this game "
                        f"reads formats 1 to {FORMAT_VERSION})", path)
    if version == 1 and raw.get("game") != "honorable-exit":  # format 1 named the game so
        raise SaveError("not a save file of this game", path)
    if version >= 2 and raw.get("format") != FORMAT:
        raise SaveError("not a save file of this game", path)
    return version


def _problem(exc: ValidationError) -> str:
    err = exc.errors()[0]
    where = ".".join(str(x) for x in err["loc"]) or "the document"
    more = f" (and {exc.error_count() - 1} more)" if exc.error_count() > 1 else ""
    if err["type"] == "missing":
        return f"malformed: '{where}' is missing{more}"
    if err["type"] == "extra_forbidden":
        return f"malformed: unexpected field '{where}'{more}"
    return f"malformed: '{where}': {err['msg']}{more}"


def read_save(path: Path | str) -> Loaded:
    """Parse and migrate a save (SaveError if it is unreadable); the checksum is reported, not enforced."""
    path = Path(path)
    raw = _json(_text(path), path)
    version = _version(raw, path)
    try:
        lifted = migrate(raw, version, FORMAT_VERSION)
        doc = SaveDoc.model_validate(lifted)
    except ValidationError as exc:
        label = f"format {version} " if version != FORMAT_VERSION else ""
        raise SaveError(f"{label}{_problem(exc)}", path) from None
    except (ValueError, TypeError, KeyError) as exc:
        raise SaveError(f"cannot migrate format {version}: {exc}", path) from None
    ok = None if doc.checksum is None else doc.checksum == checksum(raw)
    if version == FORMAT_VERSION and doc.checksum is None:
        ok = False  # a current-format save always carries its checksum
    return Loaded(path, doc, version, ok)


def read_trusted(path: Path | str) -> Loaded:
    """``read_save``, refusing a file whose checksum does not match."""
    loaded = read_save(path)
    if loaded.checksum_ok is False:
        raise SaveError("edited or damaged: its checksum does not match its content", loaded.path)
    return loaded
