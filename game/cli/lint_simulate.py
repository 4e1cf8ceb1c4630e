"""`honorable-exit lint --simulate N`: the cards, choices and endings no bot strategy meets, said as
they are played.

The bots play as `simulate` plays them, the same campaigns (seeds ``lint:<strategy>:<i>``): every
strategy but the planner on the fast engine, a batch each; then the planner, on the rules engine
(most of the time: about a second a campaign on the base pack), a few campaigns at a time, with its
progress on stderr. What is reported is what no strategy met in any scenario; once every item has
been met, no further campaign can change that, and none is played.
"""

from __future__ import annotations

import sys
import time
from typing import Any

KEYS = ("events_never_seen", "choices_never_taken", "endings_never_reached")
Items = dict[str, set[str]]  # KEYS -> the cards ("event"), choices ("event.choice") or endings


def unmet_after(pack: Any, rt: Any, games: int, strategies: list[str]) -> Items:
    """What none of ``strategies`` met in ``games`` campaigns per scenario (at its default difficulty)."""
    unmet: Items = {
        KEYS[0]: set(rt.events),
        KEYS[1]: {f"{ev.id}.{c.id}" for ev in rt.events.values() for c in ev.choices},
        KEYS[2]: {e.id for e in rt.pack.endings},
    }
    for sc in pack.scenarios:
        difficulty = sc.default_difficulty or pack.difficulties[0].id
        where = f"lint --simulate: scenario '{sc.id}' ({difficulty})"
        if not any(unmet.values()):
            say(f"{where}: not played (every card, choice and ending is met already)")
            continue
        start = time.perf_counter()
        _play(rt, strategies, games, sc.id, difficulty, unmet, where)
        say(f"{where}: played in {time.perf_counter() - start:.1f} s")
    return unmet


def _play(rt: Any, strategies: list[str], games: int, scenario: str, difficulty: str, unmet: Items,
          where: str) -> None:
    """Play one scenario's campaigns, removing from ``unmet`` what they meet."""
    from game.fast.backends import resolve
    from game.sim.runner import engine_for, simulate

    backend = resolve("auto")
    fast = [s for s in strategies if engine_for(s, backend) != "reference"]
    if fast:  # one batch on the fast engine: the same campaigns as the rules engine plays
        result = simulate(rt, fast, games, "lint", scenario, difficulty, backend=backend)
        _met(unmet, result.seen_events, result.taken_choices,
             [st.endings for st in result.strategies.values()])
    for strategy in (s for s in strategies if s not in fast):
        _play_slowly(rt, strategy, games, scenario, difficulty, backend, unmet, where)


def _play_slowly(rt: Any, strategy: str, games: int, scenario: str, difficulty: str, backend: str,
                 unmet: Items, where: str) -> None:
    """A strategy on the rules engine (the planner), a few campaigns at a time: its progress said on
    a terminal, and no campaign played once nothing is left unmet (it could change nothing)."""
    from game.sim.runner import CLAUSE_SAMPLE, _seeds, play_games

    seeds = _seeds("lint", strategy, 0, 1, games)  # as `simulate` makes them
    step = CLAUSE_SAMPLE  # whole samples: the same campaigns have their missed endings explained
    for first in range(0, games, step):
        if not any(unmet.values()):
            say(f"{where}: {strategy}: {first} of {games} campaign(s) played; every item is met, "
                "the rest could change nothing")
            return
        progress(f"{where}: {strategy}: campaign {first + 1} of {games} (on the rules engine)")
        stats, seen, taken = play_games(rt, strategy, seeds[first:first + step], scenario, difficulty,
                                        backend)
        _met(unmet, seen, taken, [stats.endings])
    progress("")


def _met(unmet: Items, seen: set[str], taken: set[tuple[str, str]], endings: list[Any]) -> None:
    unmet[KEYS[0]] -= seen
    unmet[KEYS[1]] -= {f"{e}.{c}" for e, c in taken}
    unmet[KEYS[2]] -= {e for counts in endings for e, n in counts.items() if n}


def say(text: str) -> None:
    """A line on stderr (after clearing a progress line on a terminal)."""
    progress("")
    if sys.stderr is not None:
        print(text, file=sys.stderr)


def progress(text: str) -> None:
    """A progress line on a terminal's stderr, rewritten in place (``""`` clears it); nothing elsewhere,
    so that logs hold only whole lines."""
    stream = sys.stderr
    try:
        if stream is None or not stream.isatty():
            return
    except ValueError:  # closed
        return
    stream.write(f"\r\x1b[K{text}")
    stream.flush()
