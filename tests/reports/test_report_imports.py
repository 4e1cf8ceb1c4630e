"""The saves, class codes, reports and their commands never import Textual."""

from __future__ import annotations

import subprocess
import sys

import pytest

MODULES = ["game.saves", "game.classcode", "game.reports.debrief", "game.reports.class_report",
           "game.cli.replay", "game.cli.class_code", "game.cli.debrief", "game.cli.class_report",
           "game.plain"]


@pytest.mark.parametrize("module", MODULES)
def test_no_textual(module: str) -> None:
    code = f"import sys, {module}; assert 'textual' not in sys.modules, 'textual imported'"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
