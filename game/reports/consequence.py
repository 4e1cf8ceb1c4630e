"""The most consequential decisions: replay each decision's other branch and measure the outcome.

Each alternative keeps the same seed (the same luck) and swaps one thing, then plays on by
the rules, so that every order of the replay is one a player could have given:

- a **choice** swapped: that card answered otherwise;
- a **policy change** not made: the policy stays where it was for as long as the player held
  the new level (until their next change of that policy), then follows their plan again;
- later **policy orders** are followed as far as the rules allow: a policy moves toward the
  planned level by the steps a month permits, never jumps (so a drawdown undone early cannot
  reappear as a leap later);
- a **card the player never met** (or whose chosen answer is closed in the branch) is answered
  by a stated rule, the answer the player gave that card before if still open, else its first
  open choice; the branch counts such cards, and the debrief says how many.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.passing import PASSED
from game.engine.runtime import Runtime
from game.engine.state import State
from game.engine.turn import Decision, level_allowed, new_campaign, resolve_in_place
from game.score_parts import ScorePart, score_parts
from game.session import Session, TurnRecord

ENDING_WEIGHT = 100  # reaching another ending counts as much as 100 score points
RULE = ("a card the branch meets that you did not (or whose answer is closed there) is answered as "
        "you answered it elsewhere if you did and that is open, else by its first open choice")


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
    by_rule: int = 0  # cards of the branch answered by the stated rule, not by the player
    held_to: int = 0  # for a policy change not made: the last turn it is held back
    parts: tuple[ScorePart, ...] = ()  # ``scores`` split into formula and the ending's adjustment


@dataclass(slots=True)
class _Hold:
    """Keep one policy at a level over a span of the player's turns (a change not made)."""

    policy: int
    level: int
    until: int  # index of the first record no longer held


def toward(rt: Runtime, state: State, policy: int, wanted: int) -> int:
    """The level nearest ``wanted`` that the rules allow this month (the current one at worst)."""
    current = state.policies[policy]
    if level_allowed(rt, state, policy, wanted) is None:
        return wanted
    step = 1 if wanted > current else -1
    for level in range(wanted - step, current, -step):
        if level_allowed(rt, state, policy, level) is None:
            return level
    return current


def _plan_levels(rt: Runtime, state: State, plan: TurnRecord | None, hold: _Hold | None,
                 index: int) -> tuple[str, ...]:
    levels = []
    for i, policy in enumerate(rt.policies):
        wanted = state.policies[i]
        if hold is not None and hold.policy == i and index < hold.until:
            wanted = hold.level
        elif plan is not None and plan.decision.policies:
            wanted = policy.level_index.get(plan.decision.policies[i], wanted)
        levels.append(policy.levels[toward(rt, state, i, wanted)].id)
    return tuple(levels)


def _answers(rt: Runtime, state: State, plan: TurnRecord | None, known: dict[str, str],
             swap: tuple[str, str] | None) -> tuple[tuple[str, ...], int]:
    """The choices for a turn of the replay, and how many were set by the stated rule."""
    planned = dict(zip(plan.cards, plan.decision.choices, strict=True)) if plan is not None else {}
    if swap is not None:
        planned[swap[0]] = swap[1]
    choices, by_rule = [], 0
    for card in state.cards:
        open_ = [c.id for c in rt.events[card].choices if c.when is None or c.when(state)]
        pick = planned.get(card)
        if pick not in open_:
            by_rule += 1
            pick = known.get(card) if known.get(card) in open_ else (open_[0] if open_ else PASSED)
        choices.append(str(pick))
    return tuple(choices), by_rule


def _play_out(rt: Runtime, state: State, records: list[TurnRecord], start: int, known: dict[str, str],
              swap: tuple[str, str] | None, hold: _Hold | None) -> tuple[State, int]:
    """Play from record ``start`` to an ending with one thing changed; the end and the rule count."""
    index, by_rule = start, 0
    while state.ending is None:
        plan = records[index] if index < len(records) else None
        choices, n = _answers(rt, state, plan, known, swap if index == start else None)
        by_rule += n
        resolve_in_place(rt, state, Decision(choices, _plan_levels(rt, state, plan, hold, index)))
        index += 1
    return state, by_rule


def _held_until(rt: Runtime, records: list[TurnRecord], start: int, policy: int) -> int:
    level = records[start].decision.policies[policy]
    index = start + 1
    while index < len(records) and records[index].decision.policies \
            and records[index].decision.policies[policy] == level:
        index += 1
    return index


_Alt = tuple[str, str, str, tuple[str, str] | None, _Hold | None]


def _alternatives(rt: Runtime, state: State, records: list[TurnRecord], t: int) -> list[_Alt]:
    """(kind, subject, alternative, swap, hold) for every other branch of turn ``t``'s decision."""
    record, out = records[t], list[_Alt]()
    decision = record.decision
    for j, card in enumerate(record.cards):
        for choice in rt.events[card].choices:
            if choice.id != decision.choices[j] and (choice.when is None or choice.when(state)):
                out.append(("choice", card, choice.id, (card, choice.id), None))
    for i, policy in enumerate(rt.policies):
        if decision.policies and decision.policies[i] != policy.levels[state.policies[i]].id:
            hold = _Hold(i, state.policies[i], _held_until(rt, records, t, i))
            out.append(("policy", policy.id, policy.levels[state.policies[i]].id, None, hold))
    return out


def _taken(rt: Runtime, record: TurnRecord, kind: str, subject: str) -> str:
    if kind == "choice":
        return record.decision.choices[record.cards.index(subject)]
    return record.decision.policies[rt.policy_index[subject]]


def _effect(base_ending: str, base: dict[str, int], ending: str, other: dict[str, int]) -> float:
    return (ENDING_WEIGHT if ending != base_ending else 0) + sum(abs(other[k] - base[k]) for k in base)


def branches(session: Session, explored: list[Branch] | None = None) -> list[Branch]:
    """For each decision of a finished campaign, its most different alternative (largest effect first)."""
    best: dict[tuple[int, str], Branch] = {}
    for branch in explore(session) if explored is None else explored:
        key = (branch.turn, branch.subject)
        if key not in best or branch.effect > best[key].effect:
            best[key] = branch
    return sorted(best.values(), key=lambda b: (-b.effect, b.turn, b.subject))


def reaching(explored: list[Branch], ending: str) -> Branch | None:
    """The single change found by replay that reaches an ending: the earliest, the fewest cards
    answered by rule, the smallest effect on the scores otherwise."""
    found = [b for b in explored if b.ending == ending]
    return min(found, key=lambda b: (b.turn, b.by_rule, b.effect, b.subject)) if found else None


def explore(session: Session) -> list[Branch]:
    """Every other branch of every decision of a finished campaign, replayed by the rules."""
    rt = session.rt
    if not session.finished or not session.records:
        return []
    base_ending, base = str(session.state.ending), session.scores()
    records = list(session.records)
    known = {card: d for r in records for card, d in zip(r.cards, r.decision.choices, strict=True)}
    state = new_campaign(rt, session.scenario, session.difficulty, session.seed, log=False,
                         rules=session.state.rules)
    out: list[Branch] = []
    for t, record in enumerate(records):
        for kind, subject, alternative, swap, hold in _alternatives(rt, state, records, t):
            end, by_rule = _play_out(rt, state.copy(), records, t, known, swap, hold)
            parts = tuple(score_parts(rt, end))
            end_scores = {p.dim: p.total for p in parts}  # as ``game.engine.turn.scores`` gives them
            effect = _effect(base_ending, base, str(end.ending), end_scores)
            held_to = records[hold.until - 1].turn if hold is not None else 0
            out.append(Branch(record.turn, record.month, kind, subject, _taken(rt, record, kind, subject),
                              alternative, str(end.ending), end_scores, effect, by_rule, held_to, parts))
        resolve_in_place(rt, state, record.decision)
    return out


def most_consequential(session: Session, limit: int = 5,
                       explored: list[Branch] | None = None) -> list[Branch]:
    """The decisions (up to ``limit``) whose other branch changes the outcome most."""
    return [b for b in branches(session, explored) if b.effect > 0][:limit]
