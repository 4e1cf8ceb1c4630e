"""What reads each flag: the pack's conditions that test it, and which way, indexed once per runtime.

A reader is an ending, a card (whether it can come), a choice (whether it is
open, or what it does: an ``if`` among its effects) or a policy level
(whether it may be chosen, or what it does each month). For each reader the
index keeps, read off the condition's tree, the values of the flag that
condition cannot hold without (``needs``), the values enough on their own to
make it hold (``enough``), and the values its tests look for (``looks``).
``bearing`` turns them into what a change of the flag does to the reader.
Pure: the previews of every front end read this one index.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from game.content import effects as e
from game.content.compile_explain import ExplainBuilder, conditions
from game.content.gcpause import gc_paused
from game.engine import explain as x
from game.engine.runtime import Runtime
from game.engine.state import State


@dataclass(frozen=True, slots=True)
class Reader:
    """One condition that reads a flag: what it gates, and how it reads the flag."""

    key: str  # the condition's key in ``Runtime.conditions``; "effects:<card>.<choice>" or
    # "effects:<policy>.<level>" for the ``if`` effects of a choice or a level
    kind: str  # ending | card | choice | level
    label: str  # an ending's title, a level's name with its policy's, a card's id, a choice's "card.choice"
    card: str | None  # the card a card's or a choice's condition belongs to
    needs: frozenset[bool] = frozenset()  # values of the flag it cannot hold without
    enough: frozenset[bool] = frozenset()  # values of the flag that make it hold whatever else is so
    looks: frozenset[bool] = frozenset((True, False))  # values its tests look for (both: no one way)


def bearing(reader: Reader, value: bool) -> str:
    """What the flag's taking ``value`` does to a reader: 'enough' (its condition now holds),
    'needed' (a condition it cannot hold without is now met), 'bars' (it cannot hold now),
    'toward' / 'against' (every test of the flag looks for this value / the other one) or
    'reads' (no one way)."""
    if value in reader.enough:
        return "enough"
    if value in reader.needs:
        return "needed"
    if (not value) in reader.needs:
        return "bars"
    if reader.looks == {value}:
        return "toward"
    return "against" if reader.looks == {not value} else "reads"


@dataclass(frozen=True, slots=True)
class FlagIndex:
    """The readers of every flag, and the cards some effect of the pack schedules."""

    readers: dict[str, tuple[Reader, ...]]
    schedulable: frozenset[str]


def flag_index(rt: Runtime) -> FlagIndex:
    """The pack's flag index, built on first use and kept in ``rt.extra``."""
    index = rt.extra.get("flag_index")
    if not isinstance(index, FlagIndex):
        with gc_paused():  # a few thousand small objects, none garbage: no collector pass over the pack
            index = rt.extra["flag_index"] = FlagIndex(
                {flag: tuple(found) for flag, found in _readers(rt).items()}, frozenset(_scheduled(rt)))
    return index


def still_ahead(rt: Runtime, state: State, last_turn: int, card: str, after: int = 0) -> bool:
    """Whether a card may yet come, from the month ``after`` months ahead (next month at the
    earliest) to the campaign's last: not if it comes once and has come; a historical card only
    on its month, a conditional one only inside its window, a follow-up only if scheduled; any
    card a scheduled item or an effect of the pack can put on the desk."""
    ev = rt.events[card]
    if ev.once and card in state.fired:
        return False
    first_turn = state.turn + max(after, 1)
    first, last = state.month + first_turn - state.turn, state.month + last_turn - state.turn
    if first_turn > last_turn:
        return False
    if any(item.event == card and item.due <= last_turn for item in state.scheduled):
        return True
    if card in flag_index(rt).schedulable:
        return True
    if ev.month is not None:
        return first <= ev.month <= last
    if ev.kind != "conditional":
        return False
    lo_month, hi_month, lo_turn, hi_turn = ev.window
    return lo_month <= last and hi_month >= first and lo_turn <= last_turn and hi_turn >= first_turn


def _readers(rt: Runtime) -> dict[str, list[Reader]]:
    """Each flag's readers, from every condition of the pack and every ``if`` among its effects."""
    pack = rt.pack
    trees = rt.conditions or conditions(pack, rt.qindex, rt.tolerance_ids)
    out: dict[str, list[Reader]] = {}
    for key, tree in trees.items():
        kind, label, card = _gate(rt, key)
        needs, enough = _reading(tree)
        looks = _looks(tree)
        for flag in dict.fromkeys(f for f, _ in looks):
            out.setdefault(flag, []).append(Reader(
                key, kind, label, card, _values(needs, flag), _values(enough, flag), _values(looks, flag)))
    build = ExplainBuilder(pack, rt.qindex, rt.tolerance_ids)
    lists: list[tuple[str, str, str, str | None, Sequence[Any]]] = [
        (f"{ev.id}.{ch.id}", "choice", f"{ev.id}.{ch.id}", ev.id, ch.effects)
        for ev in pack.events for ch in ev.choices]
    lists += [(f"{p.id}.{lv.id}", "level", f"{lv.name} of {p.name}", None, lv.monthly)
              for p in pack.policies for lv in p.levels]
    for ident, kind, label, card, items in lists:
        for flag in _if_reads(build, items):
            out.setdefault(flag, []).append(Reader(f"effects:{ident}", kind, label, card))
    return out


def _gate(rt: Runtime, key: str) -> tuple[str, str, str | None]:
    """What a condition key gates: (kind, label, card)."""
    kind, _, ident = key.partition(":")
    head, _, tail = ident.partition(".")
    if kind == "ending":
        return "ending", str(rt.pack.get("endings", ident).title), None
    if kind == "level":
        policy = rt.pack.get("policies", head)
        level = next(lv.name for lv in policy.levels if lv.id == tail)
        return "level", f"{level} of {policy.name}", None
    return ("card" if kind == "event" else "choice"), ident, head


Facts = set[tuple[str, bool]]


def _values(facts: Facts, flag: str) -> frozenset[bool]:
    return frozenset(v for f, v in facts if f == flag)


def _reading(tree: x.Cond, negated: bool = False) -> tuple[Facts, Facts]:
    """The (flag, value) pairs a condition (its negation, ``negated``) cannot hold without, and
    those that make it hold whatever else is so."""
    if isinstance(tree, x.FlagTest):
        fact = {(tree.id, tree.negated == negated)}
        return fact, set(fact)
    if isinstance(tree, x.Not):
        return _reading(tree.inner, not negated)
    if isinstance(tree, x.All | x.Any_):
        parts = [_reading(part, negated) for part in tree.parts]
        needs, enough = [p[0] for p in parts], [p[1] for p in parts]
        if isinstance(tree, x.All) != negated:  # every part must hold
            return set().union(*needs), set.intersection(*enough)
        return set.intersection(*needs), set().union(*enough)
    return set(), set()


def _looks(tree: x.Cond, negated: bool = False) -> Facts:
    """The (flag, value) pairs the flag tests of a condition look for."""
    if isinstance(tree, x.FlagTest):
        return {(tree.id, tree.negated == negated)}
    if isinstance(tree, x.Not):
        return _looks(tree.inner, not negated)
    if isinstance(tree, x.All | x.Any_):
        return set().union(*(_looks(part, negated) for part in tree.parts))
    return set()


def _if_reads(build: ExplainBuilder, items: Sequence[Any]) -> set[str]:
    """The flags that the ``if`` effects of an effect list (at any depth) test."""
    tests = [build.cond(item.if_) for item in _nested(items) if isinstance(item, e.IfEffect)]
    return {flag for tree in tests for flag, _ in _looks(tree)}


def _scheduled(rt: Runtime) -> set[str]:
    """The cards that an effect of the pack (a choice's, a level's) schedules."""
    lists = [ch.effects for ev in rt.pack.events for ch in ev.choices]
    lists += [lv.monthly for policy in rt.pack.policies for lv in policy.levels]
    return {item.schedule.event for items in lists for item in _nested(items)
            if isinstance(item, e.ScheduleEffect) and item.schedule.event is not None}


def _nested(items: Sequence[Any]) -> Iterator[Any]:
    """Every effect of a list, and every effect nested in its branches and scheduled blocks."""
    for item in items:
        yield item
        if isinstance(item, e.IfEffect):
            yield from _nested(item.then)
            yield from _nested(item.else_)
        elif isinstance(item, e.RandomEffect):
            for branch in item.random:
                yield from _nested(branch.effects)
        elif isinstance(item, e.ScheduleEffect):
            yield from _nested(item.schedule.effects or [])
