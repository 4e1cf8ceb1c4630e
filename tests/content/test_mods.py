"""Mods overlay the base pack: add, replace, modify, remove by id, in a stated order, with precise errors."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from game.content.loader import load, read_pack

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
STARTER = ROOT / "tests" / "fixtures" / "packs" / "starter"
EXAMPLE = ROOT / "examples" / "mods" / "baghdad-channel"


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game", *args], capture_output=True, text=True,
                          timeout=300, cwd=ROOT)


def mod(folder: Path, mid: str, files: dict[str, str], extends: str = "starter",
        after: str = "") -> Path:
    root = folder / mid
    root.mkdir(parents=True)
    (root / "pack.yaml").write_text(f"id: {mid}\ntitle: {mid}\nversion: 0.1.0\nformat_version: 1\n"
                                    f"extends: {extends}\n{after}")
    for name, text in files.items():
        (root / name).write_text(text)
    return root


def codes(errors: list) -> list[str]:  # type: ignore[type-arg]
    return [e.code for e in errors]


def test_the_example_mod_adds_changes_and_removes() -> None:
    pack, rt, errors = load(CONTENT, [EXAMPLE])
    assert not errors, [e.render() for e in errors]
    assert pack is not None and rt is not None
    assert any(a.id == "iraq" for a in pack.actors)
    assert {"baghdad_offer", "qaim_crossing"} <= set(rt.events)
    assert "wider_regional_format" in {e.id for e in pack.endings}
    assert pack.get("events", "raqqa_rubble").weight == 8
    assert "press_conference" not in rt.events
    assert [m.manifest.id for m in pack.mods] == ["baghdad-channel"]


@pytest.mark.costly(126)  # in one measured run of the suite: see tests/conftest.py
def test_the_example_mod_through_the_command_line() -> None:
    ok = cli("validate", "--mod", str(EXAMPLE))
    assert ok.returncode == 0 and "+ baghdad-channel 0.1.0" in ok.stdout, ok.stderr
    lint = cli("lint", "--mod", str(EXAMPLE), "--format", "json")
    assert lint.returncode == 0, lint.stdout
    # 10 games a strategy, 120 campaigns (the planner's 10 are most of the time; it was 30): the mod's
    # card is seen in 27 of them (22%) on these seeds; at that rate, none of 120 campaigns seeing it
    # is a chance of about 1e-13, so the check holds as firmly as on 360
    sim = cli("simulate", "--mod", str(EXAMPLE), "--games", "10", "--format", "json")
    assert sim.returncode == 0, sim.stderr
    assert "baghdad_offer" not in sim.stdout.split('"events_never_seen"')[1].split("]")[0]
    explained = cli("explain", "raqqa_rubble", "--mod", str(EXAMPLE))
    assert "modify   by mod baghdad-channel at" in explained.stdout and "weight: 8" in explained.stdout


def test_redefining_an_id_names_both_places(tmp_path: Path) -> None:
    m = mod(tmp_path, "dup", {"flags.yaml": "flags:\n  - {id: sochi_held, description: Again.}\n"})
    _, errors = read_pack(STARTER, [m])
    assert codes(errors) == ["duplicate-id"]
    assert "already defined at" in errors[0].message and "world.yaml" in errors[0].message
    assert errors[0].file.endswith("dup/flags.yaml") and errors[0].line == 2
    assert "replace: sochi_held" in (errors[0].hint or "")


def test_modify_merges_fields_and_choices_by_id(tmp_path: Path) -> None:
    m = mod(tmp_path, "tweak", {"events.yaml": """\
events:
  - modify: spoilers
    weight: 3
    choices:
      - {id: blame_rebels, label: Blame the rebels loudly}
      - {id: new_way, label: A third way, outcome: Something else., effects: [{change: {standing: 1}}]}
"""})
    pack, rt, errors = load(STARTER, [m])
    assert not errors, [e.render() for e in errors]
    ev = pack.get("events", "spoilers")
    labels = {c.id: c.label for c in ev.choices}
    assert ev.weight == 3 and labels["blame_rebels"] == "Blame the rebels loudly"
    assert "new_way" in labels and len(labels) == 3


def test_unknown_targets_and_removed_references(tmp_path: Path) -> None:
    m = mod(tmp_path, "bad", {"events.yaml": "events:\n  - modify: spoiler\n    weight: 3\n"
                                             "  - remove: kurdish_outreach\n"})
    _, _, errors = load(STARTER, [m])
    assert "mod-unknown-item" in codes(errors)
    bad = next(e for e in errors if e.code == "mod-unknown-item")
    assert "did you mean 'spoilers'" in (bad.hint or "")
    # kurdish_outreach is scheduled by the Afrin card: removing it breaks that reference
    assert any(e.code == "unknown-event" and e.file.endswith("events.yaml") for e in errors)


def test_base_version_and_not_a_mod(tmp_path: Path) -> None:
    wrong = mod(tmp_path, "wrong", {}, extends="{id: starter, version: '>=2'}")
    _, errors = read_pack(STARTER, [wrong])
    assert codes(errors) == ["mod-base"] and "works with starter >=2" in errors[0].message
    _, errors = read_pack(STARTER, [STARTER])
    assert codes(errors) == ["not-a-mod"]
    _, errors = read_pack(STARTER, [tmp_path / "missing"])
    assert codes(errors) == ["missing-mod"]


def test_load_order_follows_load_after_and_refuses_cycles(tmp_path: Path) -> None:
    a = mod(tmp_path, "a", {"e.yaml": "events:\n  - modify: spoilers\n    weight: 4\n"},
            after="load_after: [b]\n")
    b = mod(tmp_path, "b", {"e.yaml": "events:\n  - modify: spoilers\n    weight: 7\n"})
    pack, _, errors = load(STARTER, [a, b])
    assert not errors and [m.manifest.id for m in pack.mods] == ["b", "a"]
    assert pack.get("events", "spoilers").weight == 4  # a loads after b
    (b / "pack.yaml").write_text((b / "pack.yaml").read_text() + "load_after: [a]\n")
    _, errors = read_pack(STARTER, [a, b])
    assert codes(errors) == ["mod-cycle"] and "a -> b -> a" in errors[0].message


def test_saves_record_mods_and_refuse_others(tmp_path: Path) -> None:
    saves = tmp_path / "saves"
    play = subprocess.run([sys.executable, "-m", "game", "play", "--plain", "--mod", str(EXAMPLE),
                           "--seed", "7", "--saves-dir", str(saves)], input="1\n1\n1\n1\n1\nquit\n",
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert play.returncode == 0, play.stderr
    save = max(saves.glob("auto-*.json"))
    assert '"baghdad-channel"' in save.read_text()
    ok = cli("replay", str(save), "--mod", str(EXAMPLE))
    assert ok.returncode == 0, ok.stdout + ok.stderr
    refused = cli("replay", str(save))
    assert refused.returncode == 1 and "load mod 'baghdad-channel' 0.1.0" in refused.stdout + refused.stderr


def test_class_codes_fix_the_mods() -> None:
    made = cli("class-code", "--mod", str(EXAMPLE), "--seed", "5")
    assert made.returncode == 0 and "+ mod baghdad-channel 0.1.0" in made.stderr
    code = made.stdout.strip()
    plain = cli("class-code", "--seed", "5")
    assert plain.stdout.strip() != code
    without = subprocess.run([sys.executable, "-m", "game", "play", "--plain", "--class-code", code],
                             input="quit\n", capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert without.returncode == 2 and "load the same mods" in without.stderr
