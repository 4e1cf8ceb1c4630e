"""Plain-text building blocks for the UI: content text is never parsed as markup."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.content import Content

ARROW_UP = "▲"
ARROW_DOWN = "▼"
STEADY = "•"


def plain(text: str) -> Content:
    """Pack text as content that is shown exactly as written (a '[' stays a '[')."""
    return Content(text)


def styled(text: str, style: str) -> Content:
    """Plain text with one style applied to all of it."""
    return Content.assemble((text, style))


def trend(delta: int) -> str:
    """An arrow and a sign for a change: '▲+3', '▼-2', '•0'."""
    if delta > 0:
        return f"{ARROW_UP}+{delta}"
    if delta < 0:
        return f"{ARROW_DOWN}{delta}"
    return f"{STEADY}0"


def judgement(delta: int, good: str) -> str:
    """Whether a change is good news for Moscow: 'better', 'worse' or '' (no change, neutral)."""
    if delta == 0 or good == "neutral":
        return ""
    improved = delta > 0 if good == "high" else delta < 0
    return "better" if improved else "worse"


def mark(verdict: str) -> str:
    """A one-character mark for a verdict, so that meaning never rests on colour alone."""
    return {"better": "✓", "worse": "✗"}.get(verdict, " ")


def tier_title(tier: int | None) -> str:
    """The heading of a group of partners."""
    return f"Tier {tier}" if tier else "Outside the tiers"


def short_month(label: str) -> str:
    """'January 2018' as 'Jan 2018'."""
    month, _, year = label.partition(" ")
    return f"{month[:3]} {year}"


def hanging(rows: list[tuple[Text | str, ...]], *, nowrap: int = 1) -> Table:
    """Rows as a borderless table whose last column wraps under itself (a hanging indent).

    The first `nowrap` columns keep to one line; every cell is plain text, never markup.
    """
    table = Table.grid(padding=(0, 1), expand=True)
    width = max((len(r) for r in rows), default=1)
    for i in range(width):
        last = i == width - 1
        table.add_column(no_wrap=i < nowrap, ratio=1 if last else None,
                         overflow="fold" if last else "ellipsis")
    for row in rows:
        table.add_row(*(cell if isinstance(cell, Text) else Text(cell) for cell in row))
    return table
