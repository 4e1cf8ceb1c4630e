"""The linter on cards that may pass (every choice closed at once) and on contradictions, by name."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STARTER = ROOT / "tests" / "fixtures" / "packs" / "starter"
MOD = ROOT / "tests" / "fixtures" / "packs" / "closed_card_mod"

CARDS = """
events:
  - id: lint_locked
    title: Every choice can close
    kind: conditional
    cites: [intro.1]
    text: Both choices are conditional and can both be closed.
    choices:
      - {id: a, label: A, outcome: A., when: "ceasefire >= 60", effects: [{change: {standing: 1}}]}
      - {id: b, label: B, outcome: B., when: "hope >= 50", effects: [{change: {standing: -1}}]}
  - id: lint_covered
    title: The choices cover every case
    kind: conditional
    cites: [intro.1]
    text: One choice for a high ceasefire, one for a low one.
    choices:
      - {id: a, label: A, outcome: A., when: "ceasefire >= 50", effects: [{change: {standing: 1}}]}
      - {id: b, label: B, outcome: B., when: "ceasefire < 50", effects: [{change: {standing: -1}}]}
"""


def lint(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game", "lint", *args], capture_output=True, text=True,
                          timeout=300, cwd=ROOT)


def test_a_card_whose_choices_can_all_close_is_warned_at_its_line(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(STARTER, pack)
    (pack / "cards.yaml").write_text(CARDS)
    done = lint("--content", str(pack), "--format", "json")
    found = [d for d in json.loads(done.stdout)["diagnostics"] if d["code"] == "card-may-pass"]
    assert [(d["file"].endswith("cards.yaml"), d["line"]) for d in found] == [(True, 3)]  # not lint_covered
    message = found[0]["message"]
    assert "'a' when Ceasefire" in message and "≥ 60" in message and "'b' when" in message
    assert "if none is open the card passes with no effect" in message


def test_the_reviewers_card_is_warned_and_its_contradiction_named() -> None:
    done = lint("--mod", str(MOD))
    out = " ".join(done.stdout.split())
    assert "events.yaml:2:9: warning[card-may-pass]: card 'wheat_shipment' may have no open choice" in out
    assert ("'Ceasefire stability ≥ 40' and 'Ceasefire stability < 30' cannot both hold") in out
    assert "cannot satisfy all its bounds" not in out


def test_a_clause_outside_its_range_is_named(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(STARTER, pack)
    (pack / "cards.yaml").write_text(CARDS.replace('"hope >= 50"', '"hope > 100"'))
    out = " ".join(lint("--content", str(pack)).stdout.split())
    assert "'Hope in the UN track > 100' is outside its range (0 to 100)" in out


def test_simulate_plays_every_strategy_and_reaches_the_honorable_exit() -> None:
    done = lint("--simulate", "8", "--format", "json")
    assert "planner" in done.stderr and "follow_mfa" in done.stderr and "history" in done.stderr
    found = json.loads(done.stdout)["diagnostics"]
    never = [d["message"] for d in found if d["code"] == "ending-never-reached"]
    assert not [m for m in never if "'honorable_exit'" in m], never


def test_with_a_mod_the_base_packs_findings_are_notes_and_strict_judges_the_mod() -> None:
    done = lint("--mod", str(MOD), "--simulate", "2", "--strict", "--format", "json")
    found = json.loads(done.stdout)["diagnostics"]
    warnings = [d for d in found if d["severity"] == "warning"]
    assert warnings and all("closed_card_mod" in d["file"] for d in warnings)
    notes = [d for d in found if d["severity"] == "note"]
    assert notes and all("(an item of the pack the mods extend)" in d["message"] for d in notes)
    assert f"{len(notes)} finding(s) on the base pack's own items are notes" in done.stderr
    assert done.returncode == 1  # the mod's own warnings
