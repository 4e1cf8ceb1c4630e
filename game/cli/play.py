"""`honorable-exit play`: start a campaign in the Textual app, or line by line with --plain."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from game.cli.common import Exit, add_campaign, load_or_report, pick_campaign, usage_error


def register(sub: Any, name: str) -> None:
    """Add the command's parser."""
    parser = sub.add_parser(name, help="play a campaign (the default command)",
                            description="Play a campaign: the Textual app, or --plain for a "
                                        "line-by-line mode on stdin/stdout.")
    parser.add_argument("--plain", action="store_true",
                        help="line-by-line text mode (screen readers, scripts, slow links)")
    parser.add_argument("--teaching", action="store_true",
                        help="teaching mode: show hidden quantities and discussion questions")
    parser.add_argument("--saves-dir", metavar="DIR", default=None,
                        help="folder for autosaves and named saves (default: saves/)")
    parser.add_argument("--class-code", metavar="CODE", default=None,
                        help="start the campaign a class code fixes")
    add_campaign(parser)


def run(args: argparse.Namespace) -> int:
    """Start the chosen front end."""
    if args.plain or not sys.stdin.isatty() or not sys.stdout.isatty():
        return run_plain(args)
    from game.tui.launch import launch  # the only import of Textual, and only here

    return int(launch(args))


def run_plain(args: argparse.Namespace) -> int:
    """Play in the plain-text mode."""
    from game.plain import Plain
    from game.session import Session

    rt = load_or_report(args)
    if rt is None:
        return Exit.INVALID
    picked = pick_campaign(rt, args)
    if isinstance(picked, str):
        return usage_error(picked)
    scenario, difficulty = picked
    session = Session.new(rt, scenario, difficulty, args.seed, {"teaching": bool(args.teaching)})
    return Plain(session, sys.stdin, sys.stdout).run()
