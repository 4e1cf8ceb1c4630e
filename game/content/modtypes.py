"""What the mods laid over a pack did: the mods as loaded and each item's changes (no mod reading)."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.content.mod_manifest import ModManifest


@dataclass(slots=True)
class Mod:
    """A mod as loaded: its manifest, folder and content hash."""

    manifest: ModManifest
    root: Path
    content_hash: str

    def ref(self) -> dict[str, str]:
        """What a save records of it."""
        return {"id": self.manifest.id, "version": self.manifest.version, "content_hash": self.content_hash}


@dataclass(slots=True)
class Change:
    """One mod's change to an item, for ``explain``."""

    mod: str
    action: str  # add | replace | modify | remove
    file: str
    line: int
    column: int


@dataclass(slots=True)
class Overlay:
    """What the mods did: the mods in load order, and each item's changes."""

    mods: list[Mod] = field(default_factory=list)
    changes: dict[tuple[str, str], list[Change]] = field(default_factory=dict)
    origins: dict[tuple[str, str], str] = field(default_factory=dict)  # file:line:column before any mod
