"""Gathering a class's saves: read and verify each file, keep each campaign's latest, group by code."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from game.classcode import canonical_code
from game.engine.runtime import Runtime
from game.saves import SaveError, read_save, verify
from game.saves.document import SaveDoc
from game.session import Session


@dataclass(slots=True)
class Entry:
    """One save file and what verification made of it."""

    path: Path
    doc: SaveDoc | None = None
    session: Session | None = None
    problem: str | None = None  # why the file is not trusted

    @property
    def ok(self) -> bool:
        """Whether the file was read and verified by replay."""
        return self.problem is None and self.session is not None

    @property
    def player(self) -> str:
        """The player's name, or a stand-in from the file name."""
        return (self.doc.meta.player if self.doc else None) or f"({self.path.name})"


@dataclass(slots=True)
class Group:
    """The campaigns of one class code (or of one scenario and difficulty without a code)."""

    key: str
    class_code: str | None
    campaigns: list[Entry] = field(default_factory=list)  # the latest file of each campaign
    files: int = 0


def save_paths(inputs: Iterable[str | Path]) -> tuple[list[Path], list[str]]:
    """The save files named or found (recursively) in folders; and inputs that are neither."""
    found: dict[Path, None] = {}
    missing = []
    for item in inputs:
        path = Path(item)
        if path.is_dir():
            for p in sorted(path.rglob("*.json")):
                if not any(part.startswith(".") for part in p.relative_to(path).parts):
                    found[p.resolve()] = None
        elif path.is_file():
            found[path.resolve()] = None
        else:
            missing.append(str(item))
    return list(found), missing


def examine(path: Path, rt: Runtime) -> Entry:
    """Read and verify one file."""
    entry = Entry(path)
    try:
        loaded = read_save(path)
    except SaveError as exc:
        entry.problem = exc.reason
        return entry
    entry.doc = loaded.doc
    verdict = verify(loaded.doc, rt)
    if not verdict.ok:
        where = f"diverges at {verdict.message()}" if verdict.turn else str(verdict.reason)
        entry.problem = f"failed verification: {where}"
    elif loaded.checksum_ok is False:
        entry.problem = "edited outside the game: its checksum does not match its content"
    else:
        entry.session = verdict.session
    return entry


def _recency(entry: Entry) -> tuple[str, int, str]:
    assert entry.doc is not None
    return entry.doc.meta.updated, len(entry.doc.decisions), entry.path.name


def group_campaigns(entries: list[Entry]) -> tuple[list[Group], list[Entry]]:
    """Groups of campaigns (each counted once, by its latest file), and the unreadable files."""
    unreadable = [e for e in entries if e.doc is None]
    latest: dict[str, Entry] = {}
    counts: dict[str, int] = {}
    for e in entries:
        if e.doc is None:
            continue
        cid = e.doc.meta.campaign_id
        counts[cid] = counts.get(cid, 0) + 1
        if cid not in latest or _recency(e) > _recency(latest[cid]):
            latest[cid] = e
    groups: dict[str, Group] = {}
    for cid, e in latest.items():
        assert e.doc is not None
        c = e.doc.campaign
        code = canonical_code(c.class_code) if c.class_code else None
        pack = f"{e.doc.pack.id} {e.doc.pack.version}"
        key = code or f"{pack}, {c.scenario}, {c.difficulty}, no class code"
        group = groups.setdefault(key, Group(key, code))
        group.campaigns.append(e)
        group.files += counts[cid]
    for group in groups.values():
        group.campaigns.sort(key=lambda e: (e.player.lower(), e.path.name))
    return sorted(groups.values(), key=lambda g: (g.class_code is None, g.key)), unreadable
