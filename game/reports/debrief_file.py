"""Where a campaign's debrief is written: named by its player and campaign id, never over another's.

The app and ``debrief DIR --out`` name a debrief alike, ``<player>-<campaign id>.<md|html>``, so
a class sharing one saves folder (one class code: one scenario and seed for all) gets one file
per student. A file of that name is replaced only when it is a debrief of the same campaign (its
header names the campaign id); any other file keeps its place and the new one takes a suffix.
"""

from __future__ import annotations

import re
from pathlib import Path

from game.saves.store import slug

_MARK = re.compile(r"Campaign id(?::\s*|</dt>\s*<dd>)([0-9a-z]+)")
HEAD = 8192  # the header names the campaign id near the top


def debrief_stem(player: str | None, campaign_id: str) -> str:
    """The file name without suffix: the player's name as a save names it, and the campaign id."""
    return f"{slug(player or '') or 'player'}-{campaign_id}"


def written_for(path: Path) -> str | None:
    """The campaign id a debrief file names in its header, or None (not a debrief, or unreadable)."""
    try:
        with path.open("rb") as handle:
            head = handle.read(HEAD).decode("utf-8", errors="replace")
    except OSError:
        return None
    found = _MARK.search(head)
    return found.group(1) if found else None


def debrief_path(folder: Path, player: str | None, campaign_id: str, fmt: str) -> Path:
    """The path to write a campaign's debrief to: its own name, or a suffixed one if that is taken."""
    base = debrief_stem(player, campaign_id)
    for n in range(1, 1000):
        path = folder / (f"{base}.{fmt}" if n == 1 else f"{base}-{n}.{fmt}")
        if not path.exists() or (path.is_file() and written_for(path) == campaign_id):
            return path
    raise FileExistsError(f"too many files named {base}.{fmt} in {folder}")
