"""`honorable-exit replay SAVE`: replay a save's decisions from its seed and compare with its state."""

from __future__ import annotations

import argparse
from typing import Any

from game.cli.common import Exit, add_content, load_or_report


def register(sub: Any, name: str) -> None:
    """Add the command's parser."""
    parser = sub.add_parser(name, help="verify a save by replaying it",
                            description="Replay a save's decision log from its seed with the current pack "
                                        "and compare the result with the stored state: exit 0 when they "
                                        "match, 1 naming the first turn that diverges.")
    parser.add_argument("save", metavar="SAVE", help="the save file")
    add_content(parser)


def summary(doc: Any, rt: Any) -> str:
    """The campaign in one line: player, scenario, difficulty, seed, turn, ending."""
    meta, c = doc.meta, doc.campaign
    turns = rt.pack.get("scenarios", c.scenario).turns
    where = f"in progress at turn {meta.turn}"
    if meta.ending:
        where = f"ended in {meta.ending_title or meta.ending}"
    code = f", class code {c.class_code}" if c.class_code else ""
    return (f"{meta.player or 'anonymous'}: {c.scenario} ({c.difficulty}), seed {c.seed}{code}, "
            f"{len(doc.decisions)} of {turns} turns, {where}")


def run(args: argparse.Namespace) -> int:
    """Verify one save and print one line."""
    from game.saves import SaveError, read_save, verify

    try:
        loaded = read_save(args.save)
    except SaveError as exc:
        print(f"FAILED {exc}")
        return Exit.INVALID
    rt = load_or_report(args)
    if rt is None:
        return Exit.INVALID
    verdict = verify(loaded.doc, rt)
    note = f" ({verdict.pack_note})" if verdict.pack_note else ""
    manifest = rt.pack.manifest
    if not verdict.ok:
        prefix = "diverges at " if verdict.turn is not None else ""
        print(f"FAILED {args.save}: {prefix}{verdict.message()}{note}")
        return Exit.INVALID
    if loaded.checksum_ok is False:
        print(f"FAILED {args.save}: edited outside the game: its checksum does not match its content "
              f"(the decisions still replay to the stored state)")
        return Exit.INVALID
    print(f"ok {args.save}: {summary(loaded.doc, rt)}; replays identically with the pack {manifest.id} "
          f"{manifest.version}{note}")
    return Exit.OK
