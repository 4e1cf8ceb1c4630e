"""The end-of-month orders show the policies the month will apply, a chosen answer's set_policy
included (Hmeimim's first answer sets the posture to Air support), in the TUI and plain mode."""

from __future__ import annotations

import io
from dataclasses import replace
from pathlib import Path

import pytest
from textual.widgets import Static

from game.content.loader import load_runtime
from game.engine.runtime import Runtime
from game.engine.standing import month_levels
from game.plain import Plain
from game.session import Session
from game.tui.app import make_app
from game.tui.config import GameConfig
from game.tui.widgets.policy_summary import PolicyView, level_cost

from .conftest import SMALL, loaded, plain_text, run

CONTENT = Path(__file__).resolve().parents[2] / "content"


@pytest.fixture(scope="module")
def base_rt() -> Runtime:
    return load_runtime(CONTENT)


def test_a_cards_set_policy_is_the_months_level_unless_the_player_changed_it(base_rt: Runtime) -> None:
    s = Session.new(base_rt, seed="7")
    assert [c.id for c in s.cards()] == ["hmeimim_declaration"] and s.policy_levels()["posture"] == "full"
    assert month_levels(base_rt, s.state, [], s.policy_levels())["posture"] == "full"
    levels = month_levels(base_rt, s.state, ["keep_air_cover"], s.policy_levels())
    assert levels["posture"] == "air_support"
    asked = month_levels(base_rt, s.state, ["keep_air_cover"], {**s.policy_levels(), "posture": "drawdown"})
    assert asked["posture"] == "drawdown"  # the player's change wins, as apply_turn rules
    s.play(s.decide(["keep_air_cover"]))
    assert s.policy_levels()["posture"] == levels["posture"]


def test_the_orders_show_the_posture_the_answer_set(config: GameConfig, base_rt: Runtime) -> None:
    app = make_app(replace(config, content=CONTENT, runtime=base_rt))

    async def go() -> None:
        async with app.run_test(size=SMALL) as pilot:
            await loaded(pilot)  # the pack loaded (its worker may not have started yet)
            app.begin(Session.new(base_rt, seed="7"))
            await pilot.pause()
            await pilot.press("1", "enter")
            await pilot.pause()
            view = app.screen.query_one("#orders-policies", PolicyView)
            cells = [plain_text(st.content) for st in view.query(Static)]
            assert "Full engagement → Air support" in cells, cells
            session = app.session
            assert session is not None
            assert f"a month: {level_cost(session, 'posture', 'air_support')}" in cells
            await pilot.press("enter")
            await pilot.pause()
            assert session.policy_levels()["posture"] == "air_support"

    run(go())


def test_plain_policies_read_the_months_levels(base_rt: Runtime) -> None:
    out = io.StringIO()
    plain = Plain(Session.new(base_rt, seed="7"), io.StringIO(""), out)
    plain.answered = ["keep_air_cover"]
    plain.policies()
    assert "  posture    full [air_support]" in out.getvalue()
    plain.command("policies")
    assert "Air support [chosen for this month]" in out.getvalue()


def test_a_held_over_card_says_so_and_its_title_carries_no_date(config: GameConfig, base_rt: Runtime) -> None:
    session = Session.new(base_rt, seed="7")
    while session.date != "September 2018":  # seed 7: August holds a card over
        cards = session.cards()
        firsts = [next(c.choices[i].id for i, ok in enumerate(session.available(c.id)) if ok) for c in cards]
        session.play(session.decide(firsts))
    app = make_app(replace(config, content=CONTENT, runtime=base_rt))

    async def go() -> None:
        async with app.run_test(size=(120, 40)) as pilot:
            await loaded(pilot)  # the pack loaded (its worker may not have started yet)
            app.begin(session)
            await pilot.pause()
            seen = []
            for _ in session.cards():
                title = plain_text(app.screen.query_one("#card-body > .card-title", Static).content)
                meta = plain_text(app.screen.query_one("#card-body > .card-meta", Static).content)
                seen.append((title, meta))
                await pilot.press("1", "enter")
                await pilot.pause()
            saudi = [(t, m) for t, m in seen if "Saudi money" in t]
            assert saudi and saudi[0][0].endswith("· Saudi money east of the river"), seen
            assert saudi[0][1].startswith("September 2018 · Historical · held over from August 2018"), seen
            assert all("held over" not in m for t, m in seen if "Saudi" not in t)

    run(go())
