"""Load a pack folder: read every YAML file strictly, validate it, collect all errors."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path as FsPath
from typing import Any

from pydantic import BaseModel, ValidationError

from game.boundedio import ReadProblem, TooLarge, read_regular
from game.content import parsecache
from game.content import schema as s
from game.content.diagnostics import Diagnostic, PackError, did_you_mean, sort_key
from game.content.files import yaml_files
from game.content.gcpause import gc_paused
from game.content.limits import MAX_FILE_BYTES
from game.content.modtypes import Mod, Overlay
from game.content.schema_errors import schema_errors
from game.content.scope import Where
from game.content.textscan import decode, too_large
from game.content.yamlsrc import TOO_LARGE, Document, read_yaml
from game.engine.record import Record

MANIFEST = "pack.yaml"


@dataclass(init=False, repr=False, eq=False, slots=True)  # its methods: see game.engine.record
class Pack(Record):
    """A validated pack: the manifest, every section's items, and where each was written.

    ``where``: where each item was written, to place errors; ``load`` empties it once the
    pack has compiled without error (it holds every file's parsed text). ``overlay``: the
    mods laid over the pack, in load order. ``broken``: ids of items that failed
    validation, known to the reference checks, so that one mistake is reported once, not
    again at every place that names the item. ``unread``: files that could not be read or
    parsed. ``digests``: the parse cache's hash of each of the pack's own files as read (by
    its path in the pack), or None when a file was read without one (the cache off or refused):
    what keys the pack's compiled code (``game.fast.packcache``).
    """

    root: FsPath
    manifest: s.Manifest
    sections: dict[str, list[Any]]
    where: dict[tuple[str, str], Where]
    files: list[str]
    overlay: Overlay
    broken: dict[str, set[str]]
    unread: list[str]
    digests: dict[str, str] | None

    def __init__(self, root: FsPath, manifest: s.Manifest) -> None:
        self.root = root
        self.manifest = manifest
        self.sections = {}
        self.where = {}
        self.files = []
        self.overlay = Overlay()
        self.broken = {}
        self.unread = []
        self.digests = None

    @property
    def mods(self) -> list[Mod]:
        """The mods applied, in load order."""
        return self.overlay.mods

    def items(self, section: str) -> list[Any]:
        """The items of a section, in file order."""
        return self.sections.get(section, [])

    def get(self, section: str, item_id: str) -> Any:
        """An item by section and id (KeyError if absent)."""
        for item in self.items(section):
            if item.id == item_id:
                return item
        raise KeyError(f"{section}: {item_id}")

    @property
    def meters(self) -> list[s.Meter]:
        return self.items("meters")

    @property
    def actors(self) -> list[s.Actor]:
        return self.items("actors")

    @property
    def policies(self) -> list[s.Policy]:
        return self.items("policies")

    @property
    def advisors(self) -> list[s.Advisor]:
        return self.items("advisors")

    @property
    def events(self) -> list[s.Event]:
        return self.items("events")

    @property
    def endings(self) -> list[s.Ending]:
        return self.items("endings")

    @property
    def scenarios(self) -> list[s.Scenario]:
        return self.items("scenarios")

    @property
    def difficulties(self) -> list[s.Difficulty]:
        return self.items("difficulties")

    @property
    def strategies(self) -> list[s.Strategy]:
        return self.items("strategies")


def _rel(path: FsPath, root: FsPath) -> str:
    """A file's name in diagnostics (see ``display_path``)."""
    return display_path(path)


def display_path(path: FsPath) -> str:
    """A file's name in diagnostics: relative to the current folder when it lies below it (so that
    editors' quickfix lists and terminals can open it), else absolute."""
    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive
        return str(path)
    return rel if not rel.startswith("..") else os.path.abspath(path)


class _Reader:
    """Reads and validates every file of a pack, collecting diagnostics."""

    def __init__(self, root: FsPath) -> None:
        self.root = root
        self.errors: list[Diagnostic] = []
        self.failed: list[str] = []  # files that could not be read or parsed
        self.digests: dict[str, str] | None = {}  # see Pack.digests

    def read(self, path: FsPath) -> Document | None:
        doc = self._read(path)
        if doc is None:
            self.failed.append(_rel(path, self.root))
            self.digests = None
        return doc

    def _read(self, path: FsPath) -> Document | None:
        name = _rel(path, self.root)
        try:
            data = read_regular(path, MAX_FILE_BYTES)
        except TooLarge as exc:
            self.errors.append(too_large(name, exc))
            return None
        except ReadProblem as exc:
            self.errors.append(Diagnostic(name, 1, 1, "unreadable", f"cannot read the file: {exc}",
                                          "a content file is a regular YAML file of at most "
                                          f"{MAX_FILE_BYTES // 1024 ** 2} MB"))
            return None
        text, problem = decode(data, name)
        if text is None:
            assert problem is not None
            self.errors.append(problem)
            return None
        doc, errors = read_yaml(text, name)
        self.errors += errors
        self._digest(path, doc.digest)
        return None if any(e.code != TOO_LARGE for e in errors) else doc

    def _digest(self, path: FsPath, digest: str | None) -> None:
        if self.digests is None:
            return
        try:
            inside = path.relative_to(self.root).as_posix()
        except ValueError:  # not below the root as named: the pack is keyed by its files read afresh
            inside = None
        if digest is None or inside is None:
            self.digests = None
        else:
            self.digests[inside] = digest

    def manifest(self) -> s.Manifest | None:
        path = self.root / MANIFEST
        if not path.exists():  # anything else there is read, and refused if it is not a regular file
            self.errors.append(Diagnostic(_rel(path, self.root), 1, 1, "missing-manifest",
                                          f"no {MANIFEST} in {self.root}",
                                          "a pack folder starts with pack.yaml: id, title, version"))
            return None
        doc = self.read(path)
        if doc is None:
            return None
        if isinstance(doc.data, dict) and "extends" in doc.data:  # the mirror of _mod's 'not-a-mod'
            pos = doc.pos(("extends",))
            self.errors.append(Diagnostic(doc.file, pos.line, pos.column, "is-a-mod",
                                          f"this folder is a mod: use --mod {self.root}",
                                          f"it extends '{_extended(doc.data['extends'])}': lay it over that "
                                          "pack with --mod DIR (and --content for the pack, if it is not "
                                          "the base pack)"))
            return None
        try:
            return s.Manifest.model_validate(doc.data)
        except ValidationError as exc:
            self.errors += schema_errors(exc, Where(doc, ()))
            return None

    def sections(self, pack: Pack) -> None:
        for path in _section_files(self.root, self.errors):
            pack.files.append(_rel(path, self.root))
            doc = self.read(path)
            if doc is not None:
                self.document(pack, doc)

    def document(self, pack: Pack, doc: Document) -> None:
        if doc.data is None:
            self.errors.append(Diagnostic(doc.file, 1, 1, "empty-file", "the file is empty",
                                          "give it a section (events:, flags:, ...) or remove it"))
            return
        if not isinstance(doc.data, dict):
            pos = doc.pos(())
            self.errors.append(Diagnostic(doc.file, pos.line, pos.column, "schema-file",
                                          "a content file is a mapping of sections (events:, meters:, ...)"))
            return
        for section, items in doc.data.items():
            where = Where(doc, (section,))
            model = s.SECTIONS.get(section)
            if model is None:
                pos = doc.pos((section,), key=True)
                self.errors.append(Diagnostic(doc.file, pos.line, pos.column, "unknown-section",
                                              f"unknown section '{section}'",
                                              did_you_mean(section, s.SECTIONS)))
                continue
            if not isinstance(items, list):
                pos = doc.pos((section,))
                self.errors.append(Diagnostic(doc.file, pos.line, pos.column, "schema-section",
                                              f"section '{section}' must be a list of items"))
                continue
            for i, raw in enumerate(items):
                self.item(pack, section, model, raw, where / i)

    def item(self, pack: Pack, section: str, model: type[BaseModel], raw: Any, where: Where) -> None:
        try:
            item = model.model_validate(raw)
        except ValidationError as exc:
            self.errors += schema_errors(exc, where)
            if isinstance(raw, dict) and isinstance(raw.get("id"), str):
                pack.broken.setdefault(section, set()).add(raw["id"])  # no follow-on errors for it
            return
        key = (section, item.id)  # type: ignore[attr-defined]
        if key in pack.where:
            first = pack.where[key]
            pos = first.doc.pos(first.path)
            here = where.doc.pos((*where.path, "id"))
            self.errors.append(Diagnostic(where.doc.file, here.line, here.column, "duplicate-id",
                                          f"duplicate {section[:-1]} id '{key[1]}' (first defined at "
                                          f"{first.doc.file}:{pos.line}:{pos.column})"))
            return
        pack.where[key] = where
        pack.sections.setdefault(section, []).append(item)


def _extended(value: Any) -> str:
    """The pack id a mod manifest's 'extends' names (a string, or {id, version})."""
    return str(value.get("id", "?")) if isinstance(value, dict) else str(value)


def _section_files(root: FsPath, errors: list[Diagnostic]) -> list[FsPath]:
    """The section files of a pack or mod folder (symlinked folders followed, loops reported)."""
    files, loops = yaml_files(root)
    for loop in loops:
        errors.append(Diagnostic(_rel(loop, root), 1, 1, "symlink-loop",
                                 "this linked folder leads back into a folder already read: skipped",
                                 "point the link at a folder outside the pack, or remove it"))
    return [p for p in files if p != root / MANIFEST]


def read_pack(root: str | os.PathLike[str], mods: Any = ()) -> tuple[Pack | None, list[Diagnostic]]:
    """Read and validate a pack folder's files, then its mods' (not yet the cross-references)."""
    folder = FsPath(root)
    reader = _Reader(folder)
    if not folder.is_dir():
        return None, [Diagnostic(str(folder), 1, 1, "missing-pack", f"no pack folder at {folder}")]
    with parsecache.one_key():
        manifest = reader.manifest()
        if manifest is None:
            return None, sorted(reader.errors, key=sort_key)
        pack = Pack(folder, manifest)
        reader.sections(pack)
        pack.unread = reader.failed
        pack.digests = reader.digests
        if mods:
            from game.content.loader_mods import apply_mods  # only with mods

            errors = reader.errors + apply_mods(pack, [FsPath(m) for m in mods])
        else:
            errors = reader.errors
    return pack, sorted(errors, key=sort_key)


def load(root: str | os.PathLike[str], mods: Any = ()) -> tuple[Pack | None, Any, list[Diagnostic]]:
    """Read, validate and compile a pack and its mods: (pack, runtime, diagnostics)."""
    with gc_paused():
        from game.content.compile import compile_pack

        pack, errors = read_pack(root, mods)
        if pack is None:
            return None, None, errors
        runtime, ref_errors = compile_pack(pack)
        errors = sorted(errors + summarise_follow_ons(pack, ref_errors), key=sort_key)
        if errors:
            return pack, None, errors
        pack.where.clear()  # about half the memory of a loaded pack, needed only for errors
        return pack, runtime, errors


def summarise_follow_ons(pack: Pack, ref_errors: list[Diagnostic]) -> list[Diagnostic]:
    """While a file could not be read, the references to the items it may define are summarised
    at that file, not listed one by one (they are checked again once it reads)."""
    if not pack.unread:
        return ref_errors
    follow_on = ("unknown-", "missing-")
    unknown = [e for e in ref_errors if e.code.startswith(follow_on)]
    if not unknown:
        return ref_errors
    first = unknown[0]
    note = Diagnostic(pack.unread[0], 1, 1, "follow-on",
                      f"{len(unknown)} error(s) elsewhere name or need items this pack does not define, "
                      f"perhaps because {', '.join(pack.unread)} could not be read (the first: "
                      f"{first.file}:{first.line}:{first.column}: {first.message})",
                      "fix the file above; the pack is checked again when it reads", "note")
    return [e for e in ref_errors if not e.code.startswith(follow_on)] + [note]


def load_runtime(root: str | os.PathLike[str], mods: Any = ()) -> Any:
    """Load a pack's runtime (with its mods) or raise PackError with every diagnostic."""
    _, runtime, errors = load(root, mods)
    if errors:
        raise PackError(errors)
    return runtime
