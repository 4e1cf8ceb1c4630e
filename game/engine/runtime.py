"""The compiled pack: content turned into indexed tables and closures, once, at load."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from game.engine.record import Frozen, Record, set_field

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


@dataclass(init=False, repr=False, eq=False, slots=True)  # its methods: see game.engine.record
class PreviewItem(Frozen):
    """What a choice is expected to move, for the card and for bots."""

    target: str  # a quantity id, "flag:ID", "policy:ID" or "event:ID"
    delta: int
    certainty: str  # sure | maybe | later
    after: int

    def __init__(self, target: str, delta: int, certainty: str, after: int = 0) -> None:
        set_field(self, "target", target)
        set_field(self, "delta", delta)
        set_field(self, "certainty", certainty)
        set_field(self, "after", after)


@dataclass(init=False, repr=False, eq=False, slots=True)  # its methods: see game.engine.record
class CChoice(Frozen):
    """A compiled choice."""

    id: str
    index: int
    when: Predicate | None
    effects: tuple[EffectFn, ...]
    preview: tuple[PreviewItem, ...]

    def __init__(self, id: str, index: int, when: Predicate | None, effects: tuple[EffectFn, ...],
                 preview: tuple[PreviewItem, ...]) -> None:
        set_field(self, "id", id)
        set_field(self, "index", index)
        set_field(self, "when", when)
        set_field(self, "effects", effects)
        set_field(self, "preview", preview)


ALWAYS = (-(10**9), 10**9, -(10**9), 10**9)  # a window that admits every month and turn


@dataclass(init=False, repr=False, eq=False, slots=True)  # its methods: see game.engine.record
class CEvent(Frozen):
    """A compiled event.

    ``window``: the months and turns (inclusive) outside which ``when`` cannot hold,
    read off the condition at load, so that a month's deck leaves such cards out.
    """

    id: str
    kind: str
    month: int | None
    when: Predicate | None
    weight: int
    once: bool
    cooldown: int
    choices: tuple[CChoice, ...]
    choice_index: dict[str, CChoice]
    window: tuple[int, int, int, int]

    def __init__(self, id: str, kind: str, month: int | None, when: Predicate | None, weight: int,
                 once: bool, cooldown: int, choices: tuple[CChoice, ...], choice_index: dict[str, CChoice],
                 window: tuple[int, int, int, int] = ALWAYS) -> None:
        set_field(self, "id", id)
        set_field(self, "kind", kind)
        set_field(self, "month", month)
        set_field(self, "when", when)
        set_field(self, "weight", weight)
        set_field(self, "once", once)
        set_field(self, "cooldown", cooldown)
        set_field(self, "choices", choices)
        set_field(self, "choice_index", choice_index)
        set_field(self, "window", window)


@dataclass(init=False, repr=False, eq=False, slots=True)  # its methods: see game.engine.record
class CLevel(Frozen):
    """A compiled policy level."""

    id: str
    when: Predicate | None
    monthly: tuple[EffectFn, ...]
    preview: tuple[PreviewItem, ...]

    def __init__(self, id: str, when: Predicate | None, monthly: tuple[EffectFn, ...],
                 preview: tuple[PreviewItem, ...]) -> None:
        set_field(self, "id", id)
        set_field(self, "when", when)
        set_field(self, "monthly", monthly)
        set_field(self, "preview", preview)


@dataclass(init=False, repr=False, eq=False, slots=True)  # its methods: see game.engine.record
class CPolicy(Frozen):
    """A compiled standing policy."""

    id: str
    levels: tuple[CLevel, ...]
    level_index: dict[str, int]
    max_step: int | None

    def __init__(self, id: str, levels: tuple[CLevel, ...], level_index: dict[str, int],
                 max_step: int | None) -> None:
        set_field(self, "id", id)
        set_field(self, "levels", levels)
        set_field(self, "level_index", level_index)
        set_field(self, "max_step", max_step)


@dataclass(init=False, repr=False, eq=False, slots=True)  # its methods: see game.engine.record
class CEnding(Frozen):
    """A compiled ending."""

    id: str
    priority: int
    when: Predicate | None
    at_end: bool
    fallback: bool

    def __init__(self, id: str, priority: int, when: Predicate | None, at_end: bool, fallback: bool) -> None:
        set_field(self, "id", id)
        set_field(self, "priority", priority)
        set_field(self, "when", when)
        set_field(self, "at_end", at_end)
        set_field(self, "fallback", fallback)


@dataclass(init=False, repr=False, eq=False, slots=True)  # its methods: see game.engine.record
class Deck(Frozen):
    """A month's conditional cards (before their conditions are tested), ready to draw by weight."""

    cards: tuple[CEvent, ...]
    cumulative: tuple[int, ...]
    total: int

    def __init__(self, cards: tuple[CEvent, ...], cumulative: tuple[int, ...], total: int) -> None:
        set_field(self, "cards", cards)
        set_field(self, "cumulative", cumulative)
        set_field(self, "total", total)


@dataclass(init=False, repr=False, eq=False, slots=True)  # its methods: see game.engine.record
class Runtime(Record):
    """Everything the rules need, indexed for speed; built by the content compiler.

    ``endings`` are checked in their order; ``lengths`` (each scenario's turns) and ``watch``
    (the endings checked every turn) are read off the pack and the endings; ``decks`` caches
    ``deck()``. ``conditions`` holds the explainable trees of the conditions, by key, and
    ``uses`` the thresholds each quantity is tested against (see game.engine.explain): built
    once at load, never on the hot path. ``generated``: the draw's and the watched endings'
    tests as generated code (game.engine.gencond), built on first use.
    """

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
    endings: list[CEnding]
    scores: dict[str, Numeric]
    blocks: dict[str, tuple[EffectFn, ...]]
    cards_min: int
    cards_max: int
    extra: dict[str, Any]
    lengths: dict[str, int] = field(init=False)
    watch: list[tuple[str, Predicate]] = field(init=False)
    decks: dict[tuple[int, int], Deck]
    conditions: dict[str, Cond]
    uses: dict[str, list[Use]]
    generated: Any

    def __init__(self, pack: Pack, quantities: list[str], qindex: dict[str, int], qmin: list[int],
                 qmax: list[int], qdefault: list[int], tolerance_ids: list[str], events: dict[str, CEvent],
                 historical: dict[int, list[CEvent]], conditional: list[CEvent], policies: list[CPolicy],
                 policy_index: dict[str, int], endings: list[CEnding], scores: dict[str, Numeric],
                 blocks: dict[str, tuple[EffectFn, ...]], cards_min: int = 1, cards_max: int = 3,
                 extra: dict[str, Any] | None = None, decks: dict[tuple[int, int], Deck] | None = None,
                 conditions: dict[str, Cond] | None = None, uses: dict[str, list[Use]] | None = None,
                 generated: Any = None) -> None:
        self.pack = pack
        self.quantities = quantities
        self.qindex = qindex
        self.qmin = qmin
        self.qmax = qmax
        self.qdefault = qdefault
        self.tolerance_ids = tolerance_ids
        self.events = events
        self.historical = historical
        self.conditional = conditional
        self.policies = policies
        self.policy_index = policy_index
        self.endings = endings
        self.scores = scores
        self.blocks = blocks
        self.cards_min = cards_min
        self.cards_max = cards_max
        self.extra = {} if extra is None else extra
        self.decks = {} if decks is None else decks
        self.conditions = {} if conditions is None else conditions
        self.uses = {} if uses is None else uses
        self.generated = generated
        self.lengths = {sc.id: sc.turns for sc in pack.scenarios}
        self.watch = [(e.id, e.when) for e in endings
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
