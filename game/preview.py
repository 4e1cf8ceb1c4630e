"""Honest previews: what a choice or a policy level will do, read off the pack's own effects.

A preview never sums branches: a conditional effect shows its condition ("if
Damascus ≥ 15: UN track momentum +8"), a random one its odds ("50%: Turkey +3 /
50%: Turkey -2"), a delayed one its month, and says so when that month falls
after the campaign's last. Every amount shown is one an effect list of the pack
writes. Pure: the Textual card and the plain mode render the same text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from game.content import conditions as c
from game.content import effects as e
from game.describe import name_of
from game.engine.runtime import Runtime
from game.engine.state import State, month_index, month_label

if TYPE_CHECKING:
    from game.session import Session

OPS = {"<": "<", "<=": "≤", ">": ">", ">=": "≥", "==": "=", "!=": "≠"}


@dataclass(frozen=True)
class Lens:
    """What a preview may say: the campaign's state, what is concealed, and how precise to be."""

    rt: Runtime
    state: State | None  # None: no campaign (the help screen), so no dates and no tolerances' numbers
    last_turn: int
    secret: frozenset[str] = frozenset()
    mode: str = "magnitude"  # or "direction"


def amount(lens: Lens, delta: int) -> str:
    """'+8' in magnitude mode, '▲' in direction mode."""
    if lens.mode == "direction":
        return "▲" if delta > 0 else "▼" if delta < 0 else "•"
    return f"{delta:+d}" if delta else "0"


def _operand(lens: Lens, value: Any) -> str:
    if isinstance(value, str) and value in lens.rt.tolerance_ids:
        if lens.state is None:
            return f"the difficulty's {value.replace('_', ' ')}"
        return str(lens.state.tolerances[lens.rt.tolerance_ids.index(value)])
    return str(value)


def condition_text(lens: Lens, cond: Any) -> str:
    """A condition in the pack's own names: 'Damascus ≥ 15', 'Sochi has been played'."""
    rt = lens.rt
    if isinstance(cond, str):
        return expression_text(lens, cond)
    if isinstance(cond, c.AllCondition):
        return " and ".join(condition_text(lens, x) for x in cond.all)
    if isinstance(cond, c.AnyCondition):
        return "(" + " or ".join(condition_text(lens, x) for x in cond.any) + ")"
    if isinstance(cond, c.NotCondition):
        return f"not ({condition_text(lens, cond.not_)})"
    if isinstance(cond, c.MeterCondition | c.RelationCondition):
        qid = cond.meter if isinstance(cond, c.MeterCondition) else cond.relation
        name = "a hidden quantity" if qid in lens.secret else name_of(rt, qid)
        return " and ".join(f"{name} {OPS[op]} {_operand(lens, v)}" for op, v in cond.bounds())
    if isinstance(cond, c.FlagCondition):
        return name_of(rt, f"flag:{cond.flag}").strip().rstrip(".")
    if isinstance(cond, c.FiredCondition):
        return f"'{name_of(rt, 'event:' + cond.fired)}' has come up"
    if isinstance(cond, c.PolicyCondition):
        policy = rt.pack.get("policies", cond.policy)
        names = {lv.id: lv.name for lv in policy.levels}
        test, level = (("is", cond.is_) if cond.is_ else ("at least", cond.at_least) if cond.at_least
                       else ("at most", cond.at_most))
        return f"{policy.name} {test} {names.get(str(level), level)}"
    return _window_text(lens, cond)


_TOKEN = re.compile(r"fired\((\w+)\)|(\d{4}-\d{2})|(>=|<=|!=|==)|([A-Za-z_]\w*)")
_WORDS = {"and", "or", "not", "turn", "date", "true", "false"}


def expression_text(lens: Lens, text: str) -> str:
    """An expression condition in the pack's names: 'ceasefire < 30' reads 'Ceasefire stability < 30'."""
    rt = lens.rt

    def word(m: re.Match[str]) -> str:
        fired, month, op, ident = m.groups()
        if fired:
            return f"'{name_of(rt, 'event:' + fired)}' has come up"
        if month:
            return month_label(month_index(month))
        if op:
            return OPS[op]
        if ident in _WORDS:
            return ident
        if ident in lens.secret:
            return "a hidden quantity"
        if ident in rt.qindex:
            return name_of(rt, ident)
        if ident in lens.rt.tolerance_ids:
            return _operand(lens, ident)
        return ident.replace("_", " ")
    return _TOKEN.sub(word, text)


def _window_text(lens: Lens, cond: Any) -> str:
    window = cond.turn if isinstance(cond, c.TurnCondition) else cond.date
    unit = "turn" if isinstance(cond, c.TurnCondition) else "month"

    def show(v: int | str | None) -> str:
        return month_label(month_index(v)) if isinstance(v, str) else f"{unit} {v}"
    if window.min is not None and window.max is not None:
        return f"from {show(window.min)} to {show(window.max)}"
    return f"from {show(window.min)}" if window.min is not None else f"until {show(window.max)}"


def effects_text(lens: Lens, items: Sequence[Any], after: int = 0) -> list[str]:
    """The parts of an effect list, in order: sure changes first (merged per target), then the rest."""
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
        elif isinstance(item, e.ScheduleEffect):
            rest += _schedule(lens, item.schedule, after)
        elif isinstance(item, e.RandomEffect):
            rest += _random(lens, item, after)
        elif isinstance(item, e.IfEffect):
            rest += _if(lens, item, after)
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


def _schedule(lens: Lens, sched: e.Schedule, after: int) -> list[str]:
    total = after + sched.after
    if sched.event is not None:
        return [f"a follow-up {_when(lens, total)}"]
    inner = effects_text(lens, sched.effects or [], total)
    late = lens.state is not None and lens.state.turn + total > lens.last_turn
    return [f"{_when(lens, total)}: {'; '.join(inner) or 'no visible effect'}"] if inner or late else []


def _random(lens: Lens, item: e.RandomEffect, after: int) -> list[str]:
    total = sum(o.weight for o in item.random)
    inner = ["; ".join(effects_text(lens, o.effects, after)) for o in item.random]
    if not any(inner):
        return []
    return [" / ".join(f"{round(100 * o.weight / total)}%: {text or 'nothing visible'}"
                       for o, text in zip(item.random, inner, strict=True))]


def _if(lens: Lens, item: e.IfEffect, after: int) -> list[str]:
    then = "; ".join(effects_text(lens, item.then, after))
    other = "; ".join(effects_text(lens, item.else_, after))
    if not then and not other:
        return []
    text = f"if {condition_text(lens, item.if_)}: {then or 'nothing visible'}"
    return [text + (f" (otherwise: {other})" if other else "")]


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
