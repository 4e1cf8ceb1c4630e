"""The most consequential decisions: replay each decision's other branch and measure the outcome.

Each alternative keeps the same seed (the same luck), swaps one answer (or
keeps a policy where it was changed), then plays on: later decisions are kept
where they are still legal, a card not met before gets its first open
choice, and a policy keeps its level when the planned one is not allowed.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.runtime import Runtime
from game.engine.state import State
from game.engine.turn import Decision, DecisionError, level_allowed, new_campaign, resolve_in_place, scores
from game.session import Session, TurnRecord

ENDING_WEIGHT = 100  # reaching another ending counts as much as 100 score points


@dataclass(frozen=True, slots=True)
class Branch:
    """One decision and what its most different alternative would have led to."""

    turn: int
    month: int
    kind: str  # "choice" or "policy"
    subject: str  # event id or policy id
    taken: str  # choice id or level id
    alternative: str
    ending: str
    scores: dict[str, int]
    effect: float


def _fallback(rt: Runtime, state: State, known: dict[str, str], plan: TurnRecord | None) -> Decision:
    """The decision for a turn after the swap: the original where legal, else a default."""
    choices = []
    for card in state.cards:
        ev = rt.events[card]
        open_ = [c for c in ev.choices if c.when is None or c.when(state)]
        pick = known.get(card)
        choices.append(pick if pick in {c.id for c in open_} else open_[0].id)
    levels = []
    for i, policy in enumerate(rt.policies):
        level = state.policies[i]
        if plan is not None and plan.decision.policies:
            wanted = policy.level_index.get(plan.decision.policies[i], level)
            if level_allowed(rt, state, i, wanted) is None:
                level = wanted
        levels.append(policy.levels[level].id)
    return Decision(tuple(choices), tuple(levels))


def _play_out(rt: Runtime, state: State, first: Decision, records: list[TurnRecord], start: int,
              known: dict[str, str]) -> State:
    try:
        resolve_in_place(rt, state, first)
    except DecisionError:  # a policy level that the swap made illegal: keep the levels
        resolve_in_place(rt, state, Decision(first.choices))
    index = start + 1
    while state.ending is None:
        plan = records[index] if index < len(records) else None
        resolve_in_place(rt, state, _fallback(rt, state, known, plan))
        index += 1
    return state


def _alternatives(rt: Runtime, state: State, record: TurnRecord) -> list[tuple[str, str, str, Decision]]:
    """(kind, subject, alternative, decision) for every other branch of a turn's decision."""
    out = []
    decision = record.decision
    for j, card in enumerate(record.cards):
        for choice in rt.events[card].choices:
            if choice.id != decision.choices[j] and (choice.when is None or choice.when(state)):
                swapped = decision.choices[:j] + (choice.id,) + decision.choices[j + 1:]
                out.append(("choice", card, choice.id, Decision(swapped, decision.policies)))
    for i, policy in enumerate(rt.policies):
        if decision.policies and decision.policies[i] != policy.levels[state.policies[i]].id:
            kept = list(decision.policies)
            kept[i] = policy.levels[state.policies[i]].id
            out.append(("policy", policy.id, kept[i], Decision(decision.choices, tuple(kept))))
    return out


def _taken(rt: Runtime, record: TurnRecord, kind: str, subject: str) -> str:
    if kind == "choice":
        return record.decision.choices[record.cards.index(subject)]
    return record.decision.policies[rt.policy_index[subject]]


def _effect(base_ending: str, base: dict[str, int], ending: str, other: dict[str, int]) -> float:
    return (ENDING_WEIGHT if ending != base_ending else 0) + sum(abs(other[k] - base[k]) for k in base)


def branches(session: Session) -> list[Branch]:
    """For each decision of a finished campaign, its most different alternative (largest effect first)."""
    rt = session.rt
    if not session.finished or not session.records:
        return []
    base_ending, base = str(session.state.ending), session.scores()
    known = {card: d for r in session.records for card, d in zip(r.cards, r.decision.choices, strict=True)}
    state = new_campaign(rt, session.scenario, session.difficulty, session.seed, log=False,
                         rules=session.state.rules)
    best: dict[tuple[int, str], Branch] = {}
    for t, record in enumerate(session.records):
        for kind, subject, alternative, decision in _alternatives(rt, state, record):
            end = _play_out(rt, state.copy(), decision, session.records, t, known)
            end_scores = scores(rt, end)
            effect = _effect(base_ending, base, str(end.ending), end_scores)
            branch = Branch(record.turn, record.month, kind, subject, _taken(rt, record, kind, subject),
                            alternative, str(end.ending), end_scores, effect)
            key = (record.turn, subject)
            if key not in best or effect > best[key].effect:
                best[key] = branch
        resolve_in_place(rt, state, record.decision)
    return sorted(best.values(), key=lambda b: (-b.effect, b.turn, b.subject))


def most_consequential(session: Session, limit: int = 5) -> list[Branch]:
    """The decisions (up to ``limit``) whose other branch changes the outcome most."""
    return [b for b in branches(session) if b.effect > 0][:limit]
