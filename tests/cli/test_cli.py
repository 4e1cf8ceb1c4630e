"""The command line, run as a subprocess: validate, simulate, play --plain, usage errors."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.cli.run import cli
from tests.conftest import STARTER


def test_validate_ok_text() -> None:
    done = cli("validate", "--content", str(STARTER))
    assert done.returncode == 0, done.stderr
    assert re.search(r"starter 0\.1\.0: 6 events, 12 choices, 3 endings", done.stdout)
    assert done.stdout.strip().endswith("ok")


def test_validate_json_shape() -> None:
    done = cli("validate", "--content", str(STARTER), "--format", "json")
    data = json.loads(done.stdout)
    assert data["ok"] is True and data["errors"] == []
    assert data["pack"]["counts"] == {"events": 6, "choices": 12, "endings": 3, "actors": 5,
                                      "meters": 6, "advisors": 4, "scenarios": 1}
    assert len(data["pack"]["cited_paragraphs"]) + len(data["pack"]["uncited_paragraphs"]) == 32


def test_validate_reports_every_error_with_position(pack_copy: Path) -> None:
    (pack_copy / "bad.yaml").write_text("evnts: []\nflags:\n  - {id: x, descripton: y}\n")
    done = cli("validate", "--content", str(pack_copy))
    assert done.returncode == 1
    assert "pack/bad.yaml:1:1: error[unknown-section]: unknown section 'evnts'" in done.stderr
    assert "pack/bad.yaml:3:13: error[schema-extra_forbidden]: unknown field 'descripton'" in done.stderr
    data = json.loads(cli("validate", "--content", str(pack_copy), "--format", "json").stdout)
    assert data["ok"] is False
    assert {(e["line"], e["column"], e["code"]) for e in data["errors"]} >= {
        (1, 1, "unknown-section"), (3, 13, "schema-extra_forbidden")}
    assert data["errors"][0]["hint"] == "did you mean 'events'?"


def test_broken_yaml_is_a_message_not_a_traceback(pack_copy: Path) -> None:
    (pack_copy / "events.yaml").write_text("events:\n  - id: [\n", encoding="utf-8")
    for args in (["validate"], ["simulate", "--games", "2"], ["play", "--plain"]):
        done = cli(*args, "--content", str(pack_copy), stdin="")
        assert done.returncode == 1, args
        assert "Traceback" not in done.stderr and "events.yaml:3:1: error[yaml-syntax]" in done.stderr


def test_simulate_json() -> None:
    done = cli("simulate", "--content", str(STARTER), "--games", "50", "--strategy", "all",
               "--seed", "3", "--format", "json")
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert set(data) >= {"games", "seconds", "games_per_second", "strategies", "endings",
                         "events_never_seen", "choices_never_taken"}
    bots = {"random", "un_first", "axis", "early_exit", "history", "planner",
            "follow_mfa", "follow_general_staff", "follow_security_council", "follow_economic_bloc"}
    assert data["games"] == 50 * len(bots) and set(data["strategies"]) == bots
    assert sum(data["endings"].values()) == 50 * len(bots)
    assert all("endings" in s and "mean_turns" in s for s in data["strategies"].values())


def test_simulate_jobs_gives_the_same_result() -> None:
    one = json.loads(cli("simulate", "--content", str(STARTER), "--games", "40", "--format", "json").stdout)
    two = json.loads(cli("simulate", "--content", str(STARTER), "--games", "40", "--jobs", "2",
                         "--format", "json").stdout)
    assert one["endings"] == two["endings"]


def test_simulate_text() -> None:
    done = cli("simulate", "--content", str(STARTER), "--games", "20", "--strategy", "early_exit")
    assert done.returncode == 0
    assert "games/s" in done.stdout and "early_exit" in done.stdout and "events never seen" in done.stdout


def test_plain_mode_plays_to_an_ending_through_stdin() -> None:
    done = cli("play", "--plain", "--content", str(STARTER), "--seed", "12", stdin="1\n" * 40)
    assert done.returncode == 0, done.stderr
    assert "=== December 2017 - turn 1 of 8 ===" in done.stdout
    assert "=== The campaign ends:" in done.stdout and "Scores:" in done.stdout
    assert "Hidden quantities revealed:" in done.stdout


def test_plain_mode_commands_and_end_of_input() -> None:
    done = cli("play", "--plain", "--content", str(STARTER), "--seed", "12",
               stdin="help\nstatus\nwhy ceasefire\nwhy nothing\nset posture reduced\nbogus\n9\n1\n")
    assert done.returncode == 0
    out = done.stdout
    assert "why METER" in out and "Partners and forces:" in out and "Ceasefire stability: now" in out
    assert "No meter or partner matches 'nothing'; the names are: ceasefire" in out
    assert "reduced will be" not in out
    assert "Military posture will be reduced this month." in out
    assert "Unknown command 'bogus'" in out and "9 is not an open choice" in out
    assert out.rstrip().endswith("End of input: leaving the campaign.")


def test_plain_mode_brief_timeline_policies_advisors_and_why_by_prefix() -> None:
    done = cli("play", "--plain", "--seed", "7",
               stdin="advisors\nbrief\npolicies\nwhy cease\nwhy tur\nwhy un\n"
                     "1\ntimeline\ntimeline zzzz\nhelp\n")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    card, _, rest = out.partition("Choice 1-3 >")
    rest = " ".join(rest.split())  # lines are wrapped at 78 columns
    assert "Foreign Ministry:" not in card and "4 advisors comment: type 'advisors'" in card
    assert "Foreign Ministry:" in rest and "(favours " in rest
    assert "Behind the card 'Mission accomplished at Hmeimim':" in rest and "intro.1" in rest
    assert "drawdown: Drawdown [not now: posture moves at most 1" in rest
    assert "each month: Military commitment -4" in rest
    assert "full: Full engagement [current]." in rest
    assert "Ceasefire stability: now" in rest and "Turkey: now" in rest
    assert "'un' could be any of: un_track (UN track momentum)" in rest
    assert "December 2017 (turn 1):" in rest and "you chose 'Send the ground units home" in rest
    assert "Nothing in the timeline matches." in rest
    assert "timeline [WORDS]" in rest and "advisors what the advisors say about the card" in rest


def test_plain_mode_verbose_prints_the_advisors_with_the_card() -> None:
    done = cli("play", "--plain", "--verbose", "--seed", "7", stdin="1\n")
    card = done.stdout.partition("Choice 1-3 >")[0]
    assert done.returncode == 0 and "Foreign Ministry:" in card


def test_plain_mode_keeps_hidden_meters_out_of_sight_until_the_end() -> None:
    """Hidden meters appear in previews and reports only in teaching mode, and at the ending."""
    hidden = "Hope in the UN track"
    for seed in ("1", "4"):
        played = cli("play", "--plain", "--content", str(STARTER), "--seed", seed,
                     stdin="why hope\n" + "1\n" * 40).stdout
        before_end, _, after = played.partition("=== The campaign ends")
        assert after, "played to an ending"
        assert hidden not in before_end.replace(f"{hidden} is hidden until the campaign ends", "")
        assert f"{hidden} is hidden until the campaign ends" in before_end
        assert hidden in after  # revealed at the ending
        teaching = cli("play", "--plain", "--teaching", "--content", str(STARTER), "--seed", seed,
                       stdin="1\n" * 40).stdout
        assert hidden in teaching.partition("=== The campaign ends")[0]


def test_plain_is_the_same_campaign_for_the_same_seed() -> None:
    a = cli("play", "--plain", "--content", str(STARTER), "--seed", "5", stdin="2\n1\n" * 20).stdout
    b = cli("play", "--plain", "--content", str(STARTER), "--seed", "5", stdin="2\n1\n" * 20).stdout
    assert a == b


def test_usage_errors_exit_2() -> None:
    assert cli("validate", "--bogus").returncode == 2
    assert cli("frobnicate").returncode == 2
    done = cli("simulate", "--content", str(STARTER), "--strategy", "nope", "--games", "1")
    assert done.returncode == 2 and "unknown strategy 'nope'" in done.stderr
    done = cli("play", "--plain", "--content", str(STARTER), "--scenario", "nope", stdin="")
    assert done.returncode == 2 and "unknown scenario 'nope'" in done.stderr
    assert cli("simulate", "--games", "0").returncode == 2


def test_missing_content_dir(tmp_path: Path) -> None:
    done = cli("validate", "--content", str(tmp_path / "nowhere"))
    assert done.returncode == 1 and "no pack folder" in done.stderr


def test_version_and_help() -> None:
    assert cli("--version").stdout.startswith("honorable-exit ")
    assert "simulate" in cli("--help").stdout


def test_quiet_month_still_prompts(tmp_path: Path, pack_copy: Path) -> None:
    events = (pack_copy / "events.yaml").read_text(encoding="utf-8")
    # no conditional card can ever come: December 2017 is a month without cards
    events = events.replace("kind: conditional", "kind: followup")
    (pack_copy / "events.yaml").write_text(events, encoding="utf-8")
    done = cli("play", "--plain", "--content", str(pack_copy), "--seed", "1",
               stdin="set posture reduced\n\n1\n1\n")
    assert "A quiet month: no card needs an answer." in done.stdout
    assert "Military posture will be reduced this month." in done.stdout
    assert "=== January 2018 - turn 2 of 8 ===" in done.stdout


def test_simulate_says_why_a_kept_native_kernel_was_refused(tmp_path: Path) -> None:
    """The native kernel's notes are printed on stderr, one line each, as the compiled pack's."""
    from game.fast import native

    built = native.kernel().path
    if built is None:
        pytest.skip(f"no native kernel here: {native.reason()}")
    kept = tmp_path / "cache" / "native" / built.name
    kept.parent.mkdir(parents=True, mode=0o700)
    kept.write_bytes(built.read_bytes())  # without its seal: refused, then built again
    done = cli("simulate", "--content", str(STARTER), "--games", "2", "--strategy", "random",
               "--backend", "native", env={"HONORABLE_EXIT_CACHE": str(tmp_path / "cache")}, timeout=300)
    assert done.returncode == 0, done.stderr
    notes = [line for line in done.stderr.splitlines() if "kept kernel" in line]
    assert len(notes) == 1 and notes[0].startswith("honorable-exit: note: native kernel: the kept kernel")
    assert "has no seal" in notes[0] and "refused" in notes[0]
    assert "backend native" in done.stdout


def test_simulate_says_what_its_worker_processes_noted_once(pack_copy: Path) -> None:
    """A batch the native kernel declines in a worker process (--jobs 2) is said as in one process:
    one line, however many workers declined it."""
    from game.fast import native

    if not native.available():
        pytest.skip(f"no native kernel here: {native.reason()}")
    world = pack_copy / "world.yaml"
    text = world.read_text(encoding="utf-8")
    assert 'when: "ceasefire >= 40"' in text
    world.write_text(text.replace('when: "ceasefire >= 40"',  # past 64 bits: the kernel declines
                                  'when: "ceasefire * 1000000 * 1000000 * 1000000 >= 40"'), encoding="utf-8")
    args = ("simulate", "--content", str(pack_copy), "--games", "4", "--strategy", "random",
            "--backend", "native")
    said = {}
    for jobs in ("1", "2"):
        done = cli(*args, "--jobs", jobs, timeout=300)
        assert done.returncode == 0, done.stderr
        said[jobs] = [line for line in done.stderr.splitlines() if "declined" in line]
    assert len(said["1"]) == 1 and said["2"] == said["1"], said
    assert said["1"][0].startswith("honorable-exit: note: the native kernel declined a batch of ")
    assert said["1"][0].endswith(": an integer past 64 bits; played in Python")
