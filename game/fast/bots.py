"""The simulator's bots on a flat campaign: the same decisions, from the same dice, as ``game.sim``.

Each flat bot takes its tables (choice rankings, favoured picks, policy plans)
from the reference bot of the same id, and decides on the flat state with the
same generator draws in the same order. The planner has no flat port: it
searches with the reference engine.
"""

from __future__ import annotations

from typing import Any

from game.engine.rng import LCG_ADD, LCG_MASK, LCG_MUL, suffix
from game.fast.flat import Campaign, FlatPack

Moves = list[tuple[int, int]]


_FROM_BYTES = int.from_bytes
_UNIT = 1.0 / (1 << 53)  # Rng.random: the 53 high bits of the state as a float in [0, 1)
Goals = tuple[tuple[int, int, int], ...]  # per policy with a target: (policy, target level, largest step)


def dice(camp: Campaign) -> int:
    """The state of the turn's ``Rng(seed, turn, "bot")``, stepped inline by the bots below
    (``Rng.below`` and ``Rng.random``'s arithmetic)."""
    keys, turn = camp.fp.bot_keys, camp.v[0]
    h = camp.seeded.prefix.copy()
    h.update(keys[turn] if turn < len(keys) else suffix(turn, "bot"))
    return _FROM_BYTES(h.digest(), "little")


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

    def _best_open(self, v: list[int], card: int) -> int | None:
        whens = self.fp.choice_when
        for c in self.ranked[card]:
            w = whens[c]
            if w is None or w(v):
                return c
        return None  # no choice open: the card passes (game.engine.passing)

    def goals(self, targets: list[int | None]) -> Goals:
        """The policies with a target level, as ``steer`` reads them."""
        return tuple((i, target, self.fp.max_step[i] or 99) for i, target in enumerate(targets)
                     if target is not None)

    def steer(self, v: list[int], goals: Goals) -> Moves:
        """``bots.steer`` on the flat state."""
        fp = self.fp
        p0 = fp.p0
        moves = []
        for i, target, most in goals:
            level = v[p0 + i]
            if target != level:
                step = level + max(-most, min(most, target - level))
                if fp.allowed(v, i, step):
                    moves.append((i, step))
        return moves


class FlatRandom(FlatBot):
    """``bots.RandomBot``."""

    def plan(self, camp: Campaign) -> tuple[list[int], Moves]:
        state = dice(camp)
        fp, v = self.fp, camp.v
        picks = []
        for card in camp.cards:
            options = camp.open_choices(card)
            if not options:  # the card passes (game.engine.passing): no pick, no die
                continue
            state = (state * LCG_MUL + LCG_ADD) & LCG_MASK
            picks.append(options[((state >> 32) * len(options)) >> 32])
        moves = []
        p0 = fp.p0
        for i, levels in enumerate(fp.levels):
            state = (state * LCG_MUL + LCG_ADD) & LCG_MASK
            if (state >> 32) < 1 << 30:  # below(4) == 0
                level = v[p0 + i]
                state = (state * LCG_MUL + LCG_ADD) & LCG_MASK
                step = level + (1 if state >> 63 else -1)  # below(2)
                if 0 <= step < len(levels) and fp.allowed(v, i, step):
                    moves.append((i, step))
        return picks, moves


class FlatLine(FlatBot):
    """``bots.LineBot``: ranked choices with noise, and the line's policy plan."""

    def __init__(self, fp: FlatPack, bot: Any, choice_base: list[int]) -> None:
        super().__init__(fp, bot, choice_base)
        self.noise = bot.noise
        self.bot = bot
        self.targets: dict[tuple[int, int], Goals] = {}

    def plan(self, camp: Campaign) -> tuple[list[int], Moves]:
        v, whens, ranked = camp.v, self.fp.choice_when, self.ranked
        picks = []
        noise = self.noise
        state = dice(camp) if noise else 0
        for card in camp.cards:
            if noise:
                state = (state * LCG_MUL + LCG_ADD) & LCG_MASK
                if (state >> 11) * _UNIT < noise:
                    options = camp.open_choices(card)
                    if options:  # else the card passes: no pick
                        state = (state * LCG_MUL + LCG_ADD) & LCG_MASK
                        picks.append(options[((state >> 32) * len(options)) >> 32])
                    continue
            for c in ranked[card]:
                w = whens[c]
                if w is None or w(v):
                    picks.append(c)
                    break
            # no choice open (the loop ran out): the card passes, no pick (game.engine.passing)
        goals = self.targets.get((camp.length, v[0]))
        if goals is None:
            goals = self.targets[(camp.length, v[0])] = self.goals(self._target(camp.length, v[0]))
        return picks, self.steer(v, goals)

    def _target(self, length: int, turn: int) -> list[int | None]:
        targets = []
        for steps in self.bot._steps(length):
            goal = None
            for from_turn, level in steps:
                if turn >= from_turn:
                    goal = level
            targets.append(goal)
        return targets


class FlatFollower(FlatBot):
    """``followers.Follower``: a fixed pick per card where open, else the best-ranked open choice."""

    def __init__(self, fp: FlatPack, bot: Any, choice_base: list[int]) -> None:
        super().__init__(fp, bot, choice_base)
        self.targets = list(bot.targets)
        self.fixed = self.goals(self.targets)
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
            elif (best := self._best_open(v, card)) is not None:  # None: the card passes
                picks.append(best)
        return picks, self.steer(v, self.fixed)


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
