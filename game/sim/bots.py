"""Bot strategies for headless playthroughs: random play, and the pack's own lines."""

from __future__ import annotations

from typing import Any, Protocol

from game.engine.rng import Rng
from game.engine.runtime import PreviewItem, Runtime
from game.engine.state import State
from game.engine.turn import Decision, level_allowed

_CERTAINTY = {"sure": 1.0, "maybe": 0.6, "later": 0.8}


class Bot(Protocol):
    """Decides a turn from the state."""

    id: str

    def decide(self, state: State, rng: Rng) -> Decision:
        """The decision for the state's current turn."""
        ...


def _open(rt: Runtime, state: State, card: str) -> list[int]:
    return [i for i, c in enumerate(rt.events[card].choices) if c.when is None or c.when(state)]


class RandomBot:
    """Picks any open choice, and now and then moves a policy one step."""

    id = "random"
    description = "Picks any open choice and drifts its policies at random."

    def __init__(self, rt: Runtime) -> None:
        self.rt = rt

    def decide(self, state: State, rng: Rng) -> Decision:
        rt = self.rt
        choices = []
        for card in state.cards:
            options = _open(rt, state, card)
            choices.append(rt.events[card].choices[options[rng.below(len(options))]].id)
        levels = []
        for i, policy in enumerate(rt.policies):
            level = state.policies[i]
            if rng.below(4) == 0:
                step = level + (1 if rng.below(2) else -1)
                if 0 <= step < len(policy.levels) and level_allowed(rt, state, i, step) is None:
                    level = step
            levels.append(policy.levels[level].id)
        return Decision(tuple(choices), tuple(levels))


class LineBot:
    """Holds a line from the pack's `strategies`: weighted preferences and a policy plan."""

    def __init__(self, rt: Runtime, model: Any) -> None:
        self.rt = rt
        self.id = model.id
        self.description = model.description
        self.noise = model.noise
        weights = dict(model.weights)
        weights.update({f"flag:{k}": v for k, v in model.flags.items()})
        self.scores = {
            (ev.id, c.index): _score(c.preview, weights)
            for ev in rt.events.values() for c in ev.choices
        }
        self.plan = []
        for i, policy in enumerate(rt.policies):
            steps = sorted(model.policies.get(policy.id, []), key=lambda s: s.from_turn)
            self.plan.append([(s.from_turn, policy.level_index[s.level]) for s in steps])
            del i

    def decide(self, state: State, rng: Rng) -> Decision:
        rt = self.rt
        choices = []
        for card in state.cards:
            options = _open(rt, state, card)
            if self.noise and rng.random() < self.noise:
                pick = options[rng.below(len(options))]
            else:
                pick = max(options, key=lambda i: self.scores[(card, i)])
            choices.append(rt.events[card].choices[pick].id)
        return Decision(tuple(choices), tuple(self._policies(state)))

    def _policies(self, state: State) -> list[str]:
        out = []
        for i, policy in enumerate(self.rt.policies):
            level = state.policies[i]
            target = level
            for from_turn, goal in self.plan[i]:
                if state.turn >= from_turn:
                    target = goal
            if target != level:
                step = max(-(policy.max_step or 99), min(policy.max_step or 99, target - level))
                if level_allowed(self.rt, state, i, level + step) is None:
                    level += step
            out.append(policy.levels[level].id)
        return out


def _score(preview: tuple[PreviewItem, ...], weights: dict[str, float]) -> float:
    return sum(weights.get(p.target, 0.0) * (p.delta or 1) * _CERTAINTY[p.certainty] for p in preview)


def make_bots(rt: Runtime) -> dict[str, Bot]:
    """Every bot: `random` and one per strategy of the pack."""
    bots: dict[str, Bot] = {"random": RandomBot(rt)}
    for model in rt.pack.strategies:
        bots[model.id] = LineBot(rt, model)
    return bots
