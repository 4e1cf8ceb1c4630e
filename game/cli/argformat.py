"""argparse's parser and help formatter, told the terminal's width without importing ``shutil``.

argparse makes a help formatter for every argument it adds, help asked for or
not, and the formatter finds the terminal's width with ``shutil.get_terminal_size``:
``shutil`` imports ``bz2``, ``lzma`` and ``zlib`` with it, about 6.5 million
machine instructions of every command (``validate``'s run is about 900 million).
``terminal_columns`` finds the same width the same way, so help reads as before.
"""

from __future__ import annotations

import argparse
import os
import sys
from typing import Any

FALLBACK_COLUMNS = 80  # shutil.get_terminal_size's fallback


def terminal_columns() -> int:
    """The terminal's width as ``shutil.get_terminal_size().columns`` gives it: ``$COLUMNS`` when it
    is a positive number, else the width of the terminal on standard output, else 80."""
    try:
        columns = int(os.environ["COLUMNS"])
    except (KeyError, ValueError):
        columns = 0
    if columns <= 0:
        try:
            columns = os.get_terminal_size(sys.__stdout__.fileno()).columns  # type: ignore[union-attr]
        except (AttributeError, ValueError, OSError):
            columns = 0
    return columns or FALLBACK_COLUMNS


class HelpFormatter(argparse.HelpFormatter):
    """argparse's help formatter, its width found by ``terminal_columns``."""

    def __init__(self, prog: str, indent_increment: int = 2, max_help_position: int = 24,
                 width: int | None = None) -> None:
        super().__init__(prog, indent_increment, max_help_position,
                         terminal_columns() if width is None else width)


class ArgumentParser(argparse.ArgumentParser):
    """argparse's parser, with ``HelpFormatter`` unless told another (its subcommands' parsers too:
    argparse makes them of the parser's own class)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("formatter_class", HelpFormatter)
        super().__init__(*args, **kwargs)
