"""`honorable-exit handout`: a printable pre-game sheet generated from the pack."""

from __future__ import annotations

import argparse
from typing import Any

from game.cli.common import Exit, add_content, load_or_report
from game.cli.debrief import add_output, emit


def register(sub: Any, name: str) -> None:
    """Add the command's parser."""
    parser = sub.add_parser(name, help="write the pre-game handout for a class",
                            description="A printable sheet from the pack: the actors by tier, the standing "
                                        "policies and what each level costs a month, the quantities and "
                                        "what they mean, the advisors, scenarios and endings, a glossary, "
                                        "and the source with a map of its paragraph ids.")
    add_output(parser)
    add_content(parser)


def run(args: argparse.Namespace) -> int:
    """Render the handout."""
    from game.reports.handout import render_handout

    rt = load_or_report(args)
    if rt is None:
        return Exit.INVALID
    return emit(render_handout(rt, args.format), args.out)
