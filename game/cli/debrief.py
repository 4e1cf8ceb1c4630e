"""`honorable-exit debrief SAVE`: the after-action report of a campaign, in Markdown or HTML."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from game.cli.common import Exit, add_content, fail, load_or_report


def register(sub: Any, name: str) -> None:
    """Add the command's parser."""
    parser = sub.add_parser(name, help="write a campaign's after-action report",
                            description="The after-action report of a saved campaign: each decision, what "
                                        "it changed, the advisors and the brief behind it, the decisions "
                                        "that mattered most, the ending and the discussion questions.")
    parser.add_argument("save", metavar="SAVE_OR_DIR",
                        help="the save file (verified by replay first); or a folder of saves, with "
                             "--out DIR: one report per campaign (a file that verifies, with the most "
                             "decisions)")
    add_output(parser)
    add_content(parser)


def add_output(parser: argparse.ArgumentParser) -> None:
    """--format md|html and --out FILE."""
    parser.add_argument("--format", choices=("md", "html"), default="md", help="Markdown (default) or HTML")
    parser.add_argument("--out", metavar="FILE", default=None, help="write to FILE instead of stdout")


def emit(text: str, out: str | None) -> int:
    """Print the report, or write it atomically to a file and say where it went."""
    if out is None:
        if sys.stdout is None:  # `>&-`: the report would go nowhere
            return fail("standard output is closed: give --out FILE to write the report to a file")
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
    if Path(args.save).is_dir():
        return run_batch(rt, Path(args.save), args)
    try:
        session = load_save(Path(args.save), rt)
    except SaveError as exc:
        print(f"honorable-exit: error: {exc}", file=sys.stderr)
        return Exit.INVALID
    return emit(render_debrief(session, args.format), args.out)


def run_batch(rt: Any, folder: Path, args: argparse.Namespace) -> int:
    """One report per campaign found in a folder, written into the --out folder."""
    from game.reports.class_saves import examine, group_campaigns, save_paths
    from game.reports.debrief import render_debrief
    from game.reports.debrief_file import debrief_path

    if args.out is None:
        print("honorable-exit: error: a folder of saves needs --out DIR for the reports", file=sys.stderr)
        return Exit.USAGE
    out = Path(args.out)
    try:
        out.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        print(f"honorable-exit: error: cannot create {out}: {exc.strerror or exc}", file=sys.stderr)
        return Exit.INVALID
    paths, _ = save_paths([folder])
    groups, unreadable = group_campaigns([examine(p, rt, shown) for p, shown in paths.items()])
    for entry in unreadable:
        print(f"honorable-exit: {folder / entry.name}: {entry.problem}", file=sys.stderr)
    written, failed = 0, len(unreadable)
    for entry in (e for g in groups for e in g.campaigns):
        assert entry.doc is not None
        if entry.session is None:
            failed += 1
            print(f"honorable-exit: {folder / entry.name}: {entry.problem}", file=sys.stderr)
            continue
        try:
            path = debrief_path(out, entry.doc.meta.player, entry.doc.meta.campaign_id, args.format)
        except OSError as exc:
            print(f"honorable-exit: error: {exc}", file=sys.stderr)
            return Exit.INVALID
        if emit(render_debrief(entry.session, args.format), str(path)) != Exit.OK:
            return Exit.INVALID
        written += 1
    print(f"{written} report(s) in {out}; {failed} campaign(s) or file(s) could not be reported"
          + (" (named above)" if failed else ""), file=sys.stderr)
    return Exit.OK if written and not failed else Exit.INVALID
