"""The standing policies dialog: every level with its monthly effects; closed levels greyed with why."""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList, Static
from textual.widgets.option_list import Option

from game.tui.orders import MonthOrders
from game.tui.widgets.footer import GameFooter
from game.tui.widgets.policy_summary import level_cost


class PolicyDialog(ModalScreen[None]):
    """Set this month's policies: arrows to move, enter to choose, tab for the next policy."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "dismiss(None)", "Done", id="policies_done"),
        Binding("r", "reset", "Undo changes", id="policies_reset"),
    ]

    def __init__(self, orders: MonthOrders) -> None:
        super().__init__()
        self.orders = orders

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="policy-dialog", classes="dialog", can_focus=False):
            yield Static(Content.assemble(("Standing policies", "bold"),
                                          " · enter: choose a level · tab: next policy · esc: done"),
                         classes="dialog-title")
            for policy in self.orders.session.rt.pack.policies:
                note = f" (moves at most {policy.max_step} level a month)" if policy.max_step else ""
                yield Static(Content.assemble((policy.name, "bold $accent"), " ", policy.description,
                                              (note, "dim")), classes="policy-head")
                yield OptionList(*self.options(policy.id), id=f"policy-{policy.id}", markup=False)
        yield GameFooter()

    def on_mount(self) -> None:
        """Highlight each policy's level for this month."""
        wanted = self.orders.levels()
        for policy in self.orders.session.rt.pack.policies:
            ids = [lv.id for lv in policy.levels]
            self.query_one(f"#policy-{policy.id}", OptionList).highlighted = ids.index(wanted[policy.id])

    def options(self, policy_id: str) -> list[Option]:
        """One option per level: marked, with its monthly effects, or greyed with the reason."""
        s = self.orders.session
        now = s.policy_levels()[policy_id]
        wanted = self.orders.levels()[policy_id]
        out = []
        for level in s.rt.pack.get("policies", policy_id).levels:
            reason = s.level_reason(policy_id, level.id)
            tag = " (now)" if level.id == now else ""
            if reason is not None:
                prompt = Content.assemble(("✕ ", "bold"), (level.name, "strike"), "\n   ", (reason, "italic"))
            else:
                marker = "● " if level.id == wanted else "○ "
                cost = f"a month: {level_cost(s, policy_id, level.id)}"
                prompt = Content.assemble((marker, "bold"), (level.name + tag, "bold"), "  ",
                                          level.description, "\n   ", (cost, "dim"))
            out.append(Option(prompt, id=f"{policy_id}:{level.id}", disabled=reason is not None))
        return out

    @on(OptionList.OptionSelected)
    def level_chosen(self, event: OptionList.OptionSelected) -> None:
        policy, _, level = str(event.option.id).partition(":")
        reason = self.orders.set_level(policy, level)
        if reason:
            self.notify(reason, severity="warning")
        self.refill(event.option_list, policy)

    def refill(self, option_list: OptionList, policy: str) -> None:
        highlighted = option_list.highlighted
        option_list.set_options(self.options(policy))
        option_list.highlighted = highlighted

    def action_reset(self) -> None:
        """Keep every policy as it is."""
        self.orders.pending.clear()
        for policy in self.orders.session.rt.pack.policies:
            self.refill(self.query_one(f"#policy-{policy.id}", OptionList), policy.id)
