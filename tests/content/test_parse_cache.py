"""The parse cache: the same values and positions as a fresh read, problems never cached, damage harmless."""

from __future__ import annotations

import marshal
import os
import shutil
from pathlib import Path
from typing import Any

import pytest

from game.cachetrust import seal, secret
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


# --- trust: the cache holds only what the user's game wrote (game.cachetrust) ---

posix_only = pytest.mark.skipif(not hasattr(os, "geteuid"), reason="owners and modes are POSIX's")
OTHER = "a: 2\nb:\n  - y\n"


def _entry(cache: Path, text: str = TEXT) -> Path:
    return cache / parsecache._name(text, PARSER)


def _read_with_notes(text: str = TEXT) -> tuple[bool, list[str]]:
    """Whether the text came from the cache, and the notes said meanwhile."""
    parsecache.take_notes()
    found, values = parsecache.load(text, PARSER)
    doc, errors = read_yaml(text, "t.yaml")
    assert not errors and doc.data == (values if found else doc.data)
    return found, parsecache.take_notes()


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o7777


@posix_only
def test_the_folder_and_its_entries_are_private(cache: Path) -> None:
    read_yaml(TEXT, "t.yaml")
    assert (_mode(cache), _mode(_entry(cache))) == (0o700, 0o600)
    assert _read_with_notes() == (True, [])


@posix_only
def test_an_older_folder_others_may_read_is_closed(cache: Path) -> None:
    cache.mkdir(parents=True)
    cache.chmod(0o755)  # as the parse cache made it before it was sealed
    read_yaml(TEXT, "t.yaml")
    assert _mode(cache) == 0o700 and _read_with_notes() == (True, [])


@posix_only
@pytest.mark.parametrize("mode", [0o770, 0o707, 0o1777])
def test_a_folder_others_may_write_is_neither_read_nor_written(cache: Path, mode: int) -> None:
    read_yaml(TEXT, "t.yaml")
    before = _entry(cache).stat()
    cache.chmod(mode)
    found, notes = _read_with_notes()
    assert not found and len(notes) == 1
    assert "neither read from it nor written to it" in notes[0] and str(cache) in notes[0]
    read_yaml(OTHER, "o.yaml")
    assert not _entry(cache, OTHER).exists()  # nothing written there either
    after = _entry(cache).stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def _as_another_users(monkeypatch: pytest.MonkeyPatch, victim: Path, call: str) -> None:
    """``os.stat`` or ``os.fstat`` says ``victim`` is another user's (tests may not chown)."""
    inode, real = victim.stat().st_ino, getattr(os, call)

    def faked(*args: Any, **kwargs: Any) -> os.stat_result:
        st = real(*args, **kwargs)
        if st.st_ino != inode:
            return st
        fields = list(st)
        fields[4] = st.st_uid + 1  # st_uid
        return os.stat_result(fields)

    monkeypatch.setattr(os, call, faked)


@posix_only
def test_a_folder_of_another_user_is_not_used(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    read_yaml(TEXT, "t.yaml")
    _as_another_users(monkeypatch, cache, "stat")
    found, notes = _read_with_notes()
    assert not found and "owned by another user" in notes[0] and "neither read" in notes[0]


@posix_only
def test_an_entry_of_another_user_is_refused(cache: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    read_yaml(TEXT, "t.yaml")
    _as_another_users(monkeypatch, _entry(cache), "fstat")
    found, notes = _read_with_notes()
    assert not found and "owned by another user" in notes[0] and "refused" in notes[0]


@posix_only
def test_an_entry_others_may_write_is_refused_then_written_afresh(cache: Path) -> None:
    read_yaml(TEXT, "t.yaml")
    _entry(cache).chmod(0o666)
    found, notes = _read_with_notes()
    assert not found and "writing by its group or others" in notes[0] and "refused" in notes[0]
    assert _mode(_entry(cache)) == 0o600 and _read_with_notes() == (True, [])


def test_a_tampered_payload_is_refused_unless_sealed_with_the_users_key(cache: Path) -> None:
    """Whoever can write the folder but lacks the key cannot make the game read other values."""
    read_yaml(TEXT, "t.yaml")
    entry = _entry(cache)
    planted = marshal.dumps({"a": 666})
    label = f"parsed text {entry.name}"
    for key, taken in ((b"\0" * 32, False), (secret(), True)):  # a guessed key; the user's own
        entry.write_bytes(parsecache.MAGIC + seal(key, label, planted) + planted)
        entry.chmod(0o600)
        parsecache.take_notes()
        assert parsecache.load(TEXT, PARSER) == ((True, {"a": 666}) if taken else (False, None))
        notes = parsecache.take_notes()
        assert taken or "seal does not hold" in notes[0]


def test_an_entry_copied_under_another_name_is_refused(cache: Path) -> None:
    """The seal names the entry: another text's genuine entry does not pass for this one."""
    read_yaml(TEXT, "t.yaml")
    read_yaml(OTHER, "o.yaml")
    _entry(cache).write_bytes(_entry(cache, OTHER).read_bytes())
    found, notes = _read_with_notes()
    assert not found and "seal does not hold" in notes[0]
    assert _read_with_notes() == (True, [])  # read afresh and written again


def test_validate_says_what_it_refused_and_still_checks_the_pack(tmp_path: Path) -> None:
    env = {"HONORABLE_EXIT_CACHE": str(tmp_path / "cache")}
    assert cli("validate", "--content", str(STARTER), env=env).returncode == 0
    for entry in (tmp_path / "cache" / "parsed").iterdir():
        entry.write_bytes(entry.read_bytes()[:-1] + b"!")
    done = cli("validate", "--content", str(STARTER), env=env)
    assert done.returncode == 0 and done.stdout.endswith("ok\n")
    notes = done.stderr.splitlines()
    assert notes and all(n.startswith("honorable-exit: note: the parsed-file cache's entry ") for n in notes)
    again = cli("validate", "--content", str(STARTER), env=env)
    assert again.returncode == 0 and again.stderr == ""  # the entries were written afresh
