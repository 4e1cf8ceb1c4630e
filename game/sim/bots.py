"""Bot strategies for headless playthroughs: random play, and the pack's own lines."""

from __future__ import annotations

from typing import Any, Protocol

from game.engine.passing import PASS_CHOICE
from game.engine.rng import Rng
from game.engine.runtime import CChoice, PreviewItem, Runtime
from game.engine.state import State
from game.engine.turn import Decision, level_allowed
from game.sim.sight import Sight, Sighted

_CERTAINTY = {"sure": 1.0, "maybe": 0.6, "later": 0.8}


Plan = tuple[list[CChoice], list[tuple[int, int]]]  # a choice per card; (policy, level) moves


class Bot(Protocol):
    """Decides a turn from the state."""

    id: str

    def plan(self, state: State, rng: Rng) -> Plan:
        """The turn's legal choices and policy moves, as the engine's objects (``turn.apply_turn``)."""
        ...

    def decide(self, state: State, rng: Rng) -> Decision:
        """The decision for the state's current turn, by ids (as a player's)."""
        ...


def as_decision(rt: Runtime, state: State, plan: Plan) -> Decision:
    """A bot's plan as a player's decision: choice ids, and every policy's level id."""
    picks, moves = plan
    levels = state.policies[:]
    for i, k in moves:
        levels[i] = k
    return Decision(tuple(c.id for c in picks),
                    tuple(p.levels[k].id for p, k in zip(rt.policies, levels, strict=True)))


def _open(rt: Runtime, state: State, card: str) -> list[int]:
    return [i for i, c in enumerate(rt.events[card].choices) if c.when is None or c.when(state)]


class RandomBot:
    """Picks any open choice, and now and then moves a policy one step."""

    id = "random"
    description = "Picks any open choice and drifts its policies at random."

    def __init__(self, rt: Runtime) -> None:
        self.rt = rt

    def plan(self, state: State, rng: Rng) -> Plan:
        rt = self.rt
        picks = []
        for card in state.cards:
            options = _open(rt, state, card)
            if not options:  # the card passes (game.engine.passing): no pick, no die
                picks.append(PASS_CHOICE)
                continue
            picks.append(rt.events[card].choices[options[rng.below(len(options))]])
        moves = []
        for i, policy in enumerate(rt.policies):
            level = state.policies[i]
            if rng.below(4) == 0:
                step = level + (1 if rng.below(2) else -1)
                if 0 <= step < len(policy.levels) and level_allowed(rt, state, i, step) is None:
                    moves.append((i, step))
        return picks, moves

    def decide(self, state: State, rng: Rng) -> Decision:
        return as_decision(self.rt, state, self.plan(state, rng))


class LineBot(Sighted):
    """Holds a line from the pack's `strategies`: weighted preferences and a policy plan. It ranks
    choices by their previews as the campaign's difficulty shows them (``Sighted``)."""

    def __init__(self, rt: Runtime, model: Any) -> None:
        self.rt = rt
        self.id = model.id
        self.description = model.description
        self.noise = model.noise
        self.weights = dict(model.weights)
        self.weights.update({f"flag:{k}": v for k, v in model.flags.items()})
        self.model = model
        self._plans: dict[int, list[list[tuple[int, int]]]] = {}  # by scenario length
        self._targets: dict[tuple[int, int], list[int | None]] = {}
        self.see()

    def build(self) -> None:
        # per card, its choices best first (ties: the earlier choice), to take the first open one
        self.ranked = ranked(self.rt, self.weights, self.sight)

    def _steps(self, turns: int) -> list[list[tuple[int, int]]]:
        """Per policy, (first turn, level) in a scenario of ``turns`` months."""
        steps = self._plans.get(turns)
        if steps is None:
            steps = []
            for policy in self.rt.policies:
                plan = self.model.policies.get(policy.id, [])
                steps.append(sorted(((s.first_turn(turns), policy.level_index[s.level]) for s in plan),
                                    key=lambda step: step[0]))
            self._plans[turns] = steps
        return steps

    def plan(self, state: State, rng: Rng) -> Plan:
        if self.sight.directions_only(state.difficulty) != self.sight.direction:
            return self.at(state.difficulty).plan(state, rng)
        rt = self.rt
        picks = []
        for card in state.cards:
            if self.noise and rng.random() < self.noise:
                options = _open(rt, state, card)
                picks.append(rt.events[card].choices[options[rng.below(len(options))]] if options
                             else PASS_CHOICE)
                continue
            for choice in self.ranked[card]:
                if choice.when is None or choice.when(state):
                    picks.append(choice)
                    break
            else:
                picks.append(PASS_CHOICE)  # no choice open: the card passes
        return picks, self._moves(state)

    def decide(self, state: State, rng: Rng) -> Decision:
        return as_decision(self.rt, state, self.plan(state, rng))

    def _target(self, state: State) -> list[int | None]:
        """The level the plan wants for each policy on a turn (None: no step yet)."""
        turns = self.rt.lengths[state.scenario]
        targets = self._targets.get((turns, state.turn))
        if targets is None:
            targets = []
            for steps in self._steps(turns):
                goal = None
                for from_turn, level in steps:
                    if state.turn >= from_turn:
                        goal = level
                targets.append(goal)
            self._targets[(turns, state.turn)] = targets
        return targets

    def _moves(self, state: State) -> list[tuple[int, int]]:
        return steer(self.rt, state, self._target(state))


def steer(rt: Runtime, state: State, targets: list[int | None]) -> list[tuple[int, int]]:
    """The moves toward each policy's target level, as far as a month allows."""
    moves = []
    for i, (policy, target) in enumerate(zip(rt.policies, targets, strict=True)):
        level = state.policies[i]
        if target is not None and target != level:
            step = max(-(policy.max_step or 99), min(policy.max_step or 99, target - level))
            if level_allowed(rt, state, i, level + step) is None:
                moves.append((i, level + step))
    return moves


def score(preview: tuple[PreviewItem, ...], weights: dict[str, float], sight: Sight) -> float:
    """A preview's worth under a line's weights, read as ``sight`` shows it."""
    return sum(weights.get(p.target, 0.0) * (seen or 1) * _CERTAINTY[p.certainty]
               for p, seen in sight.items(preview))


def ranked(rt: Runtime, weights: dict[str, float], sight: Sight) -> dict[str, tuple[CChoice, ...]]:
    """Per card, its choices best first under the weights as ``sight`` shows the previews (ties:
    the earlier choice)."""
    return {ev.id: tuple(sorted(ev.choices, key=lambda c: (-score(c.preview, weights, sight), c.index)))
            for ev in rt.events.values()}


def make_bots(rt: Runtime) -> dict[str, Bot]:
    """Every bot: `random`, one per strategy of the pack, one per advisor, history and the planner."""
    from game.sim.followers import AdvisorBot, HistoryBot
    from game.sim.planner import PlannerBot

    bots: dict[str, Bot] = {"random": RandomBot(rt)}
    for model in rt.pack.strategies:
        bots[model.id] = LineBot(rt, model)
    for advisor in rt.pack.advisors:
        follower = AdvisorBot(rt, advisor.id)
        bots[follower.id] = follower
    bots["history"] = HistoryBot(rt)
    bots["planner"] = PlannerBot(rt)
    return bots
