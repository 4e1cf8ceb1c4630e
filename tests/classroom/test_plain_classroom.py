"""The plain mode in class: saves like the TUI, continues a campaign, and teaches when asked."""

from __future__ import annotations

from pathlib import Path

from game.classcode import encode_class_code
from game.saves import latest_autosave, list_saves, load_save


def meters(transcript: str) -> str:
    """The meters block of the first 'status'."""
    return transcript.split("Meters:", 1)[1].split("Partners and forces:", 1)[0]


def test_teaching_mode_shows_hidden_quantities_and_questions(cli, starter: Path, rt, tmp_path: Path) -> None:
    code = encode_class_code(rt, "standard", "normal", 8, teaching=True)
    sochi = [e for e in rt.pack.events if e.id == "sochi_congress"][0]
    answers = "status\n" + "1\n" * 40
    taught = cli("play", "--plain", "--content", str(starter), "--saves-dir", str(tmp_path),
                 "--class-code", code, "--player", "Tia", stdin=answers)
    assert taught.returncode == 0, taught.stderr
    assert "Hope in the UN track" in meters(taught.stdout)  # hidden, but shown by status
    assert f"For discussion: {sochi.discussion[0].question}" in taught.stdout
    plain = cli("play", "--plain", "--content", str(starter), "--saves-dir", str(tmp_path / "b"),
                "--seed", "8", stdin=answers)
    shown = meters(plain.stdout)
    assert "Ceasefire stability" in shown and "Hope in the UN track" not in shown
    assert "For discussion" not in plain.stdout


def test_autosave_quit_and_continue(cli, starter: Path, rt, tmp_path: Path) -> None:
    first = cli("play", "--plain", "--content", str(starter), "--saves-dir", str(tmp_path), "--seed", "21",
                "--player", "Uma", stdin="1\n1\n1\n1\nsave halfway\nquit\n")
    assert first.returncode == 0 and "Saved to" in first.stdout and "Leaving the campaign" in first.stdout
    rows = list_saves(tmp_path)
    assert {r.kind for r in rows} == {"auto", "named"} and all(r.ok and r.player == "Uma" for r in rows)
    before = load_save(latest_autosave(tmp_path), rt).state.turn
    resumed = cli("play", "--plain", "--content", str(starter), "--saves-dir", str(tmp_path), "--continue",
                  stdin="1\n" * 40)
    assert resumed.returncode == 0, resumed.stderr
    assert f"turn {before} of" in resumed.stdout and "=== The campaign ends" in resumed.stdout
    named = next(r.path for r in rows if r.kind == "named")
    again = cli("play", "--plain", "--content", str(starter), "--saves-dir", str(tmp_path),
                "--load", str(named), stdin="quit\n")
    assert again.returncode == 0 and "seed 21" in again.stdout


def test_continue_and_load_refuse_clearly(cli, starter: Path, tmp_path: Path) -> None:
    nothing = cli("play", "--plain", "--content", str(starter), "--saves-dir", str(tmp_path), "--continue")
    assert nothing.returncode == 2 and "no autosave to continue" in nothing.stderr
    bad = tmp_path / "bad.json"
    bad.write_text('{"format_version": 2')
    broken = cli("play", "--plain", "--content", str(starter), "--load", str(bad))
    assert broken.returncode == 1 and "truncated" in broken.stderr
    assert bad.read_text() == '{"format_version": 2'
    clash = cli("play", "--plain", "--content", str(starter), "--load", str(bad), "--seed", "3")
    assert clash.returncode == 2 and "drop --seed" in clash.stderr
