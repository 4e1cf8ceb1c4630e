"""The dashboard's left column: strategic meters, partners by tier, and the standing policies."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.reactive import reactive
from textual.widgets import Static

from game.chronicle import last_change
from game.engine.uses import threshold_value
from game.session import Session
from game.tui.orders import MonthOrders
from game.tui.text import tier_title
from game.tui.visibility import concealed
from game.tui.widgets.policy_summary import PolicySummary
from game.tui.widgets.quantity import QuantityRow, Reading

NEAR = 15  # a threshold this close to the value is worth a line


def visible_meters(session: Session) -> list[Any]:
    """The meters the player may see (hidden ones too in teaching mode and at the end)."""
    secret = concealed(session)
    return [m for m in session.rt.pack.meters if m.id not in secret]


def partners(session: Session) -> list[Any]:
    """Actors with a tracked relation, tier 1 first, those outside the tiers last."""
    actors = [a for a in session.rt.pack.actors if a.relation]
    return sorted(actors, key=lambda a: (a.tier or 9, a.kind != "partner"))


def panel_scale(session: Session, ids: list[str]) -> tuple[int, int]:
    """The lowest and highest value any of these quantities has shown: one sparkline scale per panel."""
    values = [v for q in ids for v in session.series(q)] or [0]
    return min(values), max(values)


def marks(session: Session, meter: Any) -> list[tuple[int, str]]:
    """A meter's thresholds as numbers in this campaign (a tolerance's at its difficulty), with labels."""
    return [(threshold_value(session.rt, t.value, session.state), t.label) for t in meter.thresholds]


def reading(session: Session, qid: str, *, good: str = "high", signed: bool = False,
            thresholds: Any = (), scale: tuple[int, int] = (0, 100)) -> Reading:
    """A row's reading from the campaign: the change is the value now minus a month ago;
    ``thresholds`` are (number, label) pairs, as ``marks`` gives them."""
    value = session.value(qid)
    series = session.series(qid)
    delta = last_change(session, qid)
    note = "; ".join(f"⚠ {at}: {label}" for at, label in thresholds if abs(value - at) <= NEAR)
    return Reading(value, delta, series, good, signed, note, scale)


class StatePanel(VerticalScroll):
    """Meters, relations grouped by tier, policies; refreshed when a month resolves."""

    month: reactive[int] = reactive(0, init=False, repaint=False)

    def __init__(self, session: Session, orders: MonthOrders) -> None:
        super().__init__(id="state", can_focus=False)
        self.session = session
        self.orders = orders

    def scales(self) -> tuple[tuple[int, int], tuple[int, int]]:
        """The sparkline scale of the meters' panel and of the partners' panel."""
        s = self.session
        return (panel_scale(s, [m.id for m in visible_meters(s)]),
                panel_scale(s, [a.id for a in partners(s)]))

    def compose(self) -> ComposeResult:
        s = self.session
        meters, relations = self.scales()
        yield Static("Meters", classes="heading")
        for m in visible_meters(s):
            yield QuantityRow(m.id, m.name, reading(s, m.id, good=m.good, thresholds=marks(s, m),
                                                    scale=meters), hidden=m.hidden)
        for tier, group in groupby(partners(s), key=lambda a: a.tier):
            yield Static(f"Partners · {tier_title(tier)}" if tier else "Others on the board",
                         classes="heading")
            for a in group:
                yield QuantityRow(a.id, a.name, reading(s, a.id, signed=True, scale=relations))
        yield PolicySummary(self.session, self.orders)

    def watch_month(self) -> None:
        """A month has resolved: show the new readings."""
        s = self.session
        meters = {m.id: m for m in s.rt.pack.meters}
        meter_scale, relation_scale = self.scales()
        for row in self.query(QuantityRow):
            m = meters.get(row.qid)
            row.show(reading(s, row.qid, good=m.good, thresholds=marks(s, m), scale=meter_scale)
                     if m is not None else reading(s, row.qid, signed=True, scale=relation_scale))
        self.query_one(PolicySummary).refresh_text()
