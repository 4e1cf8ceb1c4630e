"""Every strategy on every backend plays the reference engine's campaigns, seed for seed."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.content.loader import load_runtime
from game.engine.runtime import Runtime
from game.fast.backends import BackendUnavailable, native_module, resolve
from game.sim.bots import make_bots
from game.sim.runner import play_games, simulate
from tests.fast.traces import flat_trace, reference_trace

BASE = Path(__file__).resolve().parents[2] / "content"
BACKENDS = ["python"] + (["native"] if native_module() is not None else [])


@pytest.fixture(scope="module")
def base_rt() -> Runtime:
    return load_runtime(BASE)


def _campaign(rt: Runtime) -> tuple[str, str]:
    sc = rt.pack.scenarios[0]
    return sc.id, sc.default_difficulty or rt.pack.difficulties[0].id


@pytest.mark.parametrize("pack", ["starter", "base"])
def test_every_strategy_plays_the_same_campaigns_on_the_flat_state(pack: str, starter_rt: Runtime,
                                                                    base_rt: Runtime) -> None:
    rt = starter_rt if pack == "starter" else base_rt
    scenario, difficulty = _campaign(rt)
    for sid, bot in make_bots(rt).items():
        if sid == "planner":
            continue
        for i in range(12):
            seed = f"same:{sid}:{i}"
            assert flat_trace(rt, bot, scenario, difficulty, seed) == \
                reference_trace(rt, bot, scenario, difficulty, seed), (sid, seed)


@pytest.mark.parametrize("backend", BACKENDS)
def test_every_backend_gathers_the_reference_statistics(backend: str, base_rt: Runtime) -> None:
    scenario, difficulty = _campaign(base_rt)
    for sid in make_bots(base_rt):
        if sid == "planner":
            continue
        seeds = [f"stats:{sid}:{i}" for i in range(10)]
        fast = play_games(base_rt, sid, seeds, scenario, difficulty, backend)
        reference = play_games(base_rt, sid, seeds, scenario, difficulty)
        assert fast == reference, sid


def test_simulate_says_its_backend_and_the_planner_keeps_the_reference(starter_rt: Runtime) -> None:
    scenario, difficulty = _campaign(starter_rt)
    fast = simulate(starter_rt, ["random", "planner"], 4, "7", scenario, difficulty, backend="python")
    reference = simulate(starter_rt, ["random", "planner"], 4, "7", scenario, difficulty)
    data, ref = fast.to_json(starter_rt), reference.to_json(starter_rt)
    assert data["backend"] == "python" and data["compiled"] in ("built", "cached")
    assert data["engines"] == {"planner": "reference"} and ref["backend"] == "reference"
    for key in ("seconds", "games_per_second", "backend", "compiled", "engines", "compiled_notes"):
        data.pop(key, None)
        ref.pop(key, None)
    assert data == ref


def test_auto_is_python_until_a_native_kernel_is_built() -> None:
    assert resolve("python") == "python"
    if native_module() is None:
        assert resolve("auto") == "python"
        with pytest.raises(BackendUnavailable, match="not built"):
            resolve("native")
    else:
        assert resolve("auto") == resolve("native") == "native"


@pytest.mark.costly(69)  # in one measured run of the suite: see tests/conftest.py
def test_a_mod_has_its_own_compiled_pack_and_plays_the_same(tmp_path: Path,
                                                             monkeypatch: pytest.MonkeyPatch) -> None:
    from game.fast.compiled import cache_key, load_compiled

    monkeypatch.setenv("HONORABLE_EXIT_CACHE", str(tmp_path / "cache"))
    example = BASE.parent / "examples" / "mods" / "baghdad-channel"
    modded, plain = load_runtime(BASE, [example]), load_runtime(BASE)
    assert cache_key(modded) != cache_key(plain)
    assert load_compiled(modded).status == "built" and load_compiled(plain).status == "built"
    assert len(list((tmp_path / "cache").glob("pack-*.bin"))) == 2  # beside the parse cache
    scenario, difficulty = _campaign(modded)
    for sid, bot in make_bots(modded).items():
        if sid != "planner":
            for seed in ("m1", "m2", "m3"):
                assert flat_trace(modded, bot, scenario, difficulty, seed) == \
                    reference_trace(modded, bot, scenario, difficulty, seed), (sid, seed)
