"""The title screen: new campaign, continue, load, help, quit; it paints before the pack is loaded."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar, cast

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Center, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from game.tui.widgets.footer import GameFooter

if TYPE_CHECKING:
    from game.tui.app import HonorableExit

BANNER = "H O N O R A B L E   E X I T"
MENU = (("new", "New campaign"), ("continue", "Continue"), ("load", "Load a save"),
        ("help", "Help: rules and keys"), ("quit", "Quit"))
NEEDS_PACK = {"new", "continue", "load"}


class TitleScreen(Screen[None]):
    """The first screen; its menu waits for the pack."""

    AUTO_FOCUS = "#menu"
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("n", "app.new", "New", id="title_new"),
        Binding("c", "app.continue", "Continue", id="title_continue"),
        Binding("l", "app.load", "Load", id="title_load"),
        Binding("q", "app.quit_game", "Quit", id="title_quit", show=False),
    ]

    @property
    def game(self) -> HonorableExit:
        return cast("HonorableExit", self.app)

    def compose(self) -> ComposeResult:
        with Vertical(id="title-box"):
            yield Static(Content.assemble((BANNER, "bold $accent")), id="banner")
            yield Static("A diplomacy strategy game in monthly turns", id="tagline", markup=False)
            yield Static("Loading the content pack…", id="pack-line", markup=False)
            with Center():
                yield OptionList(*self.menu(), id="menu", markup=False)
            yield Static("", id="continue-line", markup=False)

    def on_mount(self) -> None:
        """The footer's keys come a moment after the title: the title paints first."""
        self.call_after_refresh(self.mount, GameFooter())

    def menu(self) -> list[Option]:
        """The menu; what needs the pack is disabled until it is loaded."""
        ready = self.game.rt is not None
        latest = self.game.latest
        out = []
        for key, label in MENU:
            disabled = key in NEEDS_PACK and not ready
            if key == "continue" and (latest is None or not latest.ok):
                disabled = True
            out.append(Option(f"{label}", id=key, disabled=disabled))
        return out

    def pack_ready(self) -> None:
        """The pack is loaded: say which, and open the menu."""
        rt = self.game.rt
        manifest = rt.pack.manifest
        self.query_one("#pack-line", Static).update(f"{manifest.title} · version {manifest.version}")
        menu = self.query_one("#menu", OptionList)
        menu.set_options(self.menu())
        menu.highlighted = 0
        latest = self.game.latest
        if latest is not None and latest.ok:
            title = next((sc.title for sc in rt.pack.scenarios if sc.id == latest.scenario), latest.scenario)
            line = f"Continue: {title}, {latest.date}, turn {latest.turn}"
            if latest.ending:
                line += f" ({latest.ending})"
            self.query_one("#continue-line", Static).update(line)

    def on_screen_resume(self) -> None:
        if self.game.rt is not None and not self.game.loading:
            self.game.refresh_latest()
            self.pack_ready()

    @on(OptionList.OptionSelected, "#menu")
    async def chosen(self, event: OptionList.OptionSelected) -> None:
        action = {"quit": "quit_game"}.get(str(event.option.id), str(event.option.id))
        await self.run_action(f"app.{action}")
