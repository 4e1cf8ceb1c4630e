"""Mods laid over a loaded pack: each mod's manifest read and checked against the pack it extends,
then its section files applied in load order (``game.content.overlay``). Imported by
``loader.read_pack`` only when mods are given."""

from __future__ import annotations

from pathlib import Path as FsPath

from pydantic import ValidationError

from game.content import schema as s
from game.content.diagnostics import Diagnostic
from game.content.loader import MANIFEST, Pack, _Reader, _rel, _section_files
from game.content.modtypes import Mod
from game.content.schema_errors import schema_errors
from game.content.scope import Where


def _mod(root: FsPath, manifest: s.Manifest, errors: list[Diagnostic]) -> Mod | None:
    """Read a mod folder's manifest and check that it extends this pack."""
    from game.content.mod_manifest import ModManifest
    from game.content.overlay import check_base, folder_hash

    reader = _Reader(root)
    path = root / MANIFEST
    if not root.is_dir() or not path.is_file():
        errors.append(Diagnostic(str(path), 1, 1, "missing-mod", f"no mod at {root} (no {MANIFEST})",
                                 "a mod folder starts with pack.yaml: id, title, version, extends"))
        return None
    doc = reader.read(path)
    errors += reader.errors
    if doc is None:
        return None
    if isinstance(doc.data, dict) and "extends" not in doc.data:
        errors.append(Diagnostic(doc.file, 1, 1, "not-a-mod", f"{root} is a pack, not a mod",
                                 "a mod's pack.yaml says what it builds on: 'extends: honorable-exit'; "
                                 "use --content for a whole pack"))
        return None
    try:
        mod = ModManifest.model_validate(doc.data)
    except ValidationError as exc:
        errors += schema_errors(exc, Where(doc, ()))
        return None
    problem = check_base(mod, manifest)
    if problem:
        pos = doc.pos(("extends",))
        errors.append(Diagnostic(doc.file, pos.line, pos.column, "mod-base", problem))
        return None
    return Mod(mod, root, folder_hash(root))


def apply_mods(pack: Pack, roots: list[FsPath]) -> list[Diagnostic]:
    """Lay the mods over the pack in their load order; every problem as a diagnostic."""
    from game.content.overlay import Applier, known_section, order  # only with mods

    errors: list[Diagnostic] = []
    mods = [m for m in (_mod(r, pack.manifest, errors) for r in roots) if m is not None]
    seen: dict[str, FsPath] = {}
    for m in mods:
        if m.manifest.id in seen:
            twice = f"mod '{m.manifest.id}' is given twice ({seen[m.manifest.id]} and {m.root})"
            errors.append(Diagnostic(str(m.root / MANIFEST), 1, 1, "duplicate-mod", twice))
        seen.setdefault(m.manifest.id, m.root)
    ordered, cycle = order(mods)
    if cycle:
        errors.append(Diagnostic(str(mods[0].root / MANIFEST), 1, 1, "mod-cycle",
                                 f"the mods' load_after form a cycle: {cycle}"))
        return errors
    applier = Applier(pack, pack.overlay, errors, schema_errors)
    for mod in ordered:
        pack.overlay.mods.append(mod)
        paragraphs = {**pack.manifest.source.paragraphs, **mod.manifest.source.paragraphs}
        source = pack.manifest.source.model_copy(update={"paragraphs": paragraphs})
        pack.manifest = pack.manifest.model_copy(update={"source": source})
        reader = _Reader(mod.root)
        for path in _section_files(mod.root, errors):
            pack.files.append(_rel(path, mod.root))
            doc = reader.read(path)
            if doc is not None and isinstance(doc.data, dict):
                for section, items in doc.data.items():
                    model = known_section(doc, section, errors)
                    if model is not None and isinstance(items, list):
                        for i, raw in enumerate(items):
                            applier.item(mod.manifest.id, section, model, raw, Where(doc, (section, i)))
        errors += reader.errors
    return errors
