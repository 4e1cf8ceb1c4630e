"""The footer: every key fits at 120 columns (test bench open); at 80 the keys that do not fit are left
out whole, and each of them is in help (`?`) and the command palette."""

from __future__ import annotations

from dataclasses import replace

import pytest
from textual.widgets._footer import FooterKey

from game.tui.app import make_app
from game.tui.commands.game import GameCommands
from game.tui.config import GameConfig
from game.tui.help_text import keys_content
from game.tui.widgets.footer import GameFooter

from .conftest import LARGE, SMALL, run, start


@pytest.mark.parametrize("size", [SMALL, LARGE])
def test_the_footer_shows_whole_keys_and_the_rest_are_in_help_and_the_palette(
        config: GameConfig, size: tuple[int, int]) -> None:
    app = make_app(replace(config, bench=True))

    async def go() -> None:
        async with app.run_test(size=size) as pilot:
            await start(pilot)
            footer = app.screen.query_one(GameFooter)
            footer.settle()
            await pilot.pause(0.4)
            keys = list(footer.query(FooterKey))
            palette = next(k for k in keys if k.has_class("-command-palette"))
            grouped = [k for k in keys if k.has_class("-grouped")]  # the choice keys: one range, '1-3'
            assert grouped[0].display and grouped[0].key_display == f"1-{len(grouped)}"
            assert grouped[0].region.right <= palette.region.x
            rest = [k for k in keys if k is not palette and k not in grouped]
            shown, left_out = [k for k in rest if k.display], [k for k in rest if not k.display]
            assert shown[0].action == "help" and shown[1].action == "bench"
            for key in shown:  # wholly on screen, before the palette's key
                assert key.region.width and key.region.right <= palette.region.x, key.action
            if size == LARGE:
                assert not left_out  # every key fits at 120 columns, the bench's too
                assert {"save", "quit_game", "app.brief"} <= {k.action for k in shown}
            else:
                assert left_out and [k for k in rest if k.display] == rest[:len(shown)]  # only the end
            help_text = str(keys_content({}, bench=True))
            commands = GameCommands(app.screen).main()
            palette_actions = {action.removeprefix("app.") for _, action, _ in commands}
            system = {c.title for c in app.get_system_commands(app.screen)}
            for key in left_out:
                assert key.description in help_text, key.action
                action = key.action.removeprefix("app.")
                assert action in palette_actions or (action == "quit_game" and "Quit" in system), action
    run(go())
