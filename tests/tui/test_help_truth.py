"""The help says what is true of the cards: they have two to four choices, so it never promises 1-4."""

from __future__ import annotations

from textual.widgets import Static, TabbedContent

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
            assert "Press the number shown beside a choice to pick it (a card has two to four: the hint " \
                   "below the card gives its range, 1-2 to 1-4)" in rules
            app.screen.query_one(TabbedContent).active = "help-keys"
            await pilot.pause()
            keys = plain_text(app.screen.query_one("#help-keys Static", Static).render())
            assert "choose 1-4" not in keys
            assert "choice 1 " in keys and "choice 4, on a card that has it" in keys

    run(go())
