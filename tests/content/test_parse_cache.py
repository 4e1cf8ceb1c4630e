"""The parse cache: the same values and positions as a fresh read, problems never cached, damage harmless."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.content import parsecache
from game.content.yamlsrc import PARSER, read_yaml
from tests.cli.run import cli

ROOT = Path(__file__).resolve().parents[2]
STARTER = ROOT / "tests" / "fixtures" / "packs" / "starter"
TEXT = "a: 1\nb:\n  - x\n  - {c: 2.5, d: null, e: true}\nf: 'quoted: text'\n"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HONORABLE_EXIT_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("HONORABLE_EXIT_PARSE_CACHE", raising=False)
    return tmp_path / "cache" / "parsed"


def test_a_text_read_again_gives_the_same_values_and_positions(cache: Path) -> None:
    fresh, errors = read_yaml(TEXT, "t.yaml")
    assert not errors and len(list(cache.iterdir())) == 1
    again, errors = read_yaml(TEXT, "t.yaml")
    assert not errors and again.data == fresh.data
    assert again.values == fresh.values and again.keys == fresh.keys  # read again for positions
    assert again.pos(("b", 1, "c")) == fresh.pos(("b", 1, "c"))


def test_a_text_with_a_problem_is_never_cached(cache: Path) -> None:
    for text in ("a: 1\na: 2\n", "a: &x 1\nb: *x\n", "a: [1, 2\n", "n: 123456789012345\n"):
        _, errors = read_yaml(text, "bad.yaml")
        assert errors
        _, again = read_yaml(text, "bad.yaml")
        assert [e.render() for e in again] == [e.render() for e in errors]
    assert not cache.exists() or not list(cache.iterdir())


def test_a_damaged_entry_is_read_again(cache: Path) -> None:
    fresh, _ = read_yaml(TEXT, "t.yaml")
    (entry,) = cache.iterdir()
    entry.write_bytes(entry.read_bytes()[:-3] + b"xyz")
    assert parsecache.load(TEXT, PARSER) == (False, None)  # the checksum does not match
    again, errors = read_yaml(TEXT, "t.yaml")
    assert not errors and again.data == fresh.data


def test_it_can_be_turned_off(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HONORABLE_EXIT_PARSE_CACHE", "0")
    read_yaml(TEXT, "t.yaml")
    assert not cache.exists()


def test_validate_reports_the_same_errors_cold_and_warm(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(STARTER, pack)
    events = pack / "events.yaml"
    text = events.read_text(encoding="utf-8")
    events.write_text(text.replace("ceasefire", "ceasfire", 1), encoding="utf-8")
    env = {"HONORABLE_EXIT_CACHE": str(tmp_path / "cache")}
    cold = cli("validate", "--content", str(pack), env=env)
    warm = cli("validate", "--content", str(pack), env=env)
    assert cold.returncode == warm.returncode == 1
    assert "ceasfire" in cold.stderr and cold.stderr == warm.stderr and cold.stdout == warm.stdout
    assert list((tmp_path / "cache" / "parsed").iterdir())  # the files that read cleanly were kept
