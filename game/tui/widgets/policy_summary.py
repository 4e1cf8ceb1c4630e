"""The standing policies as they stand this month, with what each costs a month."""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static

from game.describe import preview_text
from game.session import Session
from game.tui.orders import MonthOrders


def preview_mode(session: Session) -> str:
    """'magnitude' or 'direction': how much the difficulty lets previews say."""
    return str(session.rt.pack.get("difficulties", session.difficulty).preview)


def level_cost(session: Session, policy: str, level: str) -> str:
    """What holding a level does each month, in words."""
    rt = session.rt
    p = rt.policies[rt.policy_index[policy]]
    return preview_text(rt, p.levels[p.level_index[level]].preview, preview_mode(session))


def policy_lines(session: Session, orders: MonthOrders) -> Content:
    """Each policy: its level (and the change asked for this month) and its monthly cost."""
    now = session.policy_levels()
    wanted = orders.levels()
    parts: list[str | tuple[str, str]] = []
    for policy in session.rt.pack.policies:
        names = {lv.id: lv.name for lv in policy.levels}
        parts += [(policy.name, "bold"), "\n  ", names[now[policy.id]]]
        if wanted[policy.id] != now[policy.id]:
            parts += [(f" → {names[wanted[policy.id]]} (from this month)", "italic")]
        parts += ["\n  ", (f"a month: {level_cost(session, policy.id, wanted[policy.id])}", "dim"), "\n"]
    return Content.assemble(*parts).rstrip()


class PolicySummary(Static):
    """The policies panel; `p` opens the dialog that changes them."""

    DEFAULT_CSS = """
    PolicySummary { height: auto; padding: 0 0 1 0; }
    """

    def __init__(self, session: Session, orders: MonthOrders) -> None:
        super().__init__(id="policy-summary")
        self.session = session
        self.orders = orders

    def on_mount(self) -> None:
        self.refresh_text()

    def refresh_text(self) -> None:
        """Show the policies as they stand."""
        head = Content.assemble(("Standing policies", "bold $accent"), ("  p: change", "dim"), "\n")
        self.update(head + policy_lines(self.session, self.orders))
