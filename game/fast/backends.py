"""Which engine plays the simulator's campaigns: the pure-Python flat engine, or the native kernel.

``python`` always works. ``native`` is the optional compiled kernel, the module
``game.fast.native``: it is present when it was built, and says so through its
``available()`` (it plays with ``play_native(rt, fbot, seeds, scenario,
difficulty, stats)``, as ``game.fast.play.play_flat``). ``auto`` picks native
when it is available, else python. The planner always plays on the reference
engine, whatever the backend: it searches with it.
"""

from __future__ import annotations

import importlib
from types import ModuleType

CHOICES = ("auto", "python", "native")


class BackendUnavailable(RuntimeError):
    """A backend that was asked for by name but is not built here."""


def native_module() -> ModuleType | None:
    """The native kernel's module when it is built and loads, else None."""
    try:
        module = importlib.import_module("game.fast.native")
    except ImportError:
        return None
    available = getattr(module, "available", None)
    return module if callable(available) and available() else None


def resolve(choice: str) -> str:
    """The backend ``choice`` stands for: 'python' or 'native' (BackendUnavailable if it cannot)."""
    if choice not in CHOICES:
        raise ValueError(f"unknown backend '{choice}' (choose from: {', '.join(CHOICES)})")
    if choice == "python":
        return "python"
    if native_module() is not None:
        return "native"
    if choice == "native":
        raise BackendUnavailable("the native kernel is not built here (no compiled game.fast.native "
                                 "module): use --backend python, or auto to take the fastest available")
    return "python"
