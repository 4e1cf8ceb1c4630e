"""Every kept SVG snapshot belongs to a snapshot test: none is left over once its test is gone.

syrupy fails a plain run that leaves a snapshot unused, but under pytest-xdist
(the README's test command runs on every core) it does not merge its workers'
reports and checks nothing. This test holds the same line in any run: every
``__snapshots__/<module>/<name>.svg`` beside the tests names a test module that
exists and, where that module was collected in this run, one of its tests that
takes ``snap_compare`` (the name is the test's, parameters included).
"""

from __future__ import annotations

from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
SNAPSHOTS = HERE / "__snapshots__"


def _snapshot_tests(session: pytest.Session) -> dict[str, set[str]]:
    """The collected tests that take snap_compare, by module name (only modules beside this one)."""
    found: dict[str, set[str]] = {}
    for item in session.items:
        path = Path(str(item.path))
        if path.parent == HERE:
            names = found.setdefault(path.stem, set())
            if "snap_compare" in getattr(item, "fixturenames", ()):
                names.add(item.name)
    return found


def test_every_snapshot_belongs_to_a_test(request: pytest.FixtureRequest) -> None:
    collected = _snapshot_tests(request.session)
    svgs = sorted(SNAPSHOTS.glob("*/*"))
    assert svgs, "no snapshot found: the SVGs moved, and this test must follow them"
    stray = [p.relative_to(HERE).as_posix() for p in svgs
             if p.suffix != ".svg" or not (HERE / f"{p.parent.name}.py").is_file()
             or (p.parent.name in collected and p.stem not in collected[p.parent.name])]
    assert not stray, f"snapshots no test takes (remove them, or rename them with their test): {stray}"
