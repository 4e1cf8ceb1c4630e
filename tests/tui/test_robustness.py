"""A broken pack, brackets in content, a tiny terminal, remapped keys, class codes, teaching mode."""

from __future__ import annotations

import re
import shutil
from dataclasses import replace
from pathlib import Path

from textual.widgets import Input, Static

from game.classcode import encode_class_code
from game.content.loader import load_runtime
from game.tui.app import HonorableExit, make_app
from game.tui.config import GameConfig, read_keymap
from game.tui.screens.dashboard import DashboardScreen
from game.tui.screens.new_campaign import NewCampaignDialog
from game.tui.screens.pack_error import PackErrorScreen
from game.tui.screens.too_small import TooSmallScreen
from game.tui.widgets.quantity import QuantityRow

from .conftest import LARGE, SMALL, STARTER, loaded, plain_text, run, start


def copy_pack(tmp_path: Path) -> Path:
    target = tmp_path / "pack"
    shutil.copytree(STARTER, target)
    return target


def test_a_broken_pack_shows_its_errors_with_positions(config: GameConfig, tmp_path: Path) -> None:
    pack = copy_pack(tmp_path)
    world = pack / "world.yaml"
    world.write_text(world.read_text(encoding="utf-8").replace("good: low", "good: lowish"), encoding="utf-8")
    app = make_app(replace(config, content=pack, runtime=None))

    async def go() -> None:
        async with app.run_test(size=SMALL) as pilot:
            await loaded(pilot)
            assert isinstance(app.screen, PackErrorScreen)
            errors = str(app.screen.query_one("#error-list", Static).render())
            assert re.search(r"world\.yaml:\d+:\d+: error\[", errors)
            await pilot.press("q")
        assert app.return_value == 1

    run(go())


def test_brackets_in_content_are_shown_as_written(config: GameConfig, tmp_path: Path) -> None:
    pack = copy_pack(tmp_path)
    for name in ("world.yaml", "events.yaml"):
        path = pack / name
        text = path.read_text(encoding="utf-8")
        text = text.replace("name: Ceasefire stability", "name: \"Ceasefire [b]stability\"")
        text = text.replace("text: Shelling resumes in a de-escalation zone.",
                            "text: \"[red]Shelling[/] [link=x]resumes\"")
        text = text.replace("label: Restrain Damascus", "label: \"Restrain [Damascus\"")
        path.write_text(text, encoding="utf-8")
    app = make_app(replace(config, content=pack, runtime=None))

    async def go() -> None:
        async with app.run_test(size=LARGE) as pilot:
            await start(pilot)
            assert isinstance(app.screen, DashboardScreen)
            row = app.screen.query_one("#q-ceasefire", QuantityRow)
            assert "Ceasefire [b]stability" in plain_text(row.render())
            app.session.state.cards = ["spoilers"]  # type: ignore[union-attr]
            app.show_campaign()
            await pilot.pause()
            desk = " ".join(plain_text(s.content) for s in app.screen.query("#card Static"))
            assert "[red]Shelling[/] [link=x]resumes" in desk and "Restrain [Damascus" in desk

    run(go())


def test_a_terminal_too_small_shows_a_message(app: HonorableExit) -> None:
    async def go() -> None:
        async with app.run_test(size=(60, 20)) as pilot:
            await loaded(pilot)
            await pilot.pause()
            assert isinstance(app.screen, TooSmallScreen)
            assert "60×20" in str(app.screen.query_one("#too-small", Static).render())
            await pilot.resize_terminal(80, 24)
            await pilot.pause(0.1)
            assert not isinstance(app.screen, TooSmallScreen)

    run(go())


def test_keys_can_be_remapped_by_binding_id(config: GameConfig, tmp_path: Path) -> None:
    keymap_file = tmp_path / "keys.toml"
    keymap_file.write_text('confirm = "space"\n', encoding="utf-8")
    keymap, problem = read_keymap(str(keymap_file))
    assert problem is None
    app = make_app(replace(config, keymap=keymap))

    async def go() -> None:
        async with app.run_test(size=SMALL) as pilot:
            await start(pilot)
            dash = app.dashboard()
            assert dash is not None
            await pilot.press("1", "space")
            await pilot.pause()
            assert dash.orders.picks

    run(go())
    assert read_keymap(str(tmp_path / "missing.toml"))[1] is not None


def test_a_class_code_fixes_the_campaign(config: GameConfig) -> None:
    rt = load_runtime(STARTER)
    code = encode_class_code(rt, "standard", "hard", 4242, teaching=True)
    app = make_app(replace(config, class_code=code, player="Ada"))

    async def go() -> None:
        async with app.run_test(size=SMALL) as pilot:
            await start(pilot, keys=True)
            session = app.session
            assert session is not None
            assert (session.difficulty, session.seed) == ("hard", "4242")
            assert session.options.get("teaching") and session.options.get("player") == "Ada"
            assert app.screen.query_one("#q-hope", QuantityRow).label.endswith("(hidden)")

    run(go())


def test_a_bad_class_code_is_refused_with_the_reason(app: HonorableExit) -> None:
    async def go() -> None:
        async with app.run_test(size=SMALL) as pilot:
            await loaded(pilot)
            await pilot.press("n")
            await pilot.pause()
            dialog = app.screen
            assert isinstance(dialog, NewCampaignDialog)
            dialog.query_one("#class-code", Input).value = "ZZZZZ-ZZZZZ-ZZZZZ"
            await pilot.press("enter")
            await pilot.pause()
            assert app.screen is dialog and app.session is None
            assert "class code" in str(dialog.query_one("#new-error", Static).render())

    run(go())
