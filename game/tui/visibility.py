"""What the player may see (the rules live in ``game.visibility``, shared with the plain mode)."""

from game.visibility import concealed, shows_hidden, visible

__all__ = ["concealed", "shows_hidden", "visible"]
