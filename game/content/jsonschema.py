"""JSON Schemas of the content format for editors, generated from the pydantic models.

Two schemas: one for a pack's manifest (``pack.yaml``), one for its content files. Given a
loaded pack, every field that names an item of the pack (a meter, an actor, a flag, an event,
a policy, an advisor, a paragraph of the source) lists the pack's ids as an ``enum``, so an
editor completes them and flags a typo as you type. Expression strings stay free text: the
game's own validator checks the names inside them.
"""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, create_model

from game.content import schema as s

DIALECT = "https://json-schema.org/draft/2020-12/schema"
NAMES = {"manifest": "manifest.schema.json", "content": "content.schema.json"}


def _content_model() -> type[BaseModel]:
    fields: dict[str, Any] = {k: (list[v] | None, None) for k, v in s.SECTIONS.items()}  # type: ignore[valid-type]
    return create_model("ContentFile", __doc__="One content file of a pack: any of its sections.", **fields)


def _ids(pack: Any) -> dict[str, list[str]]:
    def ids(section: str) -> list[str]:
        return sorted(item.id for item in pack.items(section))

    relations = sorted(a.id for a in pack.actors if a.relation)
    return {
        "meters": ids("meters"), "relations": relations, "quantities": sorted(ids("meters") + relations),
        "flags": ids("flags"), "events": ids("events"), "policies": ids("policies"),
        "advisors": ids("advisors"), "tolerances": ids("tolerances"), "scores": ids("score_dimensions"),
        "paragraphs": sorted(pack.manifest.source.paragraphs),
    }


# (definition, property, how the pack's ids apply, which ids)
_TARGETS = (
    ("MeterCondition", "meter", "value", "meters"),
    ("RelationCondition", "relation", "value", "relations"),
    ("FlagCondition", "flag", "value", "flags"),
    ("FiredCondition", "fired", "value", "events"),
    ("PolicyCondition", "policy", "value", "policies"),
    ("SetFlagEffect", "set_flag", "value", "flags"),
    ("ClearFlagEffect", "clear_flag", "value", "flags"),
    ("Schedule", "event", "value", "events"),
    ("ChangeEffect", "change", "keys", "quantities"),
    ("SetPolicyEffect", "set_policy", "keys", "policies"),
    ("Event", "advice", "keys", "advisors"),
    ("Ending", "scores", "keys", "scores"),
    ("Difficulty", "tolerances", "keys", "tolerances"),
    ("Scenario", "tolerances", "keys", "tolerances"),
    ("Threshold", "value", "value", "tolerances"),
    ("Initial", "values", "keys", "quantities"),
    ("Initial", "policies", "keys", "policies"),
    ("Initial", "flags", "items", "flags"),
    ("Initial", "fired", "items", "events"),
    ("Strategy", "weights", "keys", "quantities"),
    ("Strategy", "flags", "keys", "flags"),
    ("Strategy", "policies", "keys", "policies"),
    *((d, "cites", "items", "paragraphs") for d in ("Event", "Choice", "Ending", "Actor", "Discussion")),
)


def _apply(prop: dict[str, Any], how: str, values: list[str]) -> None:
    if how == "keys":
        prop["propertyNames"] = {"enum": values}
    elif how == "items":
        prop["items"] = {"enum": values}
    elif "anyOf" in prop:  # an optional id: str | None
        prop["anyOf"] = [{"enum": values} if b.get("type") == "string" else b for b in prop["anyOf"]]
    else:
        prop["enum"] = values


def _with_ids(schema: dict[str, Any], pack: Any) -> dict[str, Any]:
    ids = _ids(pack)
    defs = schema.get("$defs", {})
    for name, field, how, kind in _TARGETS:
        prop = defs.get(name, {}).get("properties", {}).get(field)
        if prop is not None and ids[kind]:
            _apply(prop, how, ids[kind])
    return schema


def schemas(pack: Any | None = None, *, mod: bool = False) -> dict[str, dict[str, Any]]:
    """The manifest and content-file schemas (with the pack's ids as enums when a pack is given);
    ``mod``: a mod's manifest and content files instead (``game.content.jsonschema_mod``)."""
    from game.content.jsonschema_mod import mod_content, mod_manifest

    out = {}
    for key, model in (("manifest", s.Manifest), ("content", _content_model())):
        schema = {"$schema": DIALECT, **model.model_json_schema(by_alias=True)}
        schema["title"] = f"Honorable Exit {key} file (format {s.FORMAT_VERSION})"
        out[key] = _with_ids(schema, pack) if pack is not None and key == "content" else schema
    if mod:
        out = {"manifest": mod_manifest(DIALECT), "content": mod_content(out["content"])}
    return out


def dumps(schema: dict[str, Any]) -> str:
    """Stable, diff-friendly JSON text."""
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"
