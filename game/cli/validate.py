"""`honorable-exit validate`: check a content pack and report every error with its position."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from game.cli.common import Exit, add_content, content_dir, mod_dirs


def register(sub: Any, name: str) -> None:
    """Add the command's parser."""
    parser = sub.add_parser(name, help="check a content pack",
                            description="Check a content pack; report every error as file:line:column.")
    add_content(parser)
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format")


def summary(pack: Any, rt: Any) -> dict[str, Any]:
    """The pack's id, version, counts and paragraph coverage."""
    paragraphs = list(pack.manifest.source.paragraphs)
    cited = set(rt.extra["cited"]) if rt is not None else set()
    return {
        "id": pack.manifest.id,
        "version": pack.manifest.version,
        "title": pack.manifest.title,
        "counts": {
            "events": len(pack.events),
            "choices": sum(len(e.choices) for e in pack.events),
            "endings": len(pack.endings),
            "actors": len(pack.actors),
            "meters": len(pack.meters),
            "advisors": len(pack.advisors),
            "scenarios": len(pack.scenarios),
        },
        "cited_paragraphs": [p for p in paragraphs if p in cited],
        "uncited_paragraphs": [p for p in paragraphs if p not in cited],
        "mods": [{"id": m.manifest.id, "version": m.manifest.version} for m in pack.mods],
    }


def run(args: argparse.Namespace) -> int:
    """Validate and print the report."""
    from game.cli.leave import collector_held_to_exit

    with collector_held_to_exit():
        from game.content.compile import compile_pack
        from game.content.diagnostics import sort_key
        from game.content.loader import read_pack, summarise_follow_ons

        pack, errors = read_pack(content_dir(args), mod_dirs(args))
        rt = None
        if pack is not None:
            rt, ref_errors = compile_pack(pack, explain=False, checking=True)
            ref_errors = summarise_follow_ons(pack, ref_errors)
            errors = sorted(errors + ref_errors, key=sort_key)
    info = summary(pack, rt) if pack is not None else None
    if args.format == "json":
        import json

        print(json.dumps({"ok": not errors, "errors": [e.to_json() for e in errors], "pack": info},
                         indent=2))
        return Exit.INVALID if errors else Exit.OK
    for error in errors:
        print(error.render(), file=sys.stderr)
    if info is not None and not errors:  # a failed pack's counts would read as a success
        counts = info["counts"]
        total = len(info["cited_paragraphs"]) + len(info["uncited_paragraphs"])
        mods = "".join(f" + {m['id']} {m['version']}" for m in info["mods"])
        print(f"{info['id']} {info['version']}{mods}: {counts['events']} events, "
              f"{counts['choices']} choices, {counts['endings']} endings, {counts['actors']} actors, "
              f"{counts['meters']} meters, "
              f"{counts['advisors']} advisors, {counts['scenarios']} scenarios; "
              f"{len(info['cited_paragraphs'])}/{total} paragraphs cited")
        if info["uncited_paragraphs"]:
            print("uncited: " + ", ".join(info["uncited_paragraphs"]))
    if errors:
        print(f"{len(errors)} error(s): the pack is invalid", file=sys.stderr)
        return Exit.INVALID
    print("ok")
    return Exit.OK
