"""Previews say what a choice does to the campaign's facts (flags), and what the conditions do with them."""

from __future__ import annotations

import shutil
from dataclasses import replace
from pathlib import Path

import pytest

from game.content.loader import load_runtime
from game.engine.runtime import Runtime
from game.preview import Lens, choice_preview, effects_text, lens_for
from game.session import Session

STARTER = Path(__file__).resolve().parents[1] / "fixtures" / "packs" / "starter"
FACT = "The guarantors have signed an accord"

FLAG = "  - {id: accord, description: The guarantors have signed an accord.}\n"
EVENTS = """\
  - id: summit
    title: A guarantors' summit
    kind: historical
    date: "2018-01"
    cites: [astana.1]
    text: The guarantors meet.
    choices:
      - {id: sign, label: Sign, outcome: Signed., effects: [{set_flag: accord}]}
      - {id: tear_up, label: Tear it up, outcome: Torn., effects: [{clear_flag: accord}]}
      - id: gamble
        label: Leave it to chance
        outcome: We shall see.
        effects:
          - random:
              - {weight: 1, note: Signed, effects: [{set_flag: accord}, {change: {turkey: 2}}]}
              - {weight: 1, note: Not signed, effects: []}
          - if: "un_track >= 10"
            then: [{set_flag: accord}]
      - id: later
        label: Sign in the spring
        outcome: Later.
        effects:
          - schedule: {after: 2, note: The accord is signed, effects: [{set_flag: accord}]}
  - id: accord_review
    title: The accord under review
    kind: conditional
    when: "accord and ceasefire >= 10"
    cites: [astana.1]
    text: The accord is reviewed.
    choices:
      - {id: a, label: A, outcome: A., effects: [{change: {turkey: 1}}]}
      - {id: b, label: B, outcome: B., effects: [{change: {turkey: -1}}]}
  - id: protest
    title: A protest against the drift
    kind: conditional
    when: {not: {flag: accord}}
    cites: [astana.1]
    text: Nobody has signed anything.
    choices:
      - {id: a, label: A, outcome: A., effects: [{change: {iran: 1}}]}
      - {id: b, label: B, outcome: B., effects: [{change: {iran: -1}}]}
  - id: party
    title: A party in Astana
    kind: conditional
    when: "accord or ceasefire >= 95"
    cites: [astana.1]
    text: Someone celebrates.
    choices:
      - {id: a, label: A, outcome: A., effects: [{change: {iran: 1}}]}
      - {id: b, label: B, outcome: B., effects: [{change: {iran: -1}}]}
"""
ENDING = """\
  - id: accord_peace
    title: Accord peace
    priority: 8
    when: "accord and un_track >= 30"
    summary: The accord holds.
    epilogue: It holds.
    cites: [astana.1]
"""


@pytest.fixture(scope="module")
def rt(tmp_path_factory: pytest.TempPathFactory) -> Runtime:
    """The starter pack with a flag 'accord' that a card sets and clears, and that an ending,
    three cards and a policy level read."""
    root = tmp_path_factory.mktemp("accord") / "pack"
    shutil.copytree(STARTER, root)
    world = (root / "world.yaml").read_text()
    world = world.replace("flags:\n", "flags:\n" + FLAG, 1)
    world = world.replace(
        "      - {id: firm, name: Firm, description: Press on talks and access.,",
        "      - {id: firm, name: Firm, description: Press on talks and access., when: 'not accord',"
        " unavailable: The accord forbids it.,", 1)
    (root / "world.yaml").write_text(world)
    events = (root / "events.yaml").read_text()
    events = events.replace("endings:\n", EVENTS + "endings:\n" + ENDING, 1)
    (root / "events.yaml").write_text(events)
    return load_runtime(root)


def campaign(rt: Runtime) -> Session:
    return Session.new(rt, "standard", "normal", seed="accord")


READERS = ("needed for the ending 'Accord peace' and a later card; enough for a later card; "
           "bars the level Firm of Pressure on Damascus and a later card")


def test_setting_a_flag_names_the_fact_and_what_reads_it(rt: Runtime) -> None:
    lens = lens_for(campaign(rt))
    assert choice_preview(lens, "summit", "sign") == f"becomes true: {FACT} ({READERS})"


def test_clearing_reads_the_other_way(rt: Runtime) -> None:
    s = campaign(rt)
    s.state.flags.add("accord")
    assert choice_preview(lens_for(s), "summit", "tear_up") == (
        f"no longer true: {FACT} (bars the ending 'Accord peace' and a later card; "
        "enough for the level Firm of Pressure on Damascus and a later card; "
        "counts against a later card)")


def test_no_change_is_claimed_where_there_is_none(rt: Runtime) -> None:
    s = campaign(rt)
    assert choice_preview(lens_for(s), "summit", "tear_up") == "no direct effect"  # not set: nothing to clear
    s.state.flags.add("accord")
    assert choice_preview(lens_for(s), "summit", "sign") == "no direct effect"  # already set


def test_a_card_that_has_come_once_no_longer_counts(rt: Runtime) -> None:
    s = campaign(rt)
    s.state.fired["accord_review"] = s.state.turn
    s.state.fired["party"] = s.state.turn
    assert choice_preview(lens_for(s), "summit", "sign") == (
        f"becomes true: {FACT} (needed for the ending 'Accord peace'; "
        "bars the level Firm of Pressure on Damascus and a later card)")


def test_cards_past_the_last_month_do_not_count(rt: Runtime) -> None:
    s = campaign(rt)
    last = replace(lens_for(s), state=replace(s.state, turn=s.turns, month=s.state.month + s.turns - 1))
    assert choice_preview(last, "summit", "sign") == (
        f"becomes true: {FACT} (needed for the ending 'Accord peace'; "
        "bars the level Firm of Pressure on Damascus)")


def test_without_a_campaign_the_words_say_so_plainly(rt: Runtime) -> None:
    help_lens = Lens(rt, None, 10**9)
    assert choice_preview(help_lens, "summit", "sign") == (
        f"becomes true (if it was not): {FACT} (needed for the ending 'Accord peace' and a card; "
        "enough for a card; bars the level Firm of Pressure on Damascus and a card)")
    assert choice_preview(help_lens, "summit", "tear_up").startswith(f"no longer true (if it was): {FACT} (")


def test_branches_keep_their_structure_and_name_the_readers_once(rt: Runtime) -> None:
    text = choice_preview(lens_for(campaign(rt)), "summit", "gamble")
    assert text == (f"50%: Turkey +2; becomes true: {FACT} ({READERS}) / 50%: no change; "
                    f"if UN track momentum ≥ 10: becomes true (if it was not): {FACT}")


def test_a_scheduled_change_is_dated_and_its_state_unknown(rt: Runtime) -> None:
    assert choice_preview(lens_for(campaign(rt)), "summit", "later") == (
        f"in 2 month(s), February 2018: becomes true (if it was not): {FACT} ({READERS})")


def test_the_effects_of_a_list_are_read_in_order(rt: Runtime) -> None:
    from game.content.effects import ClearFlagEffect, SetFlagEffect

    lens = lens_for(campaign(rt))
    items = [SetFlagEffect(set_flag="accord"), SetFlagEffect(set_flag="accord"),
             ClearFlagEffect(clear_flag="accord")]
    assert effects_text(lens, items) == [f"becomes true: {FACT} ({READERS})", f"no longer true: {FACT}"]


def test_a_flag_nothing_reads_says_so(rt: Runtime) -> None:
    lens = lens_for(campaign(rt))
    assert choice_preview(lens, "sochi_congress", "loyalists_only") == (
        "Damascus +5, International standing -5; "
        "becomes true: The Sochi congress took place (no later card or ending reads it)")


def test_a_flag_in_an_expression_reads_as_its_fact(rt: Runtime) -> None:
    from game.preview import expression_text

    lens = lens_for(campaign(rt))
    assert expression_text(lens, "accord") == FACT
    assert expression_text(lens, "not accord and un_track >= 10") == \
        f"not ({FACT}) and UN track momentum ≥ 10"
    assert expression_text(lens, "flag(accord) or pressure >= firm") == \
        f"({FACT}) or Pressure on Damascus ≥ Firm"

