"""Build the native kernel on first use with the system's C compiler, cache it per user, load it.

The kernel's source (``kernel.c`` and ``rng.h`` beside this module) is compiled
with ``cc -O2 -shared -fPIC`` into the user's cache folder (the compiled-pack
cache's, ``game.fast.compiled.cache_dir()``, under ``native/``), keyed by a hash
of the source, the compiler's command and the machine, then loaded with
``ctypes``. Nothing is built at install and nothing new is needed at run time:
where no compiler is found or the build fails, ``load()`` gives the reason and
the simulator plays in Python.

``HONORABLE_EXIT_CC`` names the compiler (a program name or path; tests point it
at a missing program to check the fallback); else ``CC``; else the first of
``cc``, ``gcc`` and ``clang`` found on the path.
"""

from __future__ import annotations

import contextlib
import ctypes
import hashlib
import os
import platform
import shlex
import shutil
import signal
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
SOURCES = ("kernel.c", "program.h", "layout.h", "fold.h", "verify.h", "eval.h", "rng.h")
ABI = 2  # HE_ABI in program.h (2: rules 3)
FLAGS = ("-O2", "-shared", "-fPIC")
BUILD_SECONDS = 120


@dataclass(slots=True)
class Loaded:
    """The kernel as loaded, or why it is not: ``lib`` is None exactly when ``reason`` is set."""

    lib: ctypes.CDLL | None
    reason: str | None
    status: str  # "built", "cached" or "unavailable"
    path: Path | None = None


def compiler() -> list[str] | None:
    """The compiler's command (the program and any options it was given with), or None."""
    named = os.environ.get("HONORABLE_EXIT_CC") or os.environ.get("CC")
    if named:
        words = shlex.split(named)
        found = shutil.which(words[0]) if words else None
        return [found, *words[1:]] if found else None
    for name in ("cc", "gcc", "clang"):
        found = shutil.which(name)
        if found:
            return [found]
    return None


def _wanted() -> str:
    return os.environ.get("HONORABLE_EXIT_CC") or os.environ.get("CC") or "cc, gcc or clang"


def source_hash(command: list[str]) -> str:
    """The cache key: the source, the compiler's command, the flags and the machine."""
    digest = hashlib.sha256()
    for name in SOURCES:
        digest.update(name.encode() + b"\0" + (HERE / name).read_bytes() + b"\0")
    digest.update(" ".join([*command, *FLAGS, sys.platform, platform.machine()]).encode())
    return digest.hexdigest()[:24]


def kernel_dir() -> Path:
    """Where built kernels are kept: the compiled-pack cache's folder, under ``native``."""
    from game.fast.compiled import cache_dir

    return cache_dir() / "native"


def load() -> Loaded:
    """The kernel: from the cache, else built now; or the reason it cannot be had."""
    command = compiler()
    if command is None:
        return Loaded(None, f"no C compiler found ({_wanted()})", "unavailable")
    try:
        key = source_hash(command)
    except OSError as exc:
        return Loaded(None, f"the kernel's source cannot be read ({exc})", "unavailable")
    suffix = ".dll" if sys.platform == "win32" else ".so"
    path = kernel_dir() / f"kernel-{key}{suffix}"
    status = "cached"
    if not path.exists():
        problem = _build(command, path)
        if problem:
            return Loaded(None, problem, "unavailable")
        status = "built"
    try:
        lib = _declare(ctypes.CDLL(str(path)))
    except (OSError, AttributeError) as exc:
        return Loaded(None, f"the built kernel {path} does not load ({exc})", "unavailable")
    if lib.he_abi() != ABI:
        return Loaded(None, f"the built kernel {path} is of another version", "unavailable")
    return Loaded(lib, None, status, path)


def _build(command: list[str], path: Path) -> str | None:
    """Compile into ``path`` (atomically); None, or what went wrong."""
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        return f"the kernel cannot be kept in {path.parent} ({exc.strerror or exc})"
    tmp = path.with_name(f"{path.stem}.{os.getpid()}.tmp")
    argv = [*command, *FLAGS, "-o", str(tmp), str(HERE / "kernel.c"), "-lm"]
    try:
        done = _compile(argv)
    except (OSError, subprocess.SubprocessError) as exc:
        tmp.unlink(missing_ok=True)
        return f"the C compiler could not be run ({exc})"
    except BaseException:  # ctrl+c: no half-written kernel is left behind
        tmp.unlink(missing_ok=True)
        raise
    if done.returncode != 0 or not tmp.exists():
        tmp.unlink(missing_ok=True)
        first = (done.stderr.strip().splitlines() or [f"exit status {done.returncode}"])[0]
        return f"the kernel did not build with {Path(command[0]).name}: {first}"
    try:
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        return f"the built kernel cannot be kept in {path.parent} ({exc.strerror or exc})"
    return None


def _compile(argv: list[str]) -> subprocess.CompletedProcess[str]:
    """Run the compiler in a process group of its own, ended whole when it overruns or we are
    interrupted (ctrl+c): killing the driver alone would leave its own children (cc1, as, ld)
    running."""
    proc = subprocess.Popen(argv, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True, start_new_session=True)
    try:
        out, err = proc.communicate(timeout=BUILD_SECONDS)
    except BaseException:
        if sys.platform == "win32":
            proc.kill()
        else:
            with contextlib.suppress(ProcessLookupError):
                os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise
    return subprocess.CompletedProcess(argv, proc.returncode, out, err)


def _declare(lib: ctypes.CDLL) -> ctypes.CDLL:
    """Give the kernel's functions their C signatures."""
    i64, p64 = ctypes.c_int64, ctypes.POINTER(ctypes.c_int64)
    pu64, pbytes = ctypes.POINTER(ctypes.c_uint64), ctypes.c_char_p
    lib.he_abi.restype, lib.he_abi.argtypes = ctypes.c_int, []
    lib.he_rng_seed.restype = ctypes.c_int
    lib.he_rng_seed.argtypes = [pbytes, i64, i64, ctypes.c_int, pu64]
    lib.he_rng_below.restype, lib.he_rng_below.argtypes = i64, [pu64, i64]
    lib.he_rng_random.restype, lib.he_rng_random.argtypes = ctypes.c_double, [pu64]
    lib.he_rng_weighted.restype, lib.he_rng_weighted.argtypes = i64, [pu64, p64, i64]
    lib.he_play.restype = ctypes.c_int
    lib.he_play.argtypes = [p64, i64, pbytes, p64, i64, i64, i64, p64, p64, p64]
    return lib
