"""Plain mode says each card's real range: `help` on a three-choice card says 1-3, not 1-4; a
class vote's prompt names the closed choices and what to type for them (the review typed
'3 2 8' with choice 2 closed and was refused without being told)."""

from __future__ import annotations

from pathlib import Path

from game.plain_vote import vote_prompt

from .run import cli


def test_help_says_the_cards_range(tmp_path: Path) -> None:
    done = cli("play", "--plain", "--seed", "7", "--saves-dir", str(tmp_path), stdin="help\nquit\n")
    assert done.returncode == 0, done.stderr
    assert "Choice 1-3 > help" in done.stdout
    assert "\n  1-3                 answer the card with that choice\n" in done.stdout
    assert "1-4" not in done.stdout


def test_the_vote_prompt_names_closed_choices_and_the_refusal_shows_the_fix(tmp_path: Path) -> None:
    assert vote_prompt([True, True, True]) == "Votes for choices 1, 2, 3 (e.g. '12 7 3'), or a command > "
    assert vote_prompt([True, False, False, True]) == (
        "Votes for choices 1, 2, 3, 4; choices 2 and 3 are closed: type 0 for them (e.g. '12 0 0 7'), "
        "or a command > ")
    stdin = "debug fire unsc_2401\nhelp\n3 2 8\n3 0 8\nquit\n"
    done = cli("play", "--vote", "--debug", "--seed", "7", "--saves-dir", str(tmp_path), stdin=stdin)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    prompt = "Votes for choices 1, 2, 3; choice 2 is closed: type 0 for it (e.g. '12 0 7'), or a command > "
    refused = "  choice 2 is closed this month: it cannot take votes; type 0 in its place: '3 0 8'."
    assert f"{prompt}3 2 8\n{refused}\n" in out
    assert f"{prompt}3 0 8\n  The class voted:" in out
    assert "  12 7 3              the class's votes, one count for choices 1-3 in order" in out
