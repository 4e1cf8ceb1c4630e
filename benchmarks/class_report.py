"""Benchmark: `honorable-exit class-report` on 200 verified saves; prints the seconds it took.

Run: python benchmarks/class_report.py [--saves 200] [--content DIR]
Creates the saves (bots playing one class code, each autosaving every turn and
keeping its last five) in a temporary folder, then times the command end to
end in a subprocess, start-up included. The target is under 10 seconds.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from game.classcode import class_session, encode_class_code  # noqa: E402
from game.content.loader import load_runtime  # noqa: E402
from game.engine.rng import Rng  # noqa: E402
from game.saves import autosave, save_files  # noqa: E402
from game.sim.bots import make_bots  # noqa: E402

TARGET = 10.0


def make_saves(content: Path, folder: Path, wanted: int) -> tuple[str, int]:
    """Campaigns until the folder holds ``wanted`` save files; (class code, campaigns)."""
    rt = load_runtime(content)
    scenario = rt.pack.scenarios[0]
    code = encode_class_code(rt, scenario.id, scenario.default_difficulty or rt.pack.difficulties[0].id, 2018)
    bots = list(make_bots(rt).values())
    campaigns = 0
    while len(save_files(folder)) < wanted:
        session = class_session(rt, code, f"student{campaigns:03d}")
        bot = bots[campaigns % len(bots)]
        while not session.finished and len(save_files(folder)) < wanted:
            session.play(bot.decide(session.state, Rng(str(campaigns), session.state.turn, "bench")))
            autosave(session, folder)
        campaigns += 1
    return code, campaigns


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--saves", type=int, default=200, help="save files to report on (default 200)")
    parser.add_argument("--content", type=Path, default=ROOT / "tests" / "fixtures" / "packs" / "starter",
                        help="pack folder (default: the starter pack)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        code, campaigns = make_saves(args.content, folder, args.saves)
        command = [sys.executable, "-m", "game", "class-report", str(folder), "--content", str(args.content),
                   "--format", "html", "--out", str(folder / "report.html")]
        start = time.perf_counter()
        result = subprocess.run(command, capture_output=True, text=True, cwd=ROOT)
        seconds = time.perf_counter() - start
    if result.returncode != 0:
        print(result.stderr, file=sys.stderr)
        return 1
    verdict = "ok" if seconds < TARGET else "TOO SLOW"
    print(f"class-report: {args.saves} saves ({campaigns} campaigns, class code {code}) in {seconds:.2f} s "
          f"(target < {TARGET:.0f} s): {verdict}")
    print(result.stderr.strip().splitlines()[-1])
    return 0 if seconds < TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
