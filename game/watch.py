"""`play --watch`: reload the pack (and mods) when a file changes, and replay the campaign on it.

The reload is pure: ``reload`` reads the pack again and replays the session's decisions from
its seed. It says whether the campaign carried over, where and why it diverged (a decision no
longer allowed, or other cards drawn), or what errors the pack now has, in which case the
front end keeps the campaign it has. ``Watcher`` runs a maintained file-watching library
(watchfiles, on the operating system's change notifications) in a thread and raises a flag.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.engine.state import month_label
from game.engine.turn import DecisionError
from game.session import Session


@dataclass(slots=True)
class Reloaded:
    """What a reload gave: a session on the new pack, or why the campaign could not carry over."""

    session: Session | None = None  # the replayed campaign (up to the divergence, if any)
    errors: list[str] = field(default_factory=list)  # the pack no longer validates
    diverged: str | None = None  # where and why the replay left the old campaign
    bench: bool = False  # the old campaign was changed by the test bench, which a replay does not repeat

    def message(self) -> str:
        """One line for the player."""
        if self.errors:
            return f"the pack changed and no longer validates ({len(self.errors)} error(s)): campaign kept"
        unbenched = " (without the test bench's changes: a replay does not repeat them)" if self.bench else ""
        if self.diverged:
            return (f"the pack changed; the replay diverged {self.diverged}: the campaign continues from "
                    f"there{unbenched}")
        return f"the pack changed; the campaign was replayed on it and carries on{unbenched}"


def reload(content: str | Path, mods: tuple[str, ...], old: Session) -> Reloaded:
    """Load the pack again and replay ``old``'s decisions on it, as far as they still apply."""
    from game.content.loader import load

    _, rt, errors = load(content, mods)
    if errors or rt is None:
        return Reloaded(errors=[e.render() for e in errors] or ["the pack could not be loaded"])
    try:
        new = Session.new(rt, old.scenario, old.difficulty, old.seed, dict(old.options), old.state.rules)
    except KeyError as exc:
        return Reloaded(errors=[f"the campaign's scenario or difficulty is gone: {exc}"])
    done = _replay(old, new)
    new.votes = {turn: tally for turn, tally in old.votes.items() if turn < new.state.turn}  # class votes
    return done


def _replay(old: Session, new: Session) -> Reloaded:
    """Play ``old``'s decisions on ``new`` until one no longer applies."""
    bench = bool(old.options.get("debug"))
    for record in old.records:
        if new.finished:
            return Reloaded(new, diverged=f"at turn {record.turn}: the campaign now ends before it",
                            bench=bench)
        if tuple(new.state.cards) != record.cards:
            return Reloaded(new, diverged=f"at turn {record.turn} ({month_label(record.month)}): the desk "
                                          f"now holds {', '.join(new.state.cards) or 'no card'}", bench=bench)
        try:
            new.play(record.decision)
        except DecisionError as exc:
            return Reloaded(new, diverged=f"at turn {record.turn} ({month_label(record.month)}): {exc}",
                            bench=bench)
    return Reloaded(new, bench=bench)


class Watcher:
    """Watches folders in a daemon thread; ``changed()`` says (once) whether anything changed."""

    def __init__(self, folders: list[Path]) -> None:
        self.folders = [f for f in folders if f.is_dir()]
        self.seen = threading.Event()  # set when a change is seen; `changed()` clears it
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="pack-watcher", daemon=True)

    def start(self) -> Watcher:
        """Start watching."""
        self._thread.start()
        return self

    def _run(self) -> None:
        from watchfiles import watch

        def yaml_only(_change: Any, path: str) -> bool:
            return path.endswith((".yaml", ".yml"))

        for _ in watch(*self.folders, watch_filter=yaml_only, stop_event=self._stop, debounce=300):
            self.seen.set()

    def changed(self) -> bool:
        """Whether a pack file changed since the last call."""
        if self.seen.is_set():
            self.seen.clear()
            return True
        return False

    def stop(self) -> None:
        """Stop watching."""
        self._stop.set()
