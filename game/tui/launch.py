"""`launch(args)`: run the Textual app for `honorable-exit play` and return the exit code."""

from __future__ import annotations

import argparse

from game.tui.app import make_app
from game.tui.config import GameConfig


def launch(args: argparse.Namespace) -> int:
    """Start the app from the command line's options; its exit code (1 if the pack was invalid)."""
    app = make_app(GameConfig.from_args(args))
    result = app.run()
    if app.crashed is not None:  # the app has printed one line naming the crash report
        from game.cli.common import Exit

        return Exit.CRASH
    if app.return_code:
        return int(app.return_code)
    return int(result or 0)
