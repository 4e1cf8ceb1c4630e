"""The handout for one class: its tolerances as numbers, its scenario's offset, its teaching mode.

The reviewer's handout said "Thresholds: the escalation tolerance: Below this the war spreads
beyond Syria's borders (the escalation tolerance)" (named twice, no number), and "33 lower than in
the full campaign" with no value; and it had no way to say which class it was for.
"""

from __future__ import annotations

from pathlib import Path

from game.classcode import encode_class_code
from game.content.loader import load_runtime

ROOT = Path(__file__).resolve().parents[2]
CONTENT = ROOT / "content"


def _row(text: str, name: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(f"| {name}"))


def test_a_class_codes_handout_gives_its_numbers_and_teaching_mode(cli) -> None:  # type: ignore[no-untyped-def]
    rt = load_runtime(CONTENT)
    code = encode_class_code(rt, "classroom", "normal", 424242, teaching=True)
    done = cli("handout", "--class-code", code.lower())
    assert done.returncode == 0, done.stderr
    text = done.stdout
    assert f"For class code {code}: After Sochi, Realpolitik, seed 424242, teaching mode" in text
    ceasefire = _row(text, "Ceasefire stability")
    assert ("Thresholds: the escalation tolerance (12 at Realpolitik): Below this the war spreads beyond "
            "Syria's borders. |") in ceasefire
    assert ceasefire.count("escalation tolerance") == 1
    assert "the settlement tolerance (70 at Realpolitik)" in _row(text, "UN track momentum")
    assert ("In this scenario the talks tolerance is 33 lower than the difficulty sets it: "
            "48 at Realpolitik instead of 81.") in text
    assert "## The scenario" in text and "**From Hmeimim**" not in text
    assert "hidden until the end" not in text and "Hidden until the debrief" not in text
    assert "| Hope in the UN track (hidden in a normal game; shown throughout in this teaching-mode class)" \
        in text


def test_without_a_class_each_difficultys_number_is_given(cli) -> None:  # type: ignore[no-untyped-def]
    text = cli("handout").stdout
    assert "the escalation tolerance (8 at Staff exercise, 12 at Realpolitik, 16 at Quagmire)" in text
    assert "32 at Staff exercise instead of 65, 48 at Realpolitik instead of 81" in text
    assert "(hidden until the end)" in text and "For class code" not in text
    hard = cli("handout", "--scenario", "classroom", "--difficulty", "hard").stdout
    assert "For After Sochi, Quagmire." in hard and "the escalation tolerance (16 at Quagmire)" in hard


def test_a_mistyped_code_or_a_clash_is_a_usage_error(cli) -> None:  # type: ignore[no-untyped-def]
    rt = load_runtime(CONTENT)
    code = encode_class_code(rt, "classroom", "normal", 424242)
    wrong = code[:-1] + ("A" if code[-1] != "A" else "B")
    done = cli("handout", "--class-code", wrong)
    assert done.returncode == 2
    assert done.stderr.strip() == (f"honorable-exit: error: class code {wrong!r} refused: the class code is "
                                   "mistyped (its check character does not match)")
    clash = cli("handout", "--class-code", code, "--scenario", "standard")
    assert clash.returncode == 2 and "drop --scenario" in clash.stderr
    unknown = cli("handout", "--difficulty", "nope")
    assert unknown.returncode == 2 and "unknown difficulty 'nope'" in unknown.stderr
