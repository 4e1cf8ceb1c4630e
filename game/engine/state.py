"""The campaign state and the causal log: lean, copyable, serialisable.

The state is a slotted dataclass of lists, sets and dicts rather than a
frozen pydantic model: the simulator resolves tens of thousands of turns a
second, and ``copy()`` of these containers costs a microsecond where
``model_copy`` with validation costs a hundred. The rules never mutate a
state the caller holds: ``turn.resolve`` copies, then works on the copy.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from game.engine.record import Frozen, Record, set_field


@dataclass(init=False, repr=False, eq=False, slots=True)  # its methods: see game.engine.record
class Cause(Record):
    """Why something changed: a choice, a policy, a delayed consequence, the start."""

    kind: str  # start | choice | policy | scheduled | event
    turn: int
    event: str | None
    choice: str | None
    policy: str | None
    level: str | None
    note: str | None

    def __init__(self, kind: str, turn: int, event: str | None = None, choice: str | None = None,
                 policy: str | None = None, level: str | None = None, note: str | None = None) -> None:
        self.kind = kind
        self.turn = turn
        self.event = event
        self.choice = choice
        self.policy = policy
        self.level = level
        self.note = note

    def to_json(self) -> dict[str, Any]:
        """The cause as a compact JSON mapping (unset fields left out, the others in field order)."""
        data: dict[str, Any] = {}
        if self.kind is not None:
            data["kind"] = self.kind
        if self.turn is not None:
            data["turn"] = self.turn
        if self.event is not None:
            data["event"] = self.event
        if self.choice is not None:
            data["choice"] = self.choice
        if self.policy is not None:
            data["policy"] = self.policy
        if self.level is not None:
            data["level"] = self.level
        if self.note is not None:
            data["note"] = self.note
        return data

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Cause:
        """Read a cause written by ``to_json``."""
        return cls(**data)

    def noted(self, note: str | None, kind: str | None = None) -> Cause:
        """This cause with another note (and kind, if given): ``dataclasses.replace`` without its
        pass over the fields, for the effects that schedule or roll while they apply."""
        return new_cause(kind or self.kind, self.turn, self.event, self.choice, self.policy, self.level, note)


@dataclass(init=False, repr=False, eq=False, slots=True)  # its methods: see game.engine.record
class Change(Record):
    """One change to a quantity (or a flag or policy), with its cause."""

    turn: int
    target: str  # a meter or actor id; "flag:ID" or "policy:ID" for those
    delta: int
    value: int
    cause: Cause

    def __init__(self, turn: int, target: str, delta: int, value: int, cause: Cause) -> None:
        self.turn = turn
        self.target = target
        self.delta = delta
        self.value = value
        self.cause = cause

    def to_json(self) -> dict[str, Any]:
        """The change as a JSON mapping."""
        return {"turn": self.turn, "target": self.target, "delta": self.delta,
                "value": self.value, "cause": self.cause.to_json()}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Change:
        """Read a change written by ``to_json``."""
        return cls(data["turn"], data["target"], data["delta"], data["value"],
                   Cause.from_json(data["cause"]))


@dataclass(init=False, repr=False, eq=False, slots=True)  # its methods: see game.engine.record
class Scheduled(Frozen):
    """A delayed consequence: an event or a block of effects due on a turn."""

    due: int
    cause: Cause
    event: str | None
    effects: str | None  # key of a compiled effect block in the runtime

    def __init__(self, due: int, cause: Cause, event: str | None = None, effects: str | None = None) -> None:
        set_field(self, "due", due)
        set_field(self, "cause", cause)
        set_field(self, "event", event)
        set_field(self, "effects", effects)

    def to_json(self) -> dict[str, Any]:
        """The item as a JSON mapping."""
        data = {"due": self.due, "cause": self.cause.to_json(), "event": self.event,
                "effects": self.effects}
        return {k: v for k, v in data.items() if v is not None}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Scheduled:
        """Read an item written by ``to_json``."""
        return cls(data["due"], Cause.from_json(data["cause"]), data.get("event"),
                   data.get("effects"))


# Cause and Change are never mutated after creation; they are not `frozen` only
# because frozen dataclasses are several times slower to build in the hot loop.
# There (a change effect, most of a replay's log) an entry is built as
# ``entry = new_entry(Change)`` and its five fields set one by one: the same
# object as ``Change(...)`` (whose ``__init__`` only sets them), without the
# call into ``__init__`` from C, which is a third of an entry's cost.
new_entry = object.__new__


def new_cause(kind: str, turn: int, event: str | None, choice: str | None, policy: str | None,
              level: str | None, note: str | None) -> Cause:
    """``Cause(kind, turn, event, choice, policy, level, note)``, set field by field as ``new_entry``
    does for a change: the same object, without the call into ``__init__`` from C (the turn's
    choices and policies build one each)."""
    cause = new_entry(Cause)
    cause.kind = kind
    cause.turn = turn
    cause.event = event
    cause.choice = choice
    cause.policy = policy
    cause.level = level
    cause.note = note
    return cause


# The version of the rules new campaigns are played by. A save records it and
# is replayed by the same rules, so a campaign saved under older rules still
# loads. 1: the month's cards are drawn from the whole deck of cards not yet
# used up; 2: only from the cards whose date and turn windows admit the month
# (the same weighted pick among eligible cards, drawn with fewer tries); 3: the
# month's deck is tested once and each card drawn takes one roll (the same
# weighted pick, with other dice; see ``turn._draw``).
RULES = 3
RULES_KNOWN = (1, 2, 3)


@dataclass(init=False, repr=False, eq=False, slots=True)  # its methods: see game.engine.record
class State(Record):
    """Everything that describes a campaign at the start of a turn."""

    seed: str
    scenario: str
    difficulty: str
    turn: int
    month: int  # months since year 0: year * 12 + (month - 1)
    values: list[int]
    tolerances: list[int]
    flags: set[str]
    fired: dict[str, int]
    scheduled: list[Scheduled]
    policies: list[int]
    cards: list[str]
    ending: str | None
    history: list[tuple[int, ...]] | None
    log: list[Change] | None
    deck: list[Any] | None  # cache: conditional events not yet used up (derived, not saved; rules 1)
    rules: int  # the version of the rules the campaign is played by (see RULES)

    def __init__(self, seed: str, scenario: str, difficulty: str, turn: int, month: int, values: list[int],
                 tolerances: list[int], flags: set[str], fired: dict[str, int], scheduled: list[Scheduled],
                 policies: list[int], cards: list[str], ending: str | None = None,
                 history: list[tuple[int, ...]] | None = None, log: list[Change] | None = None,
                 deck: list[Any] | None = None, rules: int = RULES) -> None:
        self.seed = seed
        self.scenario = scenario
        self.difficulty = difficulty
        self.turn = turn
        self.month = month
        self.values = values
        self.tolerances = tolerances
        self.flags = flags
        self.fired = fired
        self.scheduled = scheduled
        self.policies = policies
        self.cards = cards
        self.ending = ending
        self.history = history
        self.log = log
        self.deck = deck
        self.rules = rules

    def copy(self) -> State:
        """A copy that shares nothing mutable with this state."""
        return State(
            self.seed, self.scenario, self.difficulty, self.turn, self.month,
            self.values[:], self.tolerances, set(self.flags), dict(self.fired),
            self.scheduled[:], self.policies[:], self.cards[:], self.ending,
            None if self.history is None else self.history[:],
            None if self.log is None else self.log[:],
            None if self.deck is None else self.deck[:], self.rules,
        )

    @property
    def finished(self) -> bool:
        """Whether the campaign has reached an ending."""
        return self.ending is not None


def month_index(text: str) -> int:
    """'2018-03' as a month count (year * 12 + month - 1)."""
    year, month = text.split("-")
    return int(year) * 12 + int(month) - 1


def month_text(index: int) -> str:
    """A month count back to 'YYYY-MM'."""
    return f"{index // 12:04d}-{index % 12 + 1:02d}"


MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July",
               "August", "September", "October", "November", "December")


def month_label(index: int) -> str:
    """A month count as 'March 2018'."""
    return f"{MONTH_NAMES[index % 12]} {index // 12}"
