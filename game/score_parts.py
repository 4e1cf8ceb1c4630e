"""A final score split into what its formula gave and what the ending added, read by every front.

The rules (``game.engine.turn.scores``) add the ending's adjustment (``scores:`` in
``endings.yaml``) to each dimension's formula and clamp the sum to 0-100. A bare
``91/100`` hides that; every front that shows a score says
"76 + 15 for the ending 'Honorable exit'" from the same ``ScorePart``.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.engine.runtime import Runtime
from game.engine.state import State

LOW, HIGH = 0, 100


@dataclass(frozen=True, slots=True)
class ScorePart:
    """One dimension's final score, its formula's value, and the ending's adjustment."""

    dim: str
    name: str
    description: str
    formula: int  # the formula on the final state, rounded
    adjustment: int  # the ending's ``scores:`` entry for this dimension (0 when none)
    ending: str  # the ending's title ("" before the campaign ends)
    total: int  # formula + adjustment, clamped to 0-100: the score the rules give

    def split(self) -> str:
        """How the total was reached: '76 + 15 for the ending 'Honorable exit'', '48 - 5 for ...',
        with ', capped at 100' (or 'floored at 0') when the sum left the range; '' with no
        adjustment."""
        if not self.adjustment:
            return ""
        sign = "+" if self.adjustment > 0 else "-"
        text = f"{self.formula} {sign} {abs(self.adjustment)} for the ending '{self.ending}'"
        raw = self.formula + self.adjustment
        if raw > HIGH:
            text += f", capped at {HIGH}"
        elif raw < LOW:
            text += f", floored at {LOW}"
        return text

    def text(self) -> str:
        """The score as every front prints it: '91/100 (76 + 15 for the ending 'Honorable exit')'."""
        split = self.split()
        return f"{self.total}/100" + (f" ({split})" if split else "")


def score_parts(rt: Runtime, state: State) -> list[ScorePart]:
    """Every score dimension of a campaign, in the pack's order, split into formula and ending."""
    ending = rt.pack.get("endings", state.ending) if state.ending else None
    bonus: dict[str, int] = dict(ending.scores) if ending is not None else {}
    title = str(ending.title) if ending is not None else ""
    out = []
    for dim in rt.pack.items("score_dimensions"):
        formula = round(rt.scores[dim.id](state))
        adjustment = bonus.get(dim.id, 0)
        total = max(LOW, min(HIGH, formula + adjustment))
        out.append(ScorePart(dim.id, str(dim.name), str(dim.description), formula, adjustment, title, total))
    return out


def change_parts(was: ScorePart, would: ScorePart) -> str:
    """What one score's difference between two campaigns is made of, in figures that add up:
    '-1 from the final state (formula 76 → 75) and -10 from the ending's adjustment (+15 for
    'Honorable exit' → +5 for 'Stalemate')', then each total clamped to 0-100 ('yours 106 capped
    at 100')."""
    said = []
    effect, adjust = would.formula - was.formula, would.adjustment - was.adjustment
    if effect:  # the formula's own figures where a total is not its formula alone
        plain = (was.formula, would.formula) == (was.total, would.total)
        said.append(f"{effect:+d} from the final state" + ("" if plain else
                                                            f" (formula {was.formula} → {would.formula})"))
    if adjust:
        said.append(f"{adjust:+d} from the ending's adjustment ({_adjusted(was)} → {_adjusted(would)})")
    elif was.adjustment:
        both = _adjusted(was) if was.ending == would.ending else f"{_adjusted(was)}, {_adjusted(would)}"
        said.append(f"the ending's adjustment unchanged ({both})")
    clamped = [f"{side} {raw} {'capped' if raw > HIGH else 'floored'} at {part.total}"
               for side, part in (("yours", was), ("that branch's", would))
               if (raw := part.formula + part.adjustment) != part.total]
    return " and ".join(said or ["no change"]) + "".join(f", {c}" for c in clamped)


def _adjusted(part: ScorePart) -> str:
    """An ending's adjustment to one score: '+15 for 'Honorable exit'', 'none for 'Stalemate''."""
    amount = f"{part.adjustment:+d}" if part.adjustment else "none"
    return f"{amount} for '{part.ending}'"


def adjustment_note(rt: Runtime) -> str:
    """One sentence for a page that shows scores of many campaigns (the class report): each final
    score is its formula plus the ending's adjustment, and the adjustments of the pack's endings."""
    dims = {d.id: str(d.name) for d in rt.pack.items("score_dimensions")}
    parts = []
    for ending in rt.pack.endings:
        if ending.scores:
            moves = ", ".join(f"{dims.get(k, k)} {v:+d}" for k, v in ending.scores.items())
            parts.append(f"{ending.title}: {moves}")
    if not parts:
        return "Each final score is its formula on the final state; no ending adjusts it."
    return ("Each final score is its formula on the final state plus the adjustment of the ending "
            f"reached, clamped to 0-100 ({'; '.join(parts)}).")
