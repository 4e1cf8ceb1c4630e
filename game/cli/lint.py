"""`honorable-exit lint`: what validates but is probably a mistake, with stable codes and severities."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any

from game.cli.common import Exit, add_content, content_dir, mod_dirs


def register(sub: Any, name: str) -> None:
    """Add the command's parser."""
    parser = sub.add_parser(name, help="lint a content pack",
                            description="Validate the pack, then report what is probably a mistake: flags "
                                        "never read, set or used, choices with no effect, follow-ups never "
                                        "scheduled, conditions that can never hold, cards outside every "
                                        "scenario, shadowed endings, equal priorities, changes far outside "
                                        "a quantity's range, cards whose choices can all be closed; with "
                                        "--simulate N, also cards never seen, choices never taken and "
                                        "endings never reached by any of the bot strategies simulate plays. "
                                        "With "
                                        "--mod, findings on the base pack's own items are notes, not "
                                        "warnings, so --strict judges the mod. Suppress a finding with "
                                        "'# lint: ignore[code]' on its line.")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="text (default) or JSON")
    parser.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    parser.add_argument("--simulate", type=int, metavar="N", default=0,
                        help="also play N campaigns per scenario (at its default difficulty) with each "
                             "bot strategy simulate plays (random, the pack's lines, one follower per "
                             "advisor, history, planner) and report what none of them reaches")
    add_content(parser)


_NEVER = (("events_never_seen", "event-never-seen", "events", "card '{}' was never seen"),
          ("choices_never_taken", "choice-never-taken", "events", "choice '{}' was never taken"),
          ("endings_never_reached", "ending-never-reached", "endings", "ending '{}' was never reached"))


def _simulated(pack: Any, rt: Any, games: int) -> list[Any]:
    """What no bot strategy met in any scenario, as warnings placed at the item."""
    from game.cli.lint_simulate import unmet_after
    from game.content.diagnostics import Diagnostic
    from game.sim.runner import bots_for

    strategies = list(bots_for(rt))  # every strategy `simulate` plays
    print(f"lint --simulate: {games} campaign(s) per scenario by each of {len(strategies)} bot strategies: "
          f"{', '.join(strategies)}", file=sys.stderr)
    never = unmet_after(pack, rt, games, strategies)
    out = []
    for key, code, section, text in _NEVER:
        for item in sorted(never[key]):
            where = pack.where.get((section, item.split(".")[0]))
            pos = where.doc.pos(where.path) if where else None
            file = where.doc.file if where else f"{pack.root.name}/pack.yaml"
            out.append(Diagnostic(file, pos.line if pos else 1, pos.column if pos else 1, code,
                                  text.format(item) + f" by any of the {len(strategies)} bot strategies "
                                  f"in {games} campaign(s) each per scenario",
                                  None, "warning"))
    return out


def _judge_mods(pack: Any, found: list[Any]) -> list[Any]:
    """With mods: a warning on the base pack's own items (not in a mod's files) becomes a note, so that
    ``--strict`` judges the mods; say how many on stderr."""
    from dataclasses import replace

    roots = [mod.root.resolve() for mod in pack.mods]
    out, demoted = [], 0
    for d in found:
        if d.severity == "warning" and not any(Path(d.file).resolve().is_relative_to(r) for r in roots):
            d = replace(d, severity="note", message=f"{d.message} (an item of the pack the mods extend)")
            demoted += 1
        out.append(d)
    if demoted:
        print(f"lint --mod: {demoted} finding(s) on the base pack's own items are notes, not warnings "
              "(--strict judges the mods' items)", file=sys.stderr)
    return out


def run(args: argparse.Namespace) -> int:
    """Validate, lint, report; exit 1 on errors (or on warnings with --strict)."""
    from game.content.compile import compile_with_scope
    from game.content.diagnostics import sort_key
    from game.content.lint import lint_pack
    from game.content.loader import read_pack, summarise_follow_ons

    root = Path(content_dir(args))
    pack, errors = read_pack(root, mod_dirs(args))
    rt = scope = None
    if pack is not None and not errors:
        rt, errors, scope = compile_with_scope(pack)
        errors = summarise_follow_ons(pack, errors)
    found = list(errors)
    if pack is not None and not errors:
        found += lint_pack(pack, scope, rt)
        if args.simulate > 0:
            found += _simulated(pack, rt, args.simulate)
        if pack.mods:
            found = _judge_mods(pack, found)
    found.sort(key=sort_key)
    failing = [d for d in found if d.severity == "error" or (args.strict and d.severity == "warning")]
    if args.format == "json":
        print(json.dumps({"ok": not failing, "diagnostics": [d.to_json() for d in found]}, indent=1))
    else:
        for d in found:
            print(d.render())
        counts = {s: sum(1 for d in found if d.severity == s) for s in ("error", "warning", "note")}
        print(f"{counts['error']} error(s), {counts['warning']} warning(s), {counts['note']} note(s)",
              file=sys.stderr)
    return Exit.INVALID if failing else Exit.OK
