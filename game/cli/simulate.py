"""`honorable-exit simulate`: many headless campaigns by bot strategies."""

from __future__ import annotations

import argparse
import json
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
    add_campaign(parser)


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
    picked = pick_campaign(rt, args)
    if isinstance(picked, str):
        return usage_error(picked)
    scenario, difficulty = picked
    bots = list(make_bots(rt))
    if args.strategy == "all":
        strategies = bots
    elif args.strategy in bots:
        strategies = [args.strategy]
    else:
        return usage_error(f"unknown strategy '{args.strategy}' (choose from: all, {', '.join(bots)})")
    seed = args.seed if args.seed is not None else "1"
    result = simulate(rt, strategies, args.games, seed, scenario, difficulty, args.jobs, content_dir(args),
                      mod_dirs(args))
    data = result.to_json(rt)
    if args.format == "json":
        print(json.dumps(data, indent=2))
    else:
        print(render_text(data, scenario, difficulty))
    return Exit.OK


def render_text(data: dict[str, Any], scenario: str, difficulty: str) -> str:
    """The simulation report as text tables."""
    lines = [f"{data['games']} games of '{scenario}' ({difficulty}) in {data['seconds']:.2f} s: "
             f"{data['games_per_second']} games/s", ""]
    endings = list(data["endings"])
    width = max(len(e) for e in endings) + 2
    header = "strategy".ljust(14) + "".join(e[:width - 1].rjust(width) for e in endings) + "  mean turns"
    lines.append(header)
    for sid, st in data["strategies"].items():
        row = sid.ljust(14)
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
    never = data["events_never_seen"]
    lines.append(f"events never seen: {len(never)}" + (": " + ", ".join(never) if never else ""))
    untaken = data["choices_never_taken"]
    lines.append(f"choices never taken: {len(untaken)}" + (": " + ", ".join(untaken) if untaken else ""))
    return "\n".join(lines)
