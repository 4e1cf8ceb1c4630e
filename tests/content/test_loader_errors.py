"""Every kind of content error is reported with its exact file:line:column."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.content.diagnostics import Diagnostic
from game.content.loader import load


def errors_for(pack: Path, name: str, text: str) -> list[Diagnostic]:
    (pack / name).write_text(text, encoding="utf-8")
    _, runtime, errors = load(pack)
    assert runtime is None if errors else runtime is not None
    return errors


def only(errors: list[Diagnostic]) -> Diagnostic:
    assert len(errors) == 1, [e.render() for e in errors]
    return errors[0]


EVENT = """\
events:
  - id: test_event
    title: A test
    kind: conditional
    cites: [astana.6]
    text: Something happens.
    choices:
      - id: one
        label: One
        outcome: One happened.
        effects: [{{change: {{ceasefire: 1}}}}]
      - id: two
        label: Two
        outcome: Two happened.
        {extra}
"""


def test_yaml_syntax_error_has_position(pack_copy: Path) -> None:
    e = only(errors_for(pack_copy, "zz.yaml", "events:\n  - id: x\n    title: [unclosed\n"))
    assert (e.file, e.line, e.code) == ("pack/zz.yaml", 4, "yaml-syntax")


def test_duplicate_key_names_both_lines(pack_copy: Path) -> None:
    e = only(errors_for(pack_copy, "zz.yaml", "flags:\n  - id: a\n    id: b\n    description: x\n"))
    assert (e.line, e.column, e.code) == (3, 5, "duplicate-key")
    assert "line 2" in e.message and "line 3" in e.message


@pytest.mark.parametrize(
    ("text", "code", "line", "column"),
    [
        ("flags:\n  - &a {id: a, description: x}\n", "yaml-anchor", 2, 5),
        ("flags:\n  - {id: a, description: x}\n  - *a\n", "yaml-alias", 3, 5),
        ("flags:\n  - <<: {id: a}\n    description: x\n", "yaml-merge", 2, 5),
        ("flags:\n  - {id: !!str a, description: x}\n", "yaml-tag", 2, 10),
    ],
)
def test_yaml_hygiene(pack_copy: Path, text: str, code: str, line: int, column: int) -> None:
    found = [e for e in errors_for(pack_copy, "zz.yaml", text) if e.code == code]
    assert found, code
    assert (found[0].line, found[0].column) == (line, column)


def test_yes_is_text_not_a_boolean(pack_copy: Path) -> None:
    errors = errors_for(pack_copy, "zz.yaml", "meters:\n  - {id: m, name: M, description: D, hidden: yes}\n")
    e = only(errors)
    assert (e.line, e.column, e.code) == (2, 46, "schema-bool_type")


def test_dates_stay_text(pack_copy: Path) -> None:
    errors = errors_for(pack_copy, "zz.yaml", EVENT.format(extra="cites: [2018-01-01]"))
    e = only(errors)
    assert (e.line, e.code) == (15, "schema-string_pattern_mismatch")


def test_unknown_field_with_hint(pack_copy: Path) -> None:
    e = only(errors_for(pack_copy, "zz.yaml", EVENT.format(extra="outcom: typo")))
    assert (e.line, e.column, e.code) == (15, 9, "schema-extra_forbidden")
    assert e.hint == "did you mean 'outcome'?"


def test_missing_field(pack_copy: Path) -> None:
    text = EVENT.format(extra="").replace("    title: A test\n", "")
    e = only(errors_for(pack_copy, "zz.yaml", text))
    assert (e.line, e.column, e.code) == (2, 5, "schema-missing")
    assert "title" in e.message


def test_unknown_reference_with_hint(pack_copy: Path) -> None:
    e = only(errors_for(pack_copy, "zz.yaml", EVENT.format(extra="effects: [{change: {turky: 5}}]")))
    assert (e.line, e.column, e.code) == (15, 29, "unknown-quantity")
    assert e.hint == "did you mean 'turkey'?"


def test_unknown_paragraph(pack_copy: Path) -> None:
    e = only(errors_for(pack_copy, "zz.yaml", EVENT.format(extra="cites: [astana.66]")))
    assert (e.line, e.column, e.code) == (15, 17, "unknown-paragraph")


def test_unknown_event_in_schedule(pack_copy: Path) -> None:
    extra = "effects: [{schedule: {after: 2, event: afrn}}]"
    e = only(errors_for(pack_copy, "zz.yaml", EVENT.format(extra=extra)))
    assert (e.line, e.code, e.hint) == (15, "unknown-event", "did you mean 'afrin'?")


def test_expression_syntax_error_points_into_the_string(pack_copy: Path) -> None:
    e = only(errors_for(pack_copy, "zz.yaml", EVENT.format(extra='when: "ceasefire >= and turkey > 0"')))
    assert (e.line, e.column, e.code) == (15, 29, "expression-syntax")


def test_expression_unknown_flag_points_at_the_name(pack_copy: Path) -> None:
    e = only(errors_for(pack_copy, "zz.yaml", EVENT.format(extra='when: "ceasefire >= 4 and not sochi_hel"')))
    assert (e.line, e.column, e.code) == (15, 39, "unknown-flag")
    assert e.hint == "did you mean 'sochi_held'?"


def test_number_used_as_condition(pack_copy: Path) -> None:
    e = only(errors_for(pack_copy, "zz.yaml", EVENT.format(extra='when: "ceasefire and turkey > 1"')))
    assert (e.line, e.column, e.code) == (15, 16, "expression-type")


def test_duplicate_id_across_files(pack_copy: Path) -> None:
    e = only(errors_for(pack_copy, "zz.yaml", "flags:\n  - {id: sochi_held, description: again}\n"))
    assert (e.file, e.line, e.code) == ("pack/zz.yaml", 2, "duplicate-id")
    assert "pack/world.yaml" in e.message


def test_unknown_section_with_hint(pack_copy: Path) -> None:
    e = only(errors_for(pack_copy, "zz.yaml", "evnts: []\n"))
    assert (e.line, e.column, e.code, e.hint) == (1, 1, "unknown-section", "did you mean 'events'?")


def test_flag_tested_but_never_set(pack_copy: Path) -> None:
    text = "flags:\n  - {id: lonely, description: x}\n" + EVENT.format(extra='when: "lonely"')[8:]
    text = "flags:\n  - {id: lonely, description: x}\nevents:\n" + EVENT.format(extra='when: "lonely"')[8:]
    e = only(errors_for(pack_copy, "zz.yaml", text))
    assert (e.line, e.code) == (2, "flag-never-set")


def test_all_errors_are_collected(pack_copy: Path) -> None:
    (pack_copy / "a.yaml").write_text("evnts: []\n", encoding="utf-8")
    (pack_copy / "b.yaml").write_text(EVENT.format(extra="cites: [nope.1]"), encoding="utf-8")
    _, _, errors = load(pack_copy)
    assert {e.code for e in errors} == {"unknown-section", "unknown-paragraph"}
    assert [e.file for e in errors] == ["pack/a.yaml", "pack/b.yaml"]


def test_missing_manifest(tmp_path: Path) -> None:
    e = only(load(tmp_path)[2])
    assert e.code == "missing-manifest"


def test_render_format() -> None:
    d = Diagnostic("p/x.yaml", 3, 7, "unknown-flag", "unknown flag 'a'", "did you mean 'b'?")
    assert d.render() == "p/x.yaml:3:7: error[unknown-flag]: unknown flag 'a'\n  hint: did you mean 'b'?"


def test_a_threshold_may_name_a_tolerance_and_the_name_is_checked(pack_copy: Path) -> None:
    world = pack_copy / "world.yaml"
    text = world.read_text(encoding="utf-8")
    named = text.replace("thresholds: [{value: 20,", "thresholds: [{value: rupture,")
    assert named != text
    assert errors_for(pack_copy, "world.yaml", named) == []
    e = only(errors_for(pack_copy, "world.yaml", text.replace("thresholds: [{value: 20,",
                                                              "thresholds: [{value: ruptre,")))
    assert (e.file, e.line, e.code) == ("pack/world.yaml", 3, "unknown-tolerance")
    assert "did you mean 'rupture'" in e.render()
