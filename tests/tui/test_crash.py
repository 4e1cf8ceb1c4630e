"""An unexpected error inside the app ends it on one short line naming a crash report; the autosave
is left intact; known Textual faults are guarded."""

from __future__ import annotations

from pathlib import Path

import pytest

from game.saves import load_save, save_files
from game.tui.app import HonorableExit
from game.tui.crashguard import textual_fault
from game.tui.palette import GamePalette

from .conftest import loaded, play_month, run, start
from .fuzz import together


class Boom(RuntimeError):
    pass


def test_a_crash_writes_a_report_and_shows_one_line(app: HonorableExit, tmp_path: Path,
                                                     monkeypatch: pytest.MonkeyPatch,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    crashes = tmp_path / "crashes"
    monkeypatch.setenv("HONORABLE_EXIT_CRASHES", str(crashes))
    before: dict[Path, bytes] = {}

    def explode() -> None:
        raise Boom("a bug")

    async def go() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await start(pilot)
            await play_month(pilot)
            await pilot.pause()
            before.update({p: p.read_bytes() for p in save_files(app.config.saves)})
            app.call_later(explode)
            await pilot.pause()

    with pytest.raises(Boom):
        run(go())
    assert app.return_code == 1 and app.crash_report is not None
    report = app.crash_report.read_text(encoding="utf-8")
    assert app.crash_report.parent == crashes
    assert "Boom: a bug" in report and "Traceback" in report and "DashboardScreen" in report
    assert "turn 2" in report
    shown = capsys.readouterr().err
    assert str(app.crash_report) in shown.replace("\n", "") and "Traceback" not in shown
    assert len(shown.splitlines()) <= 4
    assert before and {p: p.read_bytes() for p in save_files(app.config.saves)} == before
    assert load_save(max(before), app.rt).state.turn == 2


def test_page_up_in_a_fresh_palette_does_not_crash(app: HonorableExit) -> None:
    async def go() -> None:
        async with app.run_test(size=(80, 24)) as pilot:
            await start(pilot)
            together(app, ["ctrl+p", "down", "down", "down", "a", "pageup"])
            await pilot.pause()
            assert isinstance(app.screen, GamePalette)
            together(app, ["pagedown", "pageup", "escape"])
            await pilot.pause()

    run(go())
    assert app._exception is None


def test_one_palette_at_a_time(app: HonorableExit) -> None:
    async def go() -> None:
        async with app.run_test(size=(100, 30)) as pilot:
            await loaded(pilot)
            await pilot.press("ctrl+p")
            await pilot.resize_terminal(60, 20)  # the too-small cover goes over the palette
            await pilot.pause()
            app.action_command_palette()
            await pilot.pause()
            palettes = [s for s in app.screen_stack if isinstance(s, GamePalette)]
            assert len(palettes) == 1

    run(go())
    assert app._exception is None


def test_only_survivable_faults_are_tolerated() -> None:
    def raise_in(name: str) -> BaseException:
        code = f"def {name}():\n    raise KeyError(3)\n"
        scope: dict[str, object] = {}
        exec(compile(code, "textual/widgets/_option_list.py", "exec"), scope)
        try:
            scope[name]()  # type: ignore[operator]
        except KeyError as exc:
            return exc
        raise AssertionError

    assert textual_fault(raise_in("_process_messages_loop"), []) is None
    assert textual_fault(RuntimeError("x"), []) is None
