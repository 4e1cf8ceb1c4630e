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
                                        "a quantity's range; with --simulate N, also cards never seen, "
                                        "choices never taken and endings never reached. Suppress a finding "
                                        "with '# lint: ignore[code]' on its line.")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="text (default) or JSON")
    parser.add_argument("--strict", action="store_true", help="exit 1 on warnings too")
    parser.add_argument("--simulate", type=int, metavar="N", default=0,
                        help="also play N campaigns per bot strategy and report what they never reach")
    add_content(parser)


_NEVER = (("events_never_seen", "event-never-seen", "events", "card '{}' was never seen"),
          ("choices_never_taken", "choice-never-taken", "events", "choice '{}' was never taken"),
          ("endings_never_reached", "ending-never-reached", "endings", "ending '{}' was never reached"))


def _simulated(pack: Any, rt: Any, games: int) -> list[Any]:
    """What no bot strategy met in any scenario, as warnings placed at the item."""
    from game.content.diagnostics import Diagnostic
    from game.fast.backends import resolve
    from game.sim.runner import simulate

    strategies = ["random", *(s.id for s in pack.strategies)]
    never: dict[str, set[str]] = {}
    for sc in pack.scenarios:
        difficulty = sc.default_difficulty or pack.difficulties[0].id
        data = simulate(rt, strategies, games, "lint", sc.id, difficulty,
                        backend=resolve("auto")).to_json(rt)  # the same campaigns as the rules engine
        data["endings_never_reached"] = [e for e, n in data["endings"].items() if not n]
        for key, *_ in _NEVER:
            found = set(data[key])
            never[key] = never[key] & found if key in never else found
    out = []
    for key, code, section, text in _NEVER:
        for item in sorted(never[key]):
            where = pack.where.get((section, item.split(".")[0]))
            pos = where.doc.pos(where.path) if where else None
            file = where.doc.file if where else f"{pack.root.name}/pack.yaml"
            out.append(Diagnostic(file, pos.line if pos else 1, pos.column if pos else 1, code,
                                  text.format(item) + f" in {games} campaigns per strategy and scenario",
                                  None, "warning"))
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
