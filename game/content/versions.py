"""Version ranges for mods: ``'>=1.0,<2'``, ``'==1.2.0'``, ``'*'``; versions compared as numbers."""

from __future__ import annotations

import re

_CLAUSE = re.compile(r"^\s*(>=|<=|==|!=|>|<)?\s*(\d+(?:\.\d+){0,2})\s*$")


class VersionError(ValueError):
    """A version range that cannot be read."""


def _parts(version: str) -> tuple[int, int, int]:
    nums = [int(x) for x in version.split(".")]
    return (nums + [0, 0, 0])[0], (nums + [0, 0, 0])[1], (nums + [0, 0, 0])[2]


def satisfies(version: str, spec: str) -> bool:
    """Whether ``version`` lies in the range ``spec`` (clauses separated by commas, all must hold)."""
    if spec.strip() in ("", "*"):
        return True
    have = _parts(version)
    for clause in spec.split(","):
        match = _CLAUSE.match(clause)
        if match is None:
            raise VersionError(f"cannot read the version range '{spec}' (for example '>=1.0,<2')")
        op, want = match.group(1) or "==", _parts(match.group(2))
        ok = {">=": have >= want, "<=": have <= want, ">": have > want, "<": have < want,
              "==": have == want, "!=": have != want}[op]
        if not ok:
            return False
    return True
