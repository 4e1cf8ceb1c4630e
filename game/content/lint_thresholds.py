"""Lint ``threshold-wording``: a meter threshold's label against the conditions that test it.

A label such as "Below this a weak front may collapse behind you" on ``{value: 20}`` says
that 20 itself is on the safe side; a condition ``commitment <= 20`` puts 20 on the other.
Each label's wording ("below", "under", "at or below", "above", "over", "at or above", "at
least", ...) and each comparison of that meter with that value (a number, or the same
tolerance) cut the range somewhere: "below 20" and ``< 20`` / ``>= 20`` between 19 and 20,
"at or below 20" and ``<= 20`` / ``> 20`` between 20 and 21. A comparison and its negation
cut at the same place, so only the place is compared; a mismatch is a warning at the label.
The conditions read are the rules' own trees (``Runtime.conditions``) and the effects' ``if``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from game.content import effects as e
from game.engine import explain as x

if TYPE_CHECKING:
    from game.content.lint import Linter

CODE = "threshold-wording"
# the wording of a label, most specific first: (pattern, operator it means, shift of the cut)
WORDS: tuple[tuple[str, str, int], ...] = (
    (r"at or below|or below|at most|or less|or lower|or under", "at or below", 1),
    (r"at or above|or above|at least|or more|or higher|or over", "at or above", 0),
    (r"below|under|less than|lower than|beneath", "below", 0),
    (r"above|over|more than|higher than|beyond|exceeds?", "above", 1),
)
_REFERS = r"\s+(?:this|that|it|the threshold|-?\d+)\b"
CUT_OF = {"<": 0, ">=": 0, "<=": 1, ">": 1}  # where ``qty op k`` cuts the range: before k, or after it
_MIRROR = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}
SAY = {(True, 0): "below", (True, 1): "at or below", (False, 0): "at or above", (False, 1): "above"}


def wording(label: str) -> tuple[str, int] | None:
    """The comparison a label's words state about its value, and where that cuts (0: just
    below the value, 1: just above it); None when the label names no side."""
    text = label.lower()
    found = []
    for pattern, words, shift in WORDS:
        m = re.search(rf"\b(?:{pattern}){_REFERS}", text)
        if m:
            found.append((m.start(), -len(m.group(0)), words, shift))
    if not found:
        return None
    _, _, words, shift = min(found)
    return words, shift


def compares(tree: x.Cond) -> Iterator[x.Compare]:
    """Every comparison in a condition tree (a negated one cuts where the plain one does)."""
    if isinstance(tree, x.Compare):
        yield tree
    elif isinstance(tree, x.All | x.Any_):
        for part in tree.parts:
            yield from compares(part)
    elif isinstance(tree, x.Not):
        yield from compares(tree.inner)


def tests_of(meter: str, value: int | str, tree: x.Cond) -> Iterator[str]:
    """The operator of each comparison of ``meter`` with ``value`` (a number or a tolerance's id),
    seen from the meter's side."""
    for cmp in compares(tree):
        for q, op, other in ((cmp.left, cmp.op, cmp.right), (cmp.right, _MIRROR[cmp.op], cmp.left)):
            if not isinstance(q, x.Qty) or q.id != meter or op not in CUT_OF:
                continue
            number = isinstance(other, x.Num) and not isinstance(value, str) and other.value == value
            if number or (isinstance(other, x.Tol) and other.id == value):
                yield op


def conditions(linter: Linter) -> Iterator[tuple[str, x.Cond]]:
    """Every condition the rules test: the explained trees, then each effect's ``if``."""
    from game.content.compile_explain import ExplainBuilder
    from game.content.lint import all_effects, effect_lists

    for key, tree in linter.rt.conditions.items():
        kind, _, name = key.partition(":")
        yield f"{'card' if kind == 'event' else kind} '{name}'", tree
    builder = ExplainBuilder(linter.pack, linter.rt.qindex, linter.rt.tolerance_ids)
    for items, where in effect_lists(linter.pack, linter):
        for effect, _ in all_effects(items, where):
            if isinstance(effect, e.IfEffect):
                yield f"an effect's if '{effect.if_}'", builder.cond(effect.if_)


def check_threshold_wording(linter: Linter) -> None:
    """Warn where a meter threshold's label puts its value on the other side from the conditions."""
    trees = list(conditions(linter))
    for meter in linter.pack.meters:
        for i, threshold in enumerate(meter.thresholds):
            said = wording(threshold.label)
            if said is None:
                continue
            words, shift = said
            for what, tree in trees:
                wrong = [op for op in tests_of(meter.id, threshold.value, tree) if CUT_OF[op] != shift]
                if wrong:
                    _warn(linter, meter, i, threshold, words, what, wrong[0])
                    break


def _warn(linter: Linter, meter: Any, i: int, threshold: Any, words: str, what: str, op: str) -> None:
    w = linter.where("meters", meter.id)
    place = w / "thresholds" / i / "label" if w is not None else None
    better = SAY[("below" in words, CUT_OF[op])]
    linter.at(place, "warning", CODE,
              f"the threshold {threshold.value} of '{meter.id}' is labelled '{words}', but {what} tests "
              f"'{meter.id} {op} {threshold.value}', which puts {threshold.value} itself on the other side",
              f"word the label '{better[:1].upper()}{better[1:]} this ...', or make the condition agree")
