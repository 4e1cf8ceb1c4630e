"""Issue 12's balance targets, measured on fixed seeds: the runs, the checks and the table.

For the standard and the classroom scenario, at normal difficulty: at least
six endings each reached by some strategy in >= 5% of its games; the planner
reaches the honorable exit in 40-65% of games, every fixed line (each advisor
follower, each of the pack's lines, the history bot) in <= 20%, random play in
< 3%; the planner at easy >= 65% and at hard 15-35%. Over every run: each event
seen and each choice taken in some game. In the standard scenario the median
campaign (over all strategies) sees <= 60% of the deck and lasts 20-36 turns.
``benchmarks/balance.py`` and ``tests/sim/test_balance.py`` both read this.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from game.engine.runtime import Runtime
from game.sim.bots import make_bots
from game.sim.runner import SimResult, simulate

BEST = "honorable_exit"
SCENARIOS = ("standard", "classroom")
DIFFICULTIES = ("normal", "easy", "hard")
SEED = "balance"


@dataclass(frozen=True)
class Targets:
    """The numbers issue 12 sets."""

    endings: int = 6  # endings each reached by some strategy in >= common of its games
    common: float = 0.05
    planner: tuple[float, float] = (0.40, 0.65)
    easy: float = 0.65
    hard: tuple[float, float] = (0.15, 0.35)
    fixed: float = 0.20
    random: float = 0.03  # random play strictly below this
    deck: float = 0.60
    turns: tuple[int, int] = (20, 36)


TARGETS = Targets()
Runs = dict[tuple[str, str], SimResult]


def share(result: SimResult, strategy: str, ending: str = BEST) -> float:
    """The share of a strategy's games that ended in ``ending``."""
    st = result.strategies[strategy]
    return st.endings.get(ending, 0) / st.games if st.games else 0.0


def measure(rt: Runtime, games: int, seed: str = SEED, jobs: int = 1, content: str | None = None) -> Runs:
    """Every strategy at normal and the planner at easy and hard, in both scenarios, on fixed seeds."""
    bots = list(make_bots(rt))
    runs: Runs = {}
    for sc in SCENARIOS:
        for diff in DIFFICULTIES:
            strategies = bots if diff == "normal" else ["planner"]
            runs[(sc, diff)] = simulate(rt, strategies, games, seed, sc, diff, jobs, content)
    return runs


def common_endings(rt: Runtime, result: SimResult, t: Targets = TARGETS) -> set[str]:
    """The endings some strategy reaches in at least ``t.common`` of its games."""
    return {e.id for e in rt.pack.endings
            if any(share(result, s, e.id) >= t.common for s in result.strategies)}


def check_scenario(rt: Runtime, runs: Runs, sc: str, t: Targets = TARGETS) -> list[str]:
    """The missed targets of one scenario: endings in play, the planner, fixed lines, random, difficulty."""
    missed = []
    normal = runs[(sc, "normal")]
    common = common_endings(rt, normal, t)
    if len(common) < t.endings:
        missed.append(f"{sc}: {len(common)} endings reached by some strategy in >= {t.common:.0%} "
                      f"(want {t.endings})")
    p = share(normal, "planner")
    if not t.planner[0] <= p <= t.planner[1]:
        missed.append(f"{sc}: planner honorable exit {p:.0%} (want {t.planner[0]:.0%}-{t.planner[1]:.0%})")
    for s in normal.strategies:
        if s not in ("planner", "random") and share(normal, s) > t.fixed:
            missed.append(f"{sc}: {s} honorable exit {share(normal, s):.0%} (want <= {t.fixed:.0%})")
    if share(normal, "random") >= t.random:
        missed.append(f"{sc}: random honorable exit {share(normal, 'random'):.0%} (want < {t.random:.0%})")
    easy, hard = share(runs[(sc, "easy")], "planner"), share(runs[(sc, "hard")], "planner")
    if easy < t.easy:
        missed.append(f"{sc}: planner at easy {easy:.0%} (want >= {t.easy:.0%})")
    if not t.hard[0] <= hard <= t.hard[1]:
        missed.append(f"{sc}: planner at hard {hard:.0%} (want {t.hard[0]:.0%}-{t.hard[1]:.0%})")
    return missed


def check_coverage(rt: Runtime, runs: Runs) -> list[str]:
    """Events never seen and choices never taken over every run."""
    missed = []
    seen = set().union(*(r.seen_events for r in runs.values()))
    taken = set().union(*(r.taken_choices for r in runs.values()))
    if set(rt.events) - seen:
        missed.append(f"events never seen: {sorted(set(rt.events) - seen)}")
    untaken = {(e.id, c.id) for e in rt.events.values() for c in e.choices} - taken
    if untaken:
        names = ", ".join(f"{e}.{c}" for e, c in sorted(untaken))
        missed.append(f"{len(untaken)} choices never taken: {names}")
    return missed


def check_campaigns(runs: Runs, t: Targets = TARGETS) -> list[str]:
    """The typical standard campaign: the share of the deck it sees and its length."""
    standard = runs[("standard", "normal")]
    decks = [d for st in standard.strategies.values() for d in st.deck_share]
    turns = [n for st in standard.strategies.values() for n in st.turns]
    missed = []
    if statistics.median(decks) > t.deck:
        missed.append(f"median standard campaign sees {statistics.median(decks):.0%} of the deck "
                      f"(want <= {t.deck:.0%})")
    if not t.turns[0] <= statistics.median(turns) <= t.turns[1]:
        missed.append(f"median standard campaign {statistics.median(turns)} turns "
                      f"(want {t.turns[0]}-{t.turns[1]})")
    return missed


def check(rt: Runtime, runs: Runs, t: Targets = TARGETS) -> list[str]:
    """Every missed target, each as a line naming it and the figure measured."""
    out = [m for sc in SCENARIOS for m in check_scenario(rt, runs, sc, t)]
    return out + check_coverage(rt, runs) + check_campaigns(runs, t)


def table(rt: Runtime, runs: Runs) -> str:
    """Each strategy's share of each ending, per scenario and difficulty (Markdown)."""
    endings = [e.id for e in rt.pack.endings]
    lines = []
    for (sc, diff), result in runs.items():
        lines.append(f"\n{sc} ({diff}), {result.games} games")
        lines.append("| strategy | " + " | ".join(endings) + " |")
        lines.append("|---" * (len(endings) + 1) + "|")
        for sid in result.strategies:
            lines.append(f"| {sid} | " + " | ".join(f"{share(result, sid, e):.0%}" for e in endings) + " |")
    return "\n".join(lines)


def summary(rt: Runtime, runs: Runs) -> str:
    """The README's table: honorable exits per scenario (planner by difficulty, best fixed line, random)."""
    rows = ["| scenario | planner (easy / normal / hard) | best fixed line (normal) | random | "
            "endings ≥ 5% for some bot |", "|---|---|---|---|---|"]
    for sc in SCENARIOS:
        normal = runs[(sc, "normal")]
        planner = " / ".join(f"{share(runs[(sc, d)], 'planner'):.0%}" for d in ("easy", "normal", "hard"))
        fixed = [s for s in normal.strategies if s not in ("planner", "random")]
        best = max(fixed, key=lambda s: share(normal, s))
        rows.append(f"| {sc} | {planner} | {best} {share(normal, best):.0%} | "
                    f"{share(normal, 'random'):.0%} | {len(common_endings(rt, normal))} |")
    return "\n".join(rows)
