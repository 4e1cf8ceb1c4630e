"""A tie in a class vote: the facilitator picks one of the tied choices (its number, or enter)."""

from __future__ import annotations

from typing import Any, ClassVar

from textual import events, on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option


class TieDialog(ModalScreen[int | None]):
    """Dismisses with the index of the choice the facilitator picks, or None to go back to the tally."""

    DEFAULT_CSS = """
    #tie-choices { height: auto; max-height: 8; text-style: bold; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [Binding("escape", "dismiss(None)", "Tie: back to the tally",
                                                     id="tie_cancel")]

    def __init__(self, card: Any, tied: list[int], votes: int) -> None:
        super().__init__()
        self.card = card
        self.tied = tied
        self.votes = votes

    def compose(self) -> ComposeResult:
        names = " and ".join(str(i + 1) for i in self.tied)
        with Vertical(classes="dialog", id="tie-dialog"):
            yield Static(f"A tie between {names}: {self.votes} vote{'s' * (self.votes != 1)} each.",
                         classes="dialog-title", markup=False)
            yield Static("The facilitator breaks it: a tied choice's number, or ↑↓ and enter · "
                         "esc: back to the tally", markup=False)
            options = [Option(f"{i + 1}  {self.card.choices[i].label}", id=str(i)) for i in self.tied]
            yield OptionList(*options, id="tie-choices", markup=False)

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()

    def on_key(self, event: events.Key) -> None:
        """A tied choice's number picks it; another number says which are tied."""
        key = event.character or ""
        if not key.isdigit():
            return
        event.stop()
        event.prevent_default()
        if int(key) - 1 in self.tied:
            self.dismiss(int(key) - 1)
        else:
            names = " or ".join(str(i + 1) for i in self.tied)
            self.notify(f"Choice {key} is not tied: pick {names}.", severity="warning")

    @on(OptionList.OptionSelected, "#tie-choices")
    def picked(self, event: OptionList.OptionSelected) -> None:
        self.dismiss(int(str(event.option.id)))
