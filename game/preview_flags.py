"""A preview's words for a flag set or cleared: the fact in the pack's words, and what reads it.

"becomes true: Turkey's operation ... is under way or done (needed for 2 later
cards)". The fact is the flag's description; what it bears on is read off the
pack's own conditions (``game.flag_uses``): the endings and policy levels by
name, as the Goals screen and the orders already show them, the cards and
choices by number, since a card is a surprise until it comes. With a campaign,
only the cards that may still come count, and a change that would not change
the flag (setting one already set) is not shown; with none (the help screen)
the words say "if it was not".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from game.describe import name_of
from game.flag_uses import Reader, bearing, flag_index, still_ahead
from game.preview_words import Lens

VERBS = {"enough": "enough for", "needed": "needed for", "toward": "counts toward", "bars": "bars",
         "against": "counts against", "reads": "read by"}


@dataclass
class Facts:
    """What a preview knows of the flags when the effects it reads apply, and what it has told."""

    known: dict[str, bool | None] = field(default_factory=dict)
    default: bool | None = None  # a flag not in ``known``: False with a campaign, None (unknown) without
    told: set[str] = field(default_factory=set)  # flags whose readers the preview has named

    def truth(self, flag: str) -> bool | None:
        return self.known.get(flag, self.default)

    def branch(self) -> Facts:
        """The facts inside a branch (an ``if``, a random outcome): the same, told shared."""
        return Facts(dict(self.known), self.default, self.told)

    def later(self) -> Facts:
        """The facts months ahead: nothing known."""
        return Facts({}, None, self.told)

    def after_branch(self, inner: Facts) -> None:
        """After a branch that may or may not run: a flag it may have changed is no longer known."""
        for flag, value in inner.known.items():
            if self.truth(flag) != value:
                self.known[flag] = None


def facts_now(lens: Lens) -> Facts:
    """The flags as the campaign stands (all unknown without one)."""
    if lens.state is None:
        return Facts()
    return Facts({flag: True for flag in lens.state.flags}, False)


def flag_change(lens: Lens, flag: str, value: bool, facts: Facts, after: int) -> str | None:
    """A flag set (``value`` True) or cleared: the fact and what it bears on; None when the
    facts say the flag already has that value."""
    now = facts.truth(flag)
    facts.known[flag] = value
    if now is value:
        return None
    head = "becomes true" if value else "no longer true"
    if now is None:
        head += " (if it was not)" if value else " (if it was)"
    fact = name_of(lens.rt, f"flag:{flag}").strip().rstrip(".")
    late = lens.state is not None and lens.state.turn + after > lens.last_turn
    if flag in facts.told or late:  # its readers named once; a change that will not come bears on nothing
        return f"{head}: {fact}"
    facts.told.add(flag)
    return f"{head}: {fact} ({bears_on(lens, flag, value, after)})"


def bears_on(lens: Lens, flag: str, value: bool, after: int = 0) -> str:
    """What the flag's taking a value bears on: 'enough for the ending ...; bars 3 later cards'."""
    groups: dict[str, list[Reader]] = {verb: [] for verb in VERBS}
    for reader in flag_index(lens.rt).readers.get(flag, ()):
        if _ahead(lens, reader, after):
            groups[bearing(reader, value)].append(reader)
    found = [(b, group) for b, group in groups.items() if group]
    found.sort(key=lambda pair: not any(r.kind == "ending" for r in pair[1]))  # the endings first
    parts = [f"{VERBS[b]} {_subjects(lens, group)}" for b, group in found]
    later = "" if lens.state is None else " later"
    return "; ".join(parts) or f"no{later} card or ending reads it"


def _ahead(lens: Lens, reader: Reader, after: int) -> bool:
    """Whether a reader may still matter: a card's or a choice's card may still come."""
    if reader.card is None or lens.state is None:
        return True
    return still_ahead(lens.rt, lens.state, lens.last_turn, reader.card, after)


def _subjects(lens: Lens, found: list[Reader]) -> str:
    """'the ending 'Plan B', 3 later cards and a choice'."""
    later = "" if lens.state is None else "later "
    out = []
    for kind in ("ending", "level"):
        labels = list(dict.fromkeys(r.label for r in found if r.kind == kind))
        out += [_named(kind, labels)] if labels else []
    cards = len({r.label for r in found if r.kind == "card"})
    choices = len({r.label for r in found if r.kind == "choice"})
    if cards:
        out.append(f"a {later}card" if cards == 1 else f"{cards} {later}cards")
    if choices:
        out.append("a choice" if choices == 1 else f"{choices} choices")
    return _listed(out)


def _listed(parts: list[str]) -> str:
    """'a', 'a and b', 'a, b and c' (', and c' when a part has an 'and' of its own)."""
    if len(parts) == 1:
        return parts[0]
    last = ", and " if any(" and " in p for p in parts) else " and "
    return ", ".join(parts[:-1]) + last + parts[-1]


def _named(kind: str, labels: list[str]) -> str:
    """'the ending 'Plan B'', 'the endings 'A' and 'B'', 'the level Withdrawal of Military posture'."""
    quoted = [f"'{label}'" if kind == "ending" else label for label in labels]
    return f"the {kind}{'' if len(labels) == 1 else 's'} {_listed(quoted)}"
