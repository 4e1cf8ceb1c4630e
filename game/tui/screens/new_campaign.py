"""The new-campaign dialog: scenario, difficulty, optional seed or class code, player, teaching."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Checkbox, Input, Label, Select, Static

from game.session import Session
from game.tui.config import GameConfig
from game.tui.services import ServiceError, decode_class_code


class NewCampaignDialog(ModalScreen[Session | None]):
    """Dismisses with the new campaign, or None when cancelled."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Cancel", id="new_cancel")]

    def __init__(self, rt: Any, config: GameConfig) -> None:
        super().__init__()
        self.rt = rt
        self.config = config

    def compose(self) -> ComposeResult:
        pack, cfg = self.rt.pack, self.config
        scenario = cfg.scenario if cfg.scenario in {s.id for s in pack.scenarios} else pack.scenarios[0].id
        with VerticalScroll(classes="dialog", id="new-campaign"):
            yield Static("New campaign", classes="dialog-title")
            yield Label("Scenario")
            yield Select([(Content(s.title), s.id) for s in pack.scenarios], value=scenario,
                         allow_blank=False, id="scenario")
            yield Label("Difficulty")
            yield Select([(Content(d.name), d.id) for d in pack.difficulties],
                         value=self.default_difficulty(scenario), allow_blank=False, id="difficulty")
            yield Static("", id="about", markup=False)
            yield Label("Seed (optional: the same seed and choices give the same campaign)")
            yield Input(cfg.seed or "", placeholder="random", id="seed")
            yield Label("Class code (optional: fixes scenario, difficulty and seed)")
            yield Input(cfg.class_code or "", placeholder="from your teacher", id="class-code")
            yield Label("Player name (optional, recorded in saves)")
            yield Input(cfg.player or "", placeholder="anonymous", id="player")
            yield Checkbox("Teaching mode: show hidden meters and discussion questions",
                           cfg.teaching, id="teaching")
            yield Static("", id="new-error", markup=False)
            with Horizontal(classes="buttons"):
                yield Button("Start", id="start", variant="primary")
                yield Button("Cancel (esc)", id="cancel")

    def default_difficulty(self, scenario: str) -> str:
        ids = [d.id for d in self.rt.pack.difficulties]
        if self.config.difficulty in ids:
            return str(self.config.difficulty)
        default = self.rt.pack.get("scenarios", scenario).default_difficulty
        return str(default if default in ids else ids[0])

    def on_mount(self) -> None:
        self.describe()
        self.query_one("#scenario", Select).focus()

    @on(Select.Changed)
    def describe(self) -> None:
        """Say what the chosen scenario and difficulty mean."""
        sc = self.rt.pack.get("scenarios", self.query_one("#scenario", Select).value)
        diff = self.rt.pack.get("difficulties", self.query_one("#difficulty", Select).value)
        self.query_one("#about", Static).update(
            f"{sc.description} ({sc.turns} months from {sc.start})\n{diff.name}: {diff.description}")

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
        """The campaign the form describes (ServiceError if a class code does not fit)."""
        code = self.query_one("#class-code", Input).value.strip()
        player = self.query_one("#player", Input).value.strip() or None
        options: dict[str, Any] = {"teaching": self.query_one("#teaching", Checkbox).value,
                                   "player": player, "class_code": code or None}
        if not code:
            seed = self.query_one("#seed", Input).value.strip() or None
            return Session.new(self.rt, str(self.query_one("#scenario", Select).value),
                               str(self.query_one("#difficulty", Select).value), seed, options)
        settings = decode_class_code(code)
        manifest = self.rt.pack.manifest
        if (settings.pack_id, settings.pack_version) != (manifest.id, manifest.version):
            raise ServiceError(f"this class code is for {settings.pack_id} {settings.pack_version}, "
                               f"but the loaded pack is {manifest.id} {manifest.version}")
        options["teaching"] = bool(options["teaching"] or settings.teaching)
        try:
            return Session.new(self.rt, settings.scenario, settings.difficulty, settings.seed, options)
        except KeyError as exc:
            raise ServiceError(f"this class code names something the pack lacks: {exc}") from exc
