"""The linter: each check finds its mistake at the right place, suppression works, exit codes hold."""
# ruff: noqa: E501

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
STARTER = ROOT / "tests" / "fixtures" / "packs" / "starter"

MISTAKES = """
flags:
  - {id: never_used, description: Nothing sets or tests this.}
  - {id: never_read, description: Set but never tested.}
events:
  - id: lint_orphan
    title: An orphan follow-up
    kind: followup
    cites: [intro.1]
    text: Nobody schedules this card.
    choices:
      - {id: a, label: A, outcome: Nothing., effects: [{set_flag: never_read}]}
      - {id: b, label: B, outcome: Nothing at all.}
  - id: lint_impossible
    title: An impossible card
    kind: conditional
    cites: [intro.1]
    when: "ceasefire >= 60 and ceasefire < 40"
    text: It can never be drawn.
    choices:
      - {id: a, label: A, outcome: Too much., effects: [{change: {standing: 80}}]}
      - {id: b, label: B, outcome: Out of range., when: {meter: un_track, gt: 100}, effects: [{change: {standing: 1}}]}
  - id: lint_late
    title: A card after every scenario
    kind: conditional
    cites: [intro.1]
    when: {date: {min: "2030-01"}}
    text: Too late.
    choices:
      - {id: a, label: A, outcome: A., effects: [{change: {standing: 1}}]}
      - {id: b, label: B, outcome: B., effects: [{change: {standing: -1}}]}  # lint: ignore[choice-no-effect]
"""


def lint(pack: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game", "lint", "--content", str(pack), *args],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)


def make(tmp_path: Path, extra: str = MISTAKES) -> Path:
    pack = tmp_path / "pack"
    shutil.copytree(STARTER, pack)
    (pack / "mistakes.yaml").write_text(extra)
    return pack


def test_the_starter_pack_is_clean_enough() -> None:
    done = lint(STARTER, "--format", "json")
    data = json.loads(done.stdout)
    assert data["ok"] and done.returncode == 0
    assert not [d for d in data["diagnostics"] if d["severity"] == "error"]


def test_each_check_finds_its_mistake(tmp_path: Path) -> None:
    done = lint(make(tmp_path), "--format", "json")
    assert done.returncode == 0, done.stderr  # warnings only
    found = {(d["code"], d["line"]) for d in json.loads(done.stdout)["diagnostics"]
             if d["file"].endswith("mistakes.yaml")}
    codes = {code for code, _ in found}
    assert {"flag-unused", "flag-never-read", "followup-never-scheduled", "choice-no-effect",
            "condition-never-holds", "change-out-of-range", "date-outside-scenarios"} <= codes
    assert ("flag-unused", 3) in found and ("followup-never-scheduled", 6) in found
    assert ("choice-no-effect", 13) in found and ("condition-never-holds", 18) in found
    never = [line for code, line in found if code == "condition-never-holds"]
    assert 22 in never  # un_track > 100 is outside its range


def test_strict_fails_on_warnings_and_text_is_positioned(tmp_path: Path) -> None:
    pack = make(tmp_path)
    done = lint(pack, "--strict")
    assert done.returncode == 1
    assert "mistakes.yaml:6:9: warning[followup-never-scheduled]" in done.stdout
    assert "warning(s)" in done.stderr


def test_suppression_and_errors(tmp_path: Path) -> None:
    pack = make(tmp_path)
    text = (pack / "mistakes.yaml").read_text().replace(
        "  - id: lint_orphan", "  - id: lint_orphan  # lint: ignore[followup-never-scheduled]")
    (pack / "mistakes.yaml").write_text(text)
    codes = {d["code"] for d in json.loads(lint(pack, "--format", "json").stdout)["diagnostics"]}
    assert "followup-never-scheduled" not in codes
    (pack / "broken.yaml").write_text("events:\n  - id: x\n    weight: high\n")
    broken = lint(pack, "--format", "json")
    data = json.loads(broken.stdout)
    assert broken.returncode == 1 and not data["ok"]
    assert any(d["severity"] == "error" and d["file"].endswith("broken.yaml") for d in data["diagnostics"])


def test_equal_priorities_and_shadowed_endings(tmp_path: Path) -> None:
    pack = make(tmp_path, """
endings:
  - id: always_first
    title: Always
    priority: 0
    when: "true"
    summary: s
    epilogue: e
    cites: [intro.1]
  - id: same_priority
    title: Same
    priority: 0
    when: "standing >= 10"
    summary: s
    epilogue: e
    cites: [intro.1]
""")
    found = {d["code"] for d in json.loads(lint(pack, "--format", "json").stdout)["diagnostics"]}
    assert "ending-equal-priority" in found


def test_simulate_adds_what_no_bot_reaches(tmp_path: Path) -> None:
    done = lint(make(tmp_path), "--simulate", "20", "--format", "json")
    found = {(d["code"], d["message"].split("'")[1]) for d in json.loads(done.stdout)["diagnostics"]}
    assert ("event-never-seen", "lint_impossible") in found
    assert ("event-never-seen", "lint_orphan") in found


def test_a_repeatable_card_with_too_few_texts(tmp_path: Path) -> None:
    pack = make(tmp_path, """
events:
  - id: lint_again
    title: Again
    kind: conditional
    once: false
    cooldown: 1
    cites: [intro.1]
    text: The same words every time.
    variants: ["Other words."]
    choices:
      - {id: a, label: A, outcome: A., effects: [{change: {standing: 1}}]}
      - {id: b, label: B, outcome: B., effects: [{change: {standing: -1}}]}
""")
    found = [d for d in json.loads(lint(pack, "--format", "json").stdout)["diagnostics"]
             if d["code"] == "text-repeats" and "lint_again" in d["message"]]
    assert found and "has 2 text(s)" in found[0]["message"] and "raise its cooldown to" in found[0]["hint"]
