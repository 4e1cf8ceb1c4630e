"""Load a pack folder: read every YAML file strictly, validate it, collect all errors."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path as FsPath
from typing import Any

from pydantic import BaseModel, ValidationError

from game.boundedio import ReadProblem, TooLarge, read_regular
from game.content import schema as s
from game.content.diagnostics import Diagnostic, PackError, did_you_mean, sort_key
from game.content.gcpause import gc_paused
from game.content.limits import MAX_FILE_BYTES
from game.content.scope import Where
from game.content.textscan import decode, too_large
from game.content.yamlsrc import TOO_LARGE, Document, read_yaml

MANIFEST = "pack.yaml"


@dataclass(slots=True)
class Pack:
    """A validated pack: the manifest, every section's items, and where each was written."""

    root: FsPath
    manifest: s.Manifest
    sections: dict[str, list[Any]] = field(default_factory=dict)
    # where each item was written, to place errors; `load` empties it once the
    # pack has compiled without error (it holds every file's parsed text)
    where: dict[tuple[str, str], Where] = field(default_factory=dict)
    files: list[str] = field(default_factory=list)

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
    try:
        return str(path.relative_to(root.parent)) if root.parent != path else str(path)
    except ValueError:
        return str(path)


def _schema_errors(exc: ValidationError, where: Where) -> list[Diagnostic]:
    out = []
    for err in exc.errors():
        loc = tuple(x for x in err["loc"] if not (isinstance(x, str) and "[" in x))
        path = _walk(where.doc, where.path, loc)
        at_key = err["type"] == "extra_forbidden"
        pos = where.doc.pos(path, key=at_key)
        message = str(err["msg"]).removeprefix("Value error, ")
        hint = None
        if at_key:
            field_name = str(loc[-1])
            message = f"unknown field '{field_name}'"
            hint = did_you_mean(field_name, _vocabulary())
        elif err["type"] == "missing":
            message = f"missing field '{loc[-1]}'"
        out.append(Diagnostic(where.doc.file, pos.line, pos.column, f"schema-{err['type']}", message, hint))
    return out


def _walk(doc: Document, base: tuple[Any, ...], loc: tuple[Any, ...]) -> tuple[Any, ...]:
    """Follow a pydantic error location through the document (skipping union tags)."""
    path = base
    for part in loc:
        if (*path, part) in doc.values:
            path = (*path, part)
        elif isinstance(part, str) and part.endswith("_") and (*path, part[:-1]) in doc.values:
            path = (*path, part[:-1])
    return path


def _vocabulary() -> set[str]:
    """Every field name (or alias) of every model of the format, for 'did you mean'."""
    if not _VOCABULARY:
        from game.content import conditions, effects

        for module in (s, conditions, effects):
            for obj in vars(module).values():
                if isinstance(obj, type) and issubclass(obj, BaseModel) and obj is not BaseModel:
                    _VOCABULARY.update(f.alias or n for n, f in obj.model_fields.items())
    return _VOCABULARY


_VOCABULARY: set[str] = set()


class _Reader:
    """Reads and validates every file of a pack, collecting diagnostics."""

    def __init__(self, root: FsPath) -> None:
        self.root = root
        self.errors: list[Diagnostic] = []

    def read(self, path: FsPath) -> Document | None:
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
        return None if any(e.code != TOO_LARGE for e in errors) else doc

    def manifest(self) -> s.Manifest | None:
        path = self.root / MANIFEST
        if not path.is_file():
            self.errors.append(Diagnostic(_rel(path, self.root), 1, 1, "missing-manifest",
                                          f"no {MANIFEST} in {self.root}",
                                          "a pack folder starts with pack.yaml: id, title, version"))
            return None
        doc = self.read(path)
        if doc is None:
            return None
        try:
            return s.Manifest.model_validate(doc.data)
        except ValidationError as exc:
            self.errors += _schema_errors(exc, Where(doc, ()))
            return None

    def sections(self, pack: Pack) -> None:
        files = sorted(p for p in self.root.rglob("*.yaml") if p.name != MANIFEST or p.parent != self.root)
        files += sorted(self.root.rglob("*.yml"))
        for path in files:
            pack.files.append(_rel(path, self.root))
            doc = self.read(path)
            if doc is not None:
                self.document(pack, doc)

    def document(self, pack: Pack, doc: Document) -> None:
        if doc.data is None:
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
            self.errors += _schema_errors(exc, where)
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


def read_pack(root: str | os.PathLike[str]) -> tuple[Pack | None, list[Diagnostic]]:
    """Read and validate a pack folder's files (not yet its cross-references)."""
    folder = FsPath(root)
    reader = _Reader(folder)
    if not folder.is_dir():
        return None, [Diagnostic(str(folder), 1, 1, "missing-pack", f"no pack folder at {folder}")]
    manifest = reader.manifest()
    if manifest is None:
        return None, sorted(reader.errors, key=sort_key)
    pack = Pack(folder, manifest)
    reader.sections(pack)
    return pack, sorted(reader.errors, key=sort_key)


def load(root: str | os.PathLike[str]) -> tuple[Pack | None, Any, list[Diagnostic]]:
    """Read, validate and compile a pack: (pack, runtime, diagnostics)."""
    with gc_paused():
        from game.content.compile import compile_pack

        pack, errors = read_pack(root)
        if pack is None:
            return None, None, errors
        runtime, ref_errors = compile_pack(pack)
        errors = sorted(errors + ref_errors, key=sort_key)
        if errors:
            return pack, None, errors
        pack.where.clear()  # about half the memory of a loaded pack, needed only for errors
        return pack, runtime, errors


def load_runtime(root: str | os.PathLike[str]) -> Any:
    """Load a pack's runtime or raise PackError with every diagnostic."""
    _, runtime, errors = load(root)
    if errors:
        raise PackError(errors)
    return runtime
