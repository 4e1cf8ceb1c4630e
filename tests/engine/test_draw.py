"""The month's draw: static windows read off conditions, the month's deck, and the rules versions."""

from __future__ import annotations

import random
from collections import Counter

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter

from game.content.conditions import Condition
from game.content.guards import ALWAYS, Window, window
from game.engine.rng import Rng
from game.engine.runtime import Runtime
from game.engine.state import RULES, month_index
from game.engine.turn import _draw, new_campaign, resolve_in_place
from game.session import Session
from game.sim.bots import make_bots
from tests.engine.helpers import condition

FAR = 10**9


def tree(data: object) -> object:
    return TypeAdapter(Condition).validate_python(data)


@pytest.mark.parametrize(("text", "expected"), [
    ("date >= 2018-04 and date <= 2018-10 and ceasefire >= 40",
     Window(month_index("2018-04"), month_index("2018-10"))),
    ("date > 2018-04 and date < 2018-10", Window(month_index("2018-05"), month_index("2018-09"))),
    ("2018-04 <= date and 2018-10 >= date", Window(month_index("2018-04"), month_index("2018-10"))),
    ("date == 2019-01", Window(month_index("2019-01"), month_index("2019-01"))),
    ("turn >= 3 and turn < 10 and afrin_operation", Window(turn_lo=3, turn_hi=9)),
    ("date >= 2018-04 and (date <= 2018-06 or ceasefire > 50)", Window(month_lo=month_index("2018-04"))),
    ("not (date >= 2018-04)", ALWAYS),
    ("date >= 2018-04 or ceasefire > 50", ALWAYS),
    ("date != 2018-04", ALWAYS),
    ("date >= turn", ALWAYS),
    ("ceasefire >= 40", ALWAYS),
    ("date >= (", ALWAYS),  # unreadable: the compiler reports it; the window stays open
])
def test_window_of_an_expression(text: str, expected: Window) -> None:
    assert window(text) == expected


def test_window_of_a_tree() -> None:
    data = {"all": [{"date": {"min": "2018-03"}}, {"turn": {"max": 12}}, {"date": {"max": "2019-01"}},
                    {"any": [{"date": {"max": "2018-05"}}, {"flag": "afrin_operation"}]},
                    "ceasefire >= 10 and date <= 2018-12"]}
    assert window(tree(data)) == Window(month_index("2018-03"), month_index("2018-12"), -FAR, 12)
    assert window(tree({"not": {"date": {"min": "2018-03"}}})) == ALWAYS
    assert window(None) == ALWAYS


def test_windows_never_exclude_a_month_where_the_condition_holds(starter_rt: Runtime) -> None:
    """Soundness on random states: whenever the condition holds, its window does."""
    texts = ["date >= 2018-03 and date <= 2018-08 and ceasefire >= 30",
             "2018-05 < date and turn <= 7", "turn == 4 or date >= 2018-09",
             "date >= 2018-02 and not (turn > 5 and date <= 2018-06)"]
    state = new_campaign(starter_rt, "standard", "normal", "w", log=False)
    rnd = random.Random(5)
    for text in texts:
        pred, win = condition(starter_rt, repr(text)), window(text)
        for _ in range(400):
            state.turn = rnd.randint(1, 14)
            state.month = month_index("2017-12") + rnd.randint(0, 14)
            bounds = zip(starter_rt.qmin, starter_rt.qmax, strict=True)
            state.values = [rnd.randint(lo, hi) for lo, hi in bounds]
            if pred(state):
                assert win.holds(state.month, state.turn), (text, state.month, state.turn)


def test_the_months_deck_holds_only_cards_whose_window_admits_it(starter_rt: Runtime) -> None:
    windowed = [ev for ev in starter_rt.conditional if ev.window[0] > -FAR]
    assert windowed, "the starter pack has a card with a date window"
    ev = windowed[0]
    before, inside = ev.window[0] - 1, ev.window[0]
    assert ev not in starter_rt.deck(before, 1).cards
    deck = starter_rt.deck(inside, 1)
    assert ev in deck.cards
    assert deck.total == sum(card.weight for card in deck.cards) == deck.cumulative[-1]
    assert starter_rt.deck(inside, 1) is deck  # kept: computed once per month


@settings(max_examples=60, deadline=None)
@given(seed=st.integers(0, 10**6), turn=st.integers(1, 12))
def test_a_drawn_card_is_always_eligible(starter_rt: Runtime, seed: int, turn: int) -> None:
    state = new_campaign(starter_rt, "standard", "normal", str(seed), log=False)
    state.turn, state.month = turn, state.month + turn - 1
    cards: list[str] = []
    _draw(starter_rt, state, Rng(str(seed), turn, "draw"), cards, 3)
    assert len(cards) == len(set(cards))
    for card in cards:
        ev = starter_rt.events[card]
        assert ev.when is None or ev.when(state)
        assert not (ev.once and card in state.fired)


def test_the_draw_is_a_weighted_pick_among_the_eligible(starter_rt: Runtime) -> None:
    """One card from the month's deck, many times: frequencies follow the weights of the eligible."""
    state = new_campaign(starter_rt, "standard", "normal", "freq", log=False)
    state.fired = {}
    deck = starter_rt.deck(state.month, state.turn).cards
    eligible = [ev for ev in deck if ev.when is None or ev.when(state)]
    assert len(eligible) >= 2
    counts: Counter[str] = Counter()
    runs = 6000
    for i in range(runs):
        cards: list[str] = []
        _draw(starter_rt, state, Rng("freq", i, "draw"), cards, 1)
        counts[cards[0]] += 1
    total = sum(ev.weight for ev in eligible)
    for ev in eligible:
        assert abs(counts[ev.id] / runs - ev.weight / total) < 0.03, (ev.id, counts)


def _cards(rt: Runtime, seed: str, rules: int) -> list[tuple[str, ...]]:
    bot = make_bots(rt)["random"]
    state = new_campaign(rt, "standard", "normal", seed, log=False, rules=rules)
    seen = []
    while state.ending is None:
        seen.append(tuple(state.cards))
        resolve_in_place(rt, state, bot.decide(state, Rng(seed, state.turn, "bot")))
    return seen


def test_each_rules_version_replays_its_own_campaigns(starter_rt: Runtime) -> None:
    differ = [s for s in map(str, range(30)) if _cards(starter_rt, s, 1) != _cards(starter_rt, s, RULES)]
    assert differ, "rules 1 and today's rules draw differently for some seed"
    seed = differ[0]
    bot = make_bots(starter_rt)["random"]
    old = Session.new(starter_rt, "standard", "normal", seed, rules=1)
    while not old.finished:
        old.play(bot.decide(old.state, Rng(seed, old.state.turn, "bot")))
    again = Session.replay(starter_rt, "standard", "normal", seed, old.decisions, rules=1)
    assert again.state.rules == 1 and again.state.fired == old.state.fired
    assert [r.cards for r in again.records] == [r.cards for r in old.records]


def test_unknown_rules_are_refused(starter_rt: Runtime) -> None:
    with pytest.raises(ValueError, match="rules 7 are not known"):
        new_campaign(starter_rt, "standard", "normal", "1", rules=7)
