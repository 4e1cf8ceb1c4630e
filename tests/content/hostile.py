"""Hostile and careless edits of the starter pack, each with where the validator must point."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

STARTER = Path(__file__).resolve().parents[1] / "fixtures" / "packs" / "starter"
WHEN = 'when: "damascus > -50"'  # a choice's condition in events.yaml, to replace


@dataclass(frozen=True)
class Case:
    """An edit of a pack copy, and the file (and line, when it is known) the error must name."""

    name: str
    edit: Callable[[Path], None]
    file: str
    line: int | None = None
    word: str = ""  # a word the message must hold


def _replace(name: str, old: str, new: str) -> Callable[[Path], None]:
    def edit(pack: Path) -> None:
        path = pack / name
        text = path.read_text(encoding="utf-8")
        assert old in text, old
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return edit


def _condition(expr: str) -> Callable[[Path], None]:
    return _replace("events.yaml", WHEN, f'when: "{expr}"')


def _when_line() -> int:
    lines = (STARTER / "events.yaml").read_text(encoding="utf-8").splitlines()
    return next(i for i, line in enumerate(lines, 1) if WHEN in line)


def _bytes_at_line(name: str, line: int, column: int, data: bytes) -> Callable[[Path], None]:
    def edit(pack: Path) -> None:
        path = pack / name
        rows = path.read_bytes().split(b"\n")
        rows[line - 1] = rows[line - 1][: column - 1] + data + rows[line - 1][column - 1:]
        path.write_bytes(b"\n".join(rows))
    return edit


def _append(name: str, text: str) -> Callable[[Path], None]:
    def edit(pack: Path) -> None:
        with (pack / name).open("a", encoding="utf-8") as out:
            out.write(text)
    return edit


def _fifo(pack: Path) -> None:
    os.mkfifo(pack / "zz.yaml")


def _dev_zero(pack: Path) -> None:
    (pack / "zz.yaml").symlink_to("/dev/zero")


def _manifest_fifo(pack: Path) -> None:
    (pack / "pack.yaml").unlink()
    os.mkfifo(pack / "pack.yaml")


def _insert_document(pack: Path) -> None:
    path = pack / "events.yaml"
    rows = path.read_text(encoding="utf-8").split("\n")
    rows.insert(29, "---")  # becomes line 30, before the second event
    path.write_text("\n".join(rows), encoding="utf-8")


def _deep_yaml(pack: Path) -> None:
    (pack / "zz.yaml").write_text("flags: " + "[" * 3000 + "]" * 3000 + "\n", encoding="utf-8")


def _nested_not(pack: Path) -> None:
    cond = "{flag: sochi_held}"
    for _ in range(300):
        cond = "{not: " + cond + "}"
    _replace("events.yaml", WHEN, f"when: {cond}")(pack)


def _huge_text(pack: Path) -> None:
    _replace("events.yaml", "text: Turkish forces cross into Afrin.", "text: " + "a" * 20_000_000)(pack)


def _many_lines(pack: Path) -> None:
    (pack / "zz.yaml").write_text("# padding\n" * 3_000_000, encoding="utf-8")


EV, WO = "events.yaml", "world.yaml"
L = _when_line()
CASES = [
    Case("parentheses-120", _condition("(" * 120 + "damascus > -50" + ")" * 120), EV, L, "deep"),
    Case("not-5000", _condition("not " * 5000 + "damascus > -50"), EV, L, "characters"),
    Case("terms-20000", _condition(" + ".join(["damascus"] * 20000) + " > 0"), EV, L, "characters"),
    Case("digits-5000-expr", _condition("damascus > " + "9" * 5000), EV, L, "digits"),
    Case("huge-expr-number", _condition("damascus > 99999999999999999999"), EV, L, "large"),
    Case("divide-by-zero", _condition("damascus / 0 > 1"), EV, L, "zero"),
    Case("divide-by-minus-zero", _condition("damascus / -(0) > 1"), EV, L, "zero"),
    Case("digits-5000-yaml", _replace(WO, "initial: 30}", "initial: " + "9" * 5000 + "}"),
         WO, 7, "digits"),
    Case("huge-yaml-int", _replace(WO, "initial: 30}", "initial: 100000000000000000000}"),
         WO, 7, "large"),
    Case("huge-yaml-float", _replace(WO, "initial: 30}", "initial: 1.0e999}"), WO, 7),
    Case("huge-effect", _replace(EV, "un_track: 10,", "un_track: 100000000000,"),
         EV, 17, "large"),
    Case("initial-above-range", _replace(WO, "initial: 30}", "initial: 130}"), WO, 7,
         "range"),
    Case("initial-below-range", _replace(WO, "initial: 30}", "initial: 30, min: 40}"), WO, 7,
         "range"),
    Case("string-20mb", _huge_text, EV, 33, "long"),
    Case("text-30000", _replace(EV, "text: Turkish forces cross into Afrin.", "text: " + "b" * 30_000),
         EV, 33, "characters"),
    Case("key-5000", _replace(EV, "    kind: historical\n    date: \"2018-01\"\n    cites: [astana.6",
                              "    " + "k" * 5000 + ": 1\n    kind: historical\n    date: \"2018-01\"\n"
                              "    cites: [astana.6"), EV, 30, "key"),
    Case("not-40", _condition("not " * 40 + "damascus > -50"), EV, L, "deep"),
    Case("terms-300", _condition(" + ".join(["damascus"] * 300) + " > 0"), EV, L, "deep"),
    Case("tokens-5000", _condition(" or ".join(["flag(a)"] * 300)), EV, L, "long"),
    Case("file-3m-lines", _many_lines, "zz.yaml", None, "bytes"),
    Case("non-utf8", _bytes_at_line(EV, 6, 11, b"\xff\xfe"), EV, 6, "UTF-8"),
    Case("nul", _bytes_at_line(EV, 7, 9, b"\x00"), EV, 7),
    Case("bell", _bytes_at_line(EV, 8, 5, b"\x07"), EV, 8),
    Case("second-document", _insert_document, EV, 30, "document"),
    Case("trailing-document", _append(EV, "---\nflags: []\n"), EV, None, "document"),
    Case("deep-yaml", _deep_yaml, "zz.yaml", 1, "depth"),
    Case("deep-yaml-60", _append(EV, "flags: " + "[" * 60 + "]" * 60 + "\n"), EV, None, "deep"),
    Case("nested-not-300", _nested_not, EV, None, "deep"),
    Case("fifo", _fifo, "zz.yaml", 1, "regular"),
    Case("manifest-fifo", _manifest_fifo, "pack.yaml", 1, "regular"),
    Case("dev-zero", _dev_zero, "zz.yaml", 1, "regular"),
]
CASE_LINES = {c.name: c.line for c in CASES}


def make(case: Case, tmp: Path) -> Path:
    """A copy of the starter pack with the case's edit; its folder."""
    pack = tmp / "pack"
    shutil.copytree(STARTER, pack)
    case.edit(pack)
    return pack
