"""The native kernel: its dice are the engine's, its campaigns the reference engine's, its fallback said."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.content.loader import load_runtime
from game.engine.explain import explain, failing
from game.engine.rng import Rng
from game.engine.runtime import Runtime
from game.fast import native
from game.fast.bots import flat_bot
from game.fast.flat import Campaign, to_state
from game.fast.missed import missed_clauses
from game.fast.native import build
from game.fast.native.gather import run_batch
from game.fast.play import flat_pack
from game.sim.bots import make_bots
from game.sim.runner import play_games

ROOT = Path(__file__).resolve().parents[2]
BASE = ROOT / "content"
STARTER = ROOT / "tests" / "fixtures" / "packs" / "starter"


@pytest.fixture
def built() -> None:
    """Skip where no kernel can be built here (no C compiler): the fallback tests below still run."""
    if not native.available():
        pytest.skip(f"no native kernel here: {native.reason()}")


@pytest.fixture(scope="module")
def base_rt() -> Runtime:
    return load_runtime(BASE)


def _campaign(rt: Runtime) -> tuple[str, str]:
    sc = rt.pack.scenarios[0]
    return sc.id, sc.default_difficulty or rt.pack.difficulties[0].id


SEEDS = ["1", "seed", "x" * 100, "é ü ß — “Genève” 東京", "a:b:c", " leading", "9" * 300, "",
         "bench:random:17", "π" * 60]


@pytest.mark.usefixtures("built")
@pytest.mark.parametrize("seed", SEEDS)
def test_the_dice_are_the_engines_bit_for_bit(seed: str) -> None:
    for turn in (0, 1, 2, 9, 10, 36, 99, 120, 12345):
        for stream, name in enumerate(("draw", "resolve", "consequences", "bot")):
            state = native.rng_state(seed, turn, stream)
            assert state == Rng(seed, turn, name).state, (seed, turn, name)
    start = Rng(seed, 3, "bot").state
    for n in (1, 2, 3, 4, 7, 100, 1000, 10**6, 2**31, 2**40):
        py = Rng(seed, 3, "bot")
        draws, after = native.rng_draws(start, "below", n, 50)
        assert draws == [py.below(n) for _ in range(50)] and after == py.state
    py = Rng(seed, 3, "bot")
    draws, _ = native.rng_draws(start, "random", None, 50)
    assert draws == [py.random() for _ in range(50)]
    for weights in ([1, 1], [10, 1, 5], [1], [3, 0, 2], [10**6] * 7):
        py = Rng(seed, 3, "bot")
        draws, _ = native.rng_draws(start, "weighted", weights, 50)
        assert draws == [py.weighted(weights) for _ in range(50)]


@pytest.mark.usefixtures("built")
@pytest.mark.parametrize("pack", ["base", "starter"])
def test_every_strategy_plays_the_reference_campaigns(pack: str, base_rt: Runtime,
                                                      starter_rt: Runtime) -> None:
    rt = base_rt if pack == "base" else starter_rt
    scenario, difficulty = _campaign(rt)
    games = 200 if pack == "base" else 300
    for sid in make_bots(rt):
        if sid == "planner":
            continue
        seeds = [f"native:{sid}:{i}" for i in range(games)]
        fast = play_games(rt, sid, seeds, scenario, difficulty, "native")
        assert fast == play_games(rt, sid, seeds, scenario, difficulty), sid
        assert not rt.extra.get("native_declined"), rt.extra.get("native_declined")


@pytest.mark.usefixtures("built")
def test_every_scenario_and_difficulty(base_rt: Runtime) -> None:
    for sc in base_rt.pack.scenarios:
        for diff in base_rt.pack.difficulties:
            for sid in ("random", "history"):
                seeds = [f"all:{sid}:{i}" for i in range(30)]
                fast = play_games(base_rt, sid, seeds, sc.id, diff.id, "native")
                assert fast == play_games(base_rt, sid, seeds, sc.id, diff.id), (sc.id, diff.id, sid)


@pytest.mark.usefixtures("built")
def test_the_missed_clauses_are_explains_own(base_rt: Runtime) -> None:
    scenario, difficulty = _campaign(base_rt)
    fp, compiled = flat_pack(base_rt)
    ir = compiled.ir
    missed = missed_clauses(base_rt, ir, scenario, difficulty)
    kernel = native.kernel().lib
    checked = 0
    for sid, bot in make_bots(base_rt).items():
        if sid == "planner":
            continue
        fbot = flat_bot(fp, bot)
        seeds = [f"missed:{sid}:{i}" for i in range(400)]
        batch = run_batch(kernel, base_rt, fbot, seeds, scenario, difficulty, 3)  # every 4th: 100 states
        assert not isinstance(batch, int)
        size = batch.size
        for k in range(len(batch.states) // size):
            v = batch.states[k * size:(k + 1) * size]
            camp = Campaign.__new__(Campaign)
            camp.fp, camp.seed, camp.scenario, camp.difficulty = fp, "", scenario, difficulty
            camp.v, camp.cards, camp.ending = v, [], v[2]
            state = to_state(camp, base_rt)
            for (ending, fn), en in zip(missed.endings, base_rt.endings, strict=True):
                cond = base_rt.conditions.get(f"ending:{en.id}")
                assert ending == en.id and (fn is None) == (cond is None)
                if cond is not None and fn is not None:
                    clause = explain(cond, state, show_hidden=True)
                    assert fn(v)[0] == clause.holds and fn(v)[1] == clause.gap
                    assert fn(v)[2] == [c.text for c in failing(clause)], (sid, ending)
                    checked += 1
    assert checked > 5000


def test_no_compiler_is_said_and_python_plays(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                              starter_rt: Runtime) -> None:
    from game.fast.backends import BackendUnavailable, resolve

    monkeypatch.setenv("HONORABLE_EXIT_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("HONORABLE_EXIT_CC", str(tmp_path / "no-such-compiler"))
    native.forget()
    try:
        assert not native.available()
        assert "no C compiler found" in (native.reason() or "")
        assert resolve("auto") == "python"
        with pytest.raises(BackendUnavailable):
            resolve("native")
        scenario, difficulty = _campaign(starter_rt)
        seeds = [f"fallback:{i}" for i in range(5)]
        assert play_games(starter_rt, "random", seeds, scenario, difficulty, "python") == \
            play_games(starter_rt, "random", seeds, scenario, difficulty)
    finally:
        native.forget()
    assert not (tmp_path / "cache" / "native").exists() or not list((tmp_path / "cache" / "native").iterdir())


def test_a_failing_build_is_said(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    false = shutil.which("false")
    if false is None:
        pytest.skip("no `false` program here")
    monkeypatch.setenv("HONORABLE_EXIT_CACHE", str(tmp_path / "cache"))
    monkeypatch.setenv("HONORABLE_EXIT_CC", false)
    loaded = build.load()
    assert loaded.lib is None and loaded.status == "unavailable"
    assert "did not build" in (loaded.reason or "")


@pytest.mark.usefixtures("built")
def test_built_once_then_cached(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HONORABLE_EXIT_CACHE", str(tmp_path / "cache"))
    first = build.load()
    assert first.status == "built" and first.path is not None
    assert first.path.parent == tmp_path / "cache" / "native"
    again = build.load()
    assert again.status == "cached" and again.path == first.path


@pytest.mark.usefixtures("built")
def test_what_the_kernel_declines_python_plays(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(STARTER, pack)
    world = pack / "world.yaml"
    text = world.read_text(encoding="utf-8")
    assert 'when: "ceasefire >= 40"' in text
    world.write_text(text.replace('when: "ceasefire >= 40"',  # past 64 bits: Python's ints are exact
                                  'when: "ceasefire * 1000000 * 1000000 * 1000000 >= 40"'), encoding="utf-8")
    rt = load_runtime(pack)
    scenario, difficulty = _campaign(rt)
    seeds = [f"big:{i}" for i in range(40)]
    fast = play_games(rt, "random", seeds, scenario, difficulty, "native")
    assert fast == play_games(rt, "random", seeds, scenario, difficulty)
    assert any("64 bits" in note for note in rt.extra.get("native_declined", []))


@pytest.mark.usefixtures("built")
def test_a_broken_program_is_refused_not_run(base_rt: Runtime) -> None:
    from game.fast.native.gather import _program
    from game.fast.native.program import SLOT

    scenario, difficulty = _campaign(base_rt)
    fp, _ = flat_pack(base_rt)
    fbot = flat_bot(fp, make_bots(base_rt)["random"])
    prog = _program(base_rt, fbot, scenario, difficulty)
    code = prog[SLOT["code"]]
    saved = prog[code]
    try:
        for bad in (99, -7):
            prog[code] = bad  # an opcode the kernel does not know
            assert run_batch(native.kernel().lib, base_rt, fbot, ["x"], scenario, difficulty, 0) == -4
    finally:
        prog[code] = saved
    assert not isinstance(run_batch(native.kernel().lib, base_rt, fbot, ["x"], scenario, difficulty, 0), int)


def test_the_program_is_for_the_rules_the_kernel_plays(base_rt: Runtime,
                                                       monkeypatch: pytest.MonkeyPatch) -> None:
    from game.fast.native import program as layout

    scenario, difficulty = _campaign(base_rt)
    fp, compiled = flat_pack(base_rt)
    fbot = flat_bot(fp, make_bots(base_rt)["random"])
    assert layout.program(compiled.ir, fbot, scenario, difficulty)[0] == layout.ABI == build.ABI
    monkeypatch.setattr(layout, "ENGINE_RULES", layout.RULES + 1)  # rules the kernel was not ported to
    with pytest.raises(RuntimeError, match=f"plays rules {layout.RULES}"):
        layout.program(compiled.ir, fbot, scenario, difficulty)


@pytest.mark.usefixtures("built")
def test_batches_gather_as_one(base_rt: Runtime, monkeypatch: pytest.MonkeyPatch) -> None:
    scenario, difficulty = _campaign(base_rt)
    monkeypatch.setattr(native, "BATCH", 7)  # not a multiple of the clause sample's 4
    for sid in ("random", "history"):
        seeds = [f"batches:{sid}:{i}" for i in range(30)]
        assert play_games(base_rt, sid, seeds, scenario, difficulty, "native") == \
            play_games(base_rt, sid, seeds, scenario, difficulty), sid
