"""A condition as the game shows it, without a campaign: the linter's words for the clauses it names.

The same display names as the goals screen (``game.engine.explain``), read off the
explainable tree; a tolerance is named rather than numbered, since its number depends on
the difficulty.
"""

from __future__ import annotations

from game.engine import explain as x

_POLICY_WORDS = {"==": "is", "!=": "is not", ">=": "at least", "<=": "at most",
                 ">": "beyond", "<": "short of"}


def _side(t: x.Term, other: x.Term) -> str:
    if isinstance(t, x.Num) and isinstance(other, x.Clock) and other.kind == "date":
        return x.month_name(int(t.value))
    return x.term_text(t)


def clause_text(c: x.Cond) -> str:
    """One condition in the game's words ('Relations with Damascus ≥ 50 and not: ...')."""
    if isinstance(c, x.Compare):
        return f"{_side(c.left, c.right)} {x.SYMBOL[c.op]} {_side(c.right, c.left)}"
    if isinstance(c, x.FlagTest):
        return f"not: {c.label}" if c.negated else c.label
    if isinstance(c, x.FiredTest):
        return f"'{c.label}' {'has not come up' if c.negated else 'has come up'}"
    if isinstance(c, x.Window):
        name = (lambda k: f"turn {k}") if c.kind == "turn" else x.month_name
        if c.lo is not None and c.hi is not None:
            return f"from {name(c.lo)} to {name(c.hi)}"
        return f"from {name(c.lo)} on" if c.lo is not None else f"until {name(c.hi or 0)}"
    if isinstance(c, x.PolicyTest):
        return f"{c.label} {_POLICY_WORDS[c.op]} {c.levels[c.level]}"
    if isinstance(c, x.Const):
        return "always" if c.truth else "never"
    if isinstance(c, x.Not):
        return f"not: ({clause_text(c.inner)})"
    if isinstance(c, x.All):
        return " and ".join(clause_text(p) for p in c.parts)
    return "(" + " or ".join(clause_text(p) for p in c.parts) + ")"
