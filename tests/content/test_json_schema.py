"""The editors' JSON Schemas: the committed ones match the models and the pack; every base file passes."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from game.content.jsonschema import NAMES, dumps, schemas
from game.content.loader import load_runtime
from game.content.yamlsrc import read_yaml

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"
COMMITTED = ROOT / "docs" / "schema"


@pytest.fixture(scope="module")
def generated() -> dict[str, dict]:  # type: ignore[type-arg]
    return schemas(load_runtime(CONTENT).pack)


def test_committed_schemas_match_the_models_and_the_pack(generated) -> None:  # type: ignore[no-untyped-def]
    for key, name in NAMES.items():
        committed = (COMMITTED / name).read_text(encoding="utf-8")
        assert committed == dumps(generated[key]), (
            f"docs/schema/{name} is stale: run `honorable-exit schema --out docs/schema`")


def test_every_base_file_validates_against_its_schema(generated) -> None:  # type: ignore[no-untyped-def]
    validators = {k: jsonschema.Draft202012Validator(v) for k, v in generated.items()}
    for path in sorted(CONTENT.rglob("*.yaml")):
        doc, errors = read_yaml(path.read_text(encoding="utf-8"), str(path))
        assert not errors and doc is not None
        kind = "manifest" if path == CONTENT / "pack.yaml" else "content"
        problems = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}"
                    for e in validators[kind].iter_errors(doc.data)]
        assert not problems, (path.name, problems[:5])


def test_ids_are_enums_and_typos_fail(generated) -> None:  # type: ignore[no-untyped-def]
    content = generated["content"]
    validator = jsonschema.Draft202012Validator(content)
    good = {"events": [{"id": "x", "title": "T", "kind": "conditional", "cites": ["intro.1"], "text": "t",
                        "choices": [{"id": "a", "label": "A", "outcome": "o",
                                     "effects": [{"change": {"ceasefire": 1}}]},
                                    {"id": "b", "label": "B", "outcome": "o"}]}]}
    assert not list(validator.iter_errors(good))
    bad = json.loads(json.dumps(good))
    bad["events"][0]["choices"][0]["effects"][0]["change"] = {"ceasfire": 1}
    assert list(validator.iter_errors(bad))
    assert "ceasefire" in content["$defs"]["MeterCondition"]["properties"]["meter"]["enum"]


def test_base_files_point_editors_at_the_schemas() -> None:
    for path in sorted(CONTENT.rglob("*.yaml")):
        first = path.read_text(encoding="utf-8").splitlines()[0]
        name = NAMES["manifest" if path == CONTENT / "pack.yaml" else "content"]
        assert first.startswith("# yaml-language-server: $schema="), path
        target = (path.parent / first.split("=", 1)[1]).resolve()
        assert target == (COMMITTED / name).resolve(), (path, first)
