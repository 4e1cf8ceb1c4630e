"""The help says what is true of the pack's cards: how many choices they have (the starter pack's
two, the base pack's three or four), so it never promises keys 1-4 a card does not have."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static, TabbedContent

from game.content.loader import load_runtime
from game.tui.app import HonorableExit
from game.tui.screens.dashboard import DashboardScreen
from game.tui.screens.help import HelpScreen

from .conftest import SMALL, plain_text, run, start


def test_the_help_gives_the_choice_keys_as_the_card_has_them(app: HonorableExit) -> None:
    async def go() -> None:
        async with app.run_test(size=SMALL) as pilot:
            await start(pilot)
            screen = app.screen
            assert isinstance(screen, DashboardScreen)
            card = screen.orders.card()
            assert card is not None
            hint = plain_text(screen.query_one("#card-body > .hint", Static).render())
            assert hint.startswith(f"1-{len(card.choices)}: choose")  # the range the help points to
            await pilot.press("question_mark")
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            rules = " ".join(plain_text(app.screen.query_one("#help-rules Static", Static).render()).split())
            assert "(1-4)" not in rules
            assert "Each card has a text, two choices," in rules  # every starter card has two
            assert "Press the number shown beside a choice to pick it (a card has two: the hint " \
                   "below the card gives its range, 1-2)" in rules
            app.screen.query_one(TabbedContent).active = "help-keys"
            await pilot.pause()
            keys = plain_text(app.screen.query_one("#help-keys Static", Static).render())
            assert "choose 1-4" not in keys
            assert "choice 1 " in keys and "choice 4, on a card that has it" in keys

    run(go())


def test_the_help_counts_the_base_packs_choices() -> None:
    from game.tui.help_text import rules_content

    base = load_runtime(Path(__file__).resolve().parents[2] / "content")
    rules = " ".join(rules_content(base).plain.split())
    assert "Each card has a text, three or four choices," in rules
    assert "(a card has three or four: the hint below the card gives its range, 1-3 or 1-4)" in rules
    assert "(a card has two to four: the hint below the card gives its range, 1-2 to 1-4)" in \
        " ".join(rules_content(None).plain.split())  # no pack loaded: the format's range
