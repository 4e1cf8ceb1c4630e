"""Class codes: round trip, and no single typo (or swap) ever read as another campaign."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from game.classcode import (
    ALPHABET,
    LENGTH,
    MAX_SEED,
    ClassCodeError,
    class_session,
    decode_class_code,
    encode_class_code,
)
from game.content.loader import load_runtime

OTHER_CHARS = ALPHABET + "ILOU"  # every letter and digit a student could type


def test_round_trip_every_scenario_and_difficulty(rt) -> None:
    for sc in rt.pack.scenarios:
        for diff in rt.pack.difficulties:
            for seed in (0, 1, 4242, MAX_SEED):
                for teaching in (False, True):
                    code = encode_class_code(rt, sc.id, diff.id, seed, teaching)
                    s = decode_class_code(code, rt)
                    fixed = (s.scenario, s.difficulty, s.seed, s.teaching)
                    assert fixed == (sc.id, diff.id, str(seed), teaching)
                    assert (s.pack_id, s.pack_version, s.code) == ("starter", "0.1.0", code)


def test_the_code_is_short_grouped_letters_and_digits(rt) -> None:
    code = encode_class_code(rt, "standard", "hard", 123456, True)
    groups = code.split("-")
    assert [len(g) for g in groups] == [5, 5, 5] and all(ch in ALPHABET for ch in "".join(groups))


def test_spelling_is_forgiven_but_not_typos(rt) -> None:
    code = encode_class_code(rt, "standard", "easy", 987654)
    loose = code.lower().replace("-", " ").replace("0", "o").replace("1", "l")
    assert decode_class_code(loose, rt).code == code


@given(seed=st.integers(0, MAX_SEED), teaching=st.booleans(),
       diff=st.sampled_from(["easy", "normal", "hard"]))
def test_every_single_character_typo_is_rejected(rt, seed: int, teaching: bool, diff: str) -> None:
    code = encode_class_code(rt, "standard", diff, seed, teaching)
    right = decode_class_code(code, rt)
    plain = code.replace("-", "")
    for i, original in enumerate(plain):
        for ch in OTHER_CHARS.replace(original, ""):
            typo = plain[:i] + ch + plain[i + 1:]
            try:
                got = decode_class_code(typo, rt)
            except ClassCodeError:
                continue
            assert got == right, f"{typo} read as another campaign"  # only a lookalike of the same symbol
            assert (ch, original) in (("O", "0"), ("I", "1"), ("L", "1"))


def test_swaps_insertions_and_deletions_are_rejected(rt) -> None:
    plain = encode_class_code(rt, "standard", "normal", 31337).replace("-", "")
    for i in range(LENGTH - 1):
        if plain[i] != plain[i + 1]:
            with pytest.raises(ClassCodeError, match="mistyped"):
                decode_class_code(plain[:i] + plain[i + 1] + plain[i] + plain[i + 2:], rt)
        with pytest.raises(ClassCodeError, match="15 letters and digits"):
            decode_class_code(plain[:i] + plain[i + 1:], rt)
        with pytest.raises(ClassCodeError, match="15 letters and digits"):
            decode_class_code(plain[:i] + "7" + plain[i:], rt)


@pytest.mark.parametrize(("code", "reason"), [
    ("", "empty"), ("   ", "empty"), ("ABCDE-FGHJK-MNPQU", "'U' is not used"),
    ("ABCDE-FGHJK-MNPQ!", "'!' is not used"),
])
def test_malformed_codes(rt, code: str, reason: str) -> None:
    with pytest.raises(ClassCodeError, match=reason):
        decode_class_code(code, rt)


def test_a_code_for_another_pack_version_or_pack(rt, starter: Path, tmp_path: Path) -> None:
    code = encode_class_code(rt, "standard", "normal", 5)
    newer, other = tmp_path / "newer", tmp_path / "other"
    edits = ((newer, "version: 0.1.0", "version: 0.2.0"), (other, "id: starter", "id: another"))
    for folder, old, new in edits:
        shutil.copytree(starter, folder)
        manifest = folder / "pack.yaml"
        manifest.write_text(manifest.read_text().replace(old, new))
    with pytest.raises(ClassCodeError, match="made with the pack starter 0.1.0; this pack is 0.2.0: use "
                       "--content DIR of that version"):
        decode_class_code(code, load_runtime(newer))
    with pytest.raises(ClassCodeError, match="another content pack"):
        decode_class_code(code, load_runtime(other))


def test_decoding_needs_the_pack(rt) -> None:
    with pytest.raises(ClassCodeError, match="read against the loaded pack"):
        decode_class_code(encode_class_code(rt, "standard", "normal", 5))


def test_class_session_starts_the_campaign(rt) -> None:
    code = encode_class_code(rt, "standard", "hard", 77, teaching=True)
    a, b = class_session(rt, code, "Ann"), class_session(rt, code.lower(), "Bo")
    assert (a.scenario, a.difficulty, a.seed) == ("standard", "hard", "77")
    assert a.state.cards == b.state.cards and a.options["teaching"] is True
    assert (a.options["player"], a.options["class_code"], b.options["class_code"]) == ("Ann", code, code)


def test_class_code_command(cli, starter: Path, rt) -> None:
    result = cli("class-code", "--content", str(starter), "--difficulty", "hard", "--seed", "2018",
                 "--teaching")
    assert result.returncode == 0, result.stderr
    code = result.stdout.strip()
    assert code == encode_class_code(rt, "standard", "hard", 2018, True)
    assert "seed 2018" in result.stderr and "teaching on" in result.stderr
    random_code = cli("class-code", "--content", str(starter)).stdout.strip()
    assert decode_class_code(random_code, rt).difficulty == "normal"


@pytest.mark.parametrize(("args", "reason"), [
    (["--seed", "-3"], "whole number from 0"), (["--seed", "abc"], "whole number from 0"),
    (["--seed", str(MAX_SEED + 1)], "whole number from 0"), (["--scenario", "nope"], "unknown scenario"),
])
def test_class_code_command_usage_errors(cli, starter: Path, args: list[str], reason: str) -> None:
    result = cli("class-code", "--content", str(starter), *args)
    assert result.returncode == 2 and reason in result.stderr


def test_play_refuses_a_mistyped_code(cli, starter: Path, rt, tmp_path: Path) -> None:
    code = encode_class_code(rt, "standard", "normal", 12)
    typo = code[:3] + ("A" if code[3] != "A" else "B") + code[4:]
    result = cli("play", "--plain", "--content", str(starter), "--saves-dir", str(tmp_path),
                 "--class-code", typo, stdin="1\n")
    assert result.returncode == 2 and "refused" in result.stderr and "mistyped" in result.stderr
    assert "===" not in result.stdout and not list(tmp_path.iterdir())


def test_play_refuses_a_code_with_campaign_options(cli, starter: Path, rt) -> None:
    code = encode_class_code(rt, "standard", "normal", 12)
    result = cli("play", "--plain", "--content", str(starter), "--class-code", code, "--seed", "4")
    assert result.returncode == 2 and "a class code fixes the campaign: drop --seed" in result.stderr
