"""The pack's lines and the advisor followers read previews as a player at the difficulty sees them."""

from __future__ import annotations

from copy import copy
from dataclasses import replace
from pathlib import Path

import pytest

from game.content.loader import load_runtime
from game.engine.rng import Rng
from game.engine.runtime import PreviewItem, Runtime
from game.engine.turn import apply_turn, new_campaign
from game.sim.bots import make_bots
from game.sim.runner import play_games
from game.sim.sight import GUESS, Sight, Sighted

BASE = Path(__file__).resolve().parents[2] / "content"


@pytest.fixture(scope="module")
def base_rt() -> Runtime:
    return load_runtime(BASE)


def _distorted(rt: Runtime) -> Runtime:
    """The same runtime with each quantity's previewed changes multiplied by a factor of its own
    (1 to 4): every change, and every sum a card shows, keeps its direction; sizes do not."""
    factor = {q: 1 + i % 4 for i, q in enumerate(sorted(rt.qindex))}

    def scale(items: tuple[PreviewItem, ...]) -> tuple[PreviewItem, ...]:
        return tuple(replace(p, delta=p.delta * factor.get(p.target, 1)) for p in items)

    out = copy(rt)
    out.events = {k: replace(e, choices=tuple(replace(c, preview=scale(c.preview)) for c in e.choices))
                  for k, e in rt.events.items()}
    out.policies = [replace(p, levels=tuple(replace(lv, preview=scale(lv.preview)) for lv in p.levels))
                    for p in rt.policies]
    return out


def _plans(rt: Runtime, bot_id: str, difficulty: str, seed: str, months: int = 12) -> list[object]:
    """A bot's plans over a campaign's first months (played on ``rt``'s rules, the same every time)."""
    bot, state, out = make_bots(rt)[bot_id], new_campaign(rt, "standard", difficulty, seed, log=False), []
    while state.ending is None and state.turn <= months:
        picks, moves = bot.plan(state, Rng(seed, state.turn, "bot"))
        out.append(([c.id for c in picks], moves))
        apply_turn(rt, state, picks, moves)
    return out


def _readers(rt: Runtime) -> list[str]:
    return [k for k, b in make_bots(rt).items() if isinstance(b, Sighted)]


def test_lines_and_followers_read_only_directions_where_only_directions_show(base_rt: Runtime) -> None:
    hard = [d.id for d in base_rt.pack.difficulties if d.preview == "direction"]
    magnitude = [d.id for d in base_rt.pack.difficulties if d.preview == "magnitude"]
    assert hard and magnitude
    distorted = _distorted(base_rt)
    readers = _readers(base_rt)
    assert {"follow_mfa", "history"} <= set(readers) and any(r in readers for r in ("un_first", "axis"))
    differ = 0
    for bot_id in readers:
        # at a direction-only difficulty, sizes the screen does not show change nothing
        assert _plans(base_rt, bot_id, hard[0], "h") == _plans(distorted, bot_id, hard[0], "h"), bot_id
        # where sizes are shown they are read (so the comparison above can fail)
        differ += _plans(base_rt, bot_id, magnitude[0], "h") != _plans(distorted, bot_id, magnitude[0], "h")
    assert differ >= len(readers) // 2


def test_a_sight_hides_hidden_quantities_and_shows_sums_as_the_card_does(base_rt: Runtime) -> None:
    hidden = next(m.id for m in base_rt.pack.meters if m.hidden)
    shown = next(m.id for m in base_rt.pack.meters if not m.hidden)
    preview = (PreviewItem(hidden, 9, "sure"), PreviewItem(shown, 5, "sure"), PreviewItem(shown, -2, "sure"),
               PreviewItem("flag:x", 1, "sure"))
    assert [(p.target, d) for p, d in Sight(base_rt).items(preview)] == [("flag:x", 1.0), (shown, 3.0)]
    hard = Sight(base_rt, True).items(preview)
    assert [(p.target, d) for p, d in hard] == [("flag:x", 1.0), (shown, GUESS)]


def test_the_flat_engine_plays_the_honest_tables_on_hard(base_rt: Runtime) -> None:
    hard = next(d.id for d in base_rt.pack.difficulties if d.preview == "direction")
    for bot_id in ("follow_mfa", "un_first"):
        seeds = [f"honest:{bot_id}:{i}" for i in range(6)]
        assert play_games(base_rt, bot_id, seeds, "standard", hard, "python") == \
            play_games(base_rt, bot_id, seeds, "standard", hard), bot_id
