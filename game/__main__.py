"""`python -m game` runs the command line."""

from game.cli import entry

entry()
