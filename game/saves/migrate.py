"""Explicit migrations from older save formats to the current one, as pure JSON rewrites.

Format 1 (the first saves) was flat: pack and campaign fields at the top,
values and history as lists aligned with a ``quantities`` list, the month as
a number, a single ``saved_at`` time, a ``teaching`` flag instead of options,
and neither a content hash, a campaign id, the cards of each decision, nor a
checksum. Format 2 nests these and adds what format 1 lacked; a migrated save
has no checksum, so its only verification is the replay.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from typing import Any

from pydantic import BaseModel, ConfigDict

from game.engine.state import month_label, month_text

_STRICT = ConfigDict(extra="forbid", strict=True, frozen=True)


class V1State(BaseModel):
    """The state as format 1 wrote it."""

    model_config = _STRICT
    turn: int
    month: int
    ending: str | None
    values: list[int]
    tolerances: dict[str, int]
    flags: list[str]
    fired: dict[str, int]
    scheduled: list[dict[str, Any]]
    policies: dict[str, str]
    cards: list[str]
    history: list[list[int]]
    log: list[dict[str, Any]]


class V1Decision(BaseModel):
    """A decision as format 1 wrote it."""

    model_config = _STRICT
    choices: list[str]
    policies: list[str]


class V1Save(BaseModel):
    """A whole format-1 save."""

    model_config = _STRICT
    format_version: int
    game: str
    pack_id: str
    pack_version: str
    scenario: str
    difficulty: str
    seed: str
    teaching: bool
    class_code: str | None
    player: str | None
    name: str | None
    autosave: bool
    saved_at: str
    ending_title: str | None
    quantities: list[str]
    decisions: list[V1Decision]
    state: V1State


def v1_to_v2(raw: dict[str, Any]) -> dict[str, Any]:
    """Format 1 -> 2: nest the sections, key values by id, add what format 1 lacked."""
    old = V1Save.model_validate(raw)
    st = old.state
    if len(st.values) != len(old.quantities) or any(len(r) != len(old.quantities) for r in st.history):
        raise ValueError("state.values and state.history must match 'quantities' in length")
    seed_text = f"{old.pack_id}:{old.seed}:{old.player}:{old.saved_at}"
    campaign_id = "m1" + hashlib.sha256(seed_text.encode()).hexdigest()[:10]
    return {
        "format": "honorable-exit-save",
        "format_version": 2,
        "pack": {"id": old.pack_id, "version": old.pack_version, "content_hash": None},
        "campaign": {"scenario": old.scenario, "difficulty": old.difficulty, "seed": old.seed,
                     "options": {"teaching": old.teaching}, "class_code": old.class_code},
        "decisions": [{"turn": i, "cards": None, "choices": d.choices, "policies": d.policies}
                      for i, d in enumerate(old.decisions, 1)],
        "state": {
            "turn": st.turn, "month": month_text(st.month), "ending": st.ending,
            "values": dict(zip(old.quantities, st.values, strict=True)),
            "tolerances": st.tolerances, "flags": st.flags, "fired": st.fired,
            "scheduled": st.scheduled, "policies": st.policies, "cards": st.cards,
            "history": {q: [row[i] for row in st.history] for i, q in enumerate(old.quantities)},
            "log": st.log,
        },
        "meta": {"campaign_id": campaign_id, "player": old.player, "name": old.name,
                 "kind": "auto" if old.autosave else "named", "created": old.saved_at,
                 "updated": old.saved_at, "turn": st.turn, "date": month_label(st.month),
                 "ending": st.ending, "ending_title": old.ending_title, "game_version": "format 1"},
        "checksum": None,
    }


def v2_to_v3(raw: dict[str, Any]) -> dict[str, Any]:
    """Format 2 -> 3: record the rules the campaign was played by (rules 1: all format 2 saves)."""
    campaign = raw.get("campaign")
    if not isinstance(campaign, dict):  # validation then says what is wrong with it
        return {**raw, "format_version": 3}
    return {**raw, "format_version": 3, "campaign": {**campaign, "rules": 1}}


# format version -> the migration that lifts it one version
MIGRATIONS: dict[int, Callable[[dict[str, Any]], dict[str, Any]]] = {1: v1_to_v2, 2: v2_to_v3}


def migrate(raw: dict[str, Any], version: int, target: int) -> dict[str, Any]:
    """Apply each migration from ``version`` up to ``target``."""
    while version < target:
        raw = MIGRATIONS[version](raw)
        version += 1
    return raw
