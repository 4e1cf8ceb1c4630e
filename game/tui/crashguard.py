"""The app's last line of defence: guards around Textual faults, and a crash report instead of a traceback.

An unexpected exception still ends the app (its state can no longer be trusted), but the
player sees one short line naming a crash report file, and the autosaves, written only at
the end of each month, are left as they were.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from rich.text import Text
from textual.app import App

PALETTE_CLASS = "--textual-command-palette"


class CrashGuard(App[int]):
    """Mixed into the app: one command palette at a time, and crash reports."""

    crash_report: Path | None = None
    crashed: BaseException | None = None

    def action_command_palette(self) -> None:
        """Open the command palette, unless one is already open somewhere in the stack.

        Textual only checks the top screen, so a palette under a dialog or the too-small
        cover would be opened a second time and crash the app on its duplicate id.
        """
        if any(screen.has_class(PALETTE_CLASS) for screen in self.screen_stack):
            return
        super().action_command_palette()

    def crash_context(self) -> str:
        """What the app was showing, for the crash report."""
        try:
            screens = " > ".join(type(s).__name__ for s in self.screen_stack)
            size = f"{self.size.width}x{self.size.height}"
        except Exception:  # the report must be written whatever state the app is in
            screens, size = "?", "?"
        return f"Textual app, size {size}, screens {screens}{self.campaign_context()}"

    def campaign_context(self) -> str:
        """The campaign in play, if any (the app fills this in)."""
        return ""

    def _handle_exception(self, error: Exception) -> None:
        """Write a crash report before Textual ends the app."""
        if self.crashed is None:
            from game.crash import write_crash_report

            self.crashed = error
            self.crash_report = write_crash_report(error, self.crash_context())
        super()._handle_exception(error)

    def _fatal_error(self) -> None:
        """One short line on exit instead of Textual's full-screen traceback."""
        from game.crash import crash_message

        self.bell()
        error = self.crashed if self.crashed is not None else RuntimeError("unknown error")
        self.panic(Text(crash_message(error, self.crash_report)))

    def panic(self, *renderables: Any) -> None:
        """Exit with a message; an exception that renders itself still shows only the short line."""
        if self.crashed is not None and any(r is self.crashed for r in renderables):
            from game.crash import crash_message

            renderables = (Text(crash_message(self.crashed, self.crash_report)),)
        super().panic(*renderables)
