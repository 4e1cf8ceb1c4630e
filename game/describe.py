"""Words for the state: names, causes and changes, shared by every front end (previews: game.preview)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import Any

from game.engine.passing import PASSED, PASSED_NOTE
from game.engine.runtime import Runtime
from game.engine.state import MONTH_NAMES, Cause, Change, month_label

_DATE_PREFIX = re.compile(rf"^(?:{'|'.join(MONTH_NAMES)}|Spring|Summer|Autumn|Winter) [0-9]{{4}} - ")


ENDS = (".", "!", "?", "…")


def full_stop(text: str) -> str:
    """A sentence with its closing mark: a period, unless it already ends in one (or in ? ! …),
    so that a card title such as 'Who may name the culprit?' never reads '?.'."""
    text = text.rstrip()
    return text if text.endswith(ENDS) else text + "."


def and_list(items: list[str]) -> str:
    """Words joined as a sentence lists them: '', 'a', 'a and b', 'a, b and c'."""
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


def card_title(event: Any) -> str:
    """A card's title as every front shows it: without the leading 'May 2018 - ' (or 'Spring 2018 - ')
    some titles carry, since the card's date line says the month it is shown (and a held-over card
    says so)."""
    return _DATE_PREFIX.sub("", str(event.title), count=1)


def name_of(rt: Runtime, target: str) -> str:
    """The display name of a meter, actor, flag, policy or event target."""
    pack = rt.pack
    kind, _, ident = target.partition(":")
    if not ident:
        ident, kind = target, ""
    try:
        if kind == "flag":
            return str(pack.get("flags", ident).description)
        if kind == "policy":
            return str(pack.get("policies", ident).name)
        if kind == "event":
            return card_title(pack.get("events", ident))
        for section in ("meters", "actors"):
            for item in pack.items(section):
                if item.id == ident:
                    return str(item.name)
    except KeyError:
        pass
    return ident


def find_target(rt: Runtime, text: str) -> str | None:
    """A meter or actor id from an id or a display name (case-insensitive)."""
    wanted = text.strip().lower().replace(" ", "_")
    if wanted in rt.qindex:
        return wanted
    for qid in rt.quantities:
        if name_of(rt, qid).lower().replace(" ", "_") == wanted:
            return qid
    matches = [q for q in rt.quantities if q.startswith(wanted) or wanted in name_of(rt, q).lower()]
    return matches[0] if len(matches) == 1 else None


def describe_cause(rt: Runtime, cause: Cause) -> str:
    """Why something changed, in words."""
    pack = rt.pack
    note = f" ({cause.note})" if cause.note and cause.kind != "scheduled" else ""
    if cause.kind == "choice" and cause.event:
        ev = pack.get("events", cause.event)
        if cause.choice == PASSED:  # the card passed: the cause is its note (game.engine.passing)
            return f"{card_title(ev)}: {cause.note or PASSED_NOTE}"
        label = next((c.label for c in ev.choices if c.id == cause.choice), cause.choice)
        return f"{card_title(ev)}: {label}{note}"
    if cause.kind == "policy" and cause.policy:
        policy = pack.get("policies", cause.policy)
        level = next((lv.name for lv in policy.levels if lv.id == cause.level), cause.level)
        verb = "set to" if cause.note == "set" else "held at"
        return f"{policy.name} {verb} {level}"
    if cause.kind == "scheduled":
        origin = ""
        if cause.event:
            ev = pack.get("events", cause.event)
            origin = f" (after {card_title(ev)}, turn {cause.turn})"
        return f"{cause.note or 'A delayed consequence'}{origin}"
    if cause.kind == "event" and cause.event:
        return f"{card_title(pack.get('events', cause.event))}{note}"
    return cause.note or cause.kind


def signed(n: int) -> str:
    """+5, -3, 0."""
    return f"{n:+d}" if n else "0"


def format_change(rt: Runtime, change: Change, *, with_turn: bool = False) -> str:
    """One line: 'Ceasefire stability -5 (now 47): Afrin: Step aside'."""
    head = f"turn {change.turn}: " if with_turn else ""
    if change.target.startswith("flag:"):
        state = "Now true" if change.delta > 0 else "No longer true"
        return f"{head}{state}: {name_of(rt, change.target)} ({describe_cause(rt, change.cause)})"
    if change.target.startswith(("policy:", "event:")):  # event: a card that passed, moving nothing
        return f"{head}{describe_cause(rt, change.cause)}"
    return (f"{head}{name_of(rt, change.target)} {signed(change.delta)} (now {change.value}): "
            f"{describe_cause(rt, change.cause)}")


def short_change(rt: Runtime, change: Change) -> str:
    """'Ceasefire stability -5 (47)', or a flag's fact."""
    if change.target.startswith("flag:"):
        return ("now true: " if change.delta > 0 else "no longer true: ") + name_of(rt, change.target)
    return f"{name_of(rt, change.target)} {signed(change.delta)} ({change.value})"


def group_report(rt: Runtime, changes: Iterable[Change]) -> list[tuple[str, list[str]]]:
    """A situation report: (cause, [changes]) in order, one entry per cause."""
    groups: dict[str, list[str]] = {}
    for change in changes:
        if change.target.startswith("policy:"):
            continue
        groups.setdefault(describe_cause(rt, change.cause), []).append(short_change(rt, change))
    return list(groups.items())


def month_of(index: int) -> str:
    """A month index as 'March 2018'."""
    return month_label(index)
