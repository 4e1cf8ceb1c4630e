"""`honorable-exit class-report SAVE_OR_DIR...`: verify a class's saves and report what they add up to."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from game.cli.common import Exit, add_content, load_or_report, usage_error
from game.cli.debrief import add_output, emit


def register(sub: Any, name: str) -> None:
    """Add the command's parser."""
    parser = sub.add_parser(name, help="report on a class's saves",
                            description="Verify every save by replay, count each campaign once (a file "
                                        "that verifies, with the most decisions), flag copies and saves "
                                        "of another class, group by class code, and report endings, "
                                        "splits on key decisions, spreads, relations over time, common "
                                        "paths, outliers and a discussion guide.")
    parser.add_argument("inputs", nargs="+", metavar="SAVE_OR_DIR", help="save files or folders of saves")
    parser.add_argument("--class-code", metavar="CODE", default=None,
                        help="report only the saves of this class code (others are left out)")
    add_output(parser)
    add_content(parser)


def run(args: argparse.Namespace) -> int:
    """Build the report; exit 1 if nothing could be read or any file failed verification."""
    from game.classcode import refusal
    from game.reports.class_report import class_report

    rt = load_or_report(args)
    if rt is None:
        return Exit.INVALID
    if args.class_code is not None:
        settings = refusal(rt, args.class_code)  # a mistyped code would report no campaign at all
        if isinstance(settings, str):
            return usage_error(settings)
    report = class_report(rt, args.inputs, args.format, args.class_code)
    if report.files == 0:
        of = f" of class code {args.class_code}" if args.class_code else ""
        print(f"honorable-exit: error: no save files{of} found in " + ", ".join(args.inputs), file=sys.stderr)
        return Exit.INVALID
    code = emit(report.text, args.out)
    print(f"{report.campaigns} campaign(s) from {report.files} file(s): {report.verified} verified, "
          f"{report.failed} failed; {report.bad_files} file(s) unreadable or failing verification; "
          f"{report.warnings} warning(s) to check first", file=sys.stderr)
    return code if code != Exit.OK or not report.bad_files else Exit.INVALID
