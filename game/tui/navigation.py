"""The campaign's side screens, reachable from keys and the command palette."""

from __future__ import annotations

from typing import Any

from textual.screen import Screen

from game.tui.flows import GameFlows


class Navigation(GameFlows):
    """Help, why, timeline, charts, brief, jump to a partner, debrief."""

    def open_over_campaign(self, screen: Screen[Any]) -> None:
        """Show a side screen over the campaign (replacing another side screen)."""
        from game.tui.screens.dashboard import DashboardScreen
        from game.tui.screens.ending import EndingScreen

        if not isinstance(self.screen, DashboardScreen | EndingScreen):
            base = self.dashboard()
            if base is not None and not self.screen.is_modal:
                while self.screen is not base:
                    self.pop_screen()
        self.push_screen(screen)

    def action_help(self) -> None:
        """Rules, keys and what each meter means."""
        from game.tui.screens.help import HelpScreen

        if isinstance(self.screen, HelpScreen):
            return
        teaching = bool(self.session and self.session.options.get("teaching")) or self.config.teaching
        mode = "magnitude"
        if self.session is not None:
            mode = str(self.rt.pack.get("difficulties", self.session.difficulty).preview)
        state = self.session.state if self.session is not None else None
        self.push_screen(HelpScreen(self.rt, teaching=teaching, mode=mode, state=state))

    def action_why(self, target: str = "") -> None:
        """Why did this move? The causal history of a meter or relation."""
        from game.tui.screens.why import WhyScreen

        if self.session is not None:
            self.open_over_campaign(WhyScreen(self.session, target or None))

    def action_goals(self) -> None:
        """Every ending with what it needs now, and what is coming up."""
        from game.tui.screens.goals import GoalsScreen

        if self.session is not None:
            self.open_over_campaign(GoalsScreen(self.session))

    def action_timeline(self) -> None:
        """Every month's events and decisions, searchable."""
        from game.tui.screens.timeline import TimelineScreen

        if self.session is not None:
            self.open_over_campaign(TimelineScreen(self.session))

    def action_charts(self) -> None:
        """Meters and relations over time."""
        from game.tui.screens.charts import ChartsScreen

        if self.session is not None:
            self.open_over_campaign(ChartsScreen(self.session))

    def action_brief(self) -> None:
        """The brief's paragraphs behind the current card."""
        from game.tui.screens.brief import BriefScreen

        if self.session is not None:
            dash = self.dashboard()
            card = dash.orders.current_card_id() if dash is not None else None
            self.open_over_campaign(BriefScreen(self.session, card))

    def action_partner(self, actor: str) -> None:
        """Go to a partner's row on the dashboard."""
        dash = self.dashboard()
        if dash is None:
            self.action_why(actor)
            return
        while self.screen is not dash:
            self.pop_screen()
        dash.focus_quantity(actor)

    def action_debrief(self) -> None:
        """Write the after-action report next to the saves."""
        from game.tui.services import ServiceError, write_debrief

        if self.session is None:
            return
        try:
            path = write_debrief(self.session, self.config.saves)
        except ServiceError as exc:
            self.notify(str(exc), title="No debrief", severity="error", timeout=10)
            return
        self.notify(f"Debrief written to {path}", title="Debrief", timeout=15)

    def action_policies(self) -> None:
        """Open the standing policies on the dashboard."""
        dash = self.dashboard()
        if dash is None:
            return
        while self.screen is not dash:
            self.pop_screen()
        dash.action_policies()
