"""Honorable Exit: a diplomacy strategy game about Russia's exit from Syria."""

__version__ = "0.1.0"
