"""Mods: folders of YAML that add to, replace, change or remove the base pack's items by id.

A mod has its own ``pack.yaml`` (a ``ModManifest``: ``extends`` the base pack, optionally with
a version range, and ``load_after`` other mods) and section files like the base pack's. In
its section files an item is one of::

    - id: new_card ...          # a new item; an id the pack already has is an error
    - replace: old_card ...     # the whole item, restated
    - modify: old_card          # only the fields given; lists of items with ids (choices,
      weight: 5                 #   levels) merge by id, and {remove: ID} drops one
    - remove: old_card

Mods load after the base pack in the given order, moved only as far as ``load_after`` needs
(a cycle is an error). Every reference is checked after the last mod, by the compiler.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from game.content import schema as s
from game.content.diagnostics import Diagnostic, did_you_mean
from game.content.files import yaml_files
from game.content.mod_manifest import ModManifest
from game.content.modtypes import Change, Mod, Overlay
from game.content.scope import Where
from game.content.versions import VersionError, satisfies

DIRECTIVES = ("replace", "modify", "remove")


def folder_hash(root: Path) -> str:
    """sha256 over a folder's YAML files (sorted relative paths and bytes)."""
    digest = hashlib.sha256()
    for path in sorted(yaml_files(root)[0]):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes() + b"\0")
    return "sha256:" + digest.hexdigest()


def order(mods: list[Mod]) -> tuple[list[Mod], str | None]:
    """The given order, each mod moved after the mods it loads after; or a cycle's description."""
    by_id = {m.manifest.id: m for m in mods}
    done: list[Mod] = []
    visiting: list[str] = []

    def visit(mod: Mod) -> str | None:
        mid = mod.manifest.id
        if mod in done:
            return None
        if mid in visiting:
            return " -> ".join([*visiting[visiting.index(mid):], mid])
        visiting.append(mid)
        for dep in mod.manifest.load_after:
            if dep in by_id and (cycle := visit(by_id[dep])):
                return cycle
        visiting.pop()
        done.append(mod)
        return None

    for mod in mods:
        if cycle := visit(mod):
            return [], cycle
    return done, None


def raw_at(where: Where) -> Any:
    """The plain YAML value at a place."""
    value = where.doc.data
    for part in where.path:
        value = value[part]
    return value


def merge(base: Any, change: Any) -> Any:
    """``change`` laid over ``base``: mappings field by field, lists of items with ids by id."""
    if isinstance(base, dict) and isinstance(change, dict):
        return {**base, **{k: merge(base.get(k), v) if k in base else v for k, v in change.items()}}
    if _by_id(base) and isinstance(change, list):
        out = [dict(x) for x in base]
        for item in change:
            if isinstance(item, dict) and set(item) == {"remove"}:
                out = [x for x in out if x.get("id") != item["remove"]]
            elif isinstance(item, dict) and "id" in item:
                same = [i for i, x in enumerate(out) if x.get("id") == item["id"]]
                if same:
                    out[same[0]] = merge(out[same[0]], item)
                else:
                    out.append(item)
        return out
    return change


def _by_id(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(x, dict) and "id" in x for x in value)


class Applier:
    """Applies one mod's section files to a pack, collecting diagnostics and provenance."""

    def __init__(self, pack: Any, overlay: Overlay, errors: list[Diagnostic], schema_errors: Any) -> None:
        self.pack = pack
        self.overlay = overlay
        self.errors = errors
        self.schema_errors = schema_errors
        self.current: dict[tuple[str, str], Any] = {}  # raw data of items changed so far

    def error(self, where: Where, code: str, message: str, hint: str | None = None) -> None:
        pos = where.doc.pos(where.path)
        self.errors.append(Diagnostic(where.doc.file, pos.line, pos.column, code, message, hint))

    def place(self, key: tuple[str, str]) -> str:
        first = self.pack.where[key]
        pos = first.doc.pos(first.path)
        return f"{first.doc.file}:{pos.line}:{pos.column}"

    def record(self, mod: str, key: tuple[str, str], action: str, where: Where) -> None:
        pos = where.doc.pos(where.path)
        change = Change(mod, action, where.doc.file, pos.line, pos.column)
        self.overlay.changes.setdefault(key, []).append(change)

    def item(self, mod: str, section: str, model: type[BaseModel], raw: Any, where: Where) -> None:
        """One item of a mod's section: a new item or a directive."""
        if not isinstance(raw, dict):
            self.error(where, "schema-item", f"an item of '{section}' must be a mapping")
            return
        verbs = [d for d in DIRECTIVES if d in raw]
        if len(verbs) > 1:
            self.error(where, "mod-directive", f"an item says {' and '.join(verbs)}: give one of them")
            return
        verb = verbs[0] if verbs else "add"
        target = raw.get(verb) if verbs else raw.get("id")
        if not isinstance(target, str):
            self.error(where / verb if verbs else where, "mod-directive", f"'{verb}' names the id of an item")
            return
        key = (section, target)
        if verb != "add" and key not in self.pack.where:
            known = [i for (sec, i) in self.pack.where if sec == section]
            self.error(where / verb, "mod-unknown-item", f"cannot {verb} {section[:-1]} '{target}': "
                       "no such item in the pack or the mods before", did_you_mean(target, known))
            return
        if verb != "add" and key not in self.overlay.origins and key not in self.overlay.changes:
            self.overlay.origins[key] = self.place(key)
        getattr(self, verb)(mod, section, model, raw, where, key)

    def add(self, mod: str, section: str, model: type[BaseModel], raw: Any, where: Where,
            key: tuple[str, str]) -> None:
        if key in self.pack.where:
            self.error(where / "id", "duplicate-id",
                       f"{section[:-1]} '{key[1]}' is already defined at {self.place(key)}",
                       f"say 'replace: {key[1]}' to restate it whole, or 'modify: {key[1]}' to change fields")
            return
        if self.validate(model, raw, where, key):
            self.record(mod, key, "add", where)

    def replace(self, mod: str, section: str, model: type[BaseModel], raw: Any, where: Where,
                key: tuple[str, str]) -> None:
        data = {("id" if k == "replace" else k): v for k, v in raw.items()}
        if self.validate(model, data, where, key):
            self.record(mod, key, "replace", where)

    def modify(self, mod: str, section: str, model: type[BaseModel], raw: Any, where: Where,
               key: tuple[str, str]) -> None:
        base = self.current.get(key)
        if base is None:
            base = raw_at(self.pack.where[key])
        data = merge(base, {k: v for k, v in raw.items() if k != "modify"})
        if self.validate(model, data, where, key):
            self.record(mod, key, "modify", where)

    def remove(self, mod: str, section: str, model: type[BaseModel], raw: Any, where: Where,
               key: tuple[str, str]) -> None:
        if set(raw) != {"remove"}:
            self.error(where, "mod-directive", "'remove' stands alone: the item goes, nothing else is read")
            return
        items = self.pack.sections.get(section, [])
        self.pack.sections[section] = [x for x in items if x.id != key[1]]
        del self.pack.where[key]
        self.current.pop(key, None)
        self.record(mod, key, "remove", where)

    def validate(self, model: type[BaseModel], data: Any, where: Where, key: tuple[str, str]) -> bool:
        """Validate the item's data and put it in the pack in place of the old one (or at the end)."""
        try:
            item = model.model_validate(data)
        except ValidationError as exc:
            self.errors.extend(self.schema_errors(exc, where))
            return False
        items = self.pack.sections.setdefault(key[0], [])
        index = next((i for i, x in enumerate(items) if x.id == key[1]), None)
        if index is None:
            items.append(item)
        else:
            items[index] = item
        self.pack.where[key] = where
        self.current[key] = data
        return True


def check_base(mod: ModManifest, manifest: s.Manifest) -> str | None:
    """Why a mod cannot extend this pack, if it cannot."""
    base = mod.base
    if base.id != manifest.id:
        return f"mod '{mod.id}' extends '{base.id}', not '{manifest.id}'"
    try:
        if not satisfies(manifest.version, base.version):
            return f"mod '{mod.id}' works with {base.id} {base.version}; this is version {manifest.version}"
    except VersionError as exc:
        return f"mod '{mod.id}': {exc}"
    return None


def known_section(doc: Any, section: str, errors: list[Diagnostic]) -> type[BaseModel] | None:
    """The model of a section name, or an error with a hint."""
    model = s.SECTIONS.get(section)
    if model is None:
        pos = doc.pos((section,), key=True)
        errors.append(Diagnostic(doc.file, pos.line, pos.column, "unknown-section",
                                 f"unknown section '{section}'", did_you_mean(section, s.SECTIONS)))
    return model
