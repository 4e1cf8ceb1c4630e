"""`honorable-exit explain ID`: where an item is defined, which mods changed it, and what it is now."""

from __future__ import annotations

import argparse
import sys
from typing import Any

from game.cli.common import Exit, add_content, content_dir, mod_dirs


def register(sub: Any, name: str) -> None:
    """Add the command's parser."""
    parser = sub.add_parser(name, help="show where an item is defined and what mods did to it",
                            description="Print where an item (card, meter, actor, ending, ...) is defined, "
                                        "every mod file:line that added, replaced, changed or removed it, "
                                        "in load order, and its effective value after all mods.")
    parser.add_argument("item", metavar="ID",
                        help="the item's id, or SECTION:ID when an id is in several sections")
    add_content(parser)


def _matches(pack: Any, wanted: str) -> list[tuple[str, str]]:
    section, _, item = wanted.rpartition(":")
    keys = set(pack.where) | set(pack.overlay.changes)
    return sorted(k for k in keys if k[1] == item and (not section or k[0] == section))


def singular(section: str) -> str:
    """A section's item kind: 'difficulties' -> 'difficulty', 'policies' -> 'policy', 'events' -> 'event',
    'score_dimensions' -> 'score dimension'."""
    word = section[:-3] + "y" if section.endswith("ies") else section[:-1]
    return word.replace("_", " ")


def _show(pack: Any, key: tuple[str, str]) -> None:
    import yaml

    section, item = key
    changes = pack.overlay.changes.get(key, [])
    origin = pack.overlay.origins.get(key)
    if origin:
        print(f"{singular(section)} '{item}': defined at {origin}")
    elif key in pack.where and not changes:
        w = pack.where[key]
        pos = w.doc.pos(w.path)
        print(f"{singular(section)} '{item}': defined at {w.doc.file}:{pos.line}:{pos.column}")
    else:
        print(f"{singular(section)} '{item}':")
    for c in changes:
        print(f"  {c.action:<8} by mod {c.mod} at {c.file}:{c.line}:{c.column}")
    model = next((x for x in pack.items(section) if x.id == item), None)
    if model is None:
        print("  (removed: not in the pack as loaded)")
        return
    value = model.model_dump(mode="json", by_alias=True, exclude_defaults=True)
    text = yaml.safe_dump(value, sort_keys=False, allow_unicode=True, width=100)
    print("effective value:\n" + "".join(f"  {line}\n" for line in text.splitlines()))


def run(args: argparse.Namespace) -> int:
    """Read the pack and its mods, then explain the item."""
    from game.content.loader import read_pack

    pack, errors = read_pack(content_dir(args), mod_dirs(args))
    for error in errors:
        print(error.render(), file=sys.stderr)
    if pack is None:
        return Exit.INVALID
    keys = _matches(pack, args.item)
    if not keys:
        from game.content.diagnostics import did_you_mean

        hint = did_you_mean(args.item.rpartition(":")[2], {k[1] for k in pack.where})
        print(f"honorable-exit: error: no item '{args.item}'" + (f" ({hint})" if hint else ""),
              file=sys.stderr)
        return Exit.INVALID
    for i, key in enumerate(keys):
        if i:
            print()
        _show(pack, key)
    return Exit.INVALID if errors else Exit.OK
