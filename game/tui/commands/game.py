"""The command palette's game actions: save, load, why, timeline, charts, brief, help, partners."""

from __future__ import annotations

from collections.abc import AsyncIterator
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Provider

if TYPE_CHECKING:
    from game.tui.app import HonorableExit

Command = tuple[str, str, str]  # name, action, help


class GameCommands(Provider):
    """Offers what can be done now; greyed-out actions are simply not offered."""

    @property
    def game(self) -> HonorableExit:
        return cast("HonorableExit", self.app)

    def main(self) -> list[Command]:
        """The game's actions that apply now."""
        game = self.game
        out: list[Command] = []
        if game.session is not None:
            out += [
                ("Save the campaign", "app.save", "Write a named save (ctrl+s)"),
                ("Goals: what each ending needs", "app.goals",
                 "Every ending with its conditions, now, and what is coming up (g)"),
                ("Why did this move?", "app.why", "The causal history of a meter or partner (w)"),
                ("Timeline", "app.timeline", "Every month's events and decisions, searchable (t)"),
                ("Charts", "app.charts", "Meters and relations over time (c)"),
                ("Brief", "app.brief", "The brief's paragraphs behind the current card (b)"),
                ("Standing policies", "app.policies", "Set this month's policies (p)"),
                ("Write the debrief", "app.debrief", "The after-action report, next to the saves"),
                ("Back to the title screen", "app.title", "Leave the campaign (it stays autosaved)"),
            ]
        if game.rt is not None:
            out += [("New campaign", "app.new", "Start a campaign"),
                    ("Load a save", "app.load", "Pick a save to continue")]
        out.append(("Help", "app.help", "Rules, keys and what each meter means (?)"))
        return out

    def targets(self) -> list[Command]:
        """A 'why' for every quantity shown, and a jump to every partner."""
        from game.tui.widgets.state_panel import partners, visible_meters

        session = self.game.session
        if session is None:
            return []
        out = [(f"Why did {m.name} move?", f"app.why({m.id!r})", m.description)
               for m in visible_meters(session)]
        for actor in partners(session):
            tier = f"tier {actor.tier}" if actor.tier else "outside the tiers"
            out.append((f"Go to partner: {actor.name}", f"app.partner({actor.id!r})",
                        f"{tier} · relation {session.value(actor.id):+d}"))
            out.append((f"Why did {actor.name} move?", f"app.why({actor.id!r})", actor.description))
        return out

    async def discover(self) -> AsyncIterator[DiscoveryHit]:
        for name, action, help_text in self.main():
            yield DiscoveryHit(name, partial(self.app.run_action, action), text=name, help=help_text)

    async def search(self, query: str) -> AsyncIterator[Hit]:
        matcher = self.matcher(query)
        for name, action, help_text in self.main() + self.targets():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), partial(self.app.run_action, action),
                          text=name, help=help_text)
