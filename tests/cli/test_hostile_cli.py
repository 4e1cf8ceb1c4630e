"""A hostile battery through the command line as a subprocess: closed and binary streams, narrow
encodings, bad options, unreadable saves and outputs, interrupts. Each ends with a message and
the right exit code (1 bad input, 2 usage, 130 interrupt), with no traceback and no hang."""

from __future__ import annotations

import json
import os
import select
import shutil
import signal
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .run import ROOT, cli

STARTER = ROOT / "tests" / "fixtures" / "packs" / "starter"
PACK = ["--content", str(STARTER)]
HANG_GUARD = 60  # seconds: a command that has not stopped by then hangs (it takes a few)
PLAY = f"$GAME play --plain --content {STARTER} --seed 1 --saves-dir"


def sh(script: str, timeout: float = 60,
       env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    """Run the game through the shell, for redirections a Python pipe cannot make (closed fds)."""
    full_env = {**os.environ, "PYTHONPATH": str(ROOT), "GAME": f"{sys.executable} -m game", **(env or {})}
    return subprocess.run(["sh", "-c", script], capture_output=True, text=True, timeout=timeout,
                          cwd=ROOT, env=full_env)


def clean(done: subprocess.CompletedProcess[str], code: int) -> None:
    assert "Traceback" not in done.stderr + done.stdout, done.stderr[-3000:]
    assert done.returncode == code, (done.returncode, done.stderr[-3000:])


@pytest.fixture
def save(tmp_path: Path) -> Path:
    """A real autosave after one month of the starter pack."""
    done = cli("play", "--plain", "--saves-dir", str(tmp_path / "saves"), "--seed", "3", *PACK,
               stdin="1\n1\n1\n1\n1\n")
    clean(done, 0)
    return sorted((tmp_path / "saves").glob("auto-*.json"))[-1]


# -- the line mode's streams ------------------------------------------------------
def test_stdin_closed(tmp_path: Path) -> None:
    done = sh(f'{PLAY} {tmp_path} <&-')
    clean(done, 1)
    assert "standard input is closed" in done.stderr


def test_stdout_closed(tmp_path: Path) -> None:
    done = sh(f'{PLAY} {tmp_path} </dev/null >&-')
    clean(done, 1)
    assert "standard output is closed" in done.stderr


@pytest.mark.parametrize("command", ["handout", "debrief {save}", "class-report {save}"])
def test_a_report_to_a_closed_stdout_is_refused(command: str, save: Path) -> None:
    """A report written to stdout with stdout closed is refused with what to do (exit 1), not a crash."""
    done = sh(f"$GAME {command.format(save=save)} {' '.join(PACK)} >&-")
    clean(done, 1)
    assert "standard output is closed: give --out FILE" in done.stderr


def test_every_stream_closed(tmp_path: Path) -> None:
    done = sh(f'{PLAY} {tmp_path} <&- >&- 2>&-; echo "rc=$?" >&2')
    assert done.stderr.strip().endswith("rc=1") and "Traceback" not in done.stderr


def test_stdout_full(tmp_path: Path) -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    done = sh(f'printf "1\\n1\\n" | {PLAY} {tmp_path} >/dev/full')
    clean(done, 1)
    assert "No space left" in done.stderr


def test_reader_goes_away(tmp_path: Path) -> None:
    done = sh(f'yes 1 | head -200 | {PLAY} {tmp_path} | head -1')
    assert "Traceback" not in done.stderr and "Exception ignored" not in done.stderr
    assert done.stdout.startswith("HONORABLE EXIT")


@pytest.mark.parametrize("source", ["/dev/zero", "/dev/urandom"])
def test_binary_stdin_stops(tmp_path: Path, source: str) -> None:
    done = sh(f'{PLAY} {tmp_path} <{source}', timeout=HANG_GUARD)  # it stops: no hang
    assert "Traceback" not in done.stderr
    assert done.returncode in (0, 1)  # random bytes may hold a valid line before any NUL
    if source == "/dev/zero":
        assert done.returncode == 1 and "not text" in done.stderr


def test_a_very_long_line_stops(tmp_path: Path) -> None:
    done = cli("play", "--plain", "--saves-dir", str(tmp_path), "--seed", "1", *PACK, stdin="x" * 100_000)
    clean(done, 1)
    assert "longer than" in done.stderr


def test_ascii_only_terminal_degrades(tmp_path: Path) -> None:
    pack = tmp_path / "pack"
    shutil.copytree(STARTER, pack)
    events = pack / "events.yaml"
    text = events.read_text(encoding="utf-8")
    events.write_text(text.replace("title: The Sochi congress", "title: The Sochi congress — “Café” → Genève")
                      .replace("Delegates gather at Sochi", "Délégués… gather at Sochi"), encoding="utf-8")
    env = {"LANG": "C", "LC_ALL": "C", "PYTHONIOENCODING": "ascii"}
    done = cli("play", "--plain", "--saves-dir", str(tmp_path / "s"), "--seed", "1", "--content", str(pack),
               stdin="é\n\xff\n1\n1\n1\nstatus\nquit\n", env=env)
    clean(done, 0)
    assert done.stdout.isascii()
    shown = done.stdout
    if "Sochi congress" in shown:
        assert 'The Sochi congress -- "Cafe" -> Geneve' in shown
    assert "Unknown command '??'" in shown  # the two bytes of an e-acute, undecodable as ASCII


# -- options ------------------------------------------------------------------------
@pytest.mark.parametrize("seed", ["", "   ", "x" * 101, "a\x01b"])
def test_bad_seeds_are_usage_errors(tmp_path: Path, seed: str) -> None:
    done = cli("play", "--plain", "--saves-dir", str(tmp_path), "--seed", seed, *PACK, stdin="")
    clean(done, 2)
    assert "--seed" in done.stderr


@pytest.mark.parametrize("command", ["simulate", "class-code"])
def test_empty_seed_elsewhere(command: str) -> None:
    clean(cli(command, "--seed", "", *PACK), 2)


def test_saves_dir_name_too_long(tmp_path: Path) -> None:
    done = cli("play", "--plain", "--saves-dir", str(tmp_path / ("a" * 300)), *PACK, stdin="1\n")
    clean(done, 2)
    assert "too long" in done.stderr


def test_saves_dir_is_a_file(tmp_path: Path) -> None:
    (tmp_path / "f").write_text("x")
    clean(cli("play", "--plain", "--saves-dir", str(tmp_path / "f"), *PACK, stdin=""), 2)
    clean(cli("play", "--plain", "--saves-dir", str(tmp_path / "f" / "sub"), *PACK, stdin=""), 2)


@pytest.mark.parametrize("args", [
    ["simulate", "--games", "0"], ["simulate", "--jobs", "0"], ["simulate", "--games", "many"],
    ["frobnicate"], ["play", "--load", "x", "--continue"], ["debrief"], ["replay"],
])
def test_usage_errors(args: list[str]) -> None:
    clean(cli(*args, *PACK), 2)


# -- saves that are not saves ---------------------------------------------------------
def _bad_save(tmp_path: Path, kind: str) -> Path:
    path = tmp_path / f"{kind}.json"
    if kind == "fifo":
        os.mkfifo(path)
    elif kind == "dev-zero":
        path.symlink_to("/dev/zero")
    elif kind == "folder":
        path.mkdir()
    elif kind == "digits":
        path.write_text('{"format_version": ' + "9" * 5000 + "}")
    elif kind == "nested":
        path.write_text("[" * 100_000 + "]" * 100_000)
    elif kind == "nan":
        path.write_text('{"format": "honorable-exit-save", "format_version": NaN}')
    elif kind == "binary":
        path.write_bytes(b"\xff\xfe\x00garbage")
    elif kind == "huge":
        with path.open("wb") as out:
            out.truncate(70 * 1024 * 1024)  # sparse: costs no disk
    return path


BAD_SAVES = ["fifo", "dev-zero", "folder", "digits", "nested", "nan", "binary", "huge", "missing"]


@pytest.mark.parametrize("kind", BAD_SAVES)
@pytest.mark.parametrize("command", ["replay", "debrief", "class-report"])
def test_bad_saves_are_refused(tmp_path: Path, kind: str, command: str) -> None:
    path = _bad_save(tmp_path, kind)
    done = cli(command, str(path), *PACK, timeout=HANG_GUARD)  # refused, never waited on or read whole
    if command == "debrief" and kind == "folder":  # a folder of saves: its reports need --out DIR
        clean(done, 2)
        return
    clean(done, 1)
    assert str(path.name) in done.stdout + done.stderr


def test_a_folder_holding_a_fifo(tmp_path: Path, save: Path) -> None:
    os.mkfifo(save.parent / "zz.json")
    done = cli("class-report", str(save.parent), *PACK, timeout=HANG_GUARD)
    clean(done, 1)
    assert "1 file(s) unreadable" in done.stderr
    done = cli("debrief", str(save.parent), *PACK, "--out", str(tmp_path / "reports"), timeout=HANG_GUARD)
    clean(done, 1)
    assert len(list((tmp_path / "reports").iterdir())) == 1


@pytest.mark.parametrize("kind", ["fifo", "digits", "dev-zero"])
def test_play_load_refuses(tmp_path: Path, kind: str) -> None:
    done = cli("play", "--plain", "--load", str(_bad_save(tmp_path, kind)), *PACK, stdin="",
               timeout=HANG_GUARD)
    clean(done, 1)


# -- where reports go -----------------------------------------------------------------
def test_debrief_into_a_folder_that_cannot_be_made(tmp_path: Path, save: Path) -> None:
    (tmp_path / "file").write_text("x")
    done = cli("debrief", str(save), *PACK, "--out", str(tmp_path / "file" / "sub" / "report.md"))
    clean(done, 1)
    assert "cannot write" in done.stderr


@pytest.mark.parametrize("out", ["", "dir/", "."])
def test_debrief_out_names_a_folder(tmp_path: Path, save: Path, out: str) -> None:
    clean(cli("debrief", str(save), *PACK, "--out", out), 2)


def test_debrief_out_to_a_device_writes_into_it(save: Path) -> None:
    before = os.stat("/dev/null")
    done = cli("debrief", str(save), *PACK, "--out", "/dev/null")
    clean(done, 0)
    after = os.stat("/dev/null")
    assert stat.S_ISCHR(after.st_mode) and after.st_rdev == before.st_rdev


def test_debrief_out_to_a_fifo_without_reader(tmp_path: Path, save: Path) -> None:
    os.mkfifo(tmp_path / "pipe")
    done = cli("debrief", str(save), *PACK, "--out", str(tmp_path / "pipe"), timeout=HANG_GUARD)
    clean(done, 1)
    assert stat.S_ISFIFO(os.stat(tmp_path / "pipe").st_mode)


# -- interrupts -----------------------------------------------------------------------
# Each waits for the command to show that it is at work (a line on its stdout), never for a guessed
# number of seconds, then sends ctrl+c. What is checked is the behaviour: exit code 130, the message,
# no traceback, no process left. The only clock is a hang guard, far longer than stopping takes and
# far shorter than the work would (100,000 games a strategy, the planner's among them): HANG_GUARD.
# Imported at start-up by every Python process of the command (its pool's workers too, whatever the
# start method): each call to play a batch of games first says "playing" on stdout.
SAY_PLAYING = """
import game.sim.runner as runner

_play_games = runner.play_games


def play_games(*args, **kwargs):
    print("playing", flush=True)
    return _play_games(*args, **kwargs)


runner.play_games = play_games
"""


def _interrupt(args: list[str], ready: str, count: int, group: bool,
               pythonpath: str = str(ROOT)) -> tuple[int, str]:
    """Start the command, wait until its stdout has shown ``ready`` ``count`` times, send ctrl+c (to
    its process group, as a terminal does, or to it alone); its exit code and its stderr."""
    proc = subprocess.Popen([sys.executable, "-m", "game", *args], stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT,
                            start_new_session=True,
                            env={**os.environ, "PYTHONPATH": pythonpath},
                            preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL))
    _wait_for_output(proc, ready, count)
    (os.killpg if group else os.kill)(proc.pid, signal.SIGINT)
    try:
        _, err = proc.communicate(timeout=HANG_GUARD)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.communicate()
        raise AssertionError(f"still running {HANG_GUARD} s after ctrl+c") from None
    leftover = subprocess.run(["pgrep", "-g", str(proc.pid)], capture_output=True, text=True).stdout
    assert not leftover.strip(), f"worker processes left running: {leftover}"
    return proc.returncode, err


@pytest.mark.parametrize("group", [True, False], ids=["terminal", "parent-only"])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_simulate_stops_on_ctrl_c(tmp_path: Path, jobs: str, group: bool) -> None:
    """Ctrl+c while the games are being played: by the command itself, or (--jobs 2) by both of its
    workers at once (each says so before its first batch: SAY_PLAYING)."""
    (tmp_path / "sitecustomize.py").write_text(SAY_PLAYING)
    code, err = _interrupt(["simulate", "--jobs", jobs, "--games", "100000", *PACK], "playing\n", int(jobs),
                           group, pythonpath=f"{tmp_path}{os.pathsep}{ROOT}")
    assert code == 130, (code, err[-2000:])
    assert "Traceback" not in err and "interrupted" in err


def _wait_for_output(proc: subprocess.Popen[str], text: str, count: int = 1,
                     timeout: float = HANG_GUARD) -> None:
    """Read the process's stdout until ``text`` has shown ``count`` times (a prompt: no newline
    after it). ``timeout`` is a hang guard: the process is killed and the test fails."""
    assert proc.stdout is not None
    seen, end = b"", time.monotonic() + timeout
    while seen.count(text.encode()) < count:
        ready, _, _ = select.select([proc.stdout], [], [], max(0.0, end - time.monotonic()))
        chunk = os.read(proc.stdout.fileno(), 4096) if ready else b""
        if not chunk:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.communicate()
            raise AssertionError(f"no {text!r} (x{count}) on stdout: {seen.decode(errors='replace')[-2000:]}")
        seen += chunk


def test_play_stops_on_ctrl_c(tmp_path: Path) -> None:
    """Ctrl+c at the prompt, waiting for input on an open pipe (the prompt shown, not a guess at
    how long start-up takes: a signal before Python's handler is in place killed it, -2)."""
    proc_args = ["play", "--plain", "--saves-dir", str(tmp_path), "--seed", "1", *PACK]
    code, err = _interrupt(proc_args, "Choice 1-2 > ", 1, True)
    assert code == 130 and "interrupted" in err and "Traceback" not in err


# -- crash reports --------------------------------------------------------------------
def test_an_internal_error_writes_a_crash_report(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    import game.cli.validate as validate
    from game.cli import Exit, main

    def broken(args: object) -> int:
        raise ZeroDivisionError("a bug")

    monkeypatch.setenv("HONORABLE_EXIT_CRASHES", str(tmp_path / "crashes"))
    monkeypatch.setattr(validate, "run", broken)
    assert main(["validate", *PACK]) == Exit.CRASH == 70
    err = capsys.readouterr().err
    reports = list((tmp_path / "crashes").iterdir())
    assert len(reports) == 1 and str(reports[0]) in err.replace("\n", "")
    assert "Traceback" not in err and "ZeroDivisionError" in err
    assert "ZeroDivisionError: a bug" in reports[0].read_text(encoding="utf-8")


def test_crash_reports_fall_back_when_their_folder_cannot_be_made(tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    from game.crash import write_crash_report

    (tmp_path / "file").write_text("x")
    monkeypatch.setenv("HONORABLE_EXIT_CRASHES", str(tmp_path / "file" / "crashes"))
    path = write_crash_report(RuntimeError("x"))
    assert path is not None and path.is_file()
    path.unlink()


def test_json_output_stays_json_on_error() -> None:
    done = cli("validate", "--content", "/nonexistent", "--format", "json")
    clean(done, 1)
    assert json.loads(done.stdout)["ok"] is False
