"""A pack's files are keyed by the hashes the parse cache took while reading them, and its key read once."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from game.cachetrust import secret
from game.content import parsecache
from game.content.loader import load_runtime, read_pack
from game.fast.packcache import cache_key

ROOT = Path(__file__).resolve().parents[2]
STARTER = ROOT / "tests" / "fixtures" / "packs" / "starter"


@pytest.fixture
def pack(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("HONORABLE_EXIT_CACHE", str(tmp_path / "cache"))
    monkeypatch.delenv("HONORABLE_EXIT_PARSE_CACHE", raising=False)
    shutil.copytree(STARTER, tmp_path / "pack")
    return tmp_path / "pack"


def test_every_file_read_has_its_hash_by_its_path_in_the_pack(pack: Path) -> None:
    cold, _ = read_pack(pack)
    warm, _ = read_pack(pack)  # from the parse cache now
    assert cold is not None and warm is not None and cold.digests is not None
    assert set(cold.digests) == {p.relative_to(pack).as_posix() for p in pack.rglob("*.yaml")}
    assert warm.digests == cold.digests


def test_a_changed_file_changes_the_compiled_packs_key(pack: Path) -> None:
    before = cache_key(load_runtime(pack))
    assert cache_key(load_runtime(pack)) == before  # the same files: the same key
    events = pack / "events.yaml"
    events.write_text(events.read_text(encoding="utf-8").replace("title:", "title: ", 1), encoding="utf-8")
    assert cache_key(load_runtime(pack)) != before


def test_a_renamed_file_changes_the_compiled_packs_key(pack: Path) -> None:
    before = cache_key(load_runtime(pack))
    (pack / "events.yaml").rename(pack / "events2.yaml")
    assert cache_key(load_runtime(pack)) != before


def test_without_the_parse_cache_the_pack_is_keyed_by_its_content_hash(
        pack: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HONORABLE_EXIT_PARSE_CACHE", "0")
    rt = load_runtime(pack)
    assert rt.pack.digests is None
    key = cache_key(rt)
    assert rt.extra["content_hash"].startswith("sha256:") and cache_key(load_runtime(pack)) == key


def test_the_users_key_is_read_once_for_a_whole_pack(pack: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    read_pack(pack)  # fills the cache
    calls: list[int] = []

    def counted() -> bytes:
        calls.append(1)
        return secret()

    monkeypatch.setattr(parsecache, "secret", counted)
    warm, errors = read_pack(pack)
    assert warm is not None and not errors and len(warm.digests or ()) > 1 and calls == [1]
    parsecache.load("a: 1\n", "any parser")  # outside a pack's reading, looked up each time
    parsecache.load("a: 1\n", "any parser")
    assert calls == [1, 1, 1]
