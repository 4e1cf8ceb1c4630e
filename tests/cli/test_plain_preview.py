"""Plain mode, as a subprocess: a choice's preview says which fact it makes true and what reads it."""

from __future__ import annotations

from .run import ROOT, cli

STARTER = ROOT / "tests" / "fixtures" / "packs" / "starter"


def test_plain_previews_say_what_a_choice_makes_true() -> None:
    done = cli("play", "--plain", "--content", str(STARTER), "--seed", "12", stdin="1\n\n1\n\n1\n\nquit\n")
    assert done.returncode == 0, done.stderr
    out = " ".join(done.stdout.split())  # paragraphs are wrapped to the terminal's width
    assert "1. Step aside [Turkey +10, United States -5; becomes true: Turkey has launched its operation " \
           "in Afrin (bars a later card); a follow-up in 2 month(s), March 2018]" in out
    assert "becomes true: The Sochi congress took place (no later card or ending reads it)" in out
