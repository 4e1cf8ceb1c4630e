"""Help: how a month works, the keys, and what each meter, partner and policy means (from the pack)."""

from __future__ import annotations

from typing import Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Header, Static, TabbedContent, TabPane

from game.tui.help_text import keys_content, meters_content, partners_content, policies_content, rules_content
from game.tui.widgets.footer import GameFooter


class HelpScreen(Screen[None]):
    """Tabs of help; escape goes back to the game."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,question_mark", "app.pop_screen", "Back", id="help_back"),
        Binding("left", "tab(-1)", "Previous tab", id="help_prev", show=False),
        Binding("right", "tab(1)", "Next tab", key_display="→", id="help_next"),
        # the tab bar has the focus: the page keys scroll the open tab wherever the focus is
        Binding("pagedown", "scroll_tab('page_down')", "Page down", show=False, id="help_page_down"),
        Binding("pageup", "scroll_tab('page_up')", "Page up", show=False, id="help_page_up"),
    ]

    def __init__(self, rt: Any, *, teaching: bool = False, mode: str = "magnitude",
                 state: Any = None) -> None:
        super().__init__()
        self.state = state
        self.rt = rt
        self.teaching = teaching
        self.mode = mode

    def compose(self) -> ComposeResult:
        yield Header()
        keymap = getattr(self.app, "config", None)
        with TabbedContent(id="help-tabs"):
            with TabPane("How to play", id="help-rules"), VerticalScroll():
                yield Static(rules_content(self.rt), classes="help-text")
            with TabPane("Keys", id="help-keys"), VerticalScroll():
                yield Static(keys_content(keymap.keymap if keymap else {},
                                          bench=bool(getattr(keymap, "bench", False))), classes="help-text")
            if self.rt is not None:
                with TabPane("Meters", id="help-meters"), VerticalScroll():
                    yield Static(meters_content(self.rt, self.teaching, self.state), classes="help-text")
                with TabPane("Partners", id="help-partners"), VerticalScroll():
                    yield Static(partners_content(self.rt, self.state), classes="help-text")
                with TabPane("Policies", id="help-policies"), VerticalScroll():
                    yield Static(policies_content(self.rt, self.mode, self.teaching), classes="help-text")
        yield GameFooter()

    def on_mount(self) -> None:
        self.sub_title = "Help"

    def action_scroll_tab(self, how: str) -> None:
        """Scroll the open tab by a page (``page_down`` or ``page_up``)."""
        tabs = self.query_one(TabbedContent)
        for scroll in tabs.query(f"#{tabs.active} VerticalScroll").results(VerticalScroll):
            getattr(scroll, f"scroll_{how}")(animate=False)

    def action_tab(self, step: int) -> None:
        """Move to the previous or next tab."""
        tabs = self.query_one(TabbedContent)
        panes = [str(p.id) for p in tabs.query(TabPane)]
        current = panes.index(tabs.active) if tabs.active in panes else 0
        tabs.active = panes[(current + step) % len(panes)]
