"""`validate` leaves the process at once (collector off, os._exit) without losing output or codes."""

from __future__ import annotations

import gc
import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.cli.run import ROOT, cli

STARTER = ROOT / "tests" / "fixtures" / "packs" / "starter"


def test_the_report_is_whole_when_it_goes_to_a_file(tmp_path: Path) -> None:
    out = tmp_path / "report.json"
    with out.open("w", encoding="utf-8") as sink:
        done = subprocess.run([sys.executable, "-m", "game", "validate", "--format", "json",
                               "--content", str(STARTER)], stdout=sink, stderr=subprocess.PIPE,
                              text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 0, done.stderr
    report = json.loads(out.read_text(encoding="utf-8"))  # every buffered byte was written out
    assert report["ok"] is True and report["pack"]["counts"]["events"] > 0


def test_a_bad_pack_still_exits_1_with_its_errors(tmp_path: Path) -> None:
    done = cli("validate", "--content", str(tmp_path / "missing"))
    assert done.returncode == 1 and "missing-pack" in done.stderr and "1 error(s)" in done.stderr


def test_a_full_disk_is_said_and_fails() -> None:
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full here")
    done = subprocess.run(["sh", "-c", f'"{sys.executable}" -m game validate --content "{STARTER}" '
                                       ">/dev/full"], capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert done.returncode == 1 and "No space left" in done.stderr and "Traceback" not in done.stderr


def test_called_from_python_the_collector_resumes(capsys: pytest.CaptureFixture[str]) -> None:
    from game.cli import main

    assert gc.isenabled()
    assert main(["validate", "--content", str(STARTER)]) == 0
    assert gc.isenabled()  # only the process entry point leaves with it off
