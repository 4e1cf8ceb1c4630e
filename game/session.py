"""One campaign in progress: the state, the decisions so far, and what each turn changed.

Every front end (the Textual app, the plain mode, saves, reports) drives a
campaign through this class, which only calls the engine's rules.
"""

from __future__ import annotations

import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from game.engine.heap import replay_heap
from game.engine.record import set_field
from game.engine.runtime import PreviewItem, Runtime
from game.engine.state import RULES, Change, State, month_label
from game.engine.turn import Decision, level_allowed, new_campaign, resolve, resolve_in_place, scores

_new = object.__new__


@dataclass(frozen=True, slots=True)
class TurnRecord:
    """What happened in one played turn: the cards, the decision and the changes."""

    turn: int
    month: int
    cards: tuple[str, ...]
    decision: Decision
    changes: tuple[Change, ...]


@dataclass(slots=True)
class Session:
    """A campaign: fully described by pack, scenario, difficulty, seed and decisions."""

    rt: Runtime
    scenario: str
    difficulty: str
    seed: str
    state: State
    options: dict[str, Any] = field(default_factory=dict)
    decisions: list[Decision] = field(default_factory=list)
    records: list[TurnRecord] = field(default_factory=list)
    report: tuple[Change, ...] = ()
    votes: dict[int, tuple[tuple[int, ...], ...]] = field(default_factory=dict)  # turn -> tally per card

    # -- starting -----------------------------------------------------------
    @classmethod
    def new(cls, rt: Runtime, scenario: str | None = None, difficulty: str | None = None,
            seed: str | int | None = None, options: dict[str, Any] | None = None,
            rules: int = RULES) -> Session:
        """Start a campaign (defaults: the first scenario, its difficulty, a fresh seed, today's rules)."""
        sc = rt.pack.get("scenarios", scenario) if scenario else rt.pack.scenarios[0]
        diff = difficulty or sc.default_difficulty or rt.pack.difficulties[0].id
        rt.pack.get("difficulties", diff)  # KeyError for an unknown id
        seed_text = str(seed) if seed is not None else str(secrets.randbelow(10**9))
        state = new_campaign(rt, sc.id, diff, seed_text, rules=rules)
        session = cls(rt, sc.id, diff, seed_text, state, dict(options or {}))
        session.report = tuple(state.log or ())
        return session

    @classmethod
    def replay(cls, rt: Runtime, scenario: str, difficulty: str, seed: str,
               decisions: Sequence[Decision], options: dict[str, Any] | None = None,
               rules: int = RULES) -> Session:
        """Rebuild a campaign from its seed and decisions (DecisionError if one is illegal)."""
        with replay_heap():  # a replay makes no garbage in cycles: see game.engine.heap
            session = cls.new(rt, scenario, difficulty, seed, options, rules)
            for decision in decisions:
                session.advance(decision)
        return session

    # -- reading ------------------------------------------------------------
    @property
    def finished(self) -> bool:
        """Whether an ending has been reached."""
        return self.state.ending is not None

    @property
    def turns(self) -> int:
        """The scenario's length in turns."""
        return int(self.rt.pack.get("scenarios", self.scenario).turns)

    @property
    def date(self) -> str:
        """The current month, as 'March 2018'."""
        return month_label(self.state.month)

    def value(self, qid: str) -> int:
        """A meter or relation's current value."""
        return self.rt.value(self.state, qid)

    def cards(self) -> list[Any]:
        """The event models on the desk this turn."""
        return [self.rt.pack.get("events", e) for e in self.state.cards]

    def available(self, event_id: str) -> list[bool]:
        """Which choices of a card on the desk are open."""
        return [c.when is None or c.when(self.state) for c in self.rt.events[event_id].choices]

    def preview(self, event_id: str, choice_id: str) -> list[PreviewItem]:
        """What a choice is expected to move, merged per target."""
        items = self.rt.events[event_id].choice_index[choice_id].preview
        return merge_preview(items)

    def policy_levels(self) -> dict[str, str]:
        """The current level of each standing policy."""
        return {p.id: p.levels[i].id for p, i in zip(self.rt.policies, self.state.policies, strict=True)}

    def level_reason(self, policy: str, level: str) -> str | None:
        """None if a policy may be set to a level this month, else why not."""
        i = self.rt.policy_index[policy]
        return level_allowed(self.rt, self.state, i, self.rt.policies[i].level_index[level])

    def why(self, target: str) -> list[Change]:
        """Every recorded change of a quantity (or 'flag:ID' / 'policy:ID'), oldest first, dated by turn."""
        from game.chronicle import all_changes

        return [c for c in all_changes(self) if c.target == target]

    def series(self, qid: str) -> list[int]:
        """A quantity's value as each turn's dashboard showed it (start-of-month consequences in), and now."""
        from game.chronicle import seen_series

        return seen_series(self, qid)

    def scores(self) -> dict[str, int]:
        """The final scores (meaningful once finished)."""
        return scores(self.rt, self.state)

    # -- playing ------------------------------------------------------------
    def play(self, decision: Decision) -> tuple[Change, ...]:
        """Resolve this turn with a decision; return the changes (the next situation report)."""
        before = self.state
        result = resolve(self.rt, before, decision)
        self.state = result.state
        self.decisions.append(decision)
        self.records.append(TurnRecord(before.turn, before.month, tuple(before.cards),
                                       decision, result.changes))
        self.report = result.changes
        return result.changes

    def advance(self, decision: Decision) -> tuple[Change, ...]:
        """``play``, resolving on the session's own state rather than a copy (for a replay, which
        nothing else watches): the same state, records and report, without a copy per turn."""
        state = self.state
        log = state.log
        before = len(log) if log is not None else 0
        turn, month, cards = state.turn, state.month, tuple(state.cards)
        resolve_in_place(self.rt, state, decision)  # DecisionError, and the state untouched, if illegal
        changes = tuple(log[before:]) if log is not None else ()
        self.decisions.append(decision)
        record = _new(TurnRecord)  # TurnRecord(...) as its __init__ sets it, without the call from C
        set_field(record, "turn", turn)
        set_field(record, "month", month)
        set_field(record, "cards", cards)
        set_field(record, "decision", decision)
        set_field(record, "changes", changes)
        self.records.append(record)
        self.report = changes
        return changes

    def decide(self, choices: Sequence[str], policies: dict[str, str] | None = None) -> Decision:
        """Build a decision from choice ids and (optionally) some policy levels."""
        levels = self.policy_levels()
        levels.update(policies or {})
        return Decision(tuple(choices), tuple(levels[p.id] for p in self.rt.policies))


def merge_preview(items: Sequence[PreviewItem]) -> list[PreviewItem]:
    """Merge preview items per (target, certainty, sign), keeping order of first mention."""
    merged: dict[tuple[str, str, bool], PreviewItem] = {}
    for item in items:
        # opposite chances stay apart: "maybe +5, maybe -8" is not "maybe -3"
        key = (item.target, item.certainty, item.delta < 0)
        if key in merged:
            old = merged[key]
            merged[key] = PreviewItem(item.target, old.delta + item.delta, item.certainty,
                                      min(old.after, item.after) or max(old.after, item.after))
        else:
            merged[key] = item
    return list(merged.values())
