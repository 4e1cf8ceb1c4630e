"""`honorable-exit schema`: JSON Schemas of the content format for editors (yaml-language-server)."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from game.cli.common import Exit, add_content, load_or_report, mod_dirs


def register(sub: Any, name: str) -> None:
    """Add the command's parser."""
    parser = sub.add_parser(name, help="write JSON Schemas of the content format for editors",
                            description="Write manifest.schema.json (for pack.yaml) and content.schema.json "
                                        "(for every other file), generated from the format's models, with "
                                        "the pack's ids as enums where a field names an item; print their "
                                        "paths. See docs/editors.md.")
    parser.add_argument("--out", metavar="DIR", default=".", help="folder to write into (default: here)")
    parser.add_argument("--generic", action="store_true",
                        help="leave out the pack's ids (a schema for any pack)")
    parser.epilog = ("With --mod DIR the schemas are a mod's: its manifest (extends, load_after, source) and "
                     "content items that are new or replace, modify or remove an item of the pack, with the "
                     "ids of the pack as the mods leave it.")
    add_content(parser)


def run(args: argparse.Namespace) -> int:
    """Generate and write both schemas."""
    from game.content.jsonschema import NAMES, dumps, schemas
    from game.saves.store import write_atomic

    pack = None
    if not args.generic:
        rt = load_or_report(args)
        if rt is None:
            return Exit.INVALID
        pack = rt.pack
    out = Path(args.out)
    try:
        out.mkdir(parents=True, exist_ok=True)
        for key, schema in schemas(pack, mod=bool(mod_dirs(args))).items():
            path = out / NAMES[key]
            write_atomic(path, dumps(schema).encode())
            print(path)
    except OSError as exc:
        print(f"honorable-exit: error: cannot write into {out}: {exc.strerror or exc}", file=sys.stderr)
        return Exit.INVALID
    return Exit.OK
