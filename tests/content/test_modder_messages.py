"""The messages a modder meets: each says what is wrong, where, and what to do."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
MOD = ROOT / "tests" / "fixtures" / "packs" / "closed_card_mod"  # adds wheat_shipment, removes aleppo_lights


def cli(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game", *args], capture_output=True, text=True,
                          timeout=300, cwd=ROOT, input=stdin)


def variant(tmp_path: Path, old: str, new: str, flags: str = "") -> Path:
    mod = tmp_path / "mod"
    shutil.copytree(MOD, mod)
    events = mod / "events.yaml"
    text = events.read_text()
    assert old in text
    events.write_text(text.replace(old, new))
    if flags:
        (mod / "flags.yaml").write_text(flags)
    return mod


SHIP = '"damascus >= 50 and pressure <= nudging and not afrin_operation"'
REFUSE = "          - change: {damascus: -3, humanitarian: -2}\n"


def test_an_unknown_flag_says_how_to_declare_it_and_a_failed_validate_shows_no_counts(tmp_path: Path) -> None:
    done = cli("validate", "--mod", str(variant(tmp_path, SHIP, '"damascus >= 50 and grain_deal"')))
    assert done.returncode == 1
    assert "unknown flag 'grain_deal'" in done.stderr
    assert "declared under 'flags:' ('- {id: grain_deal, description: ...}')" in done.stderr
    assert "set_flag: grain_deal" in done.stderr
    assert "events," not in done.stdout + done.stderr  # no summary counts, as if it had passed
    assert done.stderr.strip().endswith("1 error(s): the pack is invalid")


def test_a_flag_never_set_names_the_condition_that_tests_it_and_how_to_set_it(tmp_path: Path) -> None:
    mod = variant(tmp_path, SHIP, '"damascus >= 50 and grain_deal"',
                  flags="flags:\n  - {id: grain_deal, description: A grain deal was struck.}\n")
    done = cli("validate", "--mod", str(mod))
    assert done.returncode == 1
    assert f"flag 'grain_deal' is tested at {mod / 'events.yaml'}:22 but nothing ever sets it" in done.stderr
    assert "set it with an effect 'set_flag: grain_deal'" in done.stderr
    assert "'initial: {flags: [grain_deal]}'" in done.stderr


def test_scheduling_a_card_a_mod_removed_says_which_mod_and_where(tmp_path: Path) -> None:
    mod = variant(tmp_path, REFUSE, REFUSE + "          - schedule: {after: 1, event: aleppo_lights}\n")
    done = cli("validate", "--mod", str(mod))
    assert done.returncode == 1
    assert (f"unknown event 'aleppo_lights': mod 'wheat-deal' removed it ({mod / 'events.yaml'}:35)"
            in done.stderr)


def test_explain_names_a_difficulty_and_a_policy_in_the_singular() -> None:
    done = cli("explain", "normal", "--mod", str(MOD))
    assert done.stdout.startswith("difficulty 'normal': defined at ")
    assert "modify   by mod wheat-deal" in done.stdout
    assert cli("explain", "posture").stdout.startswith("policy 'posture': defined at ")


def test_debug_fire_finds_a_card_by_part_of_its_id() -> None:
    done = cli("play", "--plain", "--debug", "--mod", str(MOD), "--scenario", "classroom", "--seed", "3",
               stdin="debug fire wheat\nquit\n")
    assert "no card 'wheat': did you mean 'wheat_shipment'?" in done.stdout
    start = cli("play", "--plain", "--mod", str(MOD), "--start-event", "wheat_shipmnt", stdin="")
    assert start.returncode == 2 and "did you mean 'wheat_shipment'?" in start.stderr
