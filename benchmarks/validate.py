"""Benchmark: `honorable-exit validate` on the base pack, whole process (target <= 0.30 s).

Run: python benchmarks/validate.py [--runs N] [--cold]

By default the parse cache (game/content/parsecache.py) is warm, as it is from
the second run on; --cold turns it off (HONORABLE_EXIT_PARSE_CACHE=0), as on a
first run or after every file of the pack has changed.

The game's modules are byte-compiled first, as an installed package is and as
Python does on a first run; where PYTHONDONTWRITEBYTECODE is set (some CI and
container images) Python would otherwise compile every module of the game
from source on every run.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--content", default=str(ROOT / "content"))
    parser.add_argument("--cold", action="store_true", help="with the parse cache off")
    args = parser.parse_args()
    command = [sys.executable, "-m", "game", "validate", "--content", args.content]
    env = {**os.environ, **({"HONORABLE_EXIT_PARSE_CACHE": "0"} if args.cold else {})}
    subprocess.run([sys.executable, "-m", "compileall", "-q", str(ROOT / "game")], check=True)
    subprocess.run(command, capture_output=True, cwd=ROOT, check=False, env=env)  # warm the caches
    times = []
    for _ in range(args.runs):
        start = time.perf_counter()
        done = subprocess.run(command, capture_output=True, cwd=ROOT, check=False, env=env)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            print(done.stderr.decode(), file=sys.stderr)
            return 1
    print(f"validate, whole process, {args.runs} runs, parse cache {'off' if args.cold else 'warm'}: "
          f"median {statistics.median(times):.3f} s, best {min(times):.3f} s (target <= 0.30 s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
