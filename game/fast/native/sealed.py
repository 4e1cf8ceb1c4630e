"""The native kernel's cache trusts only what the user's game built: its folder, its file, its seal.

A shared library is code. The kernels' folder must be the user's own and closed
to others' writing (else it is not used at all); a kept kernel must be the
user's own file, closed to others' writing, and carry its seal (``NAME.seal``,
an HMAC of the library's bytes under the user's key: ``game.cachetrust``), else
it is refused and built again. Between these checks and the load, only the user
could change the file: nobody else may write into the folder.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path

from game.cachetrust import (
    Untrusted,
    check_dir,
    private_dir,
    read_private,
    seal,
    sealed,
    secret,
    write_private,
)


def folder_key(folder: Path) -> bytes:
    """The user's key, once the kernels' folder (where it is there yet) is known to be the user's
    own and closed to others' writing (Untrusted; OSError for a key that cannot be had)."""
    with contextlib.suppress(FileNotFoundError, NotADirectoryError):
        check_dir(folder)  # a folder that cannot be made says so when the kernel is built
    return secret()


def _label(path: Path) -> str:
    return f"native kernel {path.name}"


def _seal_path(path: Path) -> Path:
    return path.with_name(path.name + ".seal")


def refusal(path: Path, key: bytes) -> str | None:
    """'' when the kept kernel may be loaded; None when there is none; else why it is refused."""
    try:
        data = read_private(path)
    except FileNotFoundError:
        return None
    except Untrusted as exc:
        return str(exc)
    except OSError as exc:
        return f"{path.name} cannot be read ({exc.strerror or exc})"
    try:
        tag = read_private(_seal_path(path))
    except FileNotFoundError:
        return f"{path.name} has no seal ({_seal_path(path).name})"
    except Untrusted as exc:
        return f"{path.name}'s seal {exc}"
    except OSError as exc:
        return f"{path.name}'s seal cannot be read ({exc.strerror or exc})"
    return "" if sealed(key, _label(path), data, tag) else f"{path.name}'s seal does not hold"


def make_folder(folder: Path) -> str | None:
    """Make the kernels' folder 0700: None, or why the kernel cannot be kept there."""
    try:
        private_dir(folder)
    except (OSError, Untrusted) as exc:
        return f"the kernel cannot be kept in {folder} ({getattr(exc, 'strerror', None) or exc})"
    return None


def keep(built: Path, path: Path, key: bytes) -> None:
    """Close the freshly built library to others (0700), seal it, and put it in place (OSError)."""
    os.chmod(built, 0o700)
    write_private(_seal_path(path), seal(key, _label(path), built.read_bytes()))
    os.replace(built, path)
