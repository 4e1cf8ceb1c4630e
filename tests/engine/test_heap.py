"""The collector around a replay: held inside, restored after, a replay's objects aged, a frozen heap kept."""

from __future__ import annotations

import gc
from collections.abc import Iterator

import pytest

from game.engine.heap import replay_heap
from game.engine.runtime import Runtime
from game.session import Session


@pytest.fixture
def collector() -> Iterator[None]:
    """Leave the collector as the test found it (enabled, nothing frozen)."""
    was = gc.isenabled()
    try:
        yield
    finally:
        gc.unfreeze()
        gc.enable() if was else gc.disable()


class _Node:
    def __init__(self) -> None:
        self.other: object = None


def test_held_inside_and_restored_after(collector: None) -> None:
    gc.enable()
    with replay_heap():
        assert not gc.isenabled()
        with replay_heap():
            assert not gc.isenabled()
        assert not gc.isenabled()
    assert gc.isenabled()
    gc.disable()
    with replay_heap():
        pass
    assert not gc.isenabled()  # a collector the caller held stays held


def test_restored_when_the_block_raises(collector: None) -> None:
    gc.enable()
    with pytest.raises(KeyError), replay_heap():
        raise KeyError("x")
    assert gc.isenabled()


def test_objects_made_inside_are_in_the_oldest_generation(collector: None) -> None:
    gc.enable()
    with replay_heap():
        made = [_Node() for _ in range(50)]
    assert gc.get_count()[0] < 50  # the young generation's count starts again
    oldest = {id(o) for o in gc.get_objects(generation=2)}
    assert all(id(o) in oldest for o in made)


def test_cycles_made_inside_are_still_collected(collector: None) -> None:
    gc.enable()
    with replay_heap():
        a, b = _Node(), _Node()
        a.other, b.other = b, a
    del a, b
    assert gc.collect() >= 2


def test_a_frozen_heap_stays_frozen(collector: None) -> None:
    gc.enable()
    kept = _Node()
    gc.freeze()
    with replay_heap():
        made = _Node()
    assert gc.get_freeze_count() > 0
    assert not any(o is kept for o in gc.get_objects())  # still in the permanent generation
    assert gc.isenabled()
    assert any(o is made for o in gc.get_objects(generation=0))


def test_a_replayed_session_holds_no_cycle(starter_rt: Runtime, collector: None) -> None:
    """A replay's objects go to the oldest generation: they must go by reference counts alone."""
    played = Session.new(starter_rt, seed="heap")
    while not played.finished:
        played.play(played.decide([starter_rt.events[c].choices[0].id for c in played.state.cards]))
    gc.collect()
    session = Session.replay(starter_rt, played.scenario, played.difficulty, "heap", played.decisions)
    assert session.state.log
    gc.disable()
    del session
    assert gc.collect() == 0
