"""A pack's content hash: what saves record and what keys the compiled pack's cache.

Kept apart from the saves' models so that the simulator can hash a pack without importing them.
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Any

from game.content.files import yaml_files


def content_hash(rt: Any) -> str:
    """sha256 over the pack's YAML files (sorted relative paths and bytes), cached on the runtime."""
    cached = rt.extra.get("content_hash")
    if isinstance(cached, str):
        return cached
    root = Path(rt.pack.root)
    digest = hashlib.sha256()
    files = sorted(yaml_files(root)[0])  # the order the hash has always used
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode() + b"\0")
        digest.update(path.read_bytes())  # not joined to its b"\0" first: no copy of the file
        digest.update(b"\0")
    value = "sha256:" + digest.hexdigest()
    rt.extra["content_hash"] = value
    return value
