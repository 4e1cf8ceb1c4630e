"""The flat-state rules: a campaign on one list of ints, by the compiled pack, causal log off.

A port of ``game.engine.turn`` (rules 3) to the integer form: the same draws,
the same dice, the same order of effects, so a campaign played here is the
campaign the reference engine plays for the same seed and decisions. The
reference engine stays for play, saves, replays and explanations;
``to_state`` maps a flat campaign back to names.
"""

from __future__ import annotations

from bisect import bisect_right, insort
from collections.abc import Callable
from itertools import accumulate
from typing import Any

from game.engine.rng import LCG_ADD, LCG_MASK, LCG_MUL, Seeded, suffix, suffix_table
from game.engine.runtime import Runtime
from game.engine.state import RULES, State
from game.fast.compiled import Compiled
from game.fast.emit import CHOICE_BITS, month_decks

Cond = Callable[[list[int]], bool] | None
Block = Callable[[list[int], list[Any]], None]
_FROM_BYTES = int.from_bytes
KeyFn = Callable[[list[int]], int]  # a card's key on a state (see FlatPack.key_fn)
MonthTest = Callable[[list[int]], tuple[int, ...]]  # the cumulative weights of the cards that may be drawn


def below_steps(n: int) -> tuple[int, ...]:
    """The states at which ``Rng.below(n)`` (``((state >> 32) * n) >> 32``) steps up, ascending:
    ``below(n)`` is the number of them at or under the state, ``bisect_right(steps, state)``.

    ``((state >> 32) * n) >> 32 >= j`` holds exactly when ``state >> 32`` is at least
    ``ceil(j << 32 / n)``, so when ``state`` is at least that shifted left by 32 bits. One
    bisection replaces three operations on 64-bit integers.
    """
    return tuple(-(-(j << 32) // n) << 32 for j in range(1, n))


def roll_cards(state: int, candidates: tuple[int, ...], cum: tuple[int, ...], total: int, gone: list[int],
               cards: list[int], target: int) -> None:
    """The draw's rolls (``turn._draw``): one weighted roll per card until ``cards`` holds ``target``.

    ``state`` is the draw generator's state, ``cum`` the cumulative weights of the deck's
    ``candidates`` (0 added for a card that may not be drawn), ``total`` the weight still in
    the draw and ``gone`` the deck positions already out of it, ascending. A roll among the
    cards left is mapped past the weight of each card gone before it, then found by
    bisection, which is the reference's bisection over the cumulative weights of the cards left.
    """
    while total > 0:
        state = (state * LCG_MUL + LCG_ADD) & LCG_MASK
        roll = ((state >> 32) * total) >> 32
        for p in gone:
            below = cum[p - 1] if p else 0
            if roll < below:
                break
            roll += cum[p] - below
        j = bisect_right(cum, roll)
        cards.append(candidates[j])
        if len(cards) >= target:
            return
        insort(gone, j)
        total -= cum[j] - (cum[j - 1] if j else 0)


class FlatPack:
    """The compiled pack's tables as Python tuples, ready for the turn loop."""

    def __init__(self, compiled: Compiled) -> None:
        ir = compiled.ir
        h, t = ir.header, ir.tables
        self.names = ir.names
        self.e0, self.p0, self.size = h["e0"], h["p0"], h["size"]
        self.cards_min, self.cards_max = h["cards_min"], h["cards_max"]
        self.cards_span = self.cards_max - self.cards_min + 1  # the draw's number of cards: min + below(span)
        self.span_steps = below_steps(self.cards_span)
        self.choice_when: tuple[Cond, ...] = tuple(compiled.cond(row[1]) for row in t["choices"])
        self.choice_fx: tuple[Block, ...] = tuple(compiled.block(row[2]) for row in t["choices"])
        self.choices_first = tuple(row[10] for row in t["events"])
        self.choices = tuple(tuple(range(row[10], row[10] + row[11])) for row in t["events"])
        self.when: tuple[Cond, ...] = tuple(compiled.cond(row[2]) for row in t["events"])
        self.once = tuple(bool(row[4]) for row in t["events"])
        self.cooldown = tuple(row[5] for row in t["events"])
        self.weight = tuple(row[3] for row in t["events"])
        self.windows = tuple(tuple(row[6:10]) for row in t["events"])
        self.conditional = tuple(i for i, row in enumerate(t["events"]) if row[1])
        self.historical: dict[int, tuple[int, ...]] = {}
        for i, row in enumerate(t["events"]):
            if row[0] >= 0:
                self.historical[row[0]] = (*self.historical.get(row[0], ()), i)
        self.levels: list[tuple[tuple[Cond, Block], ...]] = []  # per policy, per level: (when, monthly)
        self.max_step: list[int | None] = []
        for first, count, step in t["policies"]:
            self.levels.append(tuple((compiled.cond(t["levels"][j][1]), compiled.block(t["levels"][j][2]))
                                     for j in range(first, first + count)))
            self.max_step.append(None if step < 0 else step)
        self.watch = tuple((e, compiled.cond(w)) for e, w in t["watch"])
        self.endings = tuple((e, compiled.cond(w), bool(fb)) for e, w, _, fb, _ in t["endings"])
        self.blocks: tuple[Block, ...] = tuple(compiled.block(row[0]) for row in t["blocks"])
        self.lengths = {sc: row[0] for sc, row in zip(ir.names["scenarios"], t["scenarios"], strict=True)}
        self.initial = dict(zip(ir.names["scenarios"], t["initial"], strict=True))
        self.tolerances = dict(zip(ir.names["difficulties"], t["difficulties"], strict=True))
        self.t0 = h["t0"]
        turns = max(self.lengths.values(), default=0) + 2
        self.draw_keys, self.bot_keys = suffix_table("draw", turns), suffix_table("bot", turns)
        self.decks: dict[tuple[int, int], tuple[tuple[int, ...], tuple[int, ...], int]] = {}
        self.event_index = {ev: i for i, ev in enumerate(ir.names["events"])}
        fns = compiled.functions
        # per event, a slot that is >= 0 once it can never be drawn again: its last-played
        # turn if it is played once, else slot 2, the ending (-1 while the campaign runs)
        self.used = tuple(h["e0"] + i if row[4] else 2 for i, row in enumerate(t["events"]))
        self.ready: tuple[Cond, ...] = tuple(fns.get(f"a{i}") for i in range(len(t["events"])))
        # the month's end: each policy's monthly effects, then the first watched ending that holds, else -1
        self.month_end: Callable[[list[int], list[Any]], int] = fns["m0"]
        # (month - turn, length) -> per turn, the month's historical cards and deck (game.fast.loop)
        self.turn_plans: dict[tuple[int, int], list[tuple[Any, Any]]] = {}
        # per card, its key (index << CHOICE_BITS, plus the mask of its open choices): a constant
        # when none of its choices has a condition (key_fn None), else key_fn's value
        self.key_fn: tuple[KeyFn | None, ...] = tuple(fns.get(f"o{e}") for e in range(len(t["events"])))
        self.key_const = tuple((e << CHOICE_BITS) + (1 << row[11]) - 1 if fn is None else -1
                               for e, (row, fn) in enumerate(zip(t["events"], self.key_fn, strict=True)))
        # (month, turn) -> the month's deck and its test
        self.month_tests: dict[tuple[int, int], tuple[tuple[int, ...], MonthTest]] = {
            (month, turn): (cards, fns[f"d{n}"]) for n, (month, turn, cards) in enumerate(month_decks(ir))}

    def deck(self, month: int, turn: int) -> tuple[tuple[int, ...], tuple[int, ...], int]:
        """The month's conditional cards (as ``Runtime.deck``): indices, cumulative weights, total."""
        deck = self.decks.get((month, turn))
        if deck is None:
            cards = tuple(i for i in self.conditional if self.windows[i][0] <= month <= self.windows[i][1]
                          and self.windows[i][2] <= turn <= self.windows[i][3])
            cumulative = tuple(accumulate(self.weight[i] for i in cards))
            deck = self.decks[(month, turn)] = (cards, cumulative, cumulative[-1] if cumulative else 0)
        return deck

    def key(self, v: list[int], card: int) -> int:
        """The card's key on this state: its index and the mask of its open choices."""
        fn = self.key_fn[card]
        return self.key_const[card] if fn is None else fn(v)

    def allowed(self, v: list[int], policy: int, level: int) -> bool:
        """Whether a policy may move to a level now (``turn.level_allowed`` is None)."""
        current = v[self.p0 + policy]
        if level == current:
            return True
        step = self.max_step[policy]
        if step is not None and abs(level - current) > step:
            return False
        when = self.levels[policy][level][0]
        return when is None or when(v)


class Campaign:
    """One campaign on a flat state: the ints, the desk and the scheduled list."""

    __slots__ = ("fp", "seed", "seeded", "scenario", "difficulty", "v", "cards", "sched", "ending", "length")

    def __init__(self, fp: FlatPack, scenario: str, difficulty: str, seed: str) -> None:
        if RULES != 3:  # the port follows rules 3: a new version of the rules needs its own port
            raise RuntimeError(f"the flat engine plays rules 3, the engine's rules are {RULES}")
        self.fp = fp
        self.seed, self.scenario, self.difficulty = str(seed), scenario, difficulty
        self.seeded = Seeded(self.seed)  # its generators: Rng(seed, turn, stream) at less cost
        v = fp.initial[scenario][:]
        tol = fp.tolerances[difficulty]
        v[fp.t0:fp.t0 + len(tol)] = [a + b for a, b in zip(v[fp.t0:fp.t0 + len(tol)], tol, strict=True)]
        self.v = v
        self.cards: list[int] = []
        self.sched: list[tuple[int, int, int]] = []
        self.ending = -1
        self.length = fp.lengths[scenario]
        self.begin_turn()

    def begin_turn(self) -> None:
        """Consequences due, the month's historical cards, then the draw (``turn.begin_turn``).

        The draw's generator, ``Rng(seed, turn, "draw")``, is kept as its integer state
        and stepped inline (``Rng.below``'s arithmetic).
        """
        fp, v = self.fp, self.v
        turn = v[0]
        forced = self._due(turn) if self.sched else []
        historical = fp.historical.get(v[1])
        if historical is not None:
            e0, when = fp.e0, fp.when
            for index in historical:
                if v[e0 + index] < 0:
                    test = when[index]
                    if test is None or test(v):
                        forced.append(index)
        cards = list(dict.fromkeys(forced)) if len(forced) > 1 else forced
        if len(cards) > fp.cards_max:
            for extra in cards[fp.cards_max:]:
                self.sched.append((turn + 1, 0, extra))
            cards = cards[:fp.cards_max]
        keys = fp.draw_keys
        h = self.seeded.prefix.copy()
        h.update(keys[turn] if turn < len(keys) else suffix(turn, "draw"))
        state = (_FROM_BYTES(h.digest(), "little") * LCG_MUL + LCG_ADD) & LCG_MASK
        target = fp.cards_min + (((state >> 32) * fp.cards_span) >> 32)
        if len(cards) < target:
            self._draw(state, cards, target)
        e0 = fp.e0
        for card in cards:
            v[e0 + card] = turn
        self.cards = cards

    def _due(self, turn: int) -> list[int]:
        """The scheduled items due this turn taken off the list: blocks run, events still due
        returned (in order), as ``turn.begin_turn`` does."""
        due = [item for item in self.sched if item[0] <= turn]
        forced: list[int] = []
        if due:
            fp, v, e0 = self.fp, self.v, self.fp.e0
            self.sched = [item for item in self.sched if item[0] > turn]
            k: list[Any] = [None, self.seeded, turn, "consequences", self.sched]
            for _, which, index in due:
                if which == 0:
                    if not (fp.once[index] and v[e0 + index] >= 0):
                        when = fp.when[index]
                        if when is None or when(v):
                            forced.append(index)
                else:
                    fp.blocks[index](v, k)
        return forced

    def _draw(self, state: int, cards: list[int], target: int) -> None:
        """The month's deck in one test, then one weighted roll per card, exactly as ``turn._draw``.

        ``state`` is the draw generator's state after the roll of the number of cards. The
        test gives the cumulative weights of the deck's cards that may be drawn (one that may
        not adds 0). A card on the desk, forced or drawn, leaves the draw: a roll among the
        cards left (``below`` of their total) is mapped past the weight of each card gone
        before it, then found by bisection, which is the reference's bisection over the
        cumulative weights of the cards left.
        """
        fp, v = self.fp, self.v
        found = fp.month_tests.get((v[1], v[0]))
        if found is None:  # a month no scenario reaches (a test bench's jump): card by card
            candidates = fp.deck(v[1], v[0])[0]
            cum = tuple(accumulate(fp.weight[ev] if v[fp.used[ev]] < 0 and fp.ready[ev](v)  # type: ignore[misc]
                                   else 0 for ev in candidates))
        else:
            candidates, test = found
            cum = test(v)
        total = cum[-1] if cum else 0
        gone: list[int] = []  # deck positions out of the draw, ascending
        for card in cards:
            if card in candidates:
                p = candidates.index(card)
                weight = cum[p] - (cum[p - 1] if p else 0)
                if weight:
                    insort(gone, p)
                    total -= weight
        roll_cards(state, candidates, cum, total, gone, cards, target)

    def apply(self, picks: list[int], moves: list[tuple[int, int]]) -> None:
        """Resolve the turn from a choice (global index) per card and policy moves (``turn.apply_turn``)."""
        fp, v = self.fp, self.v
        k: list[Any] = [None, self.seeded, v[0], "resolve", self.sched]
        fx = fp.choice_fx
        for choice in picks:
            fx[choice](v, k)
        p0 = fp.p0
        for i, level in moves:
            v[p0 + i] = level
        ending = fp.month_end(v, k)  # each policy's monthly effects, then the watched endings
        if ending < 0 and v[0] >= self.length:
            ending = self.final_ending()
        if ending < 0:
            v[0] += 1
            v[1] += 1
            self.begin_turn()
        else:
            self.ending = v[2] = ending
            self.cards = []

    def final_ending(self) -> int:
        """The ending when the clock runs out (``turn.final_ending``)."""
        for ending, test, fallback in self.fp.endings:
            if fallback or test is None or test(self.v):
                return ending
        return self.fp.endings[-1][0]

    def open_choices(self, card: int) -> list[int]:
        """The card's open choices, as global choice indices."""
        v, whens = self.v, self.fp.choice_when
        return [c for c in self.fp.choices[card] if (w := whens[c]) is None or w(v)]


def to_state(camp: Campaign, rt: Runtime) -> State:
    """A flat campaign as the reference engine's state (no log; the scheduled list left empty)."""
    fp, v, names = camp.fp, camp.v, camp.fp.names
    q0, f0 = 3, fp.p0 + len(names["policies"])
    events = names["events"]
    return State(
        seed=camp.seed, scenario=camp.scenario, difficulty=camp.difficulty, turn=v[0], month=v[1],
        values=v[q0:fp.t0], tolerances=v[fp.t0:fp.p0],
        flags={f for i, f in enumerate(names["flags"]) if v[f0 + i]},
        fired={e: v[fp.e0 + i] for i, e in enumerate(events) if v[fp.e0 + i] >= 0},
        scheduled=[], policies=v[fp.p0:f0], cards=[events[c] for c in camp.cards],
        ending=names["endings"][camp.ending] if camp.ending >= 0 else None, rules=RULES)
