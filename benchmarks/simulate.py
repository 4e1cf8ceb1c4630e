"""Benchmark: full headless campaigns per second on one core, per backend (target >= 2,000 30-turn/s).

Run: python benchmarks/simulate.py [--games N] [--content DIR] [--backend reference|python|native|all]
Plays the base pack's standard scenario with every strategy but the planner in one process
(the causal log off, as in `simulate`) on each backend, side by side (interleaved rounds,
the best round of each kept, since the machine's other load varies), and reports campaigns
and turns per second of CPU time, and the rate scaled to 30-turn campaigns; then the
compiled pack's load from the cache, a whole campaign replayed with the causal log on
(as debriefs and class reports do), and the planner, apart.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.content.loader import load_runtime  # noqa: E402
from game.engine.rng import Rng  # noqa: E402
from game.engine.runtime import Runtime  # noqa: E402
from game.fast.backends import native_module  # noqa: E402
from game.sim.bots import as_decision, make_bots  # noqa: E402
from game.sim.runner import play_games  # noqa: E402


def _round(rt: Runtime, backend: str, games: int, scenario: str, difficulty: str) -> tuple[int, int, float]:
    done = turns = 0
    cpu = 0.0
    for strategy in make_bots(rt):
        if strategy == "planner":
            continue
        seeds = [f"bench:{strategy}:{i}" for i in range(games)]
        start = time.process_time()
        stats, _, _ = play_games(rt, strategy, seeds, scenario, difficulty, backend)
        cpu += time.process_time() - start
        done += stats.games
        turns += sum(stats.turns)
    return done, turns, cpu


def _cache_load(content: str) -> float:
    """Milliseconds to load the compiled pack from the cache, in a fresh process (best of 15): the
    cache key (the pack's content hash), the entry read, its seal checked, its head unmarshalled and
    the functions defined (each one's code is read on its first call: game.fast.cacheentry)."""
    code = ("import sys, time; sys.path.insert(0, sys.argv[1])\n"
            "from game.content.loader import load_runtime\nfrom game.fast.compiled import load_compiled\n"
            "rt = load_runtime(sys.argv[2]); load_compiled(rt)\n"
            "rt = load_runtime(sys.argv[2]); t = time.perf_counter(); c = load_compiled(rt)\n"
            "print(c.status, (time.perf_counter() - t) * 1000)")
    best = float("inf")
    for _ in range(15):
        out = subprocess.run([sys.executable, "-c", code, str(ROOT), content], capture_output=True,
                             text=True, check=True).stdout.split()
        assert out[0] == "cached", out
        best = min(best, float(out[1]))
    return best


def _replay(rt: Runtime, scenario: str, difficulty: str, rounds: int) -> float:
    """Milliseconds to replay a whole campaign with the causal log on (Session.replay), best of rounds."""
    from game.engine.turn import apply_turn, new_campaign
    from game.session import Session

    bots = make_bots(rt)
    campaigns = []
    for i, strategy in enumerate(s for s in bots if s != "planner"):
        state = new_campaign(rt, scenario, difficulty, f"replay:{i}", log=False)
        decisions = []
        while state.ending is None:
            plan = bots[strategy].plan(state, Rng(state.seed, state.turn, "bot"))
            decisions.append(as_decision(rt, state, plan))
            apply_turn(rt, state, *plan)
        campaigns.append((f"replay:{i}", decisions))
    best = float("inf")
    for _ in range(rounds):
        start = time.process_time()
        for seed, decisions in campaigns:
            Session.replay(rt, scenario, difficulty, seed, decisions)
        best = min(best, (time.process_time() - start) / len(campaigns))
    return best * 1000


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--games", type=int, default=200, help="games per strategy and round")
    parser.add_argument("--rounds", type=int, default=3, help="interleaved rounds per backend (best kept)")
    parser.add_argument("--content", default=str(ROOT / "content"))
    parser.add_argument("--scenario", default="standard")
    parser.add_argument("--backend", default="all", choices=("all", "reference", "python", "native"))
    parser.add_argument("--planner-games", type=int, default=20,
                        help="games for the planner, timed apart: it reads the explanations every month")
    args = parser.parse_args()
    rt = load_runtime(args.content)
    difficulty = rt.pack.get("scenarios", args.scenario).default_difficulty or rt.pack.difficulties[0].id
    backends = ["reference", "python"] + (["native"] if native_module() is not None else [])
    if args.backend != "all":
        backends = [args.backend]
    for backend in backends:
        if backend != "reference":
            _round(rt, backend, 1, args.scenario, difficulty)  # compile (or read the cache) untimed
    best: dict[str, tuple[int, int, float]] = {}
    for _ in range(args.rounds):
        for backend in backends:
            done, turns, cpu = _round(rt, backend, args.games, args.scenario, difficulty)
            if backend not in best or turns / cpu > best[backend][1] / best[backend][2]:
                best[backend] = (done, turns, cpu)
    base = best.get("reference")
    for backend, (done, turns, cpu) in best.items():
        ratio = ""
        if base and backend != "reference":
            ratio = f", {turns / cpu / (base[1] / base[2]):.2f}x the reference"
        print(f"{backend:9} {done / cpu:7.0f} campaigns/s, {turns / cpu:8.0f} turns/s, "
              f"= {turns / cpu / 30:6.0f} 30-turn campaigns/s (mean {turns / done:.1f} turns){ratio}")
    print("(one core, base pack, every bot but the planner, causal log off; target >= 2,000 30-turn/s "
          "in pure Python, >= 10,000 native)")
    if "python" in backends:
        print(f"compiled pack loaded from the cache: {_cache_load(args.content):.1f} ms (target <= 5 ms)")
    replay = _replay(rt, args.scenario, difficulty, 3)
    print(f"a whole campaign replayed with the causal log on: {replay:.1f} ms")
    if args.planner_games:
        seeds = [f"bench:planner:{i}" for i in range(args.planner_games)]
        start = time.process_time()
        stats, _, _ = play_games(rt, "planner", seeds, args.scenario, difficulty)
        spent = time.process_time() - start
        print(f"planner: {stats.games / spent:.1f} campaigns/s, = {sum(stats.turns) / spent / 30:.1f} "
              "30-turn campaigns/s (reference engine on every backend)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
