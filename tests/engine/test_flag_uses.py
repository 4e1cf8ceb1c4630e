"""The flag index agrees with the rules: over the base pack's campaigns, every condition said to need,
be met by, or lean on a flag's value behaves so under the compiled predicates; and a real card's preview."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.content.loader import load_runtime
from game.engine.runtime import Predicate, Runtime
from game.engine.state import State
from game.flag_uses import Reader, flag_index
from game.preview import choice_preview, lens_for
from game.session import Session

CONTENT = Path(__file__).resolve().parents[2] / "content"


@pytest.fixture(scope="module")
def base_rt() -> Runtime:
    return load_runtime(CONTENT)


def predicate(rt: Runtime, key: str) -> Predicate | None:
    """The compiled predicate of a condition key (None for an effect's ``if``)."""
    kind, _, ident = key.partition(":")
    head, _, tail = ident.partition(".")
    if kind == "ending":
        return next(en.when for en in rt.endings if en.id == ident)
    if kind == "event":
        return rt.events[ident].when
    if kind == "choice":
        return rt.events[head].choice_index[tail].when
    if kind == "level":
        policy = rt.policies[rt.policy_index[head]]
        return next(lv.when for lv in policy.levels if lv.id == tail)
    return None


def states(rt: Runtime, seeds: range) -> list[State]:
    """The states of a few campaigns played by their first open choices."""
    out = []
    for seed in seeds:
        s = Session.new(rt, "standard", None, seed)
        while not s.finished:
            out.append(s.state.copy())
            s.play(s.decide([card.choices[s.available(card.id).index(True)].id for card in s.cards()]))
    return out


def holds(pred: Predicate, state: State, flag: str, value: bool) -> bool:
    s = state.copy()
    (s.flags.add if value else s.flags.discard)(flag)
    return bool(pred(s))


def test_the_index_agrees_with_the_compiled_conditions(base_rt: Runtime) -> None:
    sample = states(base_rt, range(3))
    checked = 0
    for flag, found in flag_index(base_rt).readers.items():
        for reader in found:
            pred = predicate(base_rt, reader.key)
            if pred is None:
                assert reader.key.startswith("effects:") and reader.needs == reader.enough == frozenset()
                continue
            for state in sample:
                checked += check(reader, pred, state, flag)
    assert checked > 10_000


def check(reader: Reader, pred: Predicate, state: State, flag: str) -> int:
    with_set, with_clear = holds(pred, state, flag, True), holds(pred, state, flag, False)
    for value in reader.needs:
        assert not (with_clear if value else with_set), (reader, "needs", value)
    for value in reader.enough:
        assert with_set if value else with_clear, (reader, "enough", value)
    if reader.looks == {True}:
        assert with_set or not with_clear, (reader, "looks for it set")
    if reader.looks == {False}:
        assert with_clear or not with_set, (reader, "looks for it clear")
    return 1


def test_a_real_card_says_what_its_flag_is_for(base_rt: Runtime) -> None:
    s = Session.new(base_rt, "standard", None, 1)
    lens = lens_for(s)
    text = choice_preview(lens, "afrin_operation", "step_aside")
    assert ("becomes true: Turkey's operation against the Kurdish enclave of Afrin is under way or done "
            "(needed for a later card; counts toward a later card)") in text
    text = choice_preview(lens, "cc_launch", "convene")
    assert ("becomes true: A Constitutional Committee exists and works under UN auspices "
            "(needed for the ending 'Honorable exit' and 3 later cards;") in text
    text = choice_preview(lens, "ankara_walkout", "let_ankara_go")
    assert "(enough for the ending 'Astana breaks'; bars 10 later cards)" in text
    s.state.flags.add("astana_broken")
    assert "Astana" not in choice_preview(lens_for(s), "ankara_walkout", "let_ankara_go")
