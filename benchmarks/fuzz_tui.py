"""Soak: thousands of seeded random keys and resizes from every screen of the Textual app.

Run: python benchmarks/fuzz_tui.py [--keys 5000] [--seeds 1,2,3] [-k SCREEN]
The CI suite sends a few hundred keys per screen (tests/tui/test_fuzz.py); this runs the same
test with many more, and prints the time it took. A failure names the screen, the seed and the
last keys sent, and the crash report the app wrote.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--keys", type=int, default=5000, help="keys per screen and seed (default 5000)")
    parser.add_argument("--seeds", default="1,2,3", help="comma-separated seeds (default 1,2,3)")
    parser.add_argument("-k", dest="select", default=None, help="only the screens matching (pytest -k)")
    args = parser.parse_args()
    env = {**os.environ, "HONORABLE_EXIT_FUZZ_KEYS": str(args.keys), "HONORABLE_EXIT_FUZZ_SEEDS": args.seeds}
    command = [sys.executable, "-m", "pytest", "-q", str(ROOT / "tests" / "tui" / "test_fuzz.py")]
    if args.select:
        command += ["-k", args.select]
    start = time.perf_counter()
    code = subprocess.call(command, cwd=ROOT, env=env)
    seconds = time.perf_counter() - start
    print(f"{args.keys} keys per screen, seeds {args.seeds}: {'ok' if code == 0 else 'FAILED'} "
          f"in {seconds:.0f} s")
    return code


if __name__ == "__main__":
    raise SystemExit(main())
