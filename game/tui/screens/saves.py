"""Saving under a name, and the list of saves to load (unreadable ones listed with the reason)."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path
from typing import Any, ClassVar

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import DataTable, Input, Static

from game.session import Session
from game.tui.text import short_month
from game.tui.widgets.footer import GameFooter

COLUMNS = ("Name", "Turn", "Saved", "Ending", "Campaign")  # the widest, least needed column last


class SaveDialog(ModalScreen[str | None]):
    """Ask for a save's name; enter saves, escape cancels."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Cancel", id="save_cancel")]

    def __init__(self, session: Session) -> None:
        super().__init__()
        self.session = session

    def compose(self) -> ComposeResult:
        s = self.session
        with Vertical(classes="dialog", id="save-dialog"):
            yield Static("Save the campaign", classes="dialog-title")
            yield Static(f"{s.date}, turn {s.state.turn}. A save keeps every month played; answers "
                         "given this month are not kept.", markup=False)
            if s.options.get("debug"):
                yield Static("This is a bench campaign (changed with the test bench): the save is marked "
                             "as such and never verifies or loads.", classes="bench-mark", markup=False)
            yield Input(f"{s.scenario}-turn-{s.state.turn}", placeholder="a name for this save",
                        id="save-name")
            yield Static("enter: save · esc: cancel", classes="hint")

    @on(Input.Submitted)
    def submitted(self, event: Input.Submitted) -> None:
        name = event.value.strip()
        if name:
            self.dismiss(name)
        else:
            self.notify("Give the save a name.", severity="warning")


def row_cells(info: Any, rt: Any) -> list[Text]:
    """A listing row as table cells (plain text): name, turn and date, when, ending (or 'in play'),
    campaign."""
    if not info.ok:
        return [Text(Path(info.path).name), Text("⚠ unreadable", style="bold"), Text(""), Text(""),
                Text(str(info.reason), style="italic")]  # the long reason in the last column
    scenario, difficulty = info.scenario, info.difficulty
    try:
        scenario = rt.pack.get("scenarios", scenario).title
        difficulty = rt.pack.get("difficulties", difficulty).name
    except KeyError:
        pass
    name = "⟳ autosave" if info.kind == "auto" else str(info.name)
    when = f"{info.turn} · {short_month(str(info.date))}"
    ending = Text(str(info.ending)) if info.ending else Text("in play", style="italic")
    return [Text(name), Text(when), Text(local_time(str(info.updated or ""))), ending,
            Text(f"{scenario} · {difficulty}")]


def local_time(iso: str) -> str:
    """An ISO time as local "25 Nov 2026 06:07" (as written if it is not ISO)."""
    try:
        return datetime.fromisoformat(iso).astimezone().strftime("%d %b %Y %H:%M")
    except ValueError:
        return iso


class LoadScreen(ModalScreen[Path | None]):
    """Every save in the folder, newest first; enter loads, escape goes back."""

    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Back", id="load_back")]

    def __init__(self, rows: list[Any], folder: str, rt: Any) -> None:
        super().__init__()
        self.rows = rows
        self.folder = folder
        self.rt = rt

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="load-dialog"):
            yield Static("Load a save", classes="dialog-title")
            if not self.rows:
                yield Static(f"No saves yet in {self.folder}. The game autosaves every month.", markup=False)
            table: DataTable[Text] = DataTable(cursor_type="row", id="saves-table", zebra_stripes=True)
            table.add_columns(*COLUMNS)  # filled here, not on mount: the screen may go before it mounts
            for i, info in enumerate(self.rows):
                table.add_row(*row_cells(info, self.rt), key=str(i))
            table.display = bool(self.rows)
            yield table
            yield Static("", id="load-reason", markup=False)
        yield GameFooter()

    AUTO_FOCUS = "#saves-table"

    @on(DataTable.RowHighlighted)
    def highlighted(self, event: DataTable.RowHighlighted) -> None:
        info = self.rows[int(str(event.row_key.value))]
        who = " · ".join(x for x in (info.player and f"player {info.player}",
                                     info.class_code and f"class code {info.class_code}") if x)
        line = f"{Path(info.path).name}{' · ' + who if who else ''} · enter: load" if info.ok else (
            f"⚠ {Path(info.path).name} cannot be loaded: {info.reason}")
        for reason in self.query("#load-reason").results(Static):
            reason.update(line)

    @on(DataTable.RowSelected)
    def selected(self, event: DataTable.RowSelected) -> None:
        info = self.rows[int(str(event.row_key.value))]
        if info.ok:
            self.dismiss(Path(info.path))
        else:
            self.notify(f"{Path(info.path).name} is unreadable: {info.reason}", severity="error")
