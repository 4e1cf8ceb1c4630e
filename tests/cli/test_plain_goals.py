"""Plain mode, as a subprocess: `goals`, `status` with thresholds, and why an ending was reached."""

from __future__ import annotations

from .run import ROOT, cli

STARTER = ROOT / "tests" / "fixtures" / "packs" / "starter"


def test_plain_goals_lists_every_ending_with_its_clauses() -> None:
    done = cli("play", "--plain", "--content", str(STARTER), "--seed", "12", stdin="goals\nquit\n")
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "If the clock ran out now: " in out
    assert "1. ✗ Astana collapse (checked every month)" in out
    assert "<- closest" in out and "3.   Quagmire (if nothing else holds when the clock runs out)" in out
    assert "✗ UN track momentum ≥ 35 (now 20)" in out
    assert "✓ Military commitment" not in out  # 70 is above the 68 the exit needs
    assert "✗ Military commitment ≤ 68 (now 70)" in out
    assert "Relations with Turkey > -60 (rupture tolerance) (now 20)" in out
    assert "Coming up" in out
    assert "Hope in the UN track" not in out  # a hidden meter stays hidden


def test_plain_status_marks_thresholds_and_direction() -> None:
    out = cli("play", "--plain", "--content", str(STARTER), "--seed", "12", stdin="status\nquit\n").stdout
    assert "Military commitment" in out and "lower is better" in out
    assert "≤ 68: the ending 'Honorable exit'" in out


def test_plain_ending_says_why() -> None:
    out = cli("play", "--plain", "--content", str(STARTER), "--seed", "12", stdin="1\n" * 40).stdout
    ending = out.partition("=== The campaign ends: ")[2]
    title = ending.split(" (")[0]
    assert f"Why '{title}':" in ending
