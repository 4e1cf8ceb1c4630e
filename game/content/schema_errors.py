"""Schema errors as a modder reads them: the field and the value, the place, a targeted hint."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ValidationError

from game.content import schema as s
from game.content.diagnostics import Diagnostic, did_you_mean
from game.content.scope import Where
from game.content.yamlsrc import Document

_WANTED = {"int_type": "a whole number", "int_parsing": "a whole number", "int_from_float": "a whole number",
           "float_type": "a number", "float_parsing": "a number", "bool_type": "true or false",
           "bool_parsing": "true or false", "string_type": "text", "list_type": "a list ([a, b] or - items)",
           "dict_type": "a mapping (key: value)"}
# words modders reach for, and what the format calls them
_FIELD_HINTS = {"greater": "gt", "greater_than": "gt", "above": "gt", "more_than": "gt", "less": "lt",
                "less_than": "lt", "below": "lt", "at_least": "gte", "minimum": "gte", "at_most": "lte",
                "maximum": "lte", "equals": "eq", "description_": "description", "effect": "effects",
                "condition": "when", "if_": "if", "choice": "choices", "cite": "cites"}


def _type_message(err: Any, loc: tuple[Any, ...]) -> tuple[str, str | None] | None:
    """'weight: "high" is not a whole number', with a hint for YAML's own traps."""
    wanted = _WANTED.get(err["type"])
    if err["type"] == "literal_error":
        wanted = "one of " + str(err.get("ctx", {}).get("expected", "the allowed values"))
    if wanted is None:
        return None
    field_name = next((str(x) for x in reversed(loc) if isinstance(x, str)), "the value")
    value = err.get("input")
    shown: object = value
    if isinstance(value, str):
        shown = f'"{value}"'
    elif isinstance(value, bool):
        shown = str(value).lower()
    hint = None
    if isinstance(value, bool) and wanted == "text":
        hint = "YAML reads yes, no, on, off, true and false as yes/no values: put the text in quotes"
    elif isinstance(value, str) and value.lower() in ("yes", "no", "on", "off") and wanted == "true or false":
        hint = "write true or false"
    return f"{field_name}: {shown} is not {wanted}", hint


def schema_errors(exc: ValidationError, where: Where) -> list[Diagnostic]:
    """Pydantic's errors as positioned diagnostics that name the field and the value, with hints."""
    out = []
    for err in exc.errors():
        loc = tuple(x for x in err["loc"] if not (isinstance(x, str) and "[" in x))
        path = _walk(where.doc, where.path, loc)
        at_key = err["type"] == "extra_forbidden"
        pos = where.doc.pos(path, key=at_key)
        message = str(err["msg"]).removeprefix("Value error, ")
        hint = None
        typed = _type_message(err, loc)
        if at_key:
            field_name = str(loc[-1])
            message = f"unknown field '{field_name}'"
            known = _FIELD_HINTS.get(field_name.lower())
            if known:
                hint = f"did you mean '{known}'?"
            elif field_name in _vocabulary():  # a real field, of other kinds of item
                hint = f"'{field_name}' is a field of other kinds of item, not of this one"
            else:
                hint = did_you_mean(field_name, _vocabulary())
        elif err["type"] == "missing":
            message = f"missing field '{loc[-1]}'"
        elif typed is not None:
            message, hint = typed
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
        from game.content import conditions, effects, mod_manifest

        for module in (s, conditions, effects, mod_manifest):
            for obj in vars(module).values():
                if isinstance(obj, type) and issubclass(obj, BaseModel) and obj is not BaseModel:
                    _VOCABULARY.update(f.alias or n for n, f in obj.model_fields.items())
    return _VOCABULARY


_VOCABULARY: set[str] = set()
