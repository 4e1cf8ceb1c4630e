"""The command palette's test bench (`play --debug`): fire any card, set a flag, jump to a month."""

from __future__ import annotations

from collections.abc import AsyncIterator
from functools import partial
from typing import TYPE_CHECKING, cast

from textual.command import DiscoveryHit, Hit, Provider

if TYPE_CHECKING:
    from game.tui.app import HonorableExit

Command = tuple[str, str, str]  # name, action, help
OPEN = ("Test bench", "app.bench", "Fire a card, set a quantity or a flag, jump to a month (x)")


def run(command: str) -> str:
    """The action that carries out a bench command."""
    return f"app.bench_run({command!r})"


class BenchCommands(Provider):
    """Offered only with --debug, while a campaign is in play."""

    @property
    def game(self) -> HonorableExit:
        return cast("HonorableExit", self.app)

    def open(self) -> bool:
        game = self.game
        return bool(game.config.bench) and game.session is not None and not game.session.finished

    def commands(self) -> list[Command]:
        """A command for each card, flag and month, and one per quantity that opens the bench on it."""
        from game.tui.screens.bench import candidates

        session = self.game.session
        assert session is not None
        out = [OPEN]
        out += [(f"Bench: fire {title} ({card})", run(f"fire {card}"),
                 "Put this card on this month's desk now") for card, title in candidates(session, "fire")]
        out += [(f"Bench: set {qid}", f"app.bench({f'set {qid} '!r})", f"Type its new value; {about}")
                for qid, about in candidates(session, "set")]
        for flag, about in candidates(session, "flag"):
            verb, word = ("clear", "off") if about == "set" else ("set", "on")
            out.append((f"Bench: {verb} flag {flag}", run(f"flag {flag} {word}"), f"The flag is {about}"))
        out += [(f"Bench: jump to {label}", run(f"jump {month}"),
                 "Move forward to this month (its cards are drawn anew)")
                for month, label in candidates(session, "jump")]
        return out

    async def discover(self) -> AsyncIterator[DiscoveryHit]:
        if self.open():
            name, action, help_text = OPEN
            yield DiscoveryHit(name, partial(self.app.run_action, action), text=name, help=help_text)

    async def search(self, query: str) -> AsyncIterator[Hit]:
        if not self.open():
            return
        matcher = self.matcher(query)
        for name, action, help_text in self.commands():
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), partial(self.app.run_action, action),
                          text=name, help=help_text)
