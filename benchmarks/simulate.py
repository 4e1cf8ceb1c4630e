"""Benchmark: full headless campaigns per second on one core (target >= 2,000 on a 30-turn campaign).

Run: python benchmarks/simulate.py [--games N] [--content DIR]
Plays the base pack's standard scenario with every strategy but the planner in one process
(the causal log off, as in `simulate`), and reports campaigns and turns per
second of CPU time, and the rate scaled to 30-turn campaigns; then the planner, apart.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.content.loader import load_runtime  # noqa: E402
from game.sim.bots import make_bots  # noqa: E402
from game.sim.runner import play_games  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--games", type=int, default=400, help="games per strategy")
    parser.add_argument("--content", default=str(ROOT / "content"))
    parser.add_argument("--scenario", default="standard")
    parser.add_argument("--planner-games", type=int, default=40,
                        help="games for the planner, timed apart: it reads the explanations every month")
    args = parser.parse_args()
    rt = load_runtime(args.content)
    difficulty = rt.pack.get("scenarios", args.scenario).default_difficulty or rt.pack.difficulties[0].id
    games = turns = 0
    cpu = 0.0
    for strategy in make_bots(rt):
        if strategy == "planner":
            continue
        seeds = [f"bench:{strategy}:{i}" for i in range(args.games)]
        start = time.process_time()
        stats, _, _ = play_games(rt, strategy, seeds, args.scenario, difficulty)
        cpu += time.process_time() - start
        games += stats.games
        turns += sum(stats.turns)
        print(f"  {strategy:12} {stats.games / (time.process_time() - start):7.0f} games/s, "
              f"mean {sum(stats.turns) / stats.games:.1f} turns")
    print(f"simulate, one core, {games} campaigns of '{args.scenario}' "
          f"(mean {turns / games:.1f} turns): {games / cpu:.0f} campaigns/s, {turns / cpu:.0f} turns/s, "
          f"= {turns / cpu / 30:.0f} 30-turn campaigns/s (target >= 2,000), every bot but the planner")
    seeds = [f"bench:planner:{i}" for i in range(args.planner_games)]
    start = time.process_time()
    stats, _, _ = play_games(rt, "planner", seeds, args.scenario, difficulty)
    spent = time.process_time() - start
    print(f"planner: {stats.games / spent:.1f} campaigns/s, "
          f"= {sum(stats.turns) / spent / 30:.1f} 30-turn campaigns/s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
