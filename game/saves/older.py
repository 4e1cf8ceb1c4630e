"""What a save written by an earlier version of the game lacks that a replay now writes.

Since the causal log gained an entry for a card that passes (``engine.passing.passed_change``:
moving nothing, noted ``PASSED_NOTE``), a save made before then holds no such entry where its
replay has one. The entry carries nothing the decisions do not already fix (the decision's
``PASSED`` is verified with the rest), so a saved log with no pass entry at all is compared
with the replayed log without them; a saved log with some is compared as it is.
"""

from __future__ import annotations

from typing import Any

from game.engine.passing import PASSED_NOTE


def _is_pass(entry: Any) -> bool:
    return isinstance(entry, dict) and isinstance(entry.get("cause"), dict) \
        and entry["cause"].get("note") == PASSED_NOTE and entry.get("delta") == 0


def as_saved(saved: dict[str, Any], replayed: dict[str, Any], passes: bool) -> dict[str, Any]:
    """``replayed`` as a save of the same campaign written before pass entries would hold it:
    unchanged unless a card passed (``passes``: a decision holds ``PASSED``), the replay has pass
    entries and the saved log has none."""
    log = replayed.get("log")
    if not passes or not isinstance(log, list) or not any(map(_is_pass, log)):
        return replayed
    saved_log = saved.get("log")
    if isinstance(saved_log, list) and any(map(_is_pass, saved_log)):
        return replayed
    return {**replayed, "log": [entry for entry in log if not _is_pass(entry)]}
