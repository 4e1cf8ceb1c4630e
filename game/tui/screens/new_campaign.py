"""The new-campaign dialog: scenario, difficulty, optional seed or class code, player, teaching."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Select, Static

from game.session import Session
from game.tui.config import GameConfig
from game.tui.services import ServiceError, class_campaign, class_settings

FIXED = ("#scenario", "#difficulty", "#seed", "#teaching")  # what a class code fixes
SHORT = 34  # rows below which the dialog fills the screen's height and its body scrolls


class NewCampaignDialog(ModalScreen[Session | None]):
    """Dismisses with the new campaign, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Cancel", id="new_cancel")]
    # short terminals: the form and the text scroll in the room left by Start and Cancel
    VERTICAL_BREAKPOINTS = [(0, "-short"), (SHORT, "-tall")]

    def __init__(self, rt: Any, config: GameConfig) -> None:
        super().__init__()
        self.rt = rt
        self.config = config

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="new-campaign"):
            yield Static("New campaign · tab: next · space: a list · enter: start · esc: cancel",
                         classes="dialog-title")
            with VerticalScroll(id="new-body", can_focus=False):  # scrolls; Start and Cancel stay in view
                with Grid(id="new-form"):
                    yield from self.fields()
                yield Static("", id="about", markup=False)
            yield Static("", id="new-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Start", id="start", variant="primary", compact=True)
                yield Button("Cancel", id="cancel", compact=True)

    def fields(self) -> ComposeResult:
        """The form's labels and fields, filled from the command line's settings."""
        pack, cfg = self.rt.pack, self.config
        ids = [s.id for s in pack.scenarios]
        scenario = str(cfg.scenario) if cfg.scenario in ids else ids[0]
        yield Label("Scenario")
        yield Select([(Content(f"{s.title} ({s.id})"), s.id) for s in pack.scenarios], value=scenario,
                     allow_blank=False, id="scenario", compact=True)
        yield Label("Difficulty")
        yield Select([(Content(f"{d.name} ({d.id})"), d.id) for d in pack.difficulties],
                     value=self.default_difficulty(scenario), allow_blank=False, id="difficulty",
                     compact=True)
        yield Label("Seed")
        yield Input(cfg.seed or "", placeholder="random (the same seed and choices replay alike)",
                    id="seed", compact=True)
        yield Label("Class code")
        yield Input(cfg.class_code or "", placeholder="optional: fixes scenario, difficulty, seed",
                    id="class-code", compact=True)
        yield Label("Player")
        yield Input(cfg.player or "", placeholder="optional: your name, kept in saves", id="player",
                    compact=True)
        yield Label("Teaching")
        yield Select([(Content("off"), False),
                      (Content("on: hidden meters and discussion questions shown"), True)],
                     value=cfg.teaching, allow_blank=False, id="teaching", compact=True)
        yield Label("Class vote")
        yield Select([(Content("off: one player answers"), False),
                      (Content("on: type the class's votes per choice (projector)"), True)],
                     value=cfg.vote, allow_blank=False, id="vote", compact=True)

    def default_difficulty(self, scenario: str) -> str:
        ids = [d.id for d in self.rt.pack.difficulties]
        if self.config.difficulty in ids:
            return str(self.config.difficulty)
        default = self.rt.pack.get("scenarios", scenario).default_difficulty
        return str(default if default in ids else ids[0])

    def on_mount(self) -> None:
        self.describe()
        self.query_one("#scenario", Select).focus()

    def on_key(self, event: events.Key) -> None:
        """enter on a closed dropdown starts the campaign (as the title says), never reopens it."""
        focused = self.focused
        if event.key == "enter" and isinstance(focused, Select) and not focused.expanded:
            event.stop()
            event.prevent_default()
            self.start()

    @on(Select.Changed, "#scenario, #difficulty")
    def describe(self) -> None:
        """Say what the chosen scenario and difficulty mean (unless a class code fixes them)."""
        if self.query_one("#scenario", Select).disabled:
            return
        sc = self.rt.pack.get("scenarios", self.query_one("#scenario", Select).value)
        diff = self.rt.pack.get("difficulties", self.query_one("#difficulty", Select).value)
        self.query_one("#about", Static).update(
            f"{sc.description} ({sc.turns} months from {sc.start})\n{diff.name}: {diff.description}")

    @on(Input.Changed, "#class-code")
    def show_class_code(self) -> None:
        """Show the settings a class code fixes (and lock those fields), or why the code is refused."""
        code = self.query_one("#class-code", Input).value.strip()
        error = self.query_one("#new-error", Static)
        settings = None
        if code:
            try:
                settings = class_settings(self.rt, code)
            except ServiceError as exc:
                error.update(f"⚠ {exc}")
        if settings is None:
            for selector in FIXED:
                self.query_one(selector).disabled = False
            if not code:
                error.update("")
            self.describe()
            return
        error.update("")
        self.query_one("#scenario", Select).value = settings.scenario
        self.query_one("#difficulty", Select).value = settings.difficulty
        self.query_one("#seed", Input).value = settings.seed
        self.query_one("#teaching", Select).value = settings.teaching
        for selector in FIXED:
            self.query_one(selector).disabled = True
        sc = self.rt.pack.get("scenarios", settings.scenario)
        diff = self.rt.pack.get("difficulties", settings.difficulty)
        self.query_one("#about", Static).update(
            f"Class code {settings.code} fixes: {sc.title} ({sc.id}), {sc.turns} months from {sc.start}; "
            f"{diff.name} ({diff.id}); seed {settings.seed}; teaching "
            f"{'on' if settings.teaching else 'off'}; pack {settings.pack_id} {settings.pack_version}.")

    @on(Button.Pressed, "#cancel")
    def cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#start")
    @on(Input.Submitted)
    def start(self) -> None:
        """Start the campaign, or say what is wrong."""
        try:
            session = self.build()
        except ServiceError as exc:
            self.query_one("#new-error", Static).update(f"⚠ {exc}")
            self.query_one("#class-code", Input).focus()
            return
        self.dismiss(session)

    def build(self) -> Session:
        """The campaign the form describes (ServiceError if the class code cannot be used)."""
        code = self.query_one("#class-code", Input).value.strip()
        player = self.query_one("#player", Input).value.strip() or None
        if code:  # the code fixes scenario, difficulty, seed and teaching mode (not how the class answers)
            session = class_campaign(self.rt, code, player)
        else:
            options: dict[str, Any] = {"teaching": self.query_one("#teaching", Select).value is True}
            if player:
                options["player"] = player
            seed = self.query_one("#seed", Input).value.strip() or None
            session = Session.new(self.rt, str(self.query_one("#scenario", Select).value),
                                  str(self.query_one("#difficulty", Select).value), seed, options)
        if self.query_one("#vote", Select).value is True:
            session.options["vote"] = True  # the app's way of answering; not part of the campaign
        return session
