"""The JSON Schemas of a mod's files: its manifest, and content items as the overlay reads them.

A mod's content file lists, in each section, items of four kinds (``game.content.overlay``):
a new item (the pack's own schema), ``replace: ID`` with the whole item restated,
``modify: ID`` with only the fields it changes (lists of items with ids merge by id, and an
entry ``{remove: ID}`` drops one, so a modified list or nested item is not checked field by
field here), and ``{remove: ID}`` alone. The manifest is a mod's (``extends``, ``load_after``,
``source`` with the paragraphs it adds).
"""

from __future__ import annotations

import copy
from typing import Any

from game.content import schema as s
from game.content.mod_manifest import ModManifest

_ID = {"type": "string", "pattern": r"^[a-z][a-z0-9_]*$", "description": "The id of an item of the pack."}


def _loose(prop: dict[str, Any]) -> bool:
    """Whether a field is merged rather than replaced by ``modify`` (a list, or a nested item)."""
    branches = prop.get("anyOf", [prop])
    return any("$ref" in b or b.get("type") == "array" for b in branches)


def _replace(item: dict[str, Any]) -> dict[str, Any]:
    out = copy.deepcopy(item)
    props = out.get("properties", {})
    props["replace"] = props.pop("id", _ID)
    out["required"] = ["replace" if r == "id" else r for r in out.get("required", [])]
    out["title"] = f"{item.get('title', 'Item')} (replace: ID, restated whole)"
    return out


def _modify(item: dict[str, Any]) -> dict[str, Any]:
    props: dict[str, Any] = {"modify": item.get("properties", {}).get("id", _ID)}
    for name, prop in item.get("properties", {}).items():
        if name != "id":
            props[name] = ({"description": prop.get("description", ""), "title": prop.get("title", name)}
                           if _loose(prop) else copy.deepcopy(prop))
    return {"type": "object", "title": f"{item.get('title', 'Item')} (modify: ID, the fields it changes)",
            "properties": props, "required": ["modify"], "additionalProperties": False}


_REMOVE = {"type": "object", "title": "remove: ID (the item goes)", "properties": {"remove": _ID},
           "required": ["remove"], "additionalProperties": False}


def mod_content(schema: dict[str, Any]) -> dict[str, Any]:
    """A pack's content-file schema made a mod's: each section's items may be new, or
    ``replace``, ``modify`` or ``remove`` an item of the pack."""
    out = copy.deepcopy(schema)
    defs = out.setdefault("$defs", {})
    defs["ModRemove"] = _REMOVE
    for section in s.SECTIONS:
        prop = out["properties"].get(section, {})
        for branch in prop.get("anyOf", [prop]):
            ref = branch.get("items", {}).get("$ref") if branch.get("type") == "array" else None
            if ref is None:
                continue
            name = ref.rsplit("/", 1)[-1]
            defs[f"{name}Replace"], defs[f"{name}Modify"] = _replace(defs[name]), _modify(defs[name])
            branch["items"] = {"anyOf": [{"$ref": ref}, {"$ref": f"#/$defs/{name}Replace"},
                                         {"$ref": f"#/$defs/{name}Modify"}, {"$ref": "#/$defs/ModRemove"}]}
    out["title"] = f"Honorable Exit mod content file (format {s.FORMAT_VERSION})"
    return out


def mod_manifest(dialect: str) -> dict[str, Any]:
    """The schema of a mod's ``pack.yaml``."""
    schema = {"$schema": dialect, **ModManifest.model_json_schema(by_alias=True)}
    schema["title"] = f"Honorable Exit mod manifest (format {s.FORMAT_VERSION})"
    return schema
