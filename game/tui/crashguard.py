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

# Faults inside Textual itself that leave the app sound, met by random keys (to report upstream):
# the exception's name and the Textual file that raises it (through ``query_one`` for NoMatches).
TEXTUAL_FAULTS = (
    # Header's title watcher runs after a quickly closed screen has removed the header's children
    ("NoMatches", "textual/widgets/_header.py"),
)
# Where Textual calls the app's exception handler and carries on: a failed mount (the widget
# is not started) or a failed deferred callback (the rest of that batch is skipped). An error in
# a message handler stops that widget's message loop for good, so it is never tolerated.
SURVIVABLE = ("_pre_process", "_flush_next_callbacks")


def _frames(error: BaseException) -> list[Any]:
    frames = []
    tb = error.__traceback__
    while tb is not None:
        frames.append(tb.tb_frame)
        tb = tb.tb_next
    return frames


def _file(frame: Any) -> str:
    return str(frame.f_code.co_filename).replace("\\", "/")


def textual_fault(error: BaseException, stack: list[Any]) -> str | None:
    """Which known fault an exception is, when it leaves the app sound (None: a real crash).

    Besides the faults listed above: a screen closed by a quick key before Textual delivered its
    Mount event has lost its children, so its ``on_mount`` finds nothing; the screen is gone,
    and so is the problem.
    """
    frames = _frames(error)
    name = type(error).__name__
    if not frames or not any(f.f_code.co_name in SURVIVABLE for f in frames[:3]):
        return None
    origin = frames[-2] if name == "NoMatches" and len(frames) > 1 else frames[-1]
    for fault, path in TEXTUAL_FAULTS:
        if name == fault and _file(origin).endswith(path):
            return f"{fault} in {path}"
    if name == "NoMatches":
        from textual.screen import Screen

        owner = origin.f_locals.get("self")
        if isinstance(owner, Screen) and owner not in stack:
            return f"{type(owner).__name__} closed before it mounted"
    return None


class CrashGuard(App[int]):
    """Mixed into the app: one command palette at a time, and crash reports."""

    crash_report: Path | None = None
    crashed: BaseException | None = None

    def action_command_palette(self) -> None:
        """Open the command palette, unless one is already open somewhere in the stack.

        Textual only checks the top screen, so a palette under a dialog or the too-small
        cover would be opened a second time and crash the app on its duplicate id.
        """
        if not self.use_command_palette or any(s.has_class(PALETTE_CLASS) for s in self.screen_stack):
            return
        from game.tui.palette import GamePalette

        self.push_screen(GamePalette(id="--command-palette"))

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
        """Write a crash report before Textual ends the app (a known Textual fault is only logged)."""
        fault = textual_fault(error, list(self.screen_stack)) if self.crashed is None else None
        if fault is not None:
            self.log.warning(f"ignored a known fault ({fault}): {type(error).__name__}: {error}")
            return
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
