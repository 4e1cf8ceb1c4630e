"""The line mode's class vote on a card that passes: no tally is asked, it says so, the next card comes."""

from __future__ import annotations

from pathlib import Path

from game.engine.passing import PASSED_SAY
from game.vote import PASSED_VOTE
from tests.cli.run import cli

MOD = Path(__file__).resolve().parents[1] / "fixtures" / "packs" / "closed_card_mod"


def test_the_line_mode_vote_passes_a_card_with_no_open_choice(tmp_path: Path) -> None:
    done = cli("play", "--plain", "--vote", "--mod", str(MOD), "--scenario", "classroom", "--seed", "7",
               "--debug", "--start-event", "wheat_shipment", "--saves-dir", str(tmp_path),
               stdin="quit\n", timeout=120)
    assert done.returncode == 0, done.stderr
    out = " ".join(done.stdout.split())
    first, _, rest = out.partition("--- Card 2 of 4")
    assert "Wheat for Latakia" in first and "needs ✗ Relations with Damascus ≥ 50 (now 45)" in first
    assert f"{PASSED_SAY} {PASSED_VOTE}" in first
    assert "Votes for choices" not in first  # no tally asked for the passed card
    assert "Votes for choices" in rest  # the next card's
