"""The printed reports waste no pages on rules: a long table or card breaks, charts print small.

Printed with headless Chromium, the reviewer's class report of 12 campaigns ran to 65 pages (9
campaigns of one class: 25): a table kept whole was pushed to the next page when it did not fit,
leaving most of a page blank, and the partners' small charts printed one to a row.
"""

from __future__ import annotations

import re
from pathlib import Path

CSS = Path(__file__).resolve().parents[2] / "game" / "reports" / "templates" / "report.css"


def _print_rules() -> dict[str, str]:
    text = CSS.read_text(encoding="utf-8")
    block = text[text.index("@media print {") + len("@media print {"):]
    block = re.sub(r"/\*.*?\*/", "", block, flags=re.S)
    rules: dict[str, str] = {}
    for selectors, body in re.findall(r"([^{}]+)\{([^{}]*)\}", block):
        for selector in selectors.split(","):
            rules[selector.strip()] = rules.get(selector.strip(), "") + body
    return rules


def test_tables_and_cards_may_break_rows_and_headings_may_not() -> None:
    rules = _print_rules()
    kept_whole = {s for s, body in rules.items() if "break-inside: avoid" in body}
    assert "table" not in kept_whole and ".card" not in kept_whole
    assert {"tr", "li", "figure.chart"} <= kept_whole
    assert "table-header-group" in rules["thead"]
    assert "break-after: avoid" in rules["h3"] and "break-after: avoid" in rules[".card h4"]


def test_charts_print_at_a_printed_size() -> None:
    rules = _print_rules()
    assert "grid-template-columns: repeat(3, 1fr)" in rules[".multiples"]
    assert "max-height: 9cm" in rules["figure.chart svg"]
    text = CSS.read_text(encoding="utf-8")
    assert text.index("figure.chart.small {") < text.index("@media print")  # the screen rule first
