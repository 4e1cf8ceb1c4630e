"""The simulator's bots on a flat campaign: the same decisions, from the same dice, as ``game.sim``.

Each flat bot takes its tables (choice rankings, favoured picks, policy plans)
from the reference bot of the same id, and decides on the flat state with the
same generator draws in the same order. The planner has no flat port: it
searches with the reference engine.
"""

from __future__ import annotations

import math
from bisect import bisect_right
from collections.abc import Callable
from operator import itemgetter
from typing import Any

from game.engine.rng import LCG_ADD, LCG_MASK, LCG_MUL, suffix
from game.fast.emit import CHOICE_BITS
from game.fast.flat import Campaign, Cond, FlatPack, below_steps

Moves = list[tuple[int, int]]


_FROM_BYTES = int.from_bytes
_MASK = (1 << CHOICE_BITS) - 1
Goals = tuple[tuple[int, int, int, int, tuple[Cond, ...]], ...]  # see FlatBot.goals
# the goals' policy levels read at once (None: no goal), what they read when every goal is met,
# and the goals (see FlatBot.steering)
Steering = tuple[Callable[[list[int]], Any] | None, Any, Goals]
_QUARTER = 1 << 62  # below(4) == 0: (state >> 32) < 1 << 30
_HALF = 1 << 63  # below(2) == 1: state >> 63
_STEPS = tuple(below_steps(n) for n in range(CHOICE_BITS + 1))  # by n: below(n) is a bisection
_BISECT = bisect_right


PASSES = -1  # a table's answer for a card with no open choice: it passes (game.engine.passing)

class Table(dict[int, Any]):
    """Values by a card's key (``FlatPack.key``), each made by ``make`` when first asked for."""

    def __init__(self, make: Callable[[int], Any]) -> None:
        super().__init__()
        self.make = make

    def __missing__(self, key: int) -> Any:
        value = self[key] = self.make(key)
        return value


class FlatBot:
    """A bot's decisions on a flat campaign: a choice (global index) per card, and policy moves.

    A card is seen by its key (``FlatPack.key``: the card and which of its choices are open),
    so what the bot picks without dice is a table by key, filled as keys turn up.
    """

    def __init__(self, fp: FlatPack, bot: Any, choice_base: list[int]) -> None:
        self.fp = fp
        self.bot_keys = fp.bot_keys
        self.base = choice_base  # per event, the global index of its first choice
        ranked = getattr(bot, "ranked", {})
        self.ranked: dict[int, tuple[int, ...]] = {
            fp.event_index[ev]: tuple(choice_base[fp.event_index[ev]] + c.index for c in chs)
            for ev, chs in ranked.items()}
        self.best = Table(self._best_open)  # per key, the best-ranked open choice (PASSES: none)
        self.options = Table(self._open)  # per key, the open choices (global indices, in order)

    def plan(self, camp: Campaign) -> tuple[list[int], Moves]:
        """The turn's choices and moves (a bot that rolls dice takes ``Rng(seed, turn, "bot")``
        from ``camp.seeded``; one that never rolls does not derive it)."""
        v, fp = camp.v, self.fp
        return self.decide(v, [fp.key(v, card) for card in camp.cards], camp.seeded.prefix, camp.length)

    def decide(self, v: list[int], keys: list[int], prefix: Any, length: int) -> tuple[list[int], Moves]:
        """The turn's choices and moves from the desk's keys (``prefix``: the campaign's
        ``Seeded.prefix``, for the bot's dice; ``length``: the scenario's turns)."""
        raise NotImplementedError

    def _best_open(self, key: int) -> int:
        card, mask = key >> CHOICE_BITS, key & _MASK
        first = self.fp.choices_first[card]
        for c in self.ranked[card]:
            if mask >> (c - first) & 1:
                return c
        return PASSES  # no choice open: the card passes, no pick (game.engine.passing)

    def _open(self, key: int) -> tuple[int, ...]:
        card, mask = key >> CHOICE_BITS, key & _MASK
        first = self.fp.choices_first[card]
        return tuple(c for c in self.fp.choices[card] if mask >> (c - first) & 1)

    def goals(self, targets: list[int | None]) -> Goals:
        """The policies with a target level, as ``steer`` reads them: (policy, its slot, target,
        largest move, its levels' conditions). A policy whose largest step is 0 never moves: left out."""
        fp = self.fp
        return tuple((i, fp.p0 + i, target, fp.max_step[i] or 99, tuple(when for when, _ in fp.levels[i]))
                     for i, target in enumerate(targets) if target is not None and fp.max_step[i] != 0)

    def steering(self, targets: list[int | None]) -> Steering:
        """The goals (``goals``), with their policies' levels read by one ``itemgetter`` and the
        value it gives when every goal is met (then ``steer`` moves nothing)."""
        goals = self.goals(targets)
        if not goals:
            return None, None, goals
        want = tuple(target for _, _, target, _, _ in goals)
        return itemgetter(*(slot for _, slot, _, _, _ in goals)), want if len(want) > 1 else want[0], goals

    @staticmethod
    def steer(v: list[int], goals: Goals) -> Moves:
        """``bots.steer`` on the flat state (``FlatPack.allowed`` written in: a move of at most the
        largest move is within the policy's largest step)."""
        moves = []
        for i, slot, target, most, whens in goals:
            level = v[slot]
            if target != level:
                step = level + most if target > level + most else \
                    level - most if target < level - most else target
                w = whens[step]
                if w is None or w(v):
                    moves.append((i, step))
        return moves


class FlatRandom(FlatBot):
    """``bots.RandomBot``."""

    def __init__(self, fp: FlatPack, bot: Any, choice_base: list[int]) -> None:
        super().__init__(fp, bot, choice_base)
        # per policy: its index, slot, levels' conditions, whether it may never move (largest step 0)
        self.moving = tuple((i, fp.p0 + i, tuple(when for when, _ in levels), fp.max_step[i] == 0)
                            for i, levels in enumerate(fp.levels))

    def decide(self, v: list[int], keys: list[int], prefix: Any, length: int) -> tuple[list[int], Moves]:
        h = prefix.copy()  # the state of the turn's Rng(seed, turn, "bot"), stepped inline below
        turn, bot_keys = v[0], self.bot_keys
        h.update(bot_keys[turn] if turn < len(bot_keys) else suffix(turn, "bot"))
        state = _FROM_BYTES(h.digest(), "little")
        picks = []
        options = self.options
        for key in keys:
            opts = options[key]
            if not opts:  # the card passes (game.engine.passing): no pick, no die
                continue
            state = (state * LCG_MUL + LCG_ADD) & LCG_MASK
            picks.append(opts[_BISECT(_STEPS[len(opts)], state)])  # below(len(opts))
        moves = []
        for i, slot, whens, still in self.moving:
            state = (state * LCG_MUL + LCG_ADD) & LCG_MASK
            if state < _QUARTER:  # below(4) == 0
                level = v[slot]
                state = (state * LCG_MUL + LCG_ADD) & LCG_MASK
                step = level + (1 if state >= _HALF else -1)  # below(2)
                if 0 <= step < len(whens) and not still and ((w := whens[step]) is None or w(v)):
                    moves.append((i, step))
        return picks, moves


class FlatLine(FlatBot):
    """``bots.LineBot``: ranked choices with noise, and the line's policy plan."""

    def __init__(self, fp: FlatPack, bot: Any, choice_base: list[int]) -> None:
        super().__init__(fp, bot, choice_base)
        self.noise = bot.noise
        # Rng.random() < noise, as an integer test on the state's 53 high bits (x * 2**-53 < noise
        # holds exactly when x < noise * 2**53, both sides exact: so when x < its ceiling)
        self.below_noise = math.ceil(bot.noise * (1 << 53))
        self.under_noise = self.below_noise << 11  # state >> 11 < below_noise: state < under_noise
        self.bot = bot
        self.targets: dict[int, list[Steering]] = {}  # per scenario length, per turn

    def decide(self, v: list[int], keys: list[int], prefix: Any, length: int) -> tuple[list[int], Moves]:
        noise = self.noise
        if noise:
            picks = []
            h = prefix.copy()  # the state of the turn's Rng(seed, turn, "bot"), stepped inline below
            turn, bot_keys = v[0], self.bot_keys
            h.update(bot_keys[turn] if turn < len(bot_keys) else suffix(turn, "bot"))
            state = _FROM_BYTES(h.digest(), "little")
            best, options, under_noise = self.best, self.options, self.under_noise
            for key in keys:
                state = (state * LCG_MUL + LCG_ADD) & LCG_MASK
                if state < under_noise:
                    opts = options[key]
                    if opts:  # else the card passes: no pick
                        state = (state * LCG_MUL + LCG_ADD) & LCG_MASK
                        picks.append(opts[_BISECT(_STEPS[len(opts)], state)])  # below(len(opts))
                else:
                    picks.append(best[key])
        else:
            picks = list(map(self.best.__getitem__, keys))
        if PASSES in picks:
            picks = [c for c in picks if c != PASSES]
        by_turn = self.targets.get(length)
        if by_turn is None:
            by_turn = self.targets[length] = [self.steering(self._target(length, t))
                                              for t in range(length + 1)]
        turn = v[0]
        read, met, goals = by_turn[turn] if turn <= length else self.steering(self._target(length, turn))
        return picks, [] if read is None or read(v) == met else self.steer(v, goals)

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
        self.read, self.met, self.fixed = self.steering(self.targets)
        self.picks: dict[int, int] = {}
        names = fp.names["choices"]
        for ev, choice in bot.picks.items():
            e = fp.event_index[ev]
            if choice in names[e]:
                self.picks[e] = choice_base[e] + names[e].index(choice)
        self.pick = Table(self._pick)  # per key, the card's fixed pick if open, else the best open

    def _pick(self, key: int) -> int:
        card = key >> CHOICE_BITS
        wanted = self.picks.get(card)
        if wanted is not None and key >> (wanted - self.fp.choices_first[card]) & 1:
            return wanted
        best: int = self.best[key]
        return best

    def decide(self, v: list[int], keys: list[int], prefix: Any, length: int) -> tuple[list[int], Moves]:
        picks = list(map(self.pick.__getitem__, keys))
        if PASSES in picks:
            picks = [c for c in picks if c != PASSES]
        read = self.read
        return picks, [] if read is None or read(v) == self.met else self.steer(v, self.fixed)


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
