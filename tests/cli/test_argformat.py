"""The command line's help is as wide as argparse would make it, found without importing shutil."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys

import pytest

from game.cli.argformat import terminal_columns
from tests.cli.run import ROOT, cli


@pytest.mark.parametrize("columns", [None, "40", "132", "0", "-5", "wide"])
def test_the_width_is_shutils(monkeypatch: pytest.MonkeyPatch, columns: str | None) -> None:
    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert terminal_columns() == shutil.get_terminal_size().columns


def test_help_follows_columns() -> None:
    narrow = cli("validate", "--help", env={"COLUMNS": "40"})
    wide = cli("validate", "--help", env={"COLUMNS": "200"})
    assert narrow.returncode == wide.returncode == 0
    assert max(map(len, narrow.stdout.splitlines())) < max(map(len, wide.stdout.splitlines()))


def test_parsing_a_command_line_imports_no_shutil() -> None:
    code = ("import sys; from game.cli import build_parser; "
            "build_parser('validate').parse_args(['validate']); print('shutil' in sys.modules)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT,
                          env={**os.environ, "PYTHONPATH": str(ROOT)}, check=True)
    assert done.stdout.strip() == "False"
