"""A copy of the starter pack whose cards carry history notes, a historical choice and variants."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.content.loader import load_runtime
from game.engine.runtime import Runtime

STARTER = Path(__file__).resolve().parents[1] / "fixtures" / "packs" / "starter"
HAPPENED = "On 30 January 2018 the congress at Sochi named a Constitutional Committee for the UN."
SOURCES = "the congress's final statement; UN envoy's briefings, February 2018"
VARIANT = "The shelling starts again, this time on the edge of another zone."


def _insert(text: str, after: str, lines: str) -> str:
    assert after in text, after
    return text.replace(after, after + lines, 1)


def add_history(pack: Path) -> None:
    """Give sochi_congress a historical note and choice, and spoilers a plausible basis and a variant."""
    path = pack / "events.yaml"
    text = path.read_text(encoding="utf-8")
    text = _insert(text, "    text: Delegates gather at Sochi for a congress of national dialogue.\n",
                   f"    history:\n      basis: historical\n      happened: \"{HAPPENED}\"\n"
                   f"      sources: \"{SOURCES}\"\n")
    text = _insert(text, "        label: Invite the UN envoy\n", "        historical: true\n")
    text = _insert(text, "    text: Shelling resumes in a de-escalation zone.\n",
                   f"    history: {{basis: plausible}}\n    variants:\n      - \"{VARIANT}\"\n")
    path.write_text(text, encoding="utf-8")


@pytest.fixture(scope="session")
def history_pack(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The starter pack with history added (written once per session)."""
    target = tmp_path_factory.mktemp("history") / "pack"
    shutil.copytree(STARTER, target)
    add_history(target)
    return target


@pytest.fixture(scope="session")
def history_rt(history_pack: Path) -> Runtime:
    return load_runtime(history_pack)
