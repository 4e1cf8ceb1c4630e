"""Writing saves: atomic replacement, rotating autosaves, named saves, listings."""

from __future__ import annotations

import contextlib
import os
import re
import secrets
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from game.saves.document import build, dumps, now_iso
from game.saves.read import Loaded, SaveError, read_save
from game.saves.temporaries import lock
from game.session import Session

AUTOSAVES_KEPT = 5  # per campaign
_AUTO = re.compile(r"^auto-([a-z0-9]+)-(\d+)\.json$")
_ID = re.compile(r"^[a-z0-9]{4,32}$")


@dataclass(frozen=True)
class SaveInfo:
    """One row of a save listing."""

    path: Path
    ok: bool
    reason: str | None  # why the file cannot be used, when it cannot
    name: str
    kind: str  # "auto" or "named"
    scenario: str
    difficulty: str
    turn: int
    date: str  # like "March 2018"
    ending: str | None  # the ending's title if finished
    updated: str  # ISO time
    player: str | None
    class_code: str | None


def fsync_dir(folder: Path) -> None:
    """Make a rename in the folder durable (where the system allows opening a folder)."""
    try:
        fd = os.open(folder, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    except OSError:
        return
    try:
        with contextlib.suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(path: Path, data: bytes) -> None:
    """Write a temporary file beside ``path``, fsync it, move it into place, fsync the folder."""
    folder = path.parent
    folder.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    held = lock(fd)  # until the file is in place: a stale temporary is one nobody holds (see temporaries)
    try:
        with os.fdopen(fd, "wb") as out:
            if hasattr(os, "fchmod"):
                os.fchmod(out.fileno(), 0o644)
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    finally:
        if held is not None:
            os.close(held)
    fsync_dir(folder)


def _identity(session: Session) -> tuple[str, str]:
    """The campaign's id and creation time, kept in the session's options across saves."""
    cid = session.options.get("campaign_id")
    if not isinstance(cid, str) or not _ID.match(cid):
        cid = secrets.token_hex(5)
        session.options["campaign_id"] = cid
    created = session.options.get("created")
    if not isinstance(created, str):
        created = now_iso()
        session.options["created"] = created
    return cid, created


def campaign_id(session: Session) -> str:
    """The campaign's id (given to it now if it has none yet, as its first save would)."""
    return _identity(session)[0]


def _write(session: Session, path: Path, name: str | None, kind: str) -> Path:
    cid, created = _identity(session)
    try:
        write_atomic(path, dumps(build(session, name, kind, cid, created)))
    except OSError as exc:
        raise SaveError(f"could not save: {exc.strerror or exc}", path) from None
    return path


def autosave(session: Session, folder: Path) -> Path:
    """Write the next autosave of the campaign and keep only its last few.

    Its number is the count of months played (``auto-ID-0036.json``: 36 turns), whichever front
    wrote it (the app also autosaves a campaign as it starts: ``-0000``); never lower than the
    campaign's last autosave's number plus one, so a campaign resumed from an older save never
    overwrites a later one.
    """
    folder = Path(folder)
    cid, _ = _identity(session)
    mine = _autosaves(folder, cid)
    played = len(session.decisions)
    seq = max(mine[-1][0] + 1, played) if mine else played
    path = _write(session, folder / f"auto-{cid}-{seq:04d}.json", None, "auto")
    for _, old in mine[: max(0, len(mine) + 1 - AUTOSAVES_KEPT)]:
        with contextlib.suppress(OSError):
            old.unlink()
    return path


def _autosaves(folder: Path, cid: str) -> list[tuple[int, Path]]:
    if not folder.is_dir():
        return []
    found = []
    for path in folder.iterdir():
        m = _AUTO.match(path.name)
        if m and m.group(1) == cid:
            found.append((int(m.group(2)), path))
    return sorted(found)


def slug(name: str) -> str:
    """A file name for a named save: letters, digits, '-' and '_'."""
    text = re.sub(r"[^A-Za-z0-9_-]+", "-", name.strip()).strip("-")[:60]
    return f"named-{text}" if text.lower().startswith("auto-") else text


def save_session(session: Session, folder: Path, name: str | None = None) -> Path:
    """A named save (None: an autosave); never overwrites another campaign's save."""
    if name is None:
        return autosave(session, folder)
    base = slug(name)
    if not base:
        raise SaveError(f"'{name}' cannot name a save: use letters or digits")
    folder = Path(folder)
    cid, _ = _identity(session)
    for n in range(1, 1000):
        path = folder / (f"{base}.json" if n == 1 else f"{base}-{n}.json")
        if not path.exists() or _same_campaign(path, cid):
            return _write(session, path, name.strip(), "named")
    raise SaveError(f"too many saves named '{name}'", folder)


def _same_campaign(path: Path, cid: str) -> bool:
    try:
        loaded = read_save(path)
    except SaveError:
        return False
    return loaded.checksum_ok is not False and loaded.doc.meta.campaign_id == cid


def _info(loaded: Loaded) -> SaveInfo:
    doc, meta = loaded.doc, loaded.doc.meta
    reason = None
    if loaded.checksum_ok is False:
        reason = "edited or damaged: its checksum does not match its content"
    name = meta.name or ("autosave" if meta.kind == "auto" else loaded.path.stem)
    return SaveInfo(loaded.path, reason is None, reason, name, meta.kind,
                    doc.campaign.scenario, doc.campaign.difficulty, meta.turn, meta.date, meta.ending_title,
                    meta.updated, meta.player, doc.campaign.class_code)


def _broken(path: Path, reason: str) -> SaveInfo:
    try:
        mtime = datetime.fromtimestamp(path.stat().st_mtime, UTC).isoformat(timespec="seconds")
    except OSError:
        mtime = ""
    kind = "auto" if _AUTO.match(path.name) else "named"
    return SaveInfo(path, False, reason, path.stem, kind, "", "", 0, "", None, mtime, None, None)


def save_files(folder: Path) -> list[Path]:
    """The save files of a folder (temporary files of unfinished writes left out)."""
    folder = Path(folder)
    if not folder.is_dir():
        return []
    return sorted(p for p in folder.iterdir() if p.suffix == ".json" and not p.name.startswith("."))


def list_saves(folder: Path) -> list[SaveInfo]:
    """Every save in a folder, newest first; unreadable ones listed with the reason."""
    rows = []
    for path in save_files(folder):
        try:
            rows.append(_info(read_save(path)))
        except SaveError as exc:
            rows.append(_broken(path, exc.reason))
    return sorted(rows, key=lambda r: (r.updated, _mtime(r.path), r.path.name), reverse=True)


def _mtime(path: Path) -> int:
    try:
        return path.stat().st_mtime_ns
    except OSError:
        return 0


def same_player(a: str | None, b: str | None) -> bool:
    """Whether two player names are the same person's (case and outer spaces aside)."""
    return (a or "").strip().casefold() == (b or "").strip().casefold()


def latest_autosave(folder: Path, player: str | None = None) -> Path | None:
    """The newest readable autosave in a folder, if any; given a player, only that player's."""
    for info in list_saves(folder):
        if info.ok and info.kind == "auto" and (player is None or same_player(info.player, player)):
            return info.path
    return None
