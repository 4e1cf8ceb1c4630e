"""`lint --simulate`: what no bot meets, the same as one `simulate` batch finds; said as it plays; and no
campaign played once every item is met (it could change nothing)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

import game.sim.runner as runner
from game.cli.lint_simulate import KEYS, unmet_after
from game.content.compile import compile_with_scope
from game.content.loader import read_pack
from game.sim.runner import bots_for, simulate

ROOT = Path(__file__).resolve().parents[2]
STARTER = ROOT / "tests" / "fixtures" / "packs" / "starter"


def _compiled(root: Path) -> tuple[Any, Any]:
    pack, errors = read_pack(root)
    assert pack is not None and not errors
    rt, errors, _ = compile_with_scope(pack)
    assert rt is not None and not errors
    return pack, rt


def test_the_same_findings_as_one_batch_on_the_rules_engine(capsys: pytest.CaptureFixture[str]) -> None:
    """Every strategy in one `simulate` on the rules engine, as lint played them before: the same
    cards, choices and endings left unmet (the planner a few campaigns at a time, the rest batched)."""
    pack, rt = _compiled(STARTER)
    strategies = list(bots_for(rt))
    found = unmet_after(pack, rt, 6, strategies)
    (scenario,) = pack.scenarios
    difficulty = scenario.default_difficulty or pack.difficulties[0].id
    data = simulate(rt, strategies, 6, "lint", scenario.id, difficulty).to_json(rt)
    assert found == {key: set(data[key]) for key in KEYS}
    assert f"scenario '{scenario.id}'" in capsys.readouterr().err


def test_once_everything_is_met_nothing_more_is_played(monkeypatch: pytest.MonkeyPatch,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    pack, rt = _compiled(ROOT / "content")
    assert len(pack.scenarios) == 2
    everything = (set(rt.events), {(e.id, c.id) for e in rt.events.values() for c in e.choices},
                  {e.id for e in rt.pack.endings})

    def meets_all(*args: Any, **kwargs: Any) -> Any:
        result = runner.SimResult(1, 0.0, {"random": runner.StrategyStats()}, everything[0], everything[1])
        result.strategies["random"].endings.update(everything[2])
        return result

    def never(*args: Any, **kwargs: Any) -> Any:
        raise AssertionError("a campaign was played that could change nothing")

    monkeypatch.setattr(runner, "simulate", meets_all)
    monkeypatch.setattr(runner, "play_games", never)
    assert unmet_after(pack, rt, 20, list(bots_for(rt))) == {key: set() for key in KEYS}
    err = capsys.readouterr().err
    assert "planner: 0 of 20 campaign(s) played; every item is met" in err
    assert "scenario 'classroom' (normal): not played (every card, choice and ending is met already)" in err
