"""The planner: a stand-in for a careful player, steering by the goals explanation and the previews.

Each month it looks at what a player can see: every ending's conditions
explained against the state (hidden quantities' clauses count for nothing,
as a player cannot read them) and each choice's and policy level's preview,
as precise as the difficulty shows it: where the previews give only the
direction of a change (▲/▼), the planner knows only the direction and assumes
one typical step for every change; changes to hidden quantities are not shown,
so it does not count them.
It aims at the best ending it can still reach, ranked by the endings' own
score adjustments, and takes the choices and policy moves whose previewed
effects close the most of that ending's gap while keeping away from the
endings that would cut the campaign short. Policies are judged over a short
look-ahead (their monthly preview over a few months), as standing policies act
every month.
"""

from __future__ import annotations

from game.engine.explain import Clause, explain, leaves
from game.engine.passing import PASS_CHOICE
from game.engine.rng import Rng
from game.engine.runtime import CChoice, PreviewItem, Runtime
from game.engine.state import State
from game.engine.turn import Decision, level_allowed
from game.sim.bots import Plan, as_decision

_CERTAINTY = {"sure": 1.0, "maybe": 0.5, "later": 0.8}
_UNIT = {"flag": 12.0, "fired": 6.0, "policy": 8.0, "window": 0.0, "const": 0.0, "not": 6.0}
LOOK_AHEAD = 3  # months of a standing policy's preview counted when choosing a level
REACH = 9.0  # gap a careful month can close, to judge which endings are still reachable
MARGIN = 12.0  # how close to a cutting-short ending's conditions the planner starts to worry
DANGER = 3.0  # weight of that worry against the target's gap
GUESS = 3  # the size assumed for a change a direction-only preview shows as ▲ or ▼


def weighted_gap(clause: Clause, shared: frozenset[str] = frozenset()) -> float:
    """An explanation's gap with flags and policies in meter-sized units; hidden clauses, and
    clauses in ``shared`` (ones the target needs too), count 0."""
    if clause.kind == "all":
        return sum(weighted_gap(k, shared) for k in clause.children)
    if clause.kind == "any":
        return min((weighted_gap(k, shared) for k in clause.children), default=0.0)
    if clause.holds or clause.hidden or clause.text in shared:
        return 0.0
    return clause.gap * _UNIT.get(clause.kind, 1.0)


class PlannerBot:
    """Greedy over the ending explanations, with the previews as its model of what choices do."""

    id = "planner"
    description = "Steers by the goals view and the previews toward the best ending it can still reach."

    def __init__(self, rt: Runtime) -> None:
        self.rt = rt
        worth = {e.id: sum(e.scores.values()) for e in rt.pack.endings}
        self.ranked = sorted((e for e in rt.endings if f"ending:{e.id}" in rt.conditions or e.fallback),
                             key=lambda e: -worth[e.id])
        self.worth = worth
        self.secret = frozenset(m.id for m in rt.pack.meters if m.hidden)
        self.direction = {d.id: str(d.preview) == "direction" for d in rt.pack.difficulties}

    def _seen(self, state: State, p: PreviewItem) -> float | None:
        """A preview item's change as the screen shows it at the campaign's difficulty, or None
        when the screen does not show it (a hidden quantity)."""
        if p.target in self.secret:
            return None
        if self.direction.get(state.difficulty, False):
            return float(GUESS if p.delta > 0 else -GUESS if p.delta < 0 else 0)
        return float(p.delta)

    def _target(self, state: State) -> tuple[str | None, list[str]]:
        """The best ending still in reach, and the endings that would cut the campaign short first."""
        left = self.rt.lengths[state.scenario] - state.turn + 1
        target = None
        for ending in self.ranked:
            if ending.fallback or f"ending:{ending.id}" not in self.rt.conditions:
                break
            gap = weighted_gap(explain(self.rt.conditions[f"ending:{ending.id}"], state))
            if gap <= REACH * left:
                target = ending.id
                break
        floor = self.worth[target] if target else min(self.worth.values())
        dangers = [e.id for e in self.rt.endings
                   if not e.at_end and not e.fallback and e.id != target and self.worth[e.id] < floor
                   and f"ending:{e.id}" in self.rt.conditions]
        return target, dangers

    def _cost(self, state: State, target: str | None, dangers: list[str]) -> float:
        cond = self.rt.conditions
        cost = 0.0
        shared: frozenset[str] = frozenset()
        if target:
            goal = explain(cond[f"ending:{target}"], state)
            cost = weighted_gap(goal)
            shared = frozenset(c.text for c in leaves(goal))
        for d in dangers:
            cost += DANGER * max(0.0, MARGIN - weighted_gap(explain(cond[f"ending:{d}"], state), shared))
        return cost

    def _imagine(self, state: State, items: list[tuple[PreviewItem, float]]) -> State:
        """The state the previews lead a player to expect (each item scaled by a count)."""
        s = state.copy()
        rt = self.rt
        for p, times in items:
            i = rt.qindex.get(p.target)
            delta = self._seen(state, p)
            if i is not None and delta is not None:
                v = s.values[i] + delta * _CERTAINTY[p.certainty] * times
                s.values[i] = int(max(rt.qmin[i], min(rt.qmax[i], round(v))))
            elif p.target.startswith("flag:") and p.certainty != "maybe":
                (s.flags.add if p.delta > 0 else s.flags.discard)(p.target[5:])
        return s

    def plan(self, state: State, rng: Rng) -> Plan:
        rt = self.rt
        target, dangers = self._target(state)
        levels = state.policies[:]
        picks: list[CChoice] = []

        def items(extra: list[CChoice], lv: list[int]) -> list[tuple[PreviewItem, float]]:
            out = [(p, 1.0) for c in picks + extra for p in c.preview]
            return out + [(p, float(LOOK_AHEAD)) for pol, k in zip(rt.policies, lv, strict=True)
                          for p in pol.levels[k].preview]

        for card in state.cards:
            options = [c for c in rt.events[card].choices if c.when is None or c.when(state)]
            if not options:  # the card passes (game.engine.passing)
                picks.append(PASS_CHOICE)
                continue
            picks.append(min(options, key=lambda c: (self._cost(self._imagine(state, items([c], levels)),
                                                                  target, dangers), c.index)))
        moves = []
        for i, policy in enumerate(rt.policies):
            step = policy.max_step or len(policy.levels)
            now = state.policies[i]
            reachable = [k for k in range(max(0, now - step), min(len(policy.levels), now + step + 1))
                         if k == now or level_allowed(rt, state, i, k) is None]

            def cost(k: int, i: int = i, now: int = now) -> tuple[float, int]:
                trial = levels[:]
                trial[i] = k
                return self._cost(self._imagine(state, items([], trial)), target, dangers), abs(k - now)

            best = min(reachable, key=cost)
            levels[i] = best
            if best != now:
                moves.append((i, best))
        return picks, moves

    def decide(self, state: State, rng: Rng) -> Decision:
        return as_decision(self.rt, state, self.plan(state, rng))
