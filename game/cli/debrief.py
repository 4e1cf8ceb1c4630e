"""`honorable-exit debrief SAVE`: the after-action report of a campaign, in Markdown or HTML."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from game.cli.common import Exit, add_content, load_or_report


def register(sub: Any, name: str) -> None:
    """Add the command's parser."""
    parser = sub.add_parser(name, help="write a campaign's after-action report",
                            description="The after-action report of a saved campaign: each decision, what "
                                        "it changed, the advisors and the brief behind it, the decisions "
                                        "that mattered most, the ending and the discussion questions.")
    parser.add_argument("save", metavar="SAVE", help="the save file (verified by replay first)")
    add_output(parser)
    add_content(parser)


def add_output(parser: argparse.ArgumentParser) -> None:
    """--format md|html and --out FILE."""
    parser.add_argument("--format", choices=("md", "html"), default="md", help="Markdown (default) or HTML")
    parser.add_argument("--out", metavar="FILE", default=None, help="write to FILE instead of stdout")


def emit(text: str, out: str | None) -> int:
    """Print the report, or write it atomically to a file and say where it went."""
    if out is None:
        sys.stdout.write(text)
        return Exit.OK
    from game.cli.output import OutputError, write_output

    try:
        path = write_output(out, text.encode())
    except OutputError as exc:
        print(f"honorable-exit: error: {exc}", file=sys.stderr)
        return Exit.USAGE if exc.usage else Exit.INVALID
    print(f"wrote {path}", file=sys.stderr)
    return Exit.OK


def run(args: argparse.Namespace) -> int:
    """Verify the save, then render its report."""
    from game.reports.debrief import render_debrief
    from game.saves import SaveError, load_save

    rt = load_or_report(args)
    if rt is None:
        return Exit.INVALID
    try:
        session = load_save(Path(args.save), rt)
    except SaveError as exc:
        print(f"honorable-exit: error: {exc}", file=sys.stderr)
        return Exit.INVALID
    return emit(render_debrief(session, args.format), args.out)
