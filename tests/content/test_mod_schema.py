"""`schema --mod DIR` writes a mod's schemas: the example mod's files validate, a mistake does not."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import jsonschema

from game.content.yamlsrc import read_yaml

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "mods" / "baghdad-channel"
CLOSED = ROOT / "tests" / "fixtures" / "packs" / "closed_card_mod"  # modify, remove and a new card


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "game", *args], capture_output=True, text=True,
                          timeout=300, cwd=ROOT)


def validators(out: Path, *mods: Path) -> dict[str, jsonschema.Draft202012Validator]:
    done = cli("schema", *[a for m in mods for a in ("--mod", str(m))], "--out", str(out))
    assert done.returncode == 0, done.stderr
    return {k: jsonschema.Draft202012Validator(json.loads((out / f"{k}.schema.json").read_text()))
            for k in ("manifest", "content")}


def problems(check: dict[str, jsonschema.Draft202012Validator], path: Path) -> list[str]:
    doc, errors = read_yaml(path.read_text(encoding="utf-8"), str(path))
    assert not errors and doc is not None
    kind = "manifest" if path.name == "pack.yaml" else "content"
    return [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in check[kind].iter_errors(doc.data)]


def test_every_file_of_the_mods_validates_against_the_mod_schemas(tmp_path: Path) -> None:
    for mod in (EXAMPLE, CLOSED):
        check = validators(tmp_path / mod.name, mod)
        files = sorted(mod.rglob("*.yaml"))
        assert files
        for path in files:
            assert not problems(check, path), (path.name, problems(check, path)[:3])


def test_the_mod_schemas_still_catch_a_mistake(tmp_path: Path) -> None:
    check = validators(tmp_path / "out", CLOSED)
    bad = tmp_path / "events.yaml"
    for item in ("{modify: wheat_shipment, wieght: 5}", "{remove: aleppo_lights, title: y}",
                 "{replace: wheat_shipment, title: only a title}"):
        bad.write_text(f"events:\n  - {item}\n")
        assert problems(check, bad), item
    bad.write_text("events:\n  - {modify: wheat_shipment, weight: 5, choices: [{id: refuse, label: No}]}\n")
    assert not problems(check, bad)
    manifest = tmp_path / "pack.yaml"
    manifest.write_text("id: m\ntitle: M\nversion: 0.1.0\nformat_version: 1\n")  # no 'extends'
    assert problems(check, manifest)


def test_content_pointed_at_a_mod_says_to_use_mod() -> None:
    for command in ("schema", "validate"):
        out = ["--out", "/nonexistent"] if command == "schema" else []
        done = cli(command, "--content", str(EXAMPLE), *out)
        assert done.returncode == 1
        assert f"this folder is a mod: use --mod {EXAMPLE}" in done.stdout + done.stderr
