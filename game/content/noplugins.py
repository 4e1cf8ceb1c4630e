"""Pydantic without third-party plugins, and without the package-metadata scan that looks for them.

The first time pydantic builds a validator it imports ``pydantic.plugin._loader``,
which imports ``importlib.metadata`` (and with it ``email``, ``zipfile``, ``csv``
...) and reads the entry points of every installed distribution, looking for
plugins that would watch or alter validation. The game wants none: a pack must
read the same wherever it is checked. Both cost about a tenth of a ``validate``
run (~76 million machine instructions of ~1,130 million), so ``install`` puts a
loader that finds no plugins in its place, as ``PYDANTIC_DISABLE_PLUGINS=__all__``
would but without the import. Any other name asked of it is looked up in
pydantic's own loader, imported then, so a later pydantic that asks more of the
module still works.
"""

from __future__ import annotations

import sys
from types import ModuleType
from typing import Any

NAME = "pydantic.plugin._loader"
_loaded: list[ModuleType] = []  # pydantic's own loader, once asked for


def get_plugins() -> tuple[()]:
    """The plugins pydantic runs: none."""
    return ()


def _real(attr: str) -> Any:
    """An attribute of pydantic's own loader (imported on the first such question); the import
    system's own questions (``__path__``, ...) are answered as for a plain module."""
    if attr.startswith("__"):
        raise AttributeError(f"module {NAME!r} has no attribute {attr!r}")
    from importlib.machinery import PathFinder
    from importlib.util import module_from_spec

    import pydantic.plugin

    if not _loaded:
        spec = PathFinder.find_spec(NAME, list(pydantic.plugin.__path__))
        if spec is None or spec.loader is None:
            raise AttributeError(f"module {NAME!r} has no attribute {attr!r}")
        real = module_from_spec(spec)
        spec.loader.exec_module(real)
        _loaded.append(real)
    return getattr(_loaded[0], attr)


def install() -> None:
    """Stand in for pydantic's plugin loader, unless pydantic has already loaded its own."""
    if NAME in sys.modules:
        return
    stub = ModuleType(NAME, __doc__)
    # PEP 562: a module's __getattr__ answers for the names it does not define
    vars(stub).update(get_plugins=get_plugins, __getattr__=_real)
    sys.modules[NAME] = stub
