"""`honorable-exit class-code`: print a class code that fixes a campaign for a whole class."""

from __future__ import annotations

import argparse
import secrets
import sys
from typing import Any

from game.cli.common import Exit, add_campaign, load_or_report, pick_campaign, usage_error


def register(sub: Any, name: str) -> None:
    """Add the command's parser."""
    parser = sub.add_parser(name, help="make a class code for a shared campaign",
                            description="Print a short class code that fixes the pack version, scenario, "
                                        "difficulty, seed and options; students start it with "
                                        "`honorable-exit play --class-code CODE`.")
    parser.add_argument("--teaching", action="store_true",
                        help="teaching mode: hidden quantities shown, discussion questions asked")
    add_campaign(parser)


def run(args: argparse.Namespace) -> int:
    """Print the code on stdout and what it fixes on stderr."""
    from game.classcode import MAX_SEED, ClassCodeError, encode_class_code

    rt = load_or_report(args)
    if rt is None:
        return Exit.INVALID
    picked = pick_campaign(rt, args)
    if isinstance(picked, str):
        return usage_error(picked)
    scenario, difficulty = picked
    if args.seed is None:
        seed = secrets.randbelow(MAX_SEED + 1)
    elif args.seed.isdigit() and int(args.seed) <= MAX_SEED:
        seed = int(args.seed)
    else:
        return usage_error(f"a class code's --seed is a whole number from 0 to {MAX_SEED}")
    try:
        code = encode_class_code(rt, scenario, difficulty, seed, args.teaching)
    except ClassCodeError as exc:
        print(f"honorable-exit: error: {exc}", file=sys.stderr)
        return Exit.INVALID
    manifest = rt.pack.manifest
    mods = "".join(f" + mod {m.manifest.id} {m.manifest.version}" for m in rt.pack.mods)
    flags = "".join(f" --mod {d}" for d in (args.mods or ()))
    print(code)
    print(f"fixes: pack {manifest.id} {manifest.version}{mods}, scenario {scenario}, "
          f"difficulty {difficulty}, seed {seed}, teaching {'on' if args.teaching else 'off'}",
          file=sys.stderr)
    print(f"students: honorable-exit play --class-code {code}{flags} --player NAME", file=sys.stderr)
    return Exit.OK
