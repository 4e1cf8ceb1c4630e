"""Measure: how much a student reads in a campaign, per scenario (for lesson plans).

Run: python benchmarks/reading.py [--games N] [--content DIR] [--wpm W]
Plays each scenario with every bot strategy and counts the words of what a campaign puts
on the desk: each card's text, its choices (label and outcome) and its advisors' comments.
The situation reports and help are not counted. Prints the median, lowest and highest word
count, the cards met, and the reading time at W words a minute (default 200, a careful
reader of unfamiliar material).
"""

from __future__ import annotations

import argparse
import re
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.content.loader import load_runtime  # noqa: E402
from game.engine.rng import Rng  # noqa: E402
from game.session import Session  # noqa: E402
from game.sim.bots import make_bots  # noqa: E402

WORD = re.compile(r"[\w'’-]+")


def words(text: str | None) -> int:
    return len(WORD.findall(text or ""))


def card_words(rt, card: str) -> int:  # type: ignore[no-untyped-def]
    ev = rt.pack.get("events", card)
    total = words(ev.text) + sum(words(c.label) + words(c.outcome) for c in ev.choices)
    return total + sum(words(a if isinstance(a, str) else a.says) for a in ev.advice.values())


def campaign(rt, scenario: str, bot, seed: str) -> tuple[int, int]:  # type: ignore[no-untyped-def]
    session = Session.new(rt, scenario, "normal", seed, {})
    read = met = 0
    while not session.finished:
        for card in session.state.cards:
            read += card_words(rt, card)
            met += 1
        session.play(bot.decide(session.state, Rng(seed, session.state.turn, "reading")))
    return read, met


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--games", type=int, default=20, help="games per strategy and scenario")
    parser.add_argument("--content", default=str(ROOT / "content"))
    parser.add_argument("--wpm", type=int, default=200, help="reading speed, words a minute")
    args = parser.parse_args()
    rt = load_runtime(args.content)
    bots = list(make_bots(rt).values())
    for sc in rt.pack.scenarios:
        runs = [campaign(rt, sc.id, b, f"read{i}") for b in bots for i in range(args.games)]
        totals = [r for r, _ in runs]
        median = statistics.median(totals)
        print(f"{sc.id} ({sc.turns} months): median {median:,.0f} words (lowest {min(totals):,}, highest "
              f"{max(totals):,}), {statistics.median([m for _, m in runs]):.0f} cards met; "
              f"about {median / args.wpm:.0f} minutes of reading at {args.wpm} words a minute")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
