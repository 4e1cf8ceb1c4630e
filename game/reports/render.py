"""The template environment shared by the reports (Jinja2; Markdown unescaped, HTML autoescaped)."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemLoader, StrictUndefined

TEMPLATES = Path(__file__).resolve().parent / "templates"
FORMATS = ("md", "html")


def _cell(text: Any) -> str:
    """Text that is safe in a Markdown table cell."""
    return " ".join(str(text).split()).replace("|", "\\|")


def _signed(n: int | float) -> str:
    return f"{n:+d}" if isinstance(n, int) and n else (f"{n:+.1f}" if n else "0")


def _capitalize_first(text: str) -> str:
    """The text with its first letter upper-case and the rest untouched (unlike ``capitalize``)."""
    return text[:1].upper() + text[1:]


def _num(n: int | float | None) -> str:
    """A whole number as is, anything else to one decimal; None as a dash."""
    if n is None:
        return "–"
    return str(int(n)) if float(n).is_integer() else f"{n:.1f}"


@cache
def environment(fmt: str) -> Environment:
    """The environment for one output format."""
    env = Environment(loader=FileSystemLoader(TEMPLATES), autoescape=fmt == "html",
                      undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True,
                      keep_trailing_newline=True)
    env.filters["cell"] = _cell
    env.filters["signed"] = _signed
    env.filters["num"] = _num
    env.filters["capitalize_first"] = _capitalize_first
    return env


def render(name: str, fmt: str, **context: Any) -> str:
    """Render ``{name}.{fmt}.j2``."""
    if fmt not in FORMATS:
        raise ValueError(f"unknown report format '{fmt}' (choose md or html)")
    return environment(fmt).get_template(f"{name}.{fmt}.j2").render(**context)
