"""`honorable-exit handout`: a printable pre-game sheet generated from the pack, for one class if asked."""

from __future__ import annotations

import argparse
from typing import Any

from game.cli.common import Exit, add_content, load_or_report, pick_campaign, usage_error
from game.cli.debrief import add_output, emit


def register(sub: Any, name: str) -> None:
    """Add the command's parser."""
    parser = sub.add_parser(name, help="write the pre-game handout for a class",
                            description="A printable sheet from the pack: the actors by tier, the standing "
                                        "policies and what each level costs a month, the quantities and "
                                        "what they mean, the advisors, scenarios and endings, a glossary, "
                                        "and the source with a map of its paragraph ids. With a class code "
                                        "(or --scenario/--difficulty) the thresholds are given as that "
                                        "class's numbers; without, at every difficulty.")
    parser.add_argument("--class-code", metavar="CODE", default=None,
                        help="the handout of this class: its scenario, difficulty and teaching mode")
    parser.add_argument("--scenario", default=None, help="scenario id (without a class code)")
    parser.add_argument("--difficulty", default=None, help="difficulty id (without a class code)")
    add_output(parser)
    add_content(parser)


def _for_class(rt: Any, args: argparse.Namespace) -> Any:
    """Whom the handout is for, or a usage error's message."""
    from game.classcode import refusal
    from game.reports.handout_class import ForClass

    if args.class_code:
        fixed = [f"--{n}" for n in ("scenario", "difficulty") if getattr(args, n) is not None]
        if fixed:
            return f"a class code fixes the campaign: drop {', '.join(fixed)}"
        settings = refusal(rt, args.class_code)
        if isinstance(settings, str):
            return settings
        return ForClass(settings.scenario, settings.difficulty, settings.code, settings.seed,
                        settings.teaching)
    if args.scenario is None and args.difficulty is None:
        return ForClass()
    picked = pick_campaign(rt, args)
    if isinstance(picked, str):
        return picked
    return ForClass(picked[0] if args.scenario else None, picked[1])


def run(args: argparse.Namespace) -> int:
    """Render the handout."""
    from game.reports.handout import render_handout

    rt = load_or_report(args)
    if rt is None:
        return Exit.INVALID
    who = _for_class(rt, args)
    if isinstance(who, str):
        return usage_error(who)
    return emit(render_handout(rt, args.format, who), args.out)
