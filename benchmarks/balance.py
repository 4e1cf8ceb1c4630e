"""Balance check for issue 12's targets on fixed seeds: prints the figures and exits 1 if one is missed.

Run: python benchmarks/balance.py [--games N] [--jobs N] [--content DIR]
Kept out of the pytest suite until the content rewrite lands and the pack is
retuned; it fails loudly (exit 1, each missed target named) rather than being
skipped. Targets, for the standard and the classroom scenario at normal:
at least 6 endings each reached by some strategy in >= 5% of its games; the
planner reaches the honorable exit in 40-65%, every fixed line in <= 20%,
random in < 3%; the planner at easy >= 65% and at hard 15-35%; every event
seen and every choice taken in some game; a typical (median) standard
campaign sees <= 60% of the deck and lasts 20-36 turns.
"""

from __future__ import annotations

import argparse
import statistics
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from game.content.loader import load_runtime  # noqa: E402
from game.sim.bots import make_bots  # noqa: E402
from game.sim.runner import SimResult, simulate  # noqa: E402

BEST = "honorable_exit"
SCENARIOS = ("standard", "classroom")


def share(result: SimResult, strategy: str, ending: str = BEST) -> float:
    st = result.strategies[strategy]
    return st.endings.get(ending, 0) / st.games if st.games else 0.0


def check(rt, runs: dict[tuple[str, str], SimResult]) -> list[str]:  # type: ignore[no-untyped-def]
    """The missed targets, each as a line."""
    missed = []
    for sc in SCENARIOS:
        normal = runs[(sc, "normal")]
        common = {e.id for e in rt.pack.endings
                  if any(share(normal, s, e.id) >= 0.05 for s in normal.strategies)}
        if len(common) < 6:
            missed.append(f"{sc}: {len(common)} endings reached by some strategy in >= 5% (want 6)")
        p = share(normal, "planner")
        if not 0.40 <= p <= 0.65:
            missed.append(f"{sc}: planner honorable exit {p:.0%} (want 40-65%)")
        for s in normal.strategies:
            if s not in ("planner", "random") and share(normal, s) > 0.20:
                missed.append(f"{sc}: {s} honorable exit {share(normal, s):.0%} (want <= 20%)")
        if share(normal, "random") >= 0.03:
            missed.append(f"{sc}: random honorable exit {share(normal, 'random'):.0%} (want < 3%)")
        easy, hard = share(runs[(sc, "easy")], "planner"), share(runs[(sc, "hard")], "planner")
        if easy < 0.65:
            missed.append(f"{sc}: planner at easy {easy:.0%} (want >= 65%)")
        if not 0.15 <= hard <= 0.35:
            missed.append(f"{sc}: planner at hard {hard:.0%} (want 15-35%)")
    seen = set().union(*(r.seen_events for r in runs.values()))
    taken = set().union(*(r.taken_choices for r in runs.values()))
    if set(rt.events) - seen:
        missed.append(f"events never seen: {sorted(set(rt.events) - seen)}")
    untaken = {(e.id, c.id) for e in rt.events.values() for c in e.choices} - taken
    if untaken:
        names = ", ".join(f"{e}.{c}" for e, c in sorted(untaken))
        missed.append(f"{len(untaken)} choices never taken: {names}")
    standard = runs[("standard", "normal")]
    decks = [d for st in standard.strategies.values() for d in st.deck_share]
    turns = [t for st in standard.strategies.values() for t in st.turns]
    if statistics.median(decks) > 0.60:
        deck = statistics.median(decks)
        missed.append(f"median standard campaign sees {deck:.0%} of the deck (want <= 60%)")
    if not 20 <= statistics.median(turns) <= 36:
        missed.append(f"median standard campaign {statistics.median(turns)} turns (want 20-36)")
    return missed


def table(rt, runs: dict[tuple[str, str], SimResult]) -> str:  # type: ignore[no-untyped-def]
    """Each strategy's share of each ending, per scenario and difficulty."""
    endings = [e.id for e in rt.pack.endings]
    lines = []
    for (sc, diff), result in runs.items():
        lines.append(f"\n{sc} ({diff}), {result.games} games")
        lines.append("| strategy | " + " | ".join(endings) + " |")
        lines.append("|---" * (len(endings) + 1) + "|")
        for sid in result.strategies:
            lines.append(f"| {sid} | " + " | ".join(f"{share(result, sid, e):.0%}" for e in endings) + " |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--games", type=int, default=100, help="games per strategy and campaign")
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument("--content", default=str(ROOT / "content"))
    args = parser.parse_args()
    rt = load_runtime(args.content)
    bots = list(make_bots(rt))
    runs = {}
    for sc in SCENARIOS:
        for diff in ("normal", "easy", "hard"):
            strategies = bots if diff == "normal" else ["planner"]
            runs[(sc, diff)] = simulate(rt, strategies, args.games, "balance", sc, diff, args.jobs,
                                        args.content)
    print(table(rt, runs))
    missed = check(rt, runs)
    print("\n" + ("\n".join("MISSED " + m for m in missed) if missed else "every target met"))
    return 1 if missed else 0


if __name__ == "__main__":
    sys.exit(main())
