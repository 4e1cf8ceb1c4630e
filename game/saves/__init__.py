"""Versioned JSON saves: atomic writes, rotating autosaves, migrations and verification by replay.

A save holds the pack (id, version, content hash), the campaign (scenario,
difficulty, seed, options, class code), the decision log, the state after
the last decision and who saved it when. Loading replays the decisions from
the seed and refuses a save whose stored state the replay does not reproduce.

Who plays is kept in ``session.options`` beside the campaign options:
``player`` and ``class_code`` (set by the front end), ``campaign_id`` and
``created`` (set by the first save and restored by loading).
"""

from __future__ import annotations

from pathlib import Path

from game.engine.runtime import Runtime
from game.saves.document import FORMAT_VERSION
from game.saves.read import Loaded, SaveError, read_save, read_trusted
from game.saves.store import SaveInfo, autosave, latest_autosave, list_saves, save_files, save_session
from game.saves.temporaries import clean_temporaries
from game.saves.verify import Verdict, verify
from game.session import Session

__all__ = [
    "FORMAT_VERSION", "Loaded", "SaveError", "SaveInfo", "Verdict", "autosave", "clean_temporaries",
    "latest_autosave",
    "list_saves", "load_save", "read_save", "save_files", "save_session", "verify",
]


def load_save(path: Path, rt: Runtime) -> Session:
    """The campaign in a save, rebuilt by replay and checked against the stored state."""
    loaded = read_trusted(path)
    verdict = verify(loaded.doc, rt)
    if verdict.session is None:
        raise SaveError(f"does not replay with this pack: {verdict.message()}", loaded.path)
    return verdict.session
