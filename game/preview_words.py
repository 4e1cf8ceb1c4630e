"""The words of a preview: the lens it looks through, amounts, and conditions in the pack's own names.

Pure; ``game.preview`` puts these words together for every front end.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from game.content import conditions as c
from game.describe import name_of
from game.engine.runtime import Runtime
from game.engine.state import State, month_index, month_label

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


_TOKEN = re.compile(r"(fired|flag)\((\w+)\)|(\d{4}-\d{2})|(>=|<=|!=|==)|([A-Za-z_]\w*)")
_WORDS = {"and", "or", "not", "turn", "date", "true", "false"}


def expression_text(lens: Lens, text: str) -> str:
    """An expression condition in the pack's names: 'ceasefire < 30' reads 'Ceasefire stability < 30',
    a flag reads as its fact (in brackets when the expression says more: 'not (The Sochi ...)')."""
    rt = lens.rt
    alone = _TOKEN.fullmatch(text.strip()) is not None
    names = set(rt.qindex) | set(rt.tolerance_ids) | set(rt.policy_index)  # these come before flags
    flags = {f.id for f in rt.pack.items("flags")} - names

    def word(m: re.Match[str]) -> str:
        call, arg, month, op, ident = m.groups()
        if call == "fired":
            return f"'{name_of(rt, 'event:' + arg)}' has come up"
        if call == "flag" or ident in flags:
            fact = name_of(rt, f"flag:{arg or ident}").strip().rstrip(".")
            return fact if alone else f"({fact})"
        if month:
            return month_label(month_index(month))
        if op:
            return OPS[op]
        return _name(lens, ident)
    return _TOKEN.sub(word, text)


def _name(lens: Lens, ident: str) -> str:
    """A name in an expression: a quantity, a tolerance, a policy or one of its levels."""
    rt = lens.rt
    if ident in _WORDS:
        return ident
    if ident in lens.secret:
        return "a hidden quantity"
    if ident in rt.qindex:
        return name_of(rt, ident)
    if ident in rt.tolerance_ids:
        return _operand(lens, ident)
    if ident in rt.policy_index:
        return name_of(rt, f"policy:{ident}")
    level = next((lv.name for p in rt.pack.policies for lv in p.levels if lv.id == ident), None)
    return str(level) if level is not None else ident.replace("_", " ")


def _window_text(lens: Lens, cond: Any) -> str:
    window = cond.turn if isinstance(cond, c.TurnCondition) else cond.date
    unit = "turn" if isinstance(cond, c.TurnCondition) else "month"

    def show(v: int | str | None) -> str:
        return month_label(month_index(v)) if isinstance(v, str) else f"{unit} {v}"
    if window.min is not None and window.max is not None:
        return f"from {show(window.min)} to {show(window.max)}"
    return f"from {show(window.min)}" if window.min is not None else f"until {show(window.max)}"
