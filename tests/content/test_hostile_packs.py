"""A hostile battery of broken packs through `validate` as a subprocess: a positioned error, exit 1,
no traceback, no hang."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from game.content.expr import ExprError, parse
from tests.cli.run import cli

from .hostile import CASES, Case, make


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_validate_refuses_cleanly(case: Case, tmp_path: Path) -> None:
    pack = make(case, tmp_path)
    done = cli("validate", "--content", str(pack), timeout=30)
    assert done.returncode == 1, done.stderr[-2000:]
    assert "Traceback" not in done.stderr + done.stdout
    first = done.stderr.splitlines()[0]
    assert len(done.stderr) < 20_000, "an error message must not repeat the offending text"
    where = re.match(r"^(?:.*/)?pack/([\w.]+):(\d+):(\d+): error\[", first)
    assert where is not None, first
    assert where.group(1) == case.file, first
    if case.line is not None:
        assert int(where.group(2)) == case.line, first
    assert case.word.lower() in done.stderr.lower(), done.stderr[:2000]


def test_validate_json_reports_the_same_error(tmp_path: Path) -> None:
    case = next(c for c in CASES if c.name == "non-utf8")
    done = cli("validate", "--content", str(make(case, tmp_path)), "--format", "json")
    assert done.returncode == 1 and '"code": "not-utf8"' in done.stdout and '"line": 6' in done.stdout


@pytest.mark.parametrize(("text", "offset", "word"), [
    ("(" * 33 + "x" + ")" * 33, 32, "deep"),
    ("(" * 32 + "x > 1" + ")" * 32, None, None),
    ("-" * 40 + "x > 1", 32, "deep"),
    ("x > 1234567890123", 4, "digits) is too large"),
    ("x > 1000001", 4, "large"),
    ("x > 1000000", None, None),
    ("x / 0 > 1", 4, "zero"),
    ("x / 0.0 > 1", 4, "zero"),
    ("x / (1 - 1) > 1", None, None),  # not a literal zero: the compiled rule guards it
    (" + ".join(["x"] * 65) + " > 1", None, "deep"),
    (" + ".join(["x"] * 60) + " > 1", None, None),
])
def test_expression_limits(text: str, offset: int | None, word: str | None) -> None:
    if word is None:
        parse(text)
        return
    with pytest.raises(ExprError) as caught:
        parse(text)
    assert word in caught.value.message
    if offset is not None:
        assert caught.value.offset == offset
