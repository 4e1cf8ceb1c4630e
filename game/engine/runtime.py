"""The compiled pack: content turned into indexed tables and closures, once, at load."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from game.content.loader import Pack
    from game.engine.explain import Cond
    from game.engine.rng import Rng
    from game.engine.state import Cause, Change, State
    from game.engine.uses import Use

Predicate = Callable[["State"], bool]
Numeric = Callable[["State"], float]


class Ctx:
    """What an effect needs while it applies: the state, the dice and the cause.

    The generator is derived on first use: most turns never roll a die.
    """

    __slots__ = ("state", "rt", "cause", "log", "_stream", "_rng")

    def __init__(self, state: State, rt: Runtime, stream: str, cause: Cause,
                 log: list[Change] | None) -> None:
        self.state = state
        self.rt = rt
        self.cause = cause
        self.log = log
        self._stream = stream
        self._rng: Rng | None = None

    @property
    def rng(self) -> Rng:
        """The generator for this turn and stream."""
        if self._rng is None:
            from game.engine.rng import Rng

            self._rng = Rng(self.state.seed, self.state.turn, self._stream)
        return self._rng


EffectFn = Callable[[Ctx], None]


@dataclass(frozen=True, slots=True)
class PreviewItem:
    """What a choice is expected to move, for the card and for bots."""

    target: str  # a quantity id, "flag:ID", "policy:ID" or "event:ID"
    delta: int
    certainty: str  # sure | maybe | later
    after: int = 0


@dataclass(frozen=True, slots=True)
class CChoice:
    """A compiled choice."""

    id: str
    index: int
    when: Predicate | None
    effects: tuple[EffectFn, ...]
    preview: tuple[PreviewItem, ...]


@dataclass(frozen=True, slots=True)
class CEvent:
    """A compiled event."""

    id: str
    kind: str
    month: int | None
    when: Predicate | None
    weight: int
    once: bool
    cooldown: int
    choices: tuple[CChoice, ...]
    choice_index: dict[str, CChoice]
    # the months and turns (inclusive) outside which `when` cannot hold: read
    # off the condition at load, so that a month's deck leaves such cards out
    window: tuple[int, int, int, int] = (-(10**9), 10**9, -(10**9), 10**9)


@dataclass(frozen=True, slots=True)
class CLevel:
    """A compiled policy level."""

    id: str
    when: Predicate | None
    monthly: tuple[EffectFn, ...]
    preview: tuple[PreviewItem, ...]


@dataclass(frozen=True, slots=True)
class CPolicy:
    """A compiled standing policy."""

    id: str
    levels: tuple[CLevel, ...]
    level_index: dict[str, int]
    max_step: int | None


@dataclass(frozen=True, slots=True)
class CEnding:
    """A compiled ending."""

    id: str
    priority: int
    when: Predicate | None
    at_end: bool
    fallback: bool


@dataclass(frozen=True, slots=True)
class Deck:
    """A month's conditional cards (before their conditions are tested), ready to draw by weight."""

    cards: tuple[CEvent, ...]
    cumulative: tuple[int, ...]
    total: int


@dataclass(slots=True)
class Runtime:
    """Everything the rules need, indexed for speed; built by the content compiler."""

    pack: Pack
    quantities: list[str]
    qindex: dict[str, int]
    qmin: list[int]
    qmax: list[int]
    qdefault: list[int]
    tolerance_ids: list[str]
    events: dict[str, CEvent]
    historical: dict[int, list[CEvent]]
    conditional: list[CEvent]
    policies: list[CPolicy]
    policy_index: dict[str, int]
    endings: list[CEnding]  # checked in this order
    scores: dict[str, Numeric]
    blocks: dict[str, tuple[EffectFn, ...]]
    cards_min: int = 1
    cards_max: int = 3
    extra: dict[str, Any] = field(default_factory=dict)
    lengths: dict[str, int] = field(default_factory=dict)
    watch: list[tuple[str, Predicate]] = field(default_factory=list)  # endings checked every turn
    decks: dict[tuple[int, int], Deck] = field(default_factory=dict)  # cache of `deck()`
    # explainable trees of the conditions, by key, and the thresholds each quantity is
    # tested against (see game.engine.explain); built once at load, never on the hot path
    conditions: dict[str, Cond] = field(default_factory=dict)
    uses: dict[str, list[Use]] = field(default_factory=dict)
    # the draw's and the watched endings' tests as generated code (game.engine.gencond), built on
    # first use
    generated: Any = None

    def __post_init__(self) -> None:
        self.lengths = {sc.id: sc.turns for sc in self.pack.scenarios}
        self.watch = [(e.id, e.when) for e in self.endings
                      if e.when is not None and not e.at_end and not e.fallback]

    def deck(self, month: int, turn: int) -> Deck:
        """The conditional cards whose window admits a month and turn, with cumulative weights."""
        deck = self.decks.get((month, turn))
        if deck is None:
            cards = tuple(ev for ev in self.conditional
                          if ev.window[0] <= month <= ev.window[1] and ev.window[2] <= turn <= ev.window[3])
            cumulative, total = [], 0
            for ev in cards:
                total += ev.weight
                cumulative.append(total)
            deck = self.decks[(month, turn)] = Deck(cards, tuple(cumulative), total)
        return deck

    def value(self, state: State, qid: str) -> int:
        """The value of a meter or relation by id."""
        return state.values[self.qindex[qid]]

    def policy_level(self, state: State, pid: str) -> str:
        """The id of the level a policy is at."""
        policy = self.policies[self.policy_index[pid]]
        return policy.levels[state.policies[self.policy_index[pid]]].id
