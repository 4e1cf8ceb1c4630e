"""The campaign as the player saw it: one dating convention and one value series for every front.

The engine records a turn's history row when the turn's decisions have resolved,
*before* the next month's scheduled consequences land; and a session's report
mixes the month just decided with the start of the new one. Every front end
(dashboard, charts, why, timeline, situation report, plain mode, debrief) reads
through this module instead, so they agree:

- a change is dated by the turn in which it took effect (``Change.turn``);
  the consequences that land at the start of a month belong to that month;
- the value of a quantity "in a month" is the value the player saw while
  deciding it: after that month's start-of-month consequences.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from game.describe import ENDS, card_title, describe_cause, name_of
from game.engine.passing import PASSED_NOTE, passed_cards
from game.engine.runtime import Runtime
from game.engine.state import Change, month_label
from game.session import Session

START = "scheduled"  # the only cause kind applied at the start of a month (turn.begin_turn)


def at_start(change: Change) -> bool:
    """Whether a change landed at the start of its month (a delayed consequence coming due)."""
    return change.cause.kind == START


# id(log) -> (changes read, the last one read, the sums so far)
_EARLY: dict[int, tuple[int, Change | None, dict[tuple[int, str], int]]] = {}


def _early(log: list[Change]) -> dict[tuple[int, str], int]:
    """(turn, quantity) -> the sum of its start-of-month changes; read on from where it was last time."""
    done, last, sums = _EARLY.get(id(log), (0, None, {}))
    if done > len(log) or (done and log[done - 1] is not last):  # another list at a reused id
        done, sums = 0, {}
    for change in log[done:]:
        if at_start(change):
            key = (change.turn, change.target)
            sums[key] = sums.get(key, 0) + change.delta
    if len(_EARLY) > 8:
        _EARLY.clear()
    _EARLY[id(log)] = (len(log), log[-1] if log else None, dict(sums))
    return sums


def seen_series(session: Session, qid: str) -> list[int]:
    """A quantity's value as shown on each turn's dashboard so far (the last is its value now)."""
    i = session.rt.qindex[qid]
    early = _early(session.state.log) if session.state.log else {}
    return [row[i] + early.get((k + 1, qid), 0) for k, row in enumerate(session.state.history or ())]


def last_change(session: Session, qid: str) -> int:
    """The value now minus the value a month ago (0 on the first turn)."""
    series = seen_series(session, qid)
    return series[-1] - series[-2] if len(series) >= 2 else 0


def with_policy_moves(changes: Sequence[Change]) -> list[Change]:
    """Changes whose monthly policy causes say 'set to' when that policy moved in the same turn."""
    moved = {(c.turn, c.target[len("policy:"):]) for c in changes if c.target.startswith("policy:")}
    out = []
    for c in changes:
        cause = c.cause
        if cause.kind == "policy" and cause.note is None and (c.turn, cause.policy) in moved:
            c = replace(c, cause=replace(cause, note="set"))
        out.append(c)
    return out


def all_changes(session: Session) -> list[Change]:
    """Every change of the campaign, oldest first, with policy moves marked."""
    return with_policy_moves(session.state.log or ())


def month_changes(session: Session, turn: int) -> list[Change]:
    """Every change dated to a turn: its start-of-month consequences, decisions and policies."""
    return [c for c in all_changes(session) if c.turn == turn]


def movement(rt: Runtime, change: Change) -> str:
    """'Ceasefire stability fell 5 to 47', 'Turkey rose 8 to +20', or a flag's fact."""
    name = name_of(rt, change.target)
    if change.target.startswith("flag:"):
        fact = name.strip().rstrip(".")
        return f"now true: {fact}" if change.delta > 0 else f"no longer true: {fact}"
    signed = change.target not in {m.id for m in rt.pack.meters}
    value = f"{change.value:+d}" if signed else str(change.value)
    verb = "rose" if change.delta > 0 else "fell"
    return f"{name} {verb} {abs(change.delta)} to {value}"


def sentence(rt: Runtime, cause: str, changes: Iterable[Change]) -> str:
    """One cause and what it moved, as a sentence: never a description glued to a list."""
    moved = "; ".join(movement(rt, c) for c in changes)
    cause = cause.strip()
    if cause.endswith(ENDS):
        return f"{cause} {moved[:1].upper()}{moved[1:]}."
    return f"{cause}: {moved}."


def net(changes: Iterable[Change]) -> list[Change]:
    """One cause's changes with one entry per target, in order of first mention: a quantity moved
    twice (a policy's base effect and its condition's) reads as one move to its last value; a
    flag reads as its last state; a quantity whose moves cancel out is left out."""
    merged: dict[str, Change] = {}
    for c in changes:
        prev = merged.get(c.target)
        keep = prev is None or c.target.startswith("flag:")
        merged[c.target] = c if keep else replace(c, delta=prev.delta + c.delta)  # type: ignore[union-attr]
    return [c for c in merged.values() if c.delta or c.target.startswith("flag:")]


def sentences(rt: Runtime, changes: Iterable[Change]) -> list[str]:
    """The sentences of a list of changes, one per cause, in order of first mention."""
    groups: dict[str, list[Change]] = {}
    for change in changes:
        if change.target.startswith("policy:"):
            continue
        groups.setdefault(describe_cause(rt, change.cause), []).append(change)
    return [sentence(rt, cause, moved) for cause, items in groups.items() if (moved := net(items))]


def policy_move(rt: Runtime, change: Change) -> str:
    """'You set Military posture to Drawdown.' or, forced by a card, what forced it."""
    pid = change.target[len("policy:"):]
    model = rt.pack.get("policies", pid)
    level = model.levels[change.value].name
    if change.cause.kind == "policy":
        return f"You set {model.name} to {level}."
    return f"{model.name} changed to {level} ({describe_cause(rt, change.cause)})."


@dataclass(frozen=True)
class Section:
    """A part of the situation report: a heading (the month it is dated to) and its sentences."""

    heading: str
    lines: tuple[str, ...]


def report_sections(session: Session, changes: Sequence[Change]) -> list[Section]:
    """The situation report of ``changes`` (``session.report``, as a front shows it), dated as the timeline
    dates them, with the cards of the month just decided that passed."""
    rt = session.rt
    first = session.state.month - (session.state.turn - 1)
    marked = with_policy_moves(changes)
    out: list[Section] = []
    passed = passed_lines(session)  # the report is the last decided month's
    for turn in sorted({c.turn for c in marked} | set(passed)):
        dated = [c for c in marked if c.turn == turn]
        month = month_label(first + turn - 1)
        moves = [policy_move(rt, c) for c in dated if c.target.startswith("policy:")]
        decided = passed.get(turn, []) + sentences(rt, [c for c in dated if not at_start(c)])
        early = sentences(rt, [c for c in dated if at_start(c)])
        if early:
            out.append(Section(f"At the start of {month}", tuple(early)))
        if decided or moves:
            out.append(Section(f"In {month} (turn {turn})", tuple(moves + decided)))
    return out


def passed_lines(session: Session) -> dict[int, list[str]]:
    """The month just decided's cards that passed (none of their choices was open), by turn:
    'Wheat for Latakia: no choice was open: the card passed, with no effect.'"""
    if not session.records:
        return {}
    record = session.records[-1]
    cards = passed_cards(record.cards, record.decision.choices)
    titles = [card_title(session.rt.pack.get("events", card)) for card in cards]
    return {record.turn: [f"{title}: {PASSED_NOTE}, with no effect." for title in titles]} if titles else {}
