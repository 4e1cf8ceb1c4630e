"""The line mode for a class vote on a projector: the facilitator types the class's tally per card."""

from __future__ import annotations

from typing import Any

from game.describe import and_list
from game.engine.passing import PASSED, PASSED_SAY
from game.plain import Plain
from game.vote import PASSED_TALLY, PASSED_VOTE, VoteError, voted, winners


class VotePlain(Plain):
    """Plain mode where each card is answered by the class's tally, not by one choice."""

    def answer_cards(self) -> list[str]:
        self.s.votes.pop(self.s.state.turn, None)  # a redrawn month is voted again from the start
        return super().answer_cards()

    def answer_help(self) -> str:
        """The help's first line in a class vote: a tally, one count per choice of this card."""
        n = len(self.current.choices) if self.current is not None else 0
        each = f"for choices 1-{n}" if n else "per choice"
        return f"{'12 7 3':20}the class's votes, one count {each} in order (0 for a closed choice)"

    def ask_choice(self, card: Any) -> str:
        open_ = self.s.available(card.id)
        if not any(open_):  # the card passes (game.engine.passing): no vote, the empty tally
            self.para(f"{PASSED_SAY} {PASSED_VOTE}", "  ")
            self.record(list(PASSED_TALLY))
            return PASSED
        while True:
            line = self.read(vote_prompt(open_))
            counts = _numbers(line)
            if counts is None:
                self.command(line)
                continue
            if len(counts) != len(card.choices):
                self.say(f"  Give {len(card.choices)} counts, one per choice, in order (0 for none).")
                continue
            try:
                best = winners(counts, open_)
            except VoteError as exc:
                fixed = " ".join(str(n if ok else 0) for n, ok in zip(counts, open_, strict=True))
                self.say(f"  {exc}" + (f"; type 0 in its place: '{fixed}'." if "closed" in str(exc) else "."))
                continue
            pick = best[0] if len(best) == 1 else self.break_tie(best)
            self.record(counts)
            choice = card.choices[pick]
            self.para(f"The class voted: {voted(counts, [c.label for c in card.choices])}.", "  ")
            self.para(f"-> {choice.outcome}", "  ")
            self.discuss(card)
            return str(choice.id)

    def break_tie(self, tied: list[int]) -> int:
        """Ask the facilitator to pick among the tied choices."""
        names = " and ".join(str(i + 1) for i in tied)
        while True:
            line = self.read(f"A tie between {names}: the facilitator picks > ")
            if line.isdigit() and int(line) - 1 in tied:
                return int(line) - 1
            self.say(f"  Type one of {names}.")

    def record(self, counts: list[int]) -> None:
        """Keep this card's tally for the month (the save holds every tally; a passed card's is empty)."""
        turn = self.s.state.turn
        self.s.votes[turn] = (*self.s.votes.get(turn, ()), tuple(counts))


EXAMPLE = (12, 7, 3, 5, 2, 1)


def closed_words(open_: list[bool]) -> str:
    """What to type for the closed choices ('choice 2 is closed: type 0 for it'), '' when all are open."""
    closed = [str(i + 1) for i, ok in enumerate(open_) if not ok]
    if not closed:
        return ""
    one = len(closed) == 1
    return f"choice{'' if one else 's'} {and_list(closed)} {'is' if one else 'are'} closed: type 0 for " \
        f"{'it' if one else 'them'}"


def vote_prompt(open_: list[bool]) -> str:
    """The tally prompt: every choice's number, which are closed and what to type for them, and an
    example with a 0 in each closed choice's place."""
    labels = ", ".join(str(i) for i in range(1, len(open_) + 1))
    counts = iter(EXAMPLE * len(open_))
    example = " ".join(str(next(counts)) if ok else "0" for ok in open_)
    closed = closed_words(open_)
    return f"Votes for choices {labels}{'; ' + closed if closed else ''} (e.g. '{example}'), or a command > "


def _numbers(line: str) -> list[int] | None:
    """The counts in a line like '12 7 0' or '12,7,0' (None when it is not a tally)."""
    parts = line.replace(",", " ").split()
    if not parts or not all(p.isdigit() and len(p) <= 6 for p in parts):
        return None
    return [int(p) for p in parts]
