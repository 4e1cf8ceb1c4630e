"""What the mods laid over a pack did: the mods as loaded and each item's changes (no mod reading)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from game.engine.record import Record

if TYPE_CHECKING:
    from game.content.mod_manifest import ModManifest


@dataclass(init=False, repr=False, eq=False, slots=True)  # its methods: see game.engine.record
class Mod(Record):
    """A mod as loaded: its manifest, folder and content hash."""

    manifest: ModManifest
    root: Path
    content_hash: str

    def __init__(self, manifest: ModManifest, root: Path, content_hash: str) -> None:
        self.manifest = manifest
        self.root = root
        self.content_hash = content_hash

    def ref(self) -> dict[str, str]:
        """What a save records of it."""
        return {"id": self.manifest.id, "version": self.manifest.version, "content_hash": self.content_hash}


@dataclass(init=False, repr=False, eq=False, slots=True)  # its methods: see game.engine.record
class Change(Record):
    """One mod's change to an item, for ``explain``: ``action`` is add, replace, modify or remove."""

    mod: str
    action: str
    file: str
    line: int
    column: int

    def __init__(self, mod: str, action: str, file: str, line: int, column: int) -> None:
        self.mod = mod
        self.action = action
        self.file = file
        self.line = line
        self.column = column


@dataclass(init=False, repr=False, eq=False, slots=True)  # its methods: see game.engine.record
class Overlay(Record):
    """What the mods did: the mods in load order, each item's changes, and each changed item's
    file:line:column before any mod (``origins``)."""

    mods: list[Mod]
    changes: dict[tuple[str, str], list[Change]]
    origins: dict[tuple[str, str], str]

    def __init__(self, mods: list[Mod] | None = None,
                 changes: dict[tuple[str, str], list[Change]] | None = None,
                 origins: dict[tuple[str, str], str] | None = None) -> None:
        self.mods = [] if mods is None else mods
        self.changes = {} if changes is None else changes
        self.origins = {} if origins is None else origins
