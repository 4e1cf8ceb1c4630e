"""No module outside game/tui/ imports Textual (each checked in a fresh interpreter)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

GAME = Path(__file__).resolve().parents[1] / "game"
MODULES = sorted(
    ".".join(p.relative_to(GAME.parent).with_suffix("").parts).removesuffix(".__init__")
    for p in GAME.rglob("*.py")
    if "tui" not in p.relative_to(GAME).parts and p.name != "__main__.py"
)


@pytest.mark.parametrize("module", MODULES)
def test_module_does_not_import_textual(module: str) -> None:
    code = f"import sys, {module}; print('textual' in sys.modules)"
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=GAME.parent, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "False", f"{module} imports textual"


def test_cli_commands_other_than_play_stay_headless() -> None:
    code = ("import sys\nfrom game.cli import main\n"
            "main(['validate', '--content', 'tests/fixtures/packs/starter'])\n"
            "main(['simulate', '--content', 'tests/fixtures/packs/starter', '--games', '2'])\n"
            "print('textual' in sys.modules, file=sys.stderr)")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          cwd=GAME.parent, timeout=60)
    assert done.stderr.strip().splitlines()[-1] == "False"
