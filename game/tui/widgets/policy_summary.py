"""The standing policies as they stand this month, with what each costs a month."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Static

from game.preview import lens_for, level_preview
from game.session import Session
from game.tui.orders import MonthOrders
from game.tui.widgets.parts import Group, set_text


def preview_mode(session: Session) -> str:
    """'magnitude' or 'direction': how much the difficulty lets previews say."""
    return str(session.rt.pack.get("difficulties", session.difficulty).preview)


def level_cost(session: Session, policy: str, level: str) -> str:
    """What holding a level does each month, in words."""
    return level_preview(lens_for(session), policy, level)


def policy_rows(session: Session, orders: MonthOrders) -> list[tuple[Content, Content, Content]]:
    """Each policy: its name, its level (and the change the month brings: the player's, or a chosen
    answer's), and its monthly cost at the level the month will apply."""
    now = session.policy_levels()
    wanted = orders.month_levels()
    rows = []
    for policy in session.rt.pack.policies:
        names = {lv.id: lv.name for lv in policy.levels}
        level = Content(names[now[policy.id]])
        if wanted[policy.id] != now[policy.id]:
            level = Content.assemble(names[now[policy.id]], (f" → {names[wanted[policy.id]]}", "bold italic"))
        cost = Content.assemble(("a month: ", "dim"), level_cost(session, policy.id, wanted[policy.id]))
        rows.append((Content.assemble((policy.name, "bold")), level, cost))
    return rows


class PolicyView(Group):
    """The policies as rows with hanging indents; updated in place when they change."""

    DEFAULT_CSS = """
    PolicyView { height: auto; }
    PolicyView > .p-level { padding-left: 2; }
    PolicyView > .p-cost { padding-left: 4; color: $text-muted; }
    """

    def __init__(self, session: Session, orders: MonthOrders, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.session = session
        self.orders = orders

    def compose(self) -> ComposeResult:
        for name, level, cost in policy_rows(self.session, self.orders):
            yield Static(name, classes="p-name")
            yield Static(level, classes="p-level")
            yield Static(cost, classes="p-cost")

    def refresh_text(self) -> None:
        """Show the policies as they now stand (a pack's policies never change: same rows)."""
        cells = [cell for row in policy_rows(self.session, self.orders) for cell in row]
        statics = list(self.query_children(".p-name, .p-level, .p-cost").results(Static))
        if len(statics) != len(cells):
            self.refresh(recompose=True)
            return
        for static, cell in zip(statics, cells, strict=True):
            set_text(static, cell)


class PolicySummary(PolicyView):
    """The dashboard's policy panel; `p` opens the dialog that changes them."""

    def __init__(self, session: Session, orders: MonthOrders) -> None:
        super().__init__(session, orders, id="policy-summary")

    def compose(self) -> ComposeResult:
        yield Static(Content.assemble(("Standing policies", "bold $accent"), ("  p: change", "dim")),
                     classes="heading")
        yield from super().compose()
