"""The test bench's flags open the Textual app on a terminal; only --vote still forces the line mode."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

import pytest

import game.cli.play as play
import game.tui.launch as launch
from game.cli import build_parser
from game.tui.config import GameConfig


def front(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, *flags: str) -> tuple[str, argparse.Namespace]:
    """Which front `play FLAGS` starts on a terminal (nothing is run), and with which options."""
    chosen: list[tuple[str, argparse.Namespace]] = []
    monkeypatch.setattr(play, "_tty", lambda _stream: True)
    monkeypatch.setattr(play, "run_plain", lambda args: chosen.append(("plain", args)) or 0)
    monkeypatch.setattr(launch, "launch", lambda args: chosen.append(("tui", args)) or 0)
    args = build_parser().parse_args(["play", "--saves-dir", str(tmp_path), *flags])
    assert play.run(args) == 0
    assert len(chosen) == 1
    return chosen[0]


@pytest.mark.parametrize("flags", [("--debug",), ("--start-event", "aid_convoy"), ("--watch",),
                                   ("--debug", "--watch")])
def test_bench_flags_open_the_app(flags: tuple[str, ...], monkeypatch: pytest.MonkeyPatch,
                                  tmp_path: Path) -> None:
    name, _ = front(monkeypatch, tmp_path, *flags)
    assert name == "tui"


def test_the_app_gets_the_bench_settings(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    _, args = front(monkeypatch, tmp_path, "--start-event", "aid_convoy", "--watch")
    config = GameConfig.from_args(args)
    assert (config.bench, config.start_event, config.watch) == (True, "aid_convoy", True)
    _, args = front(monkeypatch, tmp_path, "--debug")
    config = GameConfig.from_args(args)
    assert (config.bench, config.start_event, config.watch) == (True, None, False)
    _, args = front(monkeypatch, tmp_path)
    assert not GameConfig.from_args(args).bench


def test_plain_still_chooses_the_line_mode_and_a_vote_the_app(monkeypatch: pytest.MonkeyPatch,
                                                               tmp_path: Path) -> None:
    assert front(monkeypatch, tmp_path, "--debug", "--plain")[0] == "plain"
    assert front(monkeypatch, tmp_path, "--vote", "--plain")[0] == "plain"
    tui, args = front(monkeypatch, tmp_path, "--vote")  # the class vote has its own screen in the app
    assert tui == "tui" and GameConfig.from_args(args).vote


def test_without_a_terminal_the_bench_is_in_the_line_mode(monkeypatch: pytest.MonkeyPatch,
                                                          tmp_path: Path) -> None:
    chosen: list[Any] = []
    monkeypatch.setattr(play, "_tty", lambda _stream: False)
    monkeypatch.setattr(play, "run_plain", lambda args: chosen.append("plain") or 0)
    monkeypatch.setattr(launch, "launch", lambda args: chosen.append("tui") or 0)
    play.run(build_parser().parse_args(["play", "--debug", "--saves-dir", str(tmp_path)]))
    assert chosen == ["plain"]
