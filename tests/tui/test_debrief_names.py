"""Debriefs written from the app (`d` on the ending screen) never overwrite another student's.

A class code fixes scenario and seed, so students sharing a saves folder play the same campaign
settings; each debrief is named by player and campaign id, as `debrief DIR --out` names it.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from game.classcode import class_session, encode_class_code
from game.engine.runtime import Runtime
from game.saves import autosave
from game.session import Session
from game.tui.app import HonorableExit, make_app
from game.tui.config import GameConfig
from game.tui.screens.ending import EndingScreen
from tests.tui.conftest import SMALL, loaded, run


def _finished_save(rt: Runtime, code: str, player: str, folder: Path) -> Path:
    session = class_session(rt, code, player)
    while not session.finished:
        session.play(session.decide([c.choices[session.available(c.id).index(True)].id
                                     for c in session.cards()]))
    return autosave(session, folder)


def _press_d(config: GameConfig, save: Path) -> str:
    app: HonorableExit = make_app(replace(config, load=save))

    async def go() -> str:
        async with app.run_test(size=SMALL) as pilot:
            await loaded(pilot)
            assert isinstance(app.screen, EndingScreen)
            await pilot.press("d")
            await pilot.pause()
            said = [str(n.message) for n in app._notifications if n.title == "Debrief"]
            assert len(said) == 1, [str(n.message) for n in app._notifications]
            return said[0]

    return run(go())


def test_two_students_debriefs_in_one_saves_folder_are_two_files(config: GameConfig,
                                                                  starter_rt: Runtime) -> None:
    pack = starter_rt.pack
    code = encode_class_code(starter_rt, pack.scenarios[0].id, pack.difficulties[0].id, 42)
    folder = config.saves
    ana, bo = (_finished_save(starter_rt, code, name, folder) for name in ("Ana Silva", "Bo Chen"))
    said_ana = _press_d(config, ana)
    said_bo = _press_d(config, bo)
    reports = sorted(p.name for p in folder.glob("*.md"))
    assert len(reports) == 2 and reports[0].startswith("Ana-Silva-") and reports[1].startswith("Bo-Chen-")
    assert said_ana == f"Debrief written to {folder / reports[0]}"
    assert said_bo == f"Debrief written to {folder / reports[1]}"
    assert "Player: Ana Silva" in (folder / reports[0]).read_text(encoding="utf-8")
    assert _press_d(config, ana) == said_ana  # the same campaign's debrief is replaced, not doubled
    assert sorted(p.name for p in folder.glob("*.md")) == reports


def test_a_file_of_another_campaign_keeps_its_place(tmp_path: Path, starter_rt: Runtime) -> None:
    from game.tui.services import write_debrief

    session = Session.new(starter_rt, seed="7", options={"player": "Ana Silva", "campaign_id": "abcdef1234"})
    taken = tmp_path / "Ana-Silva-abcdef1234.md"
    taken.write_text("the teacher's own notes", encoding="utf-8")
    path = write_debrief(session, tmp_path)
    assert path == tmp_path / "Ana-Silva-abcdef1234-2.md"
    assert taken.read_text(encoding="utf-8") == "the teacher's own notes"
    assert write_debrief(session, tmp_path) == path  # its own file, replaced on the next write
