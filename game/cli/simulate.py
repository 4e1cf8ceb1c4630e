"""`honorable-exit simulate`: many headless campaigns by bot strategies."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Any

from game.cli.common import (
    Exit,
    add_campaign,
    content_dir,
    load_or_report,
    mod_dirs,
    pick_campaign,
    usage_error,
)


def register(sub: Any, name: str) -> None:
    """Add the command's parser."""
    parser = sub.add_parser(name, help="play many campaigns with bots",
                            description="Play many full campaigns headlessly with bot strategies and "
                                        "report endings, lengths, meter ranges and coverage.")
    parser.add_argument("--games", type=int, default=200, help="games per strategy (default 200)")
    parser.add_argument("--strategy", default="all", help="a strategy id, or 'all' (default)")
    parser.add_argument("--jobs", type=int, default=1, help="worker processes (default 1)")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")
    parser.add_argument("--backend", choices=("auto", "python", "native", "reference"), default="auto",
                        help="the engine that plays: python (the flat engine), native (the compiled "
                             "kernel, when built), auto (native if built, else python; default), or "
                             "reference (the rules engine itself); the same campaigns on every one")
    parser.add_argument("--fail-on", default="", metavar="LIST",
                        help="exit 1 if any of these lists is not empty: unseen (events), untaken "
                             "(choices), unreached (endings); comma-separated")
    add_campaign(parser)
    parser.epilog = "--scenario all and --difficulty all play every scenario and difficulty, a table each."


def run(args: argparse.Namespace) -> int:
    """Simulate and print the report."""
    from game.sim.bots import make_bots
    from game.sim.runner import simulate

    if args.games < 1:
        return usage_error("--games must be at least 1")
    if args.jobs < 1:
        return usage_error("--jobs must be at least 1")
    rt = load_or_report(args)
    if rt is None:
        return Exit.INVALID
    fail_on = [f for f in args.fail_on.split(",") if f]
    wrong = [f for f in fail_on if f not in FAIL_ON]
    if wrong:
        return usage_error(f"unknown --fail-on '{wrong[0]}' (choose from: {', '.join(FAIL_ON)})")
    combos = campaigns(rt, args)
    if isinstance(combos, str):
        return usage_error(combos)
    bots = list(make_bots(rt))
    if args.strategy == "all":
        strategies = bots
    elif args.strategy in bots:
        strategies = [args.strategy]
    else:
        return usage_error(f"unknown strategy '{args.strategy}' (choose from: all, {', '.join(bots)})")
    seed = args.seed if args.seed is not None else "1"
    backend = pick_backend(args.backend)
    if backend is None:
        return Exit.USAGE
    results = {combo: simulate(rt, strategies, args.games, seed, *combo, args.jobs, content_dir(args),
                               mod_dirs(args), backend=backend)
               for combo in combos}
    data = merge_results(rt, results)
    workers = [n for result in results.values() for n in result.worker_notes]
    for note in run_notes(rt, data, workers):
        print(f"honorable-exit: note: {note}", file=sys.stderr)
    if args.format == "json":
        print(json.dumps(data, indent=2))
    else:
        print("\n\n".join(render_text(part, sc, diff) for sc, by in data["by_scenario"].items()
                           for diff, part in by.items()))
        if len(results) > 1:
            print("\n" + render_coverage(data, "all scenarios and difficulties"))
    return 1 if any(data[FAIL_ON[f]] for f in fail_on) else Exit.OK


def run_notes(rt: Any, data: dict[str, Any], workers: list[str] | None = None) -> list[str]:
    """The compiled pack's notes, those made while playing too (a cached function whose code did not
    match its seal, built again), and each kind of batch the native kernel declined; then what the
    worker processes noted (``--jobs``) and the parse cache's notes: each once, and none that this
    process said already (its native kernel's notes, said when the backend was picked)."""
    from game.sim.notes import runtime_notes

    notes = runtime_notes(rt)
    if rt.extra.get("fast") is None:  # the reference backend: no compiled pack here
        notes = [*data.get("compiled_notes", []), *notes]
    native = sys.modules.get("game.fast.native")
    said = {f"native kernel: {note}" for note in native.notes()} if native is not None else set()
    parsecache = sys.modules.get("game.content.parsecache")  # a worker's copy and ours said once
    cache = parsecache.take_notes() if parsecache is not None else []
    return [n for n in dict.fromkeys([*notes, *(workers or ()), *cache]) if n not in said]


def pick_backend(choice: str) -> str | None:
    """The backend to play on, or None after saying why the one asked for is not here."""
    from game.fast.backends import BackendUnavailable, resolve

    if choice == "reference":
        return choice
    try:
        backend = resolve(choice)
    except BackendUnavailable as exc:
        native_notes(choice)
        usage_error(f"{exc}{native_why()}")
        return None
    native_notes(choice)
    if choice == "auto" and backend != "native":  # the fallback is said, not silent
        print(f"honorable-exit: note: playing on the python backend{native_why()}", file=sys.stderr)
    return backend


def native_notes(choice: str) -> None:
    """Print what loading the native kernel noted (a kept kernel refused, and why) where it was asked
    for (auto, native): one line each on stderr, as the compiled pack's notes."""
    if choice not in ("auto", "native"):
        return
    from game.fast import native

    for note in native.notes():
        print(f"honorable-exit: note: native kernel: {note}", file=sys.stderr)


def native_why() -> str:
    """Why the native kernel is not here (no compiler, a failed build), as a clause; or nothing."""
    from game.fast import native

    why = native.reason()
    return f" (native kernel: {why})" if why else ""


FAIL_ON = {"unseen": "events_never_seen", "untaken": "choices_never_taken",
           "unreached": "endings_never_reached"}


def campaigns(rt: Any, args: argparse.Namespace) -> list[tuple[str, str]] | str:
    """The (scenario, difficulty) pairs to play: one, or every one where 'all' is given."""
    scenarios = [s.id for s in rt.pack.scenarios] if args.scenario == "all" else [args.scenario]
    combos = []
    for scenario in scenarios:
        difficulty = None if args.difficulty == "all" else args.difficulty
        one = argparse.Namespace(scenario=scenario, difficulty=difficulty)
        picked = pick_campaign(rt, one)
        if isinstance(picked, str):
            return picked
        difficulties = [d.id for d in rt.pack.difficulties] if args.difficulty == "all" else [picked[1]]
        combos += [(picked[0], d) for d in difficulties]
    return combos


def merge_results(rt: Any, results: dict[tuple[str, str], Any]) -> dict[str, Any]:
    """The JSON report: the whole run at the top level, and each scenario and difficulty under by_scenario."""
    from game.sim.runner import SimResult

    first = next(iter(results.values()), None)
    total = SimResult(0, 0.0, {}, set(), set())
    if first is not None:
        total.backend, total.compiled, total.notes, total.engines = \
            first.backend, first.compiled, first.notes, first.engines
    by: dict[str, dict[str, Any]] = {}
    for (scenario, difficulty), result in results.items():
        by.setdefault(scenario, {})[difficulty] = result.to_json(rt)
        total.games += result.games
        total.seconds += result.seconds
        total.seen_events |= result.seen_events
        total.taken_choices |= result.taken_choices
        for sid, st in result.strategies.items():
            total.strategies.setdefault(sid, type(st)()).merge(st)
    data = total.to_json(rt)
    data["by_scenario"] = by
    return data

def render_text(data: dict[str, Any], scenario: str, difficulty: str) -> str:
    """The simulation report as text tables."""
    engine = f"backend {data.get('backend', 'reference')}"
    if data.get("compiled"):
        engine += f", compiled pack {data['compiled']}"
    if data.get("engines"):
        engine += "; " + ", ".join(f"{s} on the {e} engine" for s, e in data["engines"].items())
    lines = [f"{data['games']} games of '{scenario}' ({difficulty}) in {data['seconds']:.2f} s: "
             f"{data['games_per_second']} games/s ({engine})", ""]
    endings = list(data["endings"])
    width = max(len(e) for e in endings) + 2
    name = max(len(sid) for sid in data["strategies"]) + 2
    header = "strategy".ljust(name) + "".join(e[:width - 1].rjust(width) for e in endings) + "  mean turns"
    lines.append(header)
    for sid, st in data["strategies"].items():
        row = sid.ljust(name)
        for e in endings:
            share = 100 * st["endings"][e] / st["games"]
            row += f"{share:.0f}%".rjust(width)
        lines.append(row + f"  {st['mean_turns']:.1f}")
    lines.append("")
    lines.append("final meter ranges (all strategies):")
    ranges: dict[str, list[int]] = {}
    for st in data["strategies"].values():
        for q, (lo, hi) in st["meter_ranges"].items():
            cur = ranges.setdefault(q, [lo, hi])
            cur[0], cur[1] = min(cur[0], lo), max(cur[1], hi)
    lines += [f"  {q:22} {lo:5} .. {hi:4}" for q, (lo, hi) in ranges.items()]
    lines.append("")
    lines.append(render_coverage(data, "these games"))
    return "\n".join(lines)


def render_coverage(data: dict[str, Any], over: str) -> str:
    """What no game saw, took or reached, and the clauses that most often kept the best endings away."""
    lines = [f"coverage over {over}:"]
    for key, label in (("events_never_seen", "events never seen"),
                       ("choices_never_taken", "choices never taken"),
                       ("endings_never_reached", "endings never reached")):
        never = data[key]
        lines.append(f"  {label}: {len(never)}" + (": " + ", ".join(never) if never else ""))
    rare = sorted((share, card) for card, share in data["card_seen_share"].items())[:5]
    lines.append("  rarest cards (share of campaigns): " + ", ".join(f"{c} {100 * s:.0f}%" for s, c in rare))
    for ending, clauses in data["ending_failed_clauses"].items():
        top = "; ".join(f"{c['clause']} ({100 * c['campaigns'] / c['of']:.0f}%)" for c in clauses[:3])
        lines.append(f"  missed {ending}, most often failing (of a sample of {clauses[0]['of']}): {top}")
    return "\n".join(lines)
