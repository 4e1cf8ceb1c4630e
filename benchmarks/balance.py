"""Balance check for issue 12's targets on fixed seeds: prints the figures and exits 1 if one is missed.

Run: python benchmarks/balance.py [--games N] [--jobs N] [--content DIR]
The targets and the checks live in game/sim/balance.py (the pytest balance
test, tests/sim/test_balance.py, reads the same on 40 games per strategy);
this script runs them at any size, 100 games for the README's figures, and
prints the README's summary table, every run's table and each missed target.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.content.loader import load_runtime  # noqa: E402
from game.sim.balance import check, measure, summary, table  # noqa: E402


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--games", type=int, default=100, help="games per strategy and campaign")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--content", default=str(ROOT / "content"))
    args = parser.parse_args()
    rt = load_runtime(args.content)
    runs = measure(rt, args.games, jobs=args.jobs, content=args.content)
    print(summary(rt, runs))
    print(table(rt, runs))
    missed = check(rt, runs)
    print("\n" + ("\n".join("MISSED " + m for m in missed) if missed else "every target met"))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
