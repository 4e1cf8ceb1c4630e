"""The simulator's bots on a flat campaign: the same decisions, from the same dice, as ``game.sim``.

Each flat bot takes its tables (choice rankings, favoured picks, policy plans)
from the reference bot of the same id, and decides on the flat state with the
same generator draws in the same order. The planner has no flat port: it
searches with the reference engine.
"""

from __future__ import annotations

from typing import Any

from game.fast.flat import Campaign, FlatPack

Moves = list[tuple[int, int]]


class FlatBot:
    """A bot's decisions on a flat campaign: a choice (global index) per card, and policy moves."""

    def __init__(self, fp: FlatPack, bot: Any, choice_base: list[int]) -> None:
        self.fp = fp
        self.base = choice_base  # per event, the global index of its first choice
        ranked = getattr(bot, "ranked", {})
        self.ranked: dict[int, tuple[int, ...]] = {
            fp.event_index[ev]: tuple(choice_base[fp.event_index[ev]] + c.index for c in chs)
            for ev, chs in ranked.items()}

    def plan(self, camp: Campaign) -> tuple[list[int], Moves]:
        """The turn's choices and moves (a bot that rolls dice takes ``Rng(seed, turn, "bot")``
        from ``camp.seeded``; one that never rolls does not derive it)."""
        raise NotImplementedError

    def _best_open(self, camp: Campaign, card: int) -> int:
        v, whens = camp.v, self.fp.choice_when
        for c in self.ranked[card]:
            w = whens[c]
            if w is None or w(v):
                return c
        raise ValueError(f"card {card} has no open choice")  # as the reference bot, which fails here too

    def steer(self, camp: Campaign, targets: list[int | None]) -> Moves:
        """``bots.steer`` on the flat state."""
        fp, v = self.fp, camp.v
        p0 = fp.p0
        moves = []
        for i, target in enumerate(targets):
            if target is None:
                continue
            level = v[p0 + i]
            if target != level:
                most = fp.max_step[i] or 99
                step = max(-most, min(most, target - level))
                if fp.allowed(v, i, level + step):
                    moves.append((i, level + step))
        return moves


class FlatRandom(FlatBot):
    """``bots.RandomBot``."""

    def plan(self, camp: Campaign) -> tuple[list[int], Moves]:
        rng = camp.seeded.rng(camp.v[0], "bot")
        picks = []
        for card in camp.cards:
            options = camp.open_choices(card)
            picks.append(options[rng.below(len(options))])
        fp, v = self.fp, camp.v
        moves = []
        for i, levels in enumerate(fp.levels):
            level = v[fp.p0 + i]
            if rng.below(4) == 0:
                step = level + (1 if rng.below(2) else -1)
                if 0 <= step < len(levels) and fp.allowed(v, i, step):
                    moves.append((i, step))
        return picks, moves


class FlatLine(FlatBot):
    """``bots.LineBot``: ranked choices with noise, and the line's policy plan."""

    def __init__(self, fp: FlatPack, bot: Any, choice_base: list[int]) -> None:
        super().__init__(fp, bot, choice_base)
        self.noise = bot.noise
        self.bot = bot
        self.targets: dict[tuple[int, int], list[int | None]] = {}

    def plan(self, camp: Campaign) -> tuple[list[int], Moves]:
        picks = []
        rng = camp.seeded.rng(camp.v[0], "bot") if self.noise else None
        for card in camp.cards:
            if rng is not None and rng.random() < self.noise:
                options = camp.open_choices(card)
                picks.append(options[rng.below(len(options))])
            else:
                picks.append(self._best_open(camp, card))
        return picks, self.steer(camp, self._target(camp))

    def _target(self, camp: Campaign) -> list[int | None]:
        turn = camp.v[0]
        targets = self.targets.get((camp.length, turn))
        if targets is None:
            targets = []
            for steps in self.bot._steps(camp.length):
                goal = None
                for from_turn, level in steps:
                    if turn >= from_turn:
                        goal = level
                targets.append(goal)
            self.targets[(camp.length, turn)] = targets
        return targets


class FlatFollower(FlatBot):
    """``followers.Follower``: a fixed pick per card where open, else the best-ranked open choice."""

    def __init__(self, fp: FlatPack, bot: Any, choice_base: list[int]) -> None:
        super().__init__(fp, bot, choice_base)
        self.targets = list(bot.targets)
        self.picks: dict[int, int] = {}
        names = fp.names["choices"]
        for ev, choice in bot.picks.items():
            e = fp.event_index[ev]
            if choice in names[e]:
                self.picks[e] = choice_base[e] + names[e].index(choice)

    def plan(self, camp: Campaign) -> tuple[list[int], Moves]:
        v, whens = camp.v, self.fp.choice_when
        picks = []
        for card in camp.cards:
            wanted = self.picks.get(card)
            if wanted is not None and ((w := whens[wanted]) is None or w(v)):
                picks.append(wanted)
            else:
                picks.append(self._best_open(camp, card))
        return picks, self.steer(camp, self.targets)


def flat_bot(fp: FlatPack, bot: Any) -> FlatBot | None:
    """The flat port of a reference bot, or None (the planner) when there is none."""
    from game.sim.bots import LineBot, RandomBot
    from game.sim.followers import Follower

    base = list(fp.choices_first)
    if isinstance(bot, RandomBot):
        return FlatRandom(fp, bot, base)
    if isinstance(bot, LineBot):
        return FlatLine(fp, bot, base)
    if isinstance(bot, Follower):
        return FlatFollower(fp, bot, base)
    return None
