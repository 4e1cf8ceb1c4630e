"""Rules 3's draw on every backend where a month's forced cards are also in its deck.

No card of the packs the other tests play is both scheduled and conditional, so
there a forced card is never in the month's deck, and the draw's test "not
already on the desk" is never what keeps a card out. Here the starter pack is
changed so that it is, often: two conditional cards schedule each other for the
next month, and the desk holds two or three cards, so that the draw follows a
forced card in most months.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest

from game.content.loader import load_runtime
from game.engine import turn as reference_turn
from game.engine.runtime import Runtime
from game.fast.backends import native_module
from game.sim.bots import make_bots
from game.sim.runner import play_games
from tests.conftest import STARTER
from tests.fast.traces import flat_trace, reference_trace

BACKENDS = ["python"] + (["native"] if native_module() is not None else [])


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture(scope="module")
def forced_rt(tmp_path_factory: pytest.TempPathFactory) -> Runtime:
    """The starter pack where geneva_round and spoilers (both conditional, drawn again after a
    cooldown) schedule each other, with two or three cards a month; and conditions of every
    shape the native kernel reads as literals (a number on either side, ==, !=, not, flags,
    cards played, the turn)."""
    pack = tmp_path_factory.mktemp("forced") / "pack"
    shutil.copytree(STARTER, pack)
    _edit(pack / "pack.yaml", "cards_per_turn: {min: 1, max: 2}", "cards_per_turn: {min: 2, max: 3}")
    events = pack / "events.yaml"
    _edit(events, "effects: [{change: {damascus: -4, ceasefire: 6}}]",
          "effects: [{change: {damascus: -4, ceasefire: 6}}, {schedule: {after: 1, event: geneva_round}}]")
    _edit(events, "effects: [{change: {un_track: 8, damascus: -5, hope: 3}}]",
          "effects: [{change: {un_track: 8, damascus: -5, hope: 3}},"
          " {schedule: {after: 1, event: spoilers}}]")
    _edit(events, '    when: {date: {min: "2018-02"}}\n',  # aid_convoy: again and again, when ...
          "    once: false\n    when: \"date >= 2018-02 and 70 > ceasefire and un_track != 21"
          " and not flag(afrin_operation) and fired(sochi_congress)\"\n")
    _edit(events, "    cooldown: 2\n",  # spoilers
          "    cooldown: 2\n    when: \"-30 < damascus and humanitarian <= 80 and 3 != turn\"\n")
    _edit(events, "effects: [{change: {un_track: -3, hope: -5}}]",
          "effects: [{change: {un_track: -3, hope: -5}}, {schedule: {after: 2, event: geneva_round}}]")
    return load_runtime(pack)


def _campaign(rt: Runtime) -> tuple[str, str]:
    sc = rt.pack.scenarios[0]
    return sc.id, sc.default_difficulty or rt.pack.difficulties[0].id


def _forced_in_deck(rt: Runtime, monkeypatch: pytest.MonkeyPatch, seeds: list[str]) -> int:
    """How many draws (reference engine, every strategy but the planner) began with a forced card
    that the month's deck holds and that would otherwise be eligible."""
    seen = 0
    draw = reference_turn._draw

    def counting(rt: Runtime, state: Any, rng: Any, cards: list[str], target: int) -> None:
        nonlocal seen
        for ev in rt.deck(state.month, state.turn).cards:
            last = state.fired.get(ev.id)
            ready = last is None or not ev.once and state.turn - last > ev.cooldown
            if ev.id in cards and ready and (ev.when is None or ev.when(state)):
                seen += 1
        draw(rt, state, rng, cards, target)

    monkeypatch.setattr(reference_turn, "_draw", counting)
    scenario, difficulty = _campaign(rt)
    for sid in make_bots(rt):
        if sid != "planner":
            play_games(rt, sid, seeds, scenario, difficulty)
    return seen


def test_the_pack_puts_forced_cards_in_the_deck(forced_rt: Runtime, monkeypatch: pytest.MonkeyPatch) -> None:
    assert _forced_in_deck(forced_rt, monkeypatch, [f"forced:{i}" for i in range(20)]) > 20


def test_the_flat_engine_draws_as_the_reference(forced_rt: Runtime) -> None:
    scenario, difficulty = _campaign(forced_rt)
    for sid, bot in make_bots(forced_rt).items():
        if sid != "planner":
            for i in range(20):
                seed = f"trace:{sid}:{i}"
                assert flat_trace(forced_rt, bot, scenario, difficulty, seed) == \
                    reference_trace(forced_rt, bot, scenario, difficulty, seed), (sid, seed)


@pytest.mark.parametrize("backend", BACKENDS)
def test_every_backend_plays_the_reference_campaigns(backend: str, forced_rt: Runtime) -> None:
    scenario, difficulty = _campaign(forced_rt)
    for sid in make_bots(forced_rt):
        if sid == "planner":
            continue
        seeds = [f"forced:{sid}:{i}" for i in range(150)]
        fast = play_games(forced_rt, sid, seeds, scenario, difficulty, backend)
        assert fast == play_games(forced_rt, sid, seeds, scenario, difficulty), (backend, sid)
        assert not forced_rt.extra.get("native_declined"), forced_rt.extra.get("native_declined")
