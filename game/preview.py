"""Honest previews: what a choice or a policy level will do, read off the pack's own effects.

A preview never sums branches: a conditional effect shows its condition ("if
Damascus ≥ 15: UN track momentum +8"), a random one its odds ("50%: Turkey +3 /
50%: Turkey -2"), a delayed one its month, and says so when that month falls
after the campaign's last. Every amount shown is one an effect list of the pack
writes. A flag set or cleared reads as the fact it stands for and what the
pack's conditions do with it ("becomes true: ... (needed for the ending
'Honorable exit')", see ``game.preview_flags``). Pure: the Textual card, the
plain mode, the help screen and the handout render the same text.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from game.content import effects as e
from game.describe import name_of
from game.engine.state import month_label
from game.preview_flags import Facts, facts_now, flag_change
from game.preview_words import Lens, amount, condition_text, expression_text

__all__ = ["Lens", "amount", "choice_preview", "condition_text", "effects_text", "expression_text",
           "lens_for", "level_preview", "preview"]

if TYPE_CHECKING:
    from game.session import Session


def effects_text(lens: Lens, items: Sequence[Any], after: int = 0, facts: Facts | None = None) -> list[str]:
    """The parts of an effect list, in order: sure changes first (merged per target), then the rest.

    ``facts``: what is known of the flags when the list applies (by default, the campaign's
    flags now, or nothing months ahead); the list's own flag changes update it in order."""
    if facts is None:
        facts = facts_now(lens) if after == 0 else Facts()
    sums: dict[str, int] = {}
    rest: list[str] = []
    for item in items:
        if isinstance(item, e.ChangeEffect):
            for target, delta in item.change.items():
                if target not in lens.secret:
                    sums[target] = sums.get(target, 0) + delta
        elif isinstance(item, e.SetPolicyEffect):
            for pid, level in item.set_policy.items():
                policy = lens.rt.pack.get("policies", pid)
                names = {lv.id: lv.name for lv in policy.levels}
                rest.append(f"{policy.name} set to {names.get(level, level)}")
        elif isinstance(item, e.SetFlagEffect | e.ClearFlagEffect):
            value = isinstance(item, e.SetFlagEffect)
            flag = item.set_flag if isinstance(item, e.SetFlagEffect) else item.clear_flag
            line = flag_change(lens, flag, value, facts, after)
            rest += [line] if line else []
        elif isinstance(item, e.ScheduleEffect):
            rest += _schedule(lens, item.schedule, after, facts)
        elif isinstance(item, e.RandomEffect):
            rest += _random(lens, item, after, facts)
        elif isinstance(item, e.IfEffect):
            rest += _if(lens, item, after, facts)
    changes = [f"{name_of(lens.rt, t)} {amount(lens, d)}" for t, d in sums.items() if d]
    out = ([", ".join(changes)] if changes else []) + rest
    return list(dict.fromkeys(out))  # the same part listed once


def _when(lens: Lens, after: int) -> str:
    if lens.state is None:
        return f"in {after} month(s)"
    due = lens.state.turn + after
    month = month_label(lens.state.month + after)
    if due > lens.last_turn:
        return f"in {after} month(s), {month}: after the campaign's last month, so it will not come"
    return f"in {after} month(s), {month}"


def _schedule(lens: Lens, sched: e.Schedule, after: int, facts: Facts) -> list[str]:
    total = after + sched.after
    if sched.event is not None:
        return [f"a follow-up {_when(lens, total)}"]
    inner = effects_text(lens, sched.effects or [], total, facts.later())
    late = lens.state is not None and lens.state.turn + total > lens.last_turn
    return [f"{_when(lens, total)}: {'; '.join(inner) or 'no visible effect'}"] if inner or late else []


def _random(lens: Lens, item: e.RandomEffect, after: int, facts: Facts) -> list[str]:
    total = sum(o.weight for o in item.random)
    inner = ["; ".join(part) for part in _branches(lens, [o.effects for o in item.random], after, facts)]
    if not any(inner):
        return []
    if len(set(inner)) == 1:  # every outcome reads the same: say it once (on hard, the sizes differ unseen)
        return [inner[0] + (" (how much is left to chance)" if lens.mode == "direction" else "")]
    return [" / ".join(f"{round(100 * o.weight / total)}%: {text or blank(o.effects)}"
                       for o, text in zip(item.random, inner, strict=True))]


def _if(lens: Lens, item: e.IfEffect, after: int, facts: Facts) -> list[str]:
    then, other = ("; ".join(part) for part in _branches(lens, [item.then, item.else_], after, facts))
    if not then and not other:
        return []
    if then == other:  # both read the same: on hard, the sizes may differ unseen
        why = f"how much may depend on whether {condition_text(lens, item.if_)}"
        return [f"{then} either way ({why})" if lens.mode == "direction" else then]
    text = f"if {condition_text(lens, item.if_)}: {then or blank(item.then)}"
    return [text + (f" (otherwise: {other})" if other else "")]


def blank(items: Sequence[Any]) -> str:
    """What a branch that shows nothing says: 'no change' when it has no effects at all (``then: []``),
    'nothing visible' when it has effects the player cannot see."""
    return "nothing visible" if items else "no change"


def _branches(lens: Lens, lists: list[Any], after: int, facts: Facts) -> list[list[str]]:
    """Branches of which one (or none) runs: each read with the facts as they stand; after them,
    a flag one of them may have changed is unknown."""
    inner = [facts.branch() for _ in lists]
    out = [effects_text(lens, items, after, known) for items, known in zip(lists, inner, strict=True)]
    for known in inner:
        facts.after_branch(known)
    return out


def lens_for(session: Session) -> Lens:
    """A fresh lens on a session: its state, its concealed meters, its difficulty's precision."""
    from game.visibility import concealed

    mode = str(session.rt.pack.get("difficulties", session.difficulty).preview)
    return Lens(session.rt, session.state, session.turns, frozenset(concealed(session)), mode)


def preview(lens: Lens, items: Sequence[Any]) -> str:
    """The whole preview of an effect list, as one line ('no direct effect' when nothing shows)."""
    return "; ".join(effects_text(lens, items)) or "no direct effect"


def choice_preview(lens: Lens, event_id: str, choice_id: str) -> str:
    """The preview of a choice of a card."""
    card = lens.rt.pack.get("events", event_id)
    choice = next(ch for ch in card.choices if ch.id == choice_id)
    return preview(lens, choice.effects)


def level_preview(lens: Lens, policy_id: str, level_id: str) -> str:
    """What a policy level does each month it holds."""
    policy = lens.rt.pack.get("policies", policy_id)
    level = next(lv for lv in policy.levels if lv.id == level_id)
    return preview(lens, level.monthly)
