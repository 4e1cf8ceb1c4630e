"""A campaign's rules: start, draw the month's cards, resolve decisions, check endings."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate
from operator import itemgetter

from game.engine.gencond import generated
from game.engine.passing import PASS_CHOICE, passed_change, passed_pick
from game.engine.rng import Rng, Seeded
from game.engine.runtime import CChoice, CEvent, Ctx, Runtime
from game.engine.state import RULES, RULES_KNOWN, Cause, Change, Scheduled, State, month_index, new_entry

_QUIET = Cause("simulation", 0)  # the cause used when the causal log is off


class DecisionError(ValueError):
    """A decision that the rules do not allow (unknown or unavailable choice, bad policy)."""


@dataclass(frozen=True, slots=True)
class Decision:
    """What the player decides in one turn: a choice per card, and the policy levels."""

    choices: tuple[str, ...]
    policies: tuple[str, ...] = ()  # one level id per policy, in pack order; () keeps all

    def to_json(self) -> dict[str, object]:
        """The decision as JSON."""
        return {"choices": list(self.choices), "policies": list(self.policies)}

    @classmethod
    def from_json(cls, data: dict[str, object]) -> Decision:
        """Read a decision written by ``to_json``."""
        choices, policies = data.get("choices", []), data.get("policies", [])
        if not isinstance(choices, list) or not isinstance(policies, list):
            raise DecisionError("a decision holds lists of choices and policies")
        return cls(tuple(str(c) for c in choices), tuple(str(p) for p in policies))


@dataclass(frozen=True, slots=True)
class TurnResult:
    """The state after a turn, and every change the turn made."""

    state: State
    changes: tuple[Change, ...]


def new_campaign(rt: Runtime, scenario: str, difficulty: str, seed: str, *, log: bool = True,
                 rules: int = RULES) -> State:
    """The state at the start of a scenario's first turn, its cards drawn (by ``rules``)."""
    if rules not in RULES_KNOWN:
        raise ValueError(f"rules {rules} are not known to this version of the game "
                         f"(it knows {', '.join(map(str, RULES_KNOWN))})")
    pack = rt.pack
    sc = pack.get("scenarios", scenario)
    diff = pack.get("difficulties", difficulty)
    values = rt.qdefault[:]
    for name, value in sc.initial.values.items():
        values[rt.qindex[name]] = value
    policies = []
    for p, model in zip(rt.policies, pack.policies, strict=True):
        level = sc.initial.policies.get(p.id, model.levels[0].id)
        policies.append(p.level_index[level])
    state = State(
        seed=str(seed), scenario=scenario, difficulty=difficulty, turn=1,
        month=month_index(sc.start), values=values,
        tolerances=[diff.tolerances[t] + sc.tolerances.get(t, 0) for t in rt.tolerance_ids],
        flags=set(sc.initial.flags), fired={e: 0 for e in sc.initial.fired},
        scheduled=[], policies=policies, cards=[],
        history=[tuple(values)] if log else None, log=[] if log else None, rules=rules,
    )
    begin_turn(rt, state)
    return state


def _draw(rt: Runtime, state: State, rng: Rng, cards: list[str], target: int) -> None:
    """Draw conditional cards by weight until ``target``: the month's deck in one test (rules 3).

    The candidates are the month's deck: the cards whose date and turn windows
    admit the month. Every candidate is tested once: used up, cooling down,
    already on the desk, or its condition false, it is out (the whole test is
    one generated function, see ``game.engine.gencond``, which tests the cards
    grouped by window and gives the eligible back in deck order; its tests
    agree with the cards' compiled conditions). Then one roll per card drawn:
    a weighted pick among the eligible left (``rng.below`` of their total
    weight, over their cumulative weights in deck order), until ``target``
    cards are on the desk or none is left. Older rules are in
    ``game.engine.legacy``.
    """
    if state.rules != 3:
        from game.engine.legacy import draw_rules_1, draw_rules_2

        (draw_rules_1 if state.rules == 1 else draw_rules_2)(rt, state, rng, cards, target)
        return
    gen = rt.generated or generated(rt)
    eligible = gen.draw(state, cards)  # the deck tested in one generated function: indices, in order
    if not eligible or len(cards) >= target:
        return
    ids = gen.ids
    # their weights, in order (itemgetter of one index gives the item itself, not a tuple)
    weights = list(itemgetter(*eligible)(gen.weights)) if len(eligible) > 1 else [gen.weights[eligible[0]]]
    while eligible and len(cards) < target:
        cumulative = list(accumulate(weights))
        j = bisect_right(cumulative, rng.below(cumulative[-1]))
        del weights[j]
        cards.append(ids[eligible.pop(j)])


def _still_due(ev: CEvent, state: State) -> bool:
    """A scheduled card comes unless it was already played (once) or its condition fails."""
    if ev.once and ev.id in state.fired:
        return False
    return ev.when is None or ev.when(state)


def begin_turn(rt: Runtime, state: State) -> None:
    """Apply consequences due this month and put the month's cards on the desk (in place)."""
    forced: list[str] = []
    if state.scheduled:
        due = [item for item in state.scheduled if item.due <= state.turn]
        if due:
            state.scheduled = [item for item in state.scheduled if item.due > state.turn]
            ctx = Ctx(state, rt, "consequences", due[0].cause, state.log)
            for item in due:
                if item.event is not None and _still_due(rt.events[item.event], state):
                    forced.append(item.event)
                elif item.effects is not None:
                    ctx.cause = item.cause
                    for effect in rt.blocks[item.effects]:
                        effect(ctx)
    for ev in rt.historical.get(state.month, ()):
        if ev.id not in state.fired and (ev.when is None or ev.when(state)):
            forced.append(ev.id)
    cards = list(dict.fromkeys(forced)) if forced else []
    if len(cards) > rt.cards_max:  # an overfull month: the rest wait a month
        for extra in cards[rt.cards_max:]:
            state.scheduled.append(_defer(state, extra))
        cards = cards[: rt.cards_max]
    seeded = _SEEDS.get(state.seed) or _seeded(state.seed)
    rng = seeded.rng(state.turn, "draw")  # Rng(seed, turn, "draw"), from the seed's kept hash
    target = rt.cards_min + rng.below(rt.cards_max - rt.cards_min + 1)
    if len(cards) < target:
        _draw(rt, state, rng, cards, target)
    for card in cards:
        state.fired[card] = state.turn
    state.cards = cards


_SEEDS: dict[str, Seeded] = {}  # the seeds of the latest campaigns, hashed once each


def _seeded(seed: str) -> Seeded:
    """The seed's generators (``Seeded``): a campaign's turns hash only their own suffix."""
    found = _SEEDS.get(seed)
    if found is None:
        if len(_SEEDS) >= 64:
            _SEEDS.clear()
        found = _SEEDS[seed] = Seeded(seed)
    return found


def _defer(state: State, event: str) -> Scheduled:
    return Scheduled(state.turn + 1, Cause("event", state.turn, event=event, note="held over"), event)


def available(rt: Runtime, state: State, event: str) -> list[bool]:
    """Which of an event's choices are open now."""
    return [c.when is None or c.when(state) for c in rt.events[event].choices]


def level_allowed(rt: Runtime, state: State, policy: int, level: int) -> str | None:
    """None if a policy may be set to a level now, else the reason it may not."""
    p = rt.policies[policy]
    current = state.policies[policy]
    if level == current:
        return None
    if p.max_step is not None and abs(level - current) > p.max_step:
        return f"{p.id} moves at most {p.max_step} level(s) a month"
    lv = p.levels[level]
    if lv.when is not None and not lv.when(state):
        model = rt.pack.get("policies", p.id).levels[level]
        return model.unavailable or f"{lv.id} is not available now"
    return None


def _check(rt: Runtime, state: State, decision: Decision) -> tuple[list[CChoice], list[tuple[int, int]]]:
    """The chosen choices, and the policies the player moves as (policy, level); DecisionError if illegal."""
    cards = state.cards
    if len(decision.choices) != len(cards):
        raise DecisionError(f"{len(cards)} card(s) need a choice each, got {len(decision.choices)}")
    events = rt.events
    picks = []
    for card, choice in zip(cards, decision.choices, strict=True):
        c = events[card].choice_index.get(choice) or passed_pick(rt, state, card, choice)
        if c is None:
            raise DecisionError(f"'{choice}' is not a choice of '{card}'")
        if c.when is not None and not c.when(state):
            raise DecisionError(f"'{choice}' is not available on '{card}' now")
        picks.append(c)
    moves: list[tuple[int, int]] = []
    if decision.policies:
        if len(decision.policies) != len(rt.policies):
            raise DecisionError(f"give a level for each of the {len(rt.policies)} policies")
        current = state.policies
        for i, (p, level) in enumerate(zip(rt.policies, decision.policies, strict=True)):
            k = p.level_index.get(level)
            if k is None:
                raise DecisionError(f"'{level}' is not a level of '{p.id}'")
            if k != current[i]:
                reason = level_allowed(rt, state, i, k)
                if reason:
                    raise DecisionError(reason)
                moves.append((i, k))
    return picks, moves


def resolve_in_place(rt: Runtime, state: State, decision: Decision) -> None:
    """Resolve a turn on ``state`` itself (DecisionError, and ``state`` untouched, if it is illegal)."""
    picks, moves = _check(rt, state, decision)
    apply_turn(rt, state, picks, moves)


def apply_turn(rt: Runtime, state: State, picks: list[CChoice], moves: list[tuple[int, int]]) -> None:
    """Resolve a turn on ``state`` from a choice per card and the policies moved, as (policy, level).

    The caller vouches that they are legal, as ``_check`` would find them (the
    simulator's bots pick only open choices and allowed levels): nothing is
    checked here.
    """
    turn = state.turn
    logging = state.log is not None
    ctx = Ctx(state, rt, "resolve", _QUIET, state.log)
    for card, choice in zip(state.cards, picks, strict=True):
        if logging:  # Cause("choice", turn, card, choice.id) set field by field: the hot path
            ctx.cause = cause = new_entry(Cause)
            cause.kind, cause.turn = "choice", turn
            cause.event, cause.choice = card, choice.id
            cause.policy = cause.level = cause.note = None
            if choice is PASS_CHOICE and state.log is not None:  # the card passed: the log says so
                state.log.append(passed_change(turn, card))  # where its choice's changes would be
        for effect in choice.effects:
            effect(ctx)
    for i, level in moves:
        # the player's level wins only where the player changed it; a card's
        # set_policy stands where the player kept the month's level
        now = state.policies[i]
        if level != now:
            if state.log is not None:
                p = rt.policies[i]
                state.log.append(Change(turn, f"policy:{p.id}", level - now, level,
                                        Cause("policy", turn, policy=p.id, level=p.levels[level].id,
                                              note="set")))
            state.policies[i] = level
    ctx.cause = _QUIET
    for p, k in zip(rt.policies, state.policies, strict=True):
        in_force = p.levels[k]
        if in_force.monthly:
            if logging:  # Cause("policy", turn, policy=..., level=...), as above
                ctx.cause = cause = new_entry(Cause)
                cause.kind, cause.turn = "policy", turn
                cause.policy, cause.level = p.id, in_force.id
                cause.event = cause.choice = cause.note = None
            for effect in in_force.monthly:
                effect(ctx)
    _finish_turn(rt, state)


def _finish_turn(rt: Runtime, state: State) -> None:
    ending = (rt.generated or generated(rt)).watch(state)  # the first of ``rt.watch`` that holds
    if ending is not None:
        state.ending = ending
    elif state.turn >= rt.lengths[state.scenario]:
        state.ending = final_ending(rt, state)
    if state.history is not None:
        state.history.append(tuple(state.values))
    if state.ending is None:
        state.turn += 1
        state.month += 1
        begin_turn(rt, state)
    else:
        state.cards = []


def final_ending(rt: Runtime, state: State) -> str:
    """The ending when the clock runs out: the first that holds, else the fallback."""
    for ending in rt.endings:
        if ending.fallback or ending.when is None or ending.when(state):
            return ending.id
    return rt.endings[-1].id


def resolve(rt: Runtime, state: State, decision: Decision) -> TurnResult:
    """Resolve a turn without touching ``state``: the new state and the turn's changes."""
    new = state.copy()
    before = len(new.log) if new.log is not None else 0
    resolve_in_place(rt, new, decision)
    changes = tuple(new.log[before:]) if new.log is not None else ()
    return TurnResult(new, changes)


def scores(rt: Runtime, state: State) -> dict[str, int]:
    """The final score on each dimension: its formula plus the ending's adjustment, 0-100."""
    bonus = rt.pack.get("endings", state.ending).scores if state.ending else {}
    return {dim: max(0, min(100, round(fn(state)) + bonus.get(dim, 0))) for dim, fn in rt.scores.items()}
