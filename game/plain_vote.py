"""The line mode for a class vote on a projector: the facilitator types the class's tally per card."""

from __future__ import annotations

from typing import Any

from game.plain import Plain
from game.vote import VoteError, split, winners


class VotePlain(Plain):
    """Plain mode where each card is answered by the class's tally, not by one choice."""

    def ask_choice(self, card: Any) -> str:
        open_ = self.s.available(card.id)
        labels = ", ".join(f"{i}" for i in range(1, len(card.choices) + 1))
        while True:
            line = self.read(f"Votes for choices {labels} (e.g. '12 7 0'), or a command > ")
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
                self.say(f"  {exc}.")
                continue
            pick = best[0] if len(best) == 1 else self.break_tie(best)
            self.record(counts)
            choice = card.choices[pick]
            self.para(f"The class voted: {split(counts, [c.label for c in card.choices])}.", "  ")
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
        """Keep this card's tally for the month (the save holds every tally)."""
        turn = self.s.state.turn
        done = self.s.votes.get(turn, ())
        if len(done) >= len(self.s.state.cards):
            done = ()
        self.s.votes[turn] = (*done, tuple(counts))


def _numbers(line: str) -> list[int] | None:
    """The counts in a line like '12 7 0' or '12,7,0' (None when it is not a tally)."""
    parts = line.replace(",", " ").split()
    if not parts or not all(p.isdigit() and len(p) <= 6 for p in parts):
        return None
    return [int(p) for p in parts]
