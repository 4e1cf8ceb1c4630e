"""The command palette, guarded against a fault of Textual's option list (to report upstream).

Textual 8.2's ``OptionList._move_page`` (page up / page down) reads the line of the highlighted
option from an index that is rebuilt only when the list is next laid out; when the palette has
just replaced its options with new search results, the index lacks them and the key raises
``KeyError`` (ctrl+p, down, down, down, a, pageup sent together). The palette then stops
handling messages, so the error cannot simply be ignored: here the page move falls back to the
first or last option instead.
"""

from __future__ import annotations

from textual.command import CommandList, CommandPalette

FALLBACK = {"page_up": "first", "page_down": "last"}


class GamePalette(CommandPalette):
    """Textual's command palette, with page up and page down that cannot fail."""

    def _action_command_list(self, action: str) -> None:
        try:
            super()._action_command_list(action)
        except KeyError:
            if action in FALLBACK:
                for command_list in self.query(CommandList):
                    getattr(command_list, f"action_{FALLBACK[action]}")()
