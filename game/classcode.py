"""Class codes: a short, checked code that fixes pack version, scenario, difficulty, seed and options.

A code is 14 symbols of data and a check symbol, in Crockford's base 32
(digits and letters without I, L, O and U), grouped as ``XXXXX-XXXXX-XXXXX``.
The 70 data bits hold, most significant first: the code format (2 bits), a
tag of the pack id (8), the pack version major.minor.patch (4, 7, 7), the
scenario and difficulty as their index in the pack (5, 3), the options (3:
teaching, two reserved) and a numeric seed (31). The check symbol is
``sum(x**k * symbol_k)`` over GF(32): it catches every single mistyped
symbol and every swap of two neighbours, so a typo is refused, never read as
another campaign. Lookalikes are forgiven: O reads as 0, I and L as 1.

With mods laid over the pack, the format is 1 and the 18 version bits hold a
fingerprint of the pack version and every mod's id, version and content hash
instead: a student must load the same mods for the code to be accepted.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from game.engine.runtime import Runtime
    from game.session import Session

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
_VALUE = {ch: i for i, ch in enumerate(ALPHABET)} | {"O": 0, "I": 1, "L": 1}
_FIELDS = (("format", 2), ("pack", 8), ("major", 4), ("minor", 7), ("patch", 7),
           ("scenario", 5), ("difficulty", 3), ("options", 3), ("seed", 31))
DATA_SYMBOLS = 14
LENGTH = DATA_SYMBOLS + 1
MAX_SEED = (1 << 31) - 1
_TEACHING = 1


class ClassCodeError(ValueError):
    """A class code that cannot be used; ``str(e)`` says why."""


@dataclass(frozen=True, slots=True)
class ClassSettings:
    """What a class code fixes."""

    pack_id: str
    pack_version: str
    scenario: str
    difficulty: str
    seed: str
    teaching: bool
    code: str  # the code in its canonical, grouped spelling


def _times_x(v: int) -> int:
    """Multiply by x in GF(32) = GF(2)[x] / (x^5 + x^2 + 1)."""
    v <<= 1
    return v ^ 0b100101 if v & 0b100000 else v


def check_symbol(values: list[int]) -> int:
    """The check value for a list of symbol values."""
    acc = 0
    for v in values:
        acc = _times_x(acc) ^ v
    return _times_x(acc)


def _pack_tag(pack_id: str) -> int:
    return hashlib.sha256(pack_id.encode()).digest()[0]


def _mods_fingerprint(rt: Runtime) -> int | None:
    """18 bits standing for the pack version and its mods (None without mods)."""
    mods = getattr(rt.pack, "mods", [])
    if not mods:
        return None
    text = rt.pack.manifest.version + "".join(f"|{m.manifest.id} {m.manifest.version} {m.content_hash}"
                                              for m in mods)
    return int.from_bytes(hashlib.sha256(text.encode()).digest()[:3], "big") & ((1 << 18) - 1)


def _group(symbols: str) -> str:
    return "-".join(symbols[i:i + 5] for i in range(0, len(symbols), 5))


def encode_class_code(rt: Runtime, scenario: str, difficulty: str, seed: int, teaching: bool = False) -> str:
    """The class code for a campaign of this pack (ClassCodeError if it cannot be encoded)."""
    manifest = rt.pack.manifest
    scenarios = [s.id for s in rt.pack.scenarios]
    difficulties = [d.id for d in rt.pack.difficulties]
    if scenario not in scenarios or difficulty not in difficulties:
        raise ClassCodeError(f"unknown scenario or difficulty: {scenario}, {difficulty}")
    if not 0 <= seed <= MAX_SEED:
        raise ClassCodeError(f"a class code's seed is a whole number from 0 to {MAX_SEED}")
    major, minor, patch = (int(x) for x in manifest.version.split("."))
    fingerprint = _mods_fingerprint(rt)
    if fingerprint is not None:
        major, minor, patch = fingerprint >> 14, (fingerprint >> 7) & 127, fingerprint & 127
    values = {"format": 0 if fingerprint is None else 1, "pack": _pack_tag(manifest.id),
              "major": major, "minor": minor, "patch": patch,
              "scenario": scenarios.index(scenario), "difficulty": difficulties.index(difficulty),
              "options": _TEACHING if teaching else 0, "seed": seed}
    number = 0
    for name, bits in _FIELDS:
        if values[name] >= 1 << bits:
            raise ClassCodeError(f"the pack's {name} ({values[name]}) is too large for a class code")
        number = (number << bits) | values[name]
    symbols = [(number >> (5 * (DATA_SYMBOLS - 1 - i))) & 31 for i in range(DATA_SYMBOLS)]
    symbols.append(check_symbol(symbols))
    return _group("".join(ALPHABET[v] for v in symbols))


def _symbols(code: str) -> list[int]:
    text = "".join(code.split()).replace("-", "").upper()
    if not text:
        raise ClassCodeError("the class code is empty")
    bad = sorted({ch for ch in text if ch not in _VALUE})
    if bad:
        raise ClassCodeError(f"'{bad[0]}' is not used in class codes (they hold digits and the letters "
                             "A-Z except I, L, O and U)")
    if len(text) != LENGTH:
        raise ClassCodeError(f"a class code has {LENGTH} letters and digits; this one has {len(text)}")
    values = [_VALUE[ch] for ch in text]
    if check_symbol(values[:-1]) != values[-1]:
        raise ClassCodeError("the class code is mistyped (its check character does not match)")
    return values[:-1]


def _fields(values: list[int]) -> dict[str, int]:
    number = 0
    for v in values:
        number = (number << 5) | v
    out: dict[str, int] = {}
    shift = 5 * DATA_SYMBOLS
    for name, bits in _FIELDS:
        shift -= bits
        out[name] = (number >> shift) & ((1 << bits) - 1)
    return out


def canonical_code(code: str) -> str:
    """A code in its canonical spelling (upper case, grouped, lookalikes read); as given if invalid."""
    try:
        values = _symbols(code)
    except ClassCodeError:
        return code.strip()
    return _group("".join(ALPHABET[v] for v in values) + ALPHABET[check_symbol(values)])


def decode_class_code(code: str, rt: Runtime | None = None) -> ClassSettings:
    """The campaign a code fixes in this pack (ClassCodeError if mistyped or made for another pack).

    The code holds indexes into the pack, so reading it needs the loaded pack's runtime.
    """
    values = _symbols(code)
    f = _fields(values)
    if f["format"] > 1 or f["options"] & ~_TEACHING:
        raise ClassCodeError("the class code was made by a newer version of the game")
    if rt is None:
        raise ClassCodeError("a class code is read against the loaded pack (decode_class_code(code, rt))")
    manifest = rt.pack.manifest
    if f["pack"] != _pack_tag(manifest.id):
        raise ClassCodeError(f"the class code is for another content pack, not '{manifest.id}'")
    version = f"{f['major']}.{f['minor']}.{f['patch']}"
    fingerprint = _mods_fingerprint(rt)
    if f["format"] == 1:
        if fingerprint != (f["major"] << 14) | (f["minor"] << 7) | f["patch"]:
            raise ClassCodeError("the class code was made with mods laid over the pack, and not with these: "
                                 "load the same mods (--mod DIR), in the same versions, as the teacher")
        version = manifest.version
    elif fingerprint is not None:
        raise ClassCodeError("the class code was made for the pack without mods: play without --mod")
    if version != manifest.version:
        raise ClassCodeError(f"the class code was made with the pack {manifest.id} {version}; this pack is "
                             f"{manifest.version}: use --content DIR of that version")
    scenarios, difficulties = rt.pack.scenarios, rt.pack.difficulties
    if f["scenario"] >= len(scenarios) or f["difficulty"] >= len(difficulties):
        raise ClassCodeError("the class code names a scenario or difficulty this pack does not have")
    return ClassSettings(manifest.id, version, scenarios[f["scenario"]].id,
                         difficulties[f["difficulty"]].id, str(f["seed"]),
                         bool(f["options"] & _TEACHING), canonical_code(code))


def refusal(rt: Runtime, code: str) -> ClassSettings | str:
    """The settings a code fixes, or the message `play` gives when it refuses the code."""
    try:
        return decode_class_code(code, rt)
    except ClassCodeError as exc:
        return f"class code {code.strip()!r} refused: {exc}"


def class_session(rt: Runtime, code: str, player: str | None = None) -> Session:
    """Start the campaign a class code fixes (ClassCodeError if the code cannot be used)."""
    from game.session import Session

    s = decode_class_code(code, rt)
    options: dict[str, object] = {"teaching": s.teaching, "class_code": s.code}
    if player:
        options["player"] = player
    return Session.new(rt, s.scenario, s.difficulty, s.seed, options)
