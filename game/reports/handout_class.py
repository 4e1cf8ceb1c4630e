"""What a handout says for one class: each tolerance's number at the difficulty, with the scenario's offset.

A threshold set by a tolerance differs by difficulty, and a scenario may move it (After Sochi's
talks tolerance is 33 lower than the full campaign's). The handout states the numbers as the
Goals view shows them in a campaign: at the class's difficulty and scenario when it knows them
(a class code, or --scenario/--difficulty), else at every difficulty.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from game.engine.explain import tolerance_name
from game.engine.runtime import Runtime

HIDDEN_UNTIL = re.compile(r"\s*Hidden until the debrief\.")


@dataclass(frozen=True, slots=True)
class ForClass:
    """Who the handout is for: a scenario and a difficulty (None: every one), a class code, teaching."""

    scenario: str | None = None
    difficulty: str | None = None
    code: str | None = None
    seed: str | None = None
    teaching: bool = False


def _value(rt: Runtime, tid: str, difficulty: str, scenario: str | None) -> int:
    base = int(rt.pack.get("difficulties", difficulty).tolerances[tid])
    return base + (_offset(rt, tid, scenario) if scenario else 0)


def _offset(rt: Runtime, tid: str, scenario: str) -> int:
    return int(rt.pack.get("scenarios", scenario).tolerances.get(tid, 0))


def _moved(offset: int) -> str:
    return f"{abs(offset)} {'lower' if offset < 0 else 'higher'}"


def tolerance_values(rt: Runtime, tid: str, who: ForClass) -> str:
    """'12 at Realpolitik'; with a scenario's offset, the base and the offset; without a
    difficulty, the number at each one."""
    diffs = [who.difficulty] if who.difficulty else [d.id for d in rt.pack.difficulties]
    parts = [f"{_value(rt, tid, d, who.scenario)} at {rt.pack.get('difficulties', d).name}" for d in diffs]
    text = ", ".join(parts)
    offset = _offset(rt, tid, who.scenario) if who.scenario else 0
    if offset and who.scenario:
        title = rt.pack.get("scenarios", who.scenario).title
        own = "the difficulty's" if len(diffs) == 1 else "each difficulty's"
        bases = ", ".join(str(_value(rt, tid, d, None)) for d in diffs)
        text += f" in {title} ({own} {bases}, {_moved(offset)} in this scenario)"
    return text


def threshold_line(rt: Runtime, value: int | str, label: str, who: ForClass) -> str:
    """One threshold of a quantity, its number stated; a tolerance named once."""
    if isinstance(value, int):
        return f"{value}: {label}"
    named = f"the {tolerance_name(value)} tolerance"
    label = label.removesuffix(f" ({named})")
    return f"{named} ({tolerance_values(rt, value, who)}): {label}"


def scenario_tolerances(rt: Runtime, scenario: str, who: ForClass) -> str:
    """The tolerances a scenario moves, with their numbers ('' when it moves none)."""
    sc = rt.pack.get("scenarios", scenario)
    diffs = [who.difficulty] if who.difficulty else [d.id for d in rt.pack.difficulties]
    said = []
    for tid, offset in sc.tolerances.items():
        if offset:
            values = ", ".join(f"{_value(rt, tid, d, scenario)} at {rt.pack.get('difficulties', d).name} "
                               f"instead of {_value(rt, tid, d, None)}" for d in diffs)
            said.append(f"the {tolerance_name(tid)} tolerance is {_moved(offset)} than the difficulty "
                        f"sets it: {values}")
    return ("In this scenario " + "; ".join(said) + ".") if said else ""


def hidden_words(who: ForClass) -> str:
    """How the quantities table marks a hidden quantity."""
    return ("hidden in a normal game; shown throughout in this teaching-mode class" if who.teaching
            else "hidden until the end")


def describe_hidden(description: str, who: ForClass) -> str:
    """A quantity's description, without 'Hidden until the debrief.' where teaching mode shows it."""
    return HIDDEN_UNTIL.sub("", description) if who.teaching else description


def class_line(rt: Runtime, who: ForClass) -> dict[str, Any] | None:
    """The handout's note of whom it is for, or None for a handout of the whole pack."""
    if who.scenario is None and who.difficulty is None:
        return None
    scenario = rt.pack.get("scenarios", who.scenario).title if who.scenario else "every scenario"
    difficulty = rt.pack.get("difficulties", who.difficulty).name if who.difficulty else "every difficulty"
    return {"code": who.code, "scenario": scenario, "difficulty": difficulty, "seed": who.seed,
            "teaching": who.teaching}
