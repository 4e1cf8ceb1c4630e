"""The save document (format 3): its typed shape, how a session becomes one, and its checksum."""

from __future__ import annotations

import hashlib
import json
from datetime import UTC, datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from game import __version__
from game.content.packhash import content_hash as content_hash  # re-exported: saves name it here
from game.engine.runtime import Runtime
from game.engine.state import Change, State, month_label, month_text
from game.session import Session

FORMAT = "honorable-exit-save"
FORMAT_VERSION = 3
OPTION_KEYS = ("teaching",)  # the campaign options a save (and a class code) fixes
META_KEYS = ("player", "class_code", "campaign_id", "created")  # session.options keys that are not rules

_STRICT = ConfigDict(extra="forbid", strict=True, frozen=True)


class ModRef(BaseModel):
    """A mod the campaign was played with."""

    model_config = _STRICT
    id: str = Field(description="The mod id.")
    version: str = Field(description="The mod version.")
    content_hash: str = Field(description="sha256 of the mod's YAML files.")


class PackRef(BaseModel):
    """The pack a campaign was played with."""

    model_config = _STRICT
    id: str = Field(description="The pack id.")
    version: str = Field(description="The pack version.")
    content_hash: str | None = Field(description="sha256 of the pack's YAML files (None if unknown).")
    mods: list[ModRef] = Field(default_factory=list, description="The mods laid over it, in load order.")


class Campaign(BaseModel):
    """What fixes the campaign: with the decisions, everything a replay needs."""

    model_config = _STRICT
    scenario: str
    difficulty: str
    seed: str
    rules: int = Field(description="The version of the game's rules the campaign is played by.")
    options: dict[str, bool] = Field(description="Campaign options, e.g. teaching.")
    class_code: str | None = Field(description="The class code the campaign was started from.")


class LoggedDecision(BaseModel):
    """One turn's decision, with the cards it answered."""

    model_config = _STRICT
    turn: int
    cards: list[str] | None = Field(description="The cards on the desk (None in migrated saves).")
    choices: list[str]
    policies: list[str]
    votes: list[list[int]] | None = Field(None, description="A class vote's tally per card: one count per "
                                          "choice, or the empty list for a card that passed (none was open).")


class SavedState(BaseModel):
    """The state after the last decision, keyed by id so that it reads (and diffs) well."""

    model_config = _STRICT
    turn: int
    month: str = Field(pattern=r"^\d{4}-(0[1-9]|1[0-2])$", description="The current month, 'YYYY-MM'.")
    ending: str | None
    values: dict[str, int]
    tolerances: dict[str, int]
    flags: list[str]
    fired: dict[str, int]
    scheduled: list[dict[str, Any]]
    policies: dict[str, str]
    cards: list[str]
    history: dict[str, list[int]] = Field(description="Each quantity at the start of every turn.")
    log: list[dict[str, Any]] = Field(description="The causal log: every change with its cause.")


class Meta(BaseModel):
    """Who saved, when, and where the campaign stood."""

    model_config = _STRICT
    campaign_id: str
    player: str | None
    name: str | None
    kind: Literal["auto", "named"]
    created: str
    updated: str
    turn: int
    date: str
    ending: str | None
    ending_title: str | None
    game_version: str


class SaveDoc(BaseModel):
    """A whole save file."""

    model_config = _STRICT
    format: Literal["honorable-exit-save"]
    format_version: Literal[3]
    pack: PackRef
    campaign: Campaign
    decisions: list[LoggedDecision]
    state: SavedState
    meta: Meta
    checksum: str | None = Field(description="sha256 of the rest of the document (None if migrated).")


def now_iso() -> str:
    """The current time in UTC, ISO 8601 to the second."""
    return datetime.now(UTC).isoformat(timespec="seconds")


def pack_ref(rt: Runtime) -> dict[str, Any]:
    """What a save records of the pack and its mods (``mods`` only when there are any)."""
    manifest = rt.pack.manifest
    ref: dict[str, Any] = {"id": manifest.id, "version": manifest.version, "content_hash": content_hash(rt)}
    mods = getattr(rt.pack, "mods", [])
    if mods:
        ref["mods"] = [m.ref() for m in mods]
    return ref


def state_json(rt: Runtime, state: State, *, share: bool = False) -> dict[str, Any]:
    """A state as the JSON mapping a save stores (and a replay is compared with; ``share``: see
    ``log_json``)."""
    names = rt.quantities
    history = state.history or []
    return {
        "turn": state.turn,
        "month": month_text(state.month),
        "ending": state.ending,
        "values": dict(zip(names, state.values, strict=True)),
        "tolerances": dict(zip(rt.tolerance_ids, state.tolerances, strict=True)),
        "flags": sorted(state.flags),
        "fired": dict(sorted(state.fired.items())),
        "scheduled": [item.to_json() for item in state.scheduled],
        "policies": {p.id: p.levels[i].id for p, i in zip(rt.policies, state.policies, strict=True)},
        "cards": list(state.cards),
        "history": {q: [row[i] for row in history] for i, q in enumerate(names)},
        "log": log_json(state.log or (), share=share),
    }


def log_json(log: list[Change] | tuple[Change, ...], *, share: bool = False) -> list[dict[str, Any]]:
    """``[change.to_json() for change in log]``, each cause written once (the changes of one choice
    or policy share it, mostly in a row) and copied into each entry, or with ``share`` (a mapping
    only compared, never changed or kept) the same mapping for every entry of one cause."""
    causes: dict[int, dict[str, Any]] = {}  # by id: every cause lives as long as the log does
    out = []
    last: object = None
    written: dict[str, Any] = {}
    for change in log:
        cause = change.cause
        if cause is not last:
            last = cause
            known = causes.get(id(cause))
            written = causes[id(cause)] = cause.to_json() if known is None else known
        out.append({"turn": change.turn, "target": change.target, "delta": change.delta,
                    "value": change.value, "cause": written if share else dict(written)})
    return out


def decisions_json(session: Session) -> list[dict[str, Any]]:
    """The decision log: each turn's cards, choices and policy levels (and a class vote's tallies)."""
    out = []
    for r in session.records:
        row: dict[str, Any] = {"turn": r.turn, "cards": list(r.cards), "choices": list(r.decision.choices),
                               "policies": list(r.decision.policies)}
        if r.turn in session.votes:
            row["votes"] = [list(counts) for counts in session.votes[r.turn]]
        out.append(row)
    return out


def campaign_options(session: Session) -> dict[str, bool]:
    """The options that are part of the campaign (not who plays it)."""
    options = {k: bool(session.options.get(k, False)) for k in OPTION_KEYS}
    if session.options.get("debug"):
        options["debug"] = True  # played with the test bench: the save never verifies
    return options


def build(session: Session, name: str | None, kind: str, campaign_id: str, created: str) -> dict[str, Any]:
    """The save document for a session (checksum included)."""
    rt = session.rt
    ending = session.state.ending
    doc: dict[str, Any] = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "pack": pack_ref(rt),
        "campaign": {"scenario": session.scenario, "difficulty": session.difficulty, "seed": session.seed,
                     "rules": session.state.rules, "options": campaign_options(session),
                     "class_code": session.options.get("class_code") or None},
        "decisions": decisions_json(session),
        "state": state_json(rt, session.state),
        "meta": {"campaign_id": campaign_id, "player": session.options.get("player") or None,
                 "name": name, "kind": kind, "created": created, "updated": now_iso(),
                 "turn": session.state.turn, "date": month_label(session.state.month),
                 "ending": ending,
                 "ending_title": rt.pack.get("endings", ending).title if ending else None,
                 "game_version": __version__},
    }
    doc["checksum"] = checksum(doc)
    return doc


def checksum(doc: dict[str, Any]) -> str:
    """sha256 of the canonical JSON of everything but the checksum itself."""
    body = {k: v for k, v in doc.items() if k != "checksum"}
    text = json.dumps(body, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return "sha256:" + hashlib.sha256(text.encode()).hexdigest()


def dumps(doc: dict[str, Any]) -> bytes:
    """The bytes written to disk."""
    return (json.dumps(doc, indent=1, ensure_ascii=False) + "\n").encode()
