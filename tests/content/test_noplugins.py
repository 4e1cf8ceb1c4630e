"""Pydantic runs no plugins for the game, and does not scan the installed packages for them."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

PROBE = """
import sys
from game.content import schema
schema.Event.model_rebuild()
from pydantic.plugin import _loader
print(list(_loader.get_plugins()), "importlib.metadata" in sys.modules, _loader.PYDANTIC_ENTRY_POINT_GROUP)
"""


def test_models_build_without_the_plugin_scan() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("PYDANTIC_DISABLE_PLUGINS", None)
    done = subprocess.run([sys.executable, "-c", PROBE], capture_output=True, text=True, env=env,
                          cwd=ROOT, timeout=60, check=True)
    # no plugin, the package metadata never imported; a name the stand-in lacks is pydantic's own
    assert done.stdout.split() == ["[]", "False", "pydantic"]
