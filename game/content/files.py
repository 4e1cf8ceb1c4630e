"""The YAML files of a pack or mod folder: symlinked folders followed, with a guard against loops.

Python's ``Path.rglob`` skips symlinked folders without a word, which would leave part of a
pack out in silence. This walk follows them, visits each real folder once, and reports a link
that loops back into a folder already walked.
"""

from __future__ import annotations

import os
from pathlib import Path

SUFFIXES = (".yaml", ".yml")


def yaml_files(root: Path) -> tuple[list[Path], list[Path]]:
    """The pack's YAML files in a stable order, and the symlinked folders skipped as loops."""
    found: list[Path] = []
    loops: list[Path] = []
    seen: set[str] = set()
    top = os.path.realpath(root)
    for folder, dirs, names in os.walk(root, followlinks=True):
        real = os.path.realpath(folder)
        holds_pack = real != top and top.startswith(real.rstrip(os.sep) + os.sep)
        if real in seen or holds_pack:  # a link back into a folder read, or to one holding the pack
            loops.append(Path(folder))
            dirs[:] = []
            continue
        seen.add(real)
        dirs.sort()
        found += [Path(folder) / n for n in sorted(names) if n.endswith(SUFFIXES)]
    def order(suffix: str) -> list[Path]:
        return sorted((p for p in found if p.suffix == suffix), key=lambda p: p.relative_to(root).parts)

    return order(".yaml") + order(".yml"), loops
