"""Command palette providers."""

from __future__ import annotations

from textual.command import Provider


def game_commands() -> type[Provider]:
    """The game's provider, imported when the palette first opens."""
    from game.tui.commands.game import GameCommands

    return GameCommands


def bench_commands() -> type[Provider]:
    """The test bench's provider (`play --debug`), imported when the palette first opens."""
    from game.tui.commands.bench import BenchCommands

    return BenchCommands
