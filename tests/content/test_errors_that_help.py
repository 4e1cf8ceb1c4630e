"""Errors that help a modder: the field and the value, targeted hints, one error per mistake."""

from __future__ import annotations

from pathlib import Path

from game.content.loader import load

BROKEN = """\
events:
  - id: x
    title: T
    kind: conditional
    weight: high
    cites: [intro.1]
    text: t
    choices:
      - {id: a, label: A, outcome: o, effects: [{change: {ceasefire: lots}}]}
      - {id: b, label: B, outcome: o, when: {meter: ceasefire, greater: 3}}
  - id: y
    title: Y
    kind: conditional
    cites: [intro.1]
    text: t
    when: "sochi_held > 3"
    choices:
      - {id: a, label: A, outcome: o, effects: [{schedule: {after: 2, event: x}}]}
      - {id: b, label: B, outcome: o, when: "fired(x)"}
"""


def messages(pack: Path, name: str, text: str) -> list[tuple[int, str, str, str | None]]:
    (pack / name).write_text(text, encoding="utf-8")
    _, _, errors = load(pack)
    return [(e.line, e.code, e.message, e.hint) for e in errors]


def test_types_name_the_field_and_value_and_no_follow_ons(pack_copy: Path) -> None:
    found = messages(pack_copy, "zz.yaml", BROKEN)
    assert (5, "schema-int_type", 'weight: "high" is not a whole number', None) in found
    assert any(m == 'ceasefire: "lots" is not a whole number' for _, _, m, _ in found)
    assert (10, "schema-extra_forbidden", "unknown field 'greater'", "did you mean 'gt'?") in found
    flag = next(f for f in found if f[0] == 16)
    assert flag[2] == "'sochi_held' is a flag (set or not), not a number"
    # card x failed validation, yet the references to it (lines 18, 19) raise no second error
    assert not [f for f in found if f[1] == "unknown-event"]
    assert len(found) == 4


def test_yes_for_a_yes_no_field_is_explained(pack_copy: Path) -> None:
    found = messages(pack_copy, "zz.yaml", "meters:\n  - {id: m, name: M, description: D., hidden: yes}\n")
    assert found == [(2, "schema-bool_type", 'hidden: "yes" is not true or false', "write true or false")]


def test_an_empty_file_is_named(pack_copy: Path) -> None:
    found = messages(pack_copy, "empty.yaml", "")
    hint = "give it a section (events:, flags:, ...) or remove it"
    assert found == [(1, "empty-file", "the file is empty", hint)]


def test_tier_none_works_as_documented(pack_copy: Path) -> None:
    text = "actors:\n  - {id: un, name: UN, description: The UN., kind: partner, tier: none}\n"
    assert messages(pack_copy, "zz.yaml", text) == []


def test_symlinked_folders_are_followed_and_loops_refused(pack_copy: Path, tmp_path: Path) -> None:
    extra = tmp_path / "shared"
    extra.mkdir()
    (extra / "f.yaml").write_text("flags:\n  - {id: linked_flag, description: From a linked folder.}\n")
    (pack_copy / "linked").symlink_to(extra)
    (pack_copy / "loop").symlink_to(pack_copy)
    pack, _, errors = load(pack_copy)
    assert [e.code for e in errors] == ["symlink-loop"] and errors[0].file.endswith("pack/loop")
    (pack_copy / "loop").unlink()
    pack, rt, errors = load(pack_copy)
    assert not errors and pack is not None and "linked_flag" in {f.id for f in pack.items("flags")}


def test_yaml_syntax_errors_give_both_places_and_a_hint(pack_copy: Path) -> None:
    broken = "events:\n  - id: x\n    title: [unclosed\n    kind: conditional\n"
    found = messages(pack_copy, "zz.yaml", broken)
    assert found[0][0] == 4 and "(the construct began at line 3, column 12)" in found[0][2]
    assert "closing ]" in (found[0][3] or "")
    tab = messages(pack_copy, "zz.yaml", "flags:\n\t- {id: x, description: y}\n")
    assert tab[0][:2] == (2, "yaml-syntax") and "tab" in (tab[0][3] or "")


def test_a_file_that_cannot_be_read_is_named_once_not_seventy_times(pack_copy: Path) -> None:
    world = pack_copy / "world.yaml"
    world.write_text(world.read_text(encoding="utf-8") + "broken: [\n", encoding="utf-8")
    _, _, errors = load(pack_copy)
    codes = [e.code for e in errors]
    assert "yaml-syntax" in codes and codes.count("follow-on") == 1
    assert not [c for c in codes if c.startswith("unknown-")]
    note = next(e for e in errors if e.code == "follow-on")
    assert note.severity == "note" and "world.yaml could not be read" in note.message


def test_a_file_with_the_endings_unread_gives_no_missing_ending_error(pack_copy: Path) -> None:
    events = pack_copy / "events.yaml"
    events.write_text(events.read_text(encoding="utf-8") + "  : : broken: [\n", encoding="utf-8")
    _, _, errors = load(pack_copy)
    codes = [e.code for e in errors]
    assert codes[0] == "yaml-syntax" and codes[-1] == "follow-on", codes  # the summary comes last
    assert not [c for c in codes if c.startswith(("missing-", "fallback-"))], codes
    assert "pack/pack.yaml:1:1: a pack needs exactly one fallback ending, found 0" in errors[-1].message


def test_two_fallback_endings_are_an_error_at_the_second(pack_copy: Path) -> None:
    extra = ("endings:\n  - {id: also_fallback, title: T, summary: s, epilogue: e, priority: 99,"
             " fallback: true, cites: [intro.1]}\n")
    found = messages(pack_copy, "zz.yaml", extra)
    hits = [f for f in found if f[1] == "fallback-ending"]
    assert hits and "found 2" in hits[0][2] and "one ending only" in (hits[0][3] or ""), found


def test_a_field_of_another_kind_of_item_is_not_suggested_as_itself(pack_copy: Path) -> None:
    extra = ("endings:\n  - {id: e2, title: T, summary: s, epilogue: e, priority: 99, text: t,"
             " cites: [intro.1]}\n")
    hits = [f for f in messages(pack_copy, "zz.yaml", extra) if f[1] == "schema-extra_forbidden"]
    assert hits == [(2, "schema-extra_forbidden", "unknown field 'text'",
                     "'text' is a field of other kinds of item, not of this one")]
