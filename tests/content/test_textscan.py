"""The raw-text checks' quick paths find exactly what the plain expressions find."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from game.content import textscan
from game.content.textscan import scan_text

# characters near every edge of the checks: controls, C1, NEL, surrogates, the non-characters,
# the bytes 0xC2 and 0xEF 0xBF lead to in UTF-8, markers and comments
PIECES = ["a", " ", "\t", "\n", "\r", "#", "%", "-", "---", "\n---\n", "--- x", "x: 1\n", "é", "\u00a0",
          "\u0085", "\u0080", "\u009f", "\x00", "\x08", "\x0b", "\x1f", "\x7f", "\ud800", "\udfff",
          "\ufffd", "\ufffe", "\uffff", "\uefbf", "\U0001f600"]


def reference(text: str) -> tuple[str, int, int] | None:
    """The checks as they were written first: one expression search each."""
    bad = textscan._FORBIDDEN.search(text)
    if bad is not None:
        return ("control-character", *textscan.position(text, bad.start()))
    content = textscan._CONTENT.search(text)
    for marker in textscan._MARKER.finditer(text):
        if content is not None and content.start() < marker.start():
            return ("yaml-multiple-documents", *textscan.position(text, marker.start()))
    return None


def found(text: str) -> tuple[str, int, int] | None:
    problem = scan_text(text, "t.yaml")
    return None if problem is None else (problem.code, problem.line, problem.column)


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40))
def test_the_quick_paths_agree_with_the_expressions(pieces: list[str]) -> None:
    text = "".join(pieces)
    assert found(text) == reference(text)


def test_every_forbidden_character_is_found_on_its_own_and_among_others() -> None:
    forbidden = [chr(c) for c in range(0x10000) if re.fullmatch(textscan._FORBIDDEN, chr(c))]
    assert len(forbidden) == 29 + 1 + 31 + 2048 + 2
    for char in forbidden:
        text = f"a: é\nb: x{char}y\n"
        assert found(text) == ("control-character", 2, 5), repr(char)


def test_a_clean_text_and_a_second_document() -> None:
    assert found("---\n# note\na: 1\n") is None
    assert found("a: 1\n---\nb: 2\n") == ("yaml-multiple-documents", 2, 1)
    assert found("a: 1\n----\nb: '---'\n--- x\n") == ("yaml-multiple-documents", 4, 1)
