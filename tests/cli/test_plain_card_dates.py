"""Plain mode, as a subprocess: a historical card shown after its month says it was held over, and
no card title carries a date of its own that could contradict the month it is shown in."""

from __future__ import annotations

import re

from .run import cli


def test_held_over_cards_say_so_and_titles_carry_no_date(tmp_path) -> None:  # type: ignore[no-untyped-def]
    done = cli("play", "--plain", "--seed", "15", "--saves-dir", str(tmp_path), stdin="1\n2\n3\n" * 60)
    assert done.returncode == 0, done.stderr
    cards = [line for line in done.stdout.splitlines() if line.startswith("--- Card ")]
    # seed 15, answers 1, 2, 3 in turn (a locked one is refused and the next tried): June's and
    # July's full months hold these two cards over
    assert "--- Card 1 of 3: The committee list goes to Geneva (historical; held over from June 2018)" in (
        "\n".join(cards))
    assert "--- Card 2 of 3: Suwayda (historical; held over from July 2018)" in "\n".join(cards)
    dated = re.compile(r"^--- Card \d of \d: (January|May|June|Spring|September) [0-9]{4} - ")
    assert not [line for line in cards if dated.match(line)]
