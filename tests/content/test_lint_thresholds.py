"""Lint ``threshold-wording``: a threshold label's 'below' / 'at or below' against the conditions
that test that meter at that value (the review found two labels contradicting the rules)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from game.content.lint_thresholds import wording

from .test_lint import ROOT, STARTER, lint

CONTENT = ROOT / "content"


@pytest.mark.parametrize(("label", "said"), [
    ("Below this a weak front may collapse behind you", ("below", 0)),
    ("At or below this the exit counts as a drawdown", ("at or below", 1)),
    ("Above this the Finance Ministry demands cuts", ("above", 1)),
    ("A settlement is within reach at or above this (the settlement tolerance)", ("at or above", 0)),
    ("The truce collapses under this", ("below", 0)),
    ("Once it is over 75 the ministry acts", ("above", 1)),
    ("At least this much is needed", ("at or above", 0)),
    ("The war is over; what this means is unclear", None),  # 'over' not about the value
    ("Where the talks stand", None),
])
def test_a_labels_words_name_its_side_and_where_it_cuts(label: str, said: tuple[str, int] | None) -> None:
    assert wording(label) == said


def findings(pack: Path) -> list[dict[str, object]]:
    done = lint(pack, "--format", "json")
    assert done.returncode == 0, done.stderr
    return [d for d in json.loads(done.stdout)["diagnostics"] if d["code"] == "threshold-wording"]


def test_the_base_pack_labels_agree_with_its_rules() -> None:
    assert findings(CONTENT) == []


def test_the_reviews_two_labels_are_found(tmp_path: Path) -> None:
    pack = tmp_path / "content"
    shutil.copytree(CONTENT, pack)
    state = pack / "world" / "state.yaml"
    text = state.read_text()
    for new, old in (("At or below this a weak front", "Below this a weak front"),
                     ("At or above this the Finance Ministry", "Above this the Finance Ministry")):
        assert new in text
        text = text.replace(new, old)
    state.write_text(text)
    found = findings(pack)
    assert [(d["line"], str(d["file"]).endswith("content/world/state.yaml")) for d in found] == [(15, True),
                                                                                                (33, True)]
    assert "'commitment <= 20'" in str(found[0]["message"])
    assert "'domestic_cost >= 75'" in str(found[1]["message"])
    assert "At or below this" in str(found[0]["hint"]) and "At or above this" in str(found[1]["hint"])


def test_an_effects_if_is_read_and_a_negation_cuts_where_the_test_does(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(STARTER, pack)
    world = pack / "world.yaml"
    world.write_text(world.read_text().replace("{value: 20, label: The truce collapses below this}",
                                               "{value: 30, label: At or below this the truce collapses}"))
    found = findings(pack)  # events.yaml: if: "ceasefire < 30" puts 30 on the safe side
    assert len(found) == 1 and "an effect's if 'ceasefire < 30'" in str(found[0]["message"])
    world.write_text(world.read_text().replace("At or below this the truce", "Below this the truce"))
    assert findings(pack) == []
    events = pack / "events.yaml"
    events.write_text(events.read_text().replace('if: "ceasefire < 30"', 'if: "not (ceasefire >= 30)"'))
    assert findings(pack) == []
