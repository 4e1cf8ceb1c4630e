"""Bots that follow a voice of the pack: an advisor's favoured choices, or what Moscow actually did."""

from __future__ import annotations

from collections import defaultdict

from game.engine.passing import PASS_CHOICE
from game.engine.rng import Rng
from game.engine.runtime import CChoice, Runtime
from game.engine.state import State
from game.engine.turn import Decision
from game.sim.bots import Plan, as_decision, ranked, score, steer
from game.sim.sight import Sight, Sighted


def favoured(rt: Runtime, advisor: str) -> dict[str, str]:
    """Per card, the id of the choice the advisor favours (cards where it favours one)."""
    picks = {}
    for ev in rt.pack.events:
        advice = ev.advice.get(advisor)
        favours = getattr(advice, "favors", None)
        if favours:
            picks[ev.id] = favours
    return picks


def line_weights(rt: Runtime, picks: dict[str, str], sight: Sight) -> dict[str, float]:
    """What a line values, read off its picks: how each pick's preview, as ``sight`` shows it,
    differs from its card's mean."""
    weights: defaultdict[str, float] = defaultdict(float)
    for card, choice_id in picks.items():
        ev = rt.events[card]
        mean: defaultdict[str, float] = defaultdict(float)
        for choice in ev.choices:
            for p, seen in sight.items(choice.preview):
                mean[p.target] += (seen or 1) / len(ev.choices)
        for p, seen in sight.items(ev.choice_index[choice_id].preview):
            weights[p.target] += (seen or 1)
        for target, delta in mean.items():
            weights[target] -= delta
    top = max((abs(w) for w in weights.values()), default=1.0) or 1.0
    return {t: w / top for t, w in weights.items()}


def fitting_levels(rt: Runtime, weights: dict[str, float], sight: Sight) -> list[int | None]:
    """Per policy, the level whose monthly preview, as ``sight`` shows it, scores best under a line's
    weights."""
    targets: list[int | None] = []
    for policy in rt.policies:
        levels = policy.levels
        targets.append(min(range(len(levels)), key=lambda k: (-score(levels[k].preview, weights, sight), k)))
    return targets


class Follower(Sighted):
    """Takes a fixed pick per card where it has one, else the open choice its line scores best; its
    line's weights, policies and rankings are read off the previews as the difficulty shows them."""

    id: str
    description: str

    def __init__(self, rt: Runtime, picks: dict[str, str]) -> None:
        self.rt = rt
        self.picks = picks
        self.see()

    def build(self) -> None:
        weights = line_weights(self.rt, self.picks, self.sight)
        self.targets = fitting_levels(self.rt, weights, self.sight)
        self.ranked = ranked(self.rt, weights, self.sight)

    def _pick(self, state: State, card: str) -> CChoice:
        ev = self.rt.events[card]
        wanted = ev.choice_index.get(self.picks.get(card, ""))
        if wanted is not None and (wanted.when is None or wanted.when(state)):
            return wanted
        return next((c for c in self.ranked[card] if c.when is None or c.when(state)), PASS_CHOICE)

    def plan(self, state: State, rng: Rng) -> Plan:
        if self.sight.directions_only(state.difficulty) != self.sight.direction:
            return self.at(state.difficulty).plan(state, rng)
        return [self._pick(state, card) for card in state.cards], steer(self.rt, state, self.targets)

    def decide(self, state: State, rng: Rng) -> Decision:
        return as_decision(self.rt, state, self.plan(state, rng))


class AdvisorBot(Follower):
    """Always takes one advisor's favoured choice, with the standing policies that fit its line."""

    def __init__(self, rt: Runtime, advisor: str) -> None:
        picks = favoured(rt, advisor)
        super().__init__(rt, picks)
        name = rt.pack.get("advisors", advisor).name
        self.id = f"follow_{advisor}"
        self.description = f"Always takes the {name}'s pick, with the policies that fit its line."


class HistoryBot(Follower):
    """Takes the choice Moscow actually took where a card marks one, elsewhere the first advisor's."""

    id = "history"

    def __init__(self, rt: Runtime) -> None:
        foreign = [a.id for a in rt.pack.advisors if "foreign" in a.name.lower()]
        lead = (foreign or [a.id for a in rt.pack.advisors] or [""])[0]
        picks = favoured(rt, lead) if lead else {}
        for ev in rt.pack.events:
            historical = [c.id for c in ev.choices if c.historical]
            if historical:
                picks[ev.id] = historical[0]
        super().__init__(rt, picks)
        lead_name = rt.pack.get("advisors", lead).name if lead else "the line's"
        self.description = (f"Takes what Moscow actually did where a card says, "
                            f"elsewhere the {lead_name}'s pick.")
