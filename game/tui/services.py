"""The app's doors to saves, class codes and debriefs, each imported only when first used."""

from __future__ import annotations

import importlib
from pathlib import Path
from types import ModuleType
from typing import Any

from game.session import Session


class ServiceError(Exception):
    """A save, class code or debrief problem, as one readable line."""


def _module(name: str, what: str) -> ModuleType:
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        raise ServiceError(f"{what} is not available in this installation ({exc})") from exc


class Saves:
    """The saves folder: autosaves, named saves, the listing and loading."""

    def __init__(self, folder: Path, player: str | None = None) -> None:
        self.folder = folder
        self.player = player  # Continue resumes only this player's campaigns, when given

    @property
    def available(self) -> bool:
        """Whether saving works in this installation."""
        try:
            _module("game.saves", "Saving")
        except ServiceError:
            return False
        return True

    def _call(self, fn: str, *args: Any) -> Any:
        mod = _module("game.saves", "Saving")
        try:
            return getattr(mod, fn)(*args)
        except mod.SaveError as exc:
            raise ServiceError(str(exc)) from exc
        except OSError as exc:
            raise ServiceError(f"{self.folder}: {exc.strerror or exc}") from exc

    def autosave(self, session: Session) -> Path:
        """Write the rotating autosave; the path written."""
        return Path(self._call("autosave", session, self.folder))

    def save(self, session: Session, name: str) -> Path:
        """Write a named save; the path written."""
        return Path(self._call("save_session", session, self.folder, name))

    def listing(self) -> list[Any]:
        """Every save in the folder, newest first, unreadable ones with their reason."""
        if not self.folder.is_dir():
            return []
        return list(self._call("list_saves", self.folder))

    def latest(self) -> Any | None:
        """The listing row of the latest autosave, or None."""
        path = self._call("latest_autosave", self.folder, self.player) if self.folder.is_dir() else None
        if path is None:
            return None
        for info in self.listing():
            if Path(info.path) == Path(path):
                return info
        return None

    def load(self, path: Path, rt: Any) -> Session:
        """Rebuild the campaign a save holds (ServiceError with the reason if it cannot)."""
        session = self._call("load_save", path, rt)
        assert isinstance(session, Session)
        return session


def class_settings(rt: Any, code: str) -> Any:
    """What a class code fixes in this pack (ServiceError with the reason if it cannot be used)."""
    mod = _module("game.classcode", "Class codes")
    try:
        return mod.decode_class_code(code.strip(), rt)
    except mod.ClassCodeError as exc:
        raise ServiceError(f"class code: {exc}") from exc


def class_campaign(rt: Any, code: str, player: str | None) -> Session:
    """The campaign a class code fixes (ServiceError with the reason if the code cannot be used)."""
    mod = _module("game.classcode", "Class codes")
    try:
        session = mod.class_session(rt, code.strip(), player)
    except mod.ClassCodeError as exc:
        raise ServiceError(f"class code: {exc}") from exc
    assert isinstance(session, Session)
    return session


def write_debrief(session: Session, folder: Path) -> Path:
    """Write the after-action report (Markdown) next to the saves; the path written.

    Named by player and campaign id as ``debrief DIR --out`` names it, so students sharing a
    saves folder (and a class code's scenario and seed) never overwrite each other's report.
    """
    mod = _module("game.reports.debrief", "The debrief")
    names = _module("game.reports.debrief_file", "The debrief")
    store = _module("game.saves.store", "Saving")
    cid = store.campaign_id(session)  # the id the saves carry (given now if none was saved yet)
    text = mod.render_debrief(session, "md")
    try:  # a locked temporary, moved into place: one left by a killed app is cleaned at the next start
        path = names.debrief_path(folder, session.options.get("player"), cid, "md")
        store.write_atomic(path, str(text).encode("utf-8"))
    except OSError as exc:
        raise ServiceError(f"cannot write the debrief in {folder}: {exc.strerror or exc}") from exc
    return Path(path)
