"""The compiled-pack cache: built once, then read; a miss is said; a broken cache never crashes."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any

import pytest

from game.cachetrust import key_path, seal, secret
from game.content.loader import load_runtime
from game.engine.runtime import Runtime
from game.fast.cacheentry import MAGIC, STAND_IN, open_entry, pack_entry
from game.fast.compiled import cache_dir, codes, load_compiled
from tests.cli.run import cli

STARTER = "tests/fixtures/packs/starter"


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("HONORABLE_EXIT_CACHE", str(folder))
    return folder


def test_built_then_cached_and_the_same_code(starter_rt: Runtime, cache: Path) -> None:
    first = load_compiled(starter_rt)
    assert first.status == "built" and not first.notes
    assert [p.parent for p in cache.iterdir()] == [cache]
    second = load_compiled(starter_rt)
    assert second.status == "cached" and not second.notes
    assert second.ir.to_json() == first.ir.to_json() and set(second.functions) == set(first.functions)


def test_a_cache_hit_neither_builds_nor_writes(starter_rt: Runtime, cache: Path,
                                               monkeypatch: pytest.MonkeyPatch) -> None:
    """What makes a hit cheap, checked by what it does, not by a clock: the pack's integer form is not
    built, no module is generated, the entry is not written again, and every function is read from
    the entry when first called. (The hit's time, ~3 ms, is measured by benchmarks/simulate.py.)"""
    import game.fast.compiled as compiled

    built = load_compiled(starter_rt)
    (entry,) = cache.iterdir()
    before = entry.stat()

    def never(*args: object) -> None:
        raise AssertionError("a cache hit built the pack")

    monkeypatch.setattr(compiled, "build_ir", never)
    monkeypatch.setattr(compiled, "generate", never)
    hit = load_compiled(starter_rt)
    assert hit.status == "cached" and not hit.notes
    state = [0] * 4096
    for name, fn in hit.functions.items():
        if name[0] in "acdnw":
            assert fn(state) == built.functions[name](state)
            assert fn.__code__ is not STAND_IN  # type: ignore[attr-defined]
    assert not hit.notes
    after = entry.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)


def test_a_corrupt_head_is_rebuilt_with_a_note(starter_rt: Runtime, cache: Path) -> None:
    load_compiled(starter_rt)
    (entry,) = cache.iterdir()
    data = entry.read_bytes()
    at = len(MAGIC) + 32 + 8 + 100  # inside the sealed head
    entry.write_bytes(data[:at] + b"\0" * 40 + data[at + 40:])
    again = load_compiled(starter_rt)
    assert again.status == "built" and "corrupt" in again.notes[0]
    assert load_compiled(starter_rt).status == "cached"  # and written afresh


def test_a_truncated_entry_is_rebuilt_with_a_note(starter_rt: Runtime, cache: Path) -> None:
    load_compiled(starter_rt)
    (entry,) = cache.iterdir()
    entry.write_bytes(entry.read_bytes()[:-40])
    again = load_compiled(starter_rt)
    assert again.status == "built" and "does not match its body" in again.notes[0]


def test_cached_functions_are_read_on_their_first_call_and_agree(starter_rt: Runtime, cache: Path) -> None:
    built = load_compiled(starter_rt)
    cached = load_compiled(starter_rt)
    assert cached.status == "cached" and set(cached.functions) == set(built.functions)
    name = next(n for n in built.functions if n.startswith("c"))
    fn = cached.functions[name]
    assert fn.__code__ is STAND_IN  # type: ignore[attr-defined]
    state = [0] * 4096
    assert fn(state) == built.functions[name](state)
    assert fn.__code__ is not STAND_IN and fn.__code__.co_code == built.functions[name].__code__.co_code  # type: ignore[attr-defined]
    assert cached.functions[name] is fn and fn.__qualname__ == name


def test_a_damaged_function_is_built_again_when_first_called(starter_rt: Runtime, cache: Path) -> None:
    """Each function's code is checked against its sealed digest before it is read: a damaged one is
    never run; the module is built again from the sealed integer form, said, and cached afresh."""
    built = load_compiled(starter_rt)
    (entry,) = cache.iterdir()
    data = entry.read_bytes()
    opened = open_entry(data, lambda part, tag: True)
    assert opened is not None
    lazy = opened[1]
    i = next(i for i, name in enumerate(lazy.names) if name[0] == "c")  # a condition's code
    at = len(data) - lazy.ends[-1] + (lazy.ends[i - 1] if i else 0) + 2
    damaged = data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1:]
    entry.write_bytes(damaged)
    cached = load_compiled(starter_rt)
    assert cached.status == "cached" and not cached.notes
    state = [0] * 4096
    for name, fn in cached.functions.items():
        if name[0] in "acdnw":
            assert fn(state) == built.functions[name](state)
    assert len(cached.notes) == 1 and "does not match its seal" in cached.notes[0]
    assert all(fn.__code__ is not STAND_IN for fn in cached.functions.values())  # type: ignore[attr-defined]
    assert entry.read_bytes() != damaged
    assert load_compiled(starter_rt).status == "cached"


def test_an_unwritable_cache_builds_in_memory_with_a_note(starter_rt: Runtime, tmp_path: Path,
                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    monkeypatch.setenv("HONORABLE_EXIT_CACHE", str(blocker / "cache"))  # no folder can be made there
    done = load_compiled(starter_rt)
    assert done.status == "built" and any("could not be cached" in note for note in done.notes)
    assert done.functions


def test_the_cache_folder_follows_xdg(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.delenv("HONORABLE_EXIT_CACHE")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache_dir() == tmp_path / "honorable-exit"


def test_simulate_says_built_then_cached_and_validate_generates_nothing(tmp_path: Path) -> None:
    env = {"HONORABLE_EXIT_CACHE": str(tmp_path / "c")}
    done = cli("validate", "--content", STARTER, env=env)
    made = list((tmp_path / "c").glob("*"))  # the parse cache's values may be kept, never code
    assert done.returncode == 0 and all(p.name == "parsed" for p in made)
    runs = [cli("simulate", "--content", STARTER, "--games", "3", "--strategy", "random", "--format", "json",
                "--backend", "python", env=env) for _ in range(2)]
    first, second = (json.loads(r.stdout) for r in runs)
    assert (first["backend"], first["compiled"], second["compiled"]) == ("python", "built", "cached")
    text = cli("simulate", "--content", STARTER, "--games", "2", "--strategy", "random",
               "--backend", "python", env=env)
    assert "backend python, compiled pack cached" in text.stdout


def test_native_when_not_built_is_a_usage_error(tmp_path: Path) -> None:
    from game.fast.backends import native_module

    if native_module() is not None:
        pytest.skip("the native kernel is built here")
    done = cli("simulate", "--content", STARTER, "--games", "2", "--backend", "native",
               env={"HONORABLE_EXIT_CACHE": str(tmp_path)})
    assert done.returncode == 2 and "not built" in done.stderr


@pytest.mark.costly(60)  # in one measured run of the suite: see tests/conftest.py
def test_workers_play_the_mods_too(tmp_path: Path) -> None:
    example = "examples/mods/baghdad-channel"
    env = {"HONORABLE_EXIT_CACHE": str(tmp_path)}
    runs = [cli("simulate", "--mod", example, "--games", "3", "--strategy", "random", "--jobs", jobs,
                "--format", "json", env=env, timeout=300) for jobs in ("1", "2")]
    one, two = (json.loads(r.stdout) for r in runs)
    for data in (one, two):
        for key in ("seconds", "games_per_second", "compiled", "by_scenario", "ending_failed_clauses"):
            data.pop(key)
    assert one == two


# The cache trusts nothing it did not write: a private folder, private files, a seal under the user's key.


def _entry(cache: Path) -> Path:
    (entry,) = cache.glob("pack-*.bin")
    return entry


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


posix_only = pytest.mark.skipif(not hasattr(os, "geteuid"), reason="owners and modes are POSIX's")


@posix_only
def test_the_folder_the_entry_and_the_key_are_private(starter_rt: Runtime, cache: Path) -> None:
    assert load_compiled(starter_rt).status == "built"
    assert (_mode(cache), _mode(_entry(cache))) == (0o700, 0o600)
    key = key_path()
    assert key.parent != cache and cache not in key.parents  # the key is kept outside the cache
    assert (_mode(key), _mode(key.parent), len(key.read_bytes())) == (0o600, 0o700, 32)


@posix_only
def test_a_folder_of_the_users_that_others_may_read_is_closed(starter_rt: Runtime, cache: Path) -> None:
    cache.mkdir(mode=0o755)
    cache.chmod(0o755)  # as the parse cache, or an older game, made it
    assert load_compiled(starter_rt).status == "built" and _mode(cache) == 0o700


@posix_only
def test_a_group_writable_entry_is_refused_and_written_afresh(starter_rt: Runtime, cache: Path) -> None:
    load_compiled(starter_rt)
    _entry(cache).chmod(0o660)
    again = load_compiled(starter_rt)
    assert again.status == "built" and len(again.notes) == 1
    assert "refused" in again.notes[0] and "writing by its group or others" in again.notes[0]
    assert _mode(_entry(cache)) == 0o600 and load_compiled(starter_rt).status == "cached"


@posix_only
@pytest.mark.parametrize("mode", [0o770, 0o707, 0o1777])
def test_a_folder_others_may_write_is_neither_read_nor_written(starter_rt: Runtime, cache: Path,
                                                               mode: int) -> None:
    load_compiled(starter_rt)
    entry = _entry(cache)
    before = entry.stat()
    cache.chmod(mode)
    done = load_compiled(starter_rt)
    assert done.status == "built" and done.functions
    assert "neither read from it nor written to it" in done.notes[0] and str(cache) in done.notes[0]
    after = entry.stat()
    assert (after.st_ino, after.st_mtime_ns) == (before.st_ino, before.st_mtime_ns)  # left alone


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs here")
def test_a_fifo_in_an_entrys_place_is_refused_not_waited_on(starter_rt: Runtime, cache: Path) -> None:
    load_compiled(starter_rt)
    entry = _entry(cache)
    entry.unlink()
    os.mkfifo(entry, 0o600)
    done = load_compiled(starter_rt)
    assert done.status == "built" and "not a plain file" in done.notes[0]
    assert load_compiled(starter_rt).status == "cached"


def _owned_by_another(monkeypatch: pytest.MonkeyPatch, victim: Path) -> None:
    """The open file ``victim`` reads as another user's (a faked fstat: tests do not run as root)."""
    inode, real = victim.stat().st_ino, os.fstat

    def fstat(fd: int) -> os.stat_result:
        st = real(fd)
        if st.st_ino != inode:
            return st
        fields = list(st)
        fields[4] = st.st_uid + 1  # st_uid
        return os.stat_result(fields)

    monkeypatch.setattr(os, "fstat", fstat)


@posix_only
def test_an_entry_of_another_owner_is_refused(starter_rt: Runtime, cache: Path,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    load_compiled(starter_rt)
    _owned_by_another(monkeypatch, _entry(cache))
    done = load_compiled(starter_rt)
    assert done.status == "built" and "owned by another user" in done.notes[0] and "refused" in done.notes[0]


def test_a_tampered_payload_is_refused_even_with_a_good_checksum(starter_rt: Runtime, cache: Path) -> None:
    """Whoever writes the folder but lacks the key cannot seal code that the game will run."""
    load_compiled(starter_rt)
    entry = _entry(cache)
    opened = open_entry(entry.read_bytes(), lambda part, tag: True)
    assert opened is not None
    header, ints, tables, names, floats, _ = opened[0]
    evil = codes(_module(compile("def a_forged(v):\n    return 1\n", "<pack>", "exec")))
    label = f"compiled pack {entry.name}"
    for key, ran in ((b"\0" * 32, False), (secret(), True)):  # a guessed key; the user's own
        entry.write_bytes(pack_entry((header, ints, tables, names, floats, {}), evil,
                                     lambda part, k=key: seal(k, label, part)))
        entry.chmod(0o600)
        done = load_compiled(starter_rt)
        assert ("a_forged" in done.functions) is ran  # the seal is what stands between
        assert done.status == ("cached" if ran else "built")
        assert ran or "seal does not hold" in done.notes[0]


def _module(code: Any) -> Any:
    from game.fast.compiled import Module

    return Module(code, (), {})


def test_a_sealed_entry_does_not_pass_for_another(starter_rt: Runtime, cache: Path) -> None:
    """The seal names the entry: another pack's genuine code, copied under this pack's name, is refused."""
    load_compiled(starter_rt)
    entry = _entry(cache)
    other = load_runtime(Path(STARTER))
    other.extra["content_hash"] = "sha256:another pack"
    other.pack.digests = None  # so keyed by that content hash, not by its files' parse-cache hashes
    assert load_compiled(other).status == "built"
    (copy,) = set(cache.glob("pack-*.bin")) - {entry}
    entry.write_bytes(copy.read_bytes())
    done = load_compiled(starter_rt)
    assert done.status == "built" and "seal does not hold" in done.notes[0]


@posix_only
@pytest.mark.parametrize("what", ["key readable by others", "key folder writable by others"])
def test_a_key_others_may_read_or_replace_caches_nothing(starter_rt: Runtime, cache: Path, tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch, what: str) -> None:
    monkeypatch.setenv("HONORABLE_EXIT_CONFIG", str(tmp_path / "config"))
    assert load_compiled(starter_rt).status == "built"
    key = key_path()
    (key if what.startswith("key readable") else key.parent).chmod(0o644 if "readable" in what else 0o777)
    done = load_compiled(starter_rt)
    assert done.status == "built" and "compiled packs are not cached" in done.notes[0]
    assert str(key if "readable" in what else key.parent) in done.notes[0]


def test_a_key_once_made_is_never_replaced(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Two processes that both found no key publish theirs whole, and the first one stays."""
    from game.cachetrust import _make_key

    monkeypatch.setenv("HONORABLE_EXIT_CONFIG", str(tmp_path / "config"))
    first = secret()
    (tmp_path / "config" / f"cache.key.{os.getpid()}.tmp").write_bytes(b"a crashed process's leftover")
    _make_key(key_path())  # the second process, a moment later
    assert secret() == first and len(first) == 32
    assert [p.name for p in (tmp_path / "config").iterdir()] == ["cache.key"]


# The native kernel's kept build is code too: the same refusals.


@pytest.fixture
def kept_kernel(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The session's built kernel and its seal, kept in a cache folder of this test's own (no build)."""
    from game.fast import native
    from game.fast.native import build

    built = native.kernel()
    if built.path is None:
        pytest.skip(f"no native kernel here: {built.reason}")
    folder = tmp_path / "cache" / "native"
    folder.mkdir(parents=True, mode=0o700)
    for source in (built.path, built.path.with_name(built.path.name + ".seal")):
        (folder / source.name).write_bytes(source.read_bytes())
        (folder / source.name).chmod(0o700 if source == built.path else 0o600)
    monkeypatch.setenv("HONORABLE_EXIT_CACHE", str(tmp_path / "cache"))
    monkeypatch.setattr(build, "_build", lambda *args: "not built again in this test")
    assert build.load().status == "cached"
    return folder / built.path.name


def _refused(note: str) -> Any:
    from game.fast.native import build

    loaded = build.load()
    assert loaded.lib is None and loaded.reason == "not built again in this test"  # it was asked for
    assert len(loaded.notes) == 1 and note in loaded.notes[0] and "refused" in loaded.notes[0]
    return loaded


@posix_only
def test_a_built_kernel_is_private_and_sealed(kept_kernel: Path) -> None:
    from game.fast import native

    built = native.kernel().path
    assert built is not None and _mode(built) == 0o700 and _mode(built.parent) == 0o700
    assert _mode(built.with_name(built.name + ".seal")) == 0o600


def test_a_tampered_kernel_is_refused(kept_kernel: Path) -> None:
    # Written beside it and moved into its place: this process has the kept kernel loaded (the
    # fixture loaded it), and rewriting a loaded library in place makes the process crash at exit
    # (its pages are read back unrelocated: a jump to 0x1110 in the kernel log).
    tampered = kept_kernel.with_name("tampered.tmp")
    tampered.write_bytes(kept_kernel.read_bytes() + b"\0")
    tampered.chmod(0o700)
    tampered.replace(kept_kernel)
    _refused("seal does not hold")


def test_a_kernel_without_its_seal_is_refused(kept_kernel: Path) -> None:
    kept_kernel.with_name(kept_kernel.name + ".seal").unlink()
    _refused("has no seal")


@posix_only
@pytest.mark.parametrize("seal_file", [False, True])
def test_a_group_writable_kernel_or_seal_is_refused(kept_kernel: Path, seal_file: bool) -> None:
    (kept_kernel.with_name(kept_kernel.name + ".seal") if seal_file else kept_kernel).chmod(0o770)
    _refused("writing by its group or others")


@posix_only
def test_a_kernel_of_another_owner_is_refused(kept_kernel: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _owned_by_another(monkeypatch, kept_kernel)
    _refused("owned by another user")


@posix_only
def test_a_kernel_folder_others_may_write_is_not_used(kept_kernel: Path) -> None:
    from game.fast.native import build

    kept_kernel.parent.chmod(0o777)
    loaded = build.load()
    assert loaded.lib is None and loaded.status == "unavailable" and loaded.reason is not None
    assert "writing by its group or others" in loaded.reason
    assert "neither loaded from nor built" in loaded.reason


@pytest.mark.parametrize("jobs", ["1", "2"], ids=["one-process", "workers"])
def test_simulate_says_a_damaged_function_was_built_again_and_plays_the_same(tmp_path: Path,
                                                                             jobs: str) -> None:
    """In one process or in workers (--jobs 2, where each worker finds the damage in its own copy),
    the note is said once, and the games are the same."""
    env = {"HONORABLE_EXIT_CACHE": str(tmp_path / "c")}
    args = ("simulate", "--content", STARTER, "--games", "3", "--strategy", "random", "--backend", "python",
            "--jobs", jobs)
    first = cli(*args, env=env)
    entry = _entry(tmp_path / "c")
    data = entry.read_bytes()
    opened = open_entry(data, lambda part, tag: True)
    assert first.returncode == 0 and opened is not None
    lazy = opened[1]
    i = lazy.names.index("m0")  # the month's end (policies, then the watched endings): called every turn
    at = len(data) - lazy.ends[-1] + (lazy.ends[i - 1] if i else 0) + 2
    entry.write_bytes(data[:at] + bytes([data[at] ^ 0xFF]) + data[at + 1:])
    again = cli(*args, env=env)
    assert again.returncode == 0
    notes = [line for line in again.stderr.splitlines() if "damaged" in line]
    assert len(notes) == 1 and notes[0].startswith("honorable-exit: note: the cached compiled pack")
    assert "the code of m0 does not match its seal" in notes[0]
    drop = re.compile(r" in [0-9.]+ s: [0-9.]+ games/s|, compiled pack (built|cached)")  # the same games
    assert "compiled pack cached" in again.stdout and drop.sub("", again.stdout) == drop.sub("", first.stdout)
