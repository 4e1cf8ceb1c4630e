"""Gathering a class's saves: read and verify each file, keep each campaign's best file, group by code.

A campaign is a campaign id *and* a player: a copy of one student's save renamed for another
student is a second campaign (flagged by ``class_integrity``), never a takeover of the first.
Of one campaign's files the report counts one that verifies, with the most decisions; the time
written in a save is editable and only breaks ties. ``grouping`` says how the groups were made.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from game.classcode import canonical_code
from game.engine.runtime import Runtime
from game.saves import SaveError, read_save, verify
from game.saves.document import SaveDoc
from game.session import Session


@dataclass(slots=True)
class Entry:
    """One save file and what verification made of it."""

    path: Path
    doc: SaveDoc | None = None
    session: Session | None = None
    problem: str | None = None  # why the file is not trusted
    shown: str = ""  # the path as the report shows it: relative to the folder given

    @property
    def name(self) -> str:
        """The file as the report names it (its path relative to the folder given)."""
        return self.shown or self.path.name

    @property
    def ok(self) -> bool:
        """Whether the file was read and verified by replay."""
        return self.problem is None and self.session is not None

    @property
    def player(self) -> str:
        """The player's name, or a stand-in from the file name."""
        return (self.doc.meta.player if self.doc else None) or f"({self.name})"


@dataclass(slots=True)
class Group:
    """The campaigns of one class code (or of one scenario and difficulty without a code)."""

    key: str
    class_code: str | None
    campaigns: list[Entry] = field(default_factory=list)  # the file counted for each campaign
    files: int = 0
    notes: list[str] = field(default_factory=list)  # which file was preferred, and why
    main: bool = False  # the class's own group (see ``group_campaigns``); at most one is
    label: str = ""  # how the report names the group (set where the pack's titles are known)


def save_paths(inputs: Iterable[str | Path]) -> tuple[dict[Path, str], list[str]]:
    """The save files named or found (recursively) in folders, each with the name a report shows;
    and the inputs that are neither files nor folders.

    A file found in a folder is shown by its path relative to that folder, after the folder's own
    name when several inputs are given (the whole folder as given if two share a name); a file
    named directly, as given.
    """
    items = [Path(i) for i in inputs]
    names = [p.name for p in items]
    found: dict[Path, str] = {}
    missing = []
    for path in items:
        if path.is_dir():
            head = "" if len(items) == 1 else f"{path.name if names.count(path.name) == 1 else path}/"
            for p in sorted(path.rglob("*.json")):
                rel = p.relative_to(path)
                if not any(part.startswith(".") for part in rel.parts):
                    found.setdefault(p.resolve(), head + rel.as_posix())
        elif path.is_file():
            found.setdefault(path.resolve(), str(path))
        else:
            missing.append(str(path))
    return found, missing


def examine(path: Path, rt: Runtime, shown: str = "") -> Entry:
    """Read and verify one file (``shown``: its name in reports)."""
    entry = Entry(path, shown=shown)
    try:
        loaded = read_save(path)
    except SaveError as exc:
        entry.problem = exc.reason
        return entry
    entry.doc = loaded.doc
    verdict = verify(loaded.doc, rt)
    if not verdict.ok:
        where = f"diverges at {verdict.message()}" if verdict.turn else str(verdict.reason)
        entry.problem = f"failed verification: {where}"
    elif loaded.checksum_ok is False:
        entry.problem = "edited outside the game: its checksum does not match its content"
    else:
        entry.session = verdict.session
    return entry


def _progress(entry: Entry) -> tuple[bool, int, str, str]:
    assert entry.doc is not None
    return entry.ok, len(entry.doc.decisions), entry.doc.meta.updated, entry.name


def campaign_key(entry: Entry) -> tuple[str, str]:
    """What makes a campaign: its id and its player's name (case aside)."""
    assert entry.doc is not None
    return entry.doc.meta.campaign_id, (entry.doc.meta.player or "").strip().casefold()


def _choose(files: list[Entry]) -> tuple[Entry, str | None]:
    """The file to count for one campaign, and a note when a file that verifies was preferred."""
    best = max(files, key=_progress)
    failed = [e for e in files if not e.ok]
    if not best.ok or not failed:
        return best, None
    others = ", ".join(sorted(e.name for e in failed))
    return best, (f"{best.player}: counted {best.name}, which verifies; "
                  f"{len(failed)} other file(s) of the same campaign do not ({others}).")


def group_key(entry: Entry) -> tuple[str, str | None]:
    """The group a campaign belongs to: its class code, or its pack, scenario and difficulty."""
    assert entry.doc is not None
    c = entry.doc.campaign
    code = canonical_code(c.class_code) if c.class_code else None
    pack = f"{entry.doc.pack.id} {entry.doc.pack.version}"
    return code or f"{pack}, {c.scenario}, {c.difficulty}, no class code", code


def group_campaigns(entries: list[Entry], class_code: str | None = None) -> tuple[list[Group], list[Entry]]:
    """Groups of campaigns (each counted once), the class's own first; and the unreadable files.

    Campaigns are grouped by class code; those without one, by pack, scenario and difficulty.
    The class's own group (``main``) is the one of ``class_code`` when given (the others are
    dropped), else the class code group with strictly the most campaigns. Saves without a class
    code are never taken for the class's own, and no group is when two class codes tie: the
    report then shows each group on its own, largest first, never picking one.
    """
    unreadable = [e for e in entries if e.doc is None]
    files: dict[tuple[str, str], list[Entry]] = {}
    for e in entries:
        if e.doc is not None:
            files.setdefault(campaign_key(e), []).append(e)
    groups: dict[str, Group] = {}
    for same in files.values():
        chosen, note = _choose(same)
        key, code = group_key(chosen)
        group = groups.setdefault(key, Group(key, code))
        group.campaigns.append(chosen)
        group.files += len(same)
        if note:
            group.notes.append(note)
    if class_code is not None:
        wanted = canonical_code(class_code)
        groups = {k: g for k, g in groups.items() if g.class_code == wanted}
    for group in groups.values():
        group.campaigns.sort(key=lambda e: (e.player.lower(), e.name))
    ordered = sorted(groups.values(), key=lambda g: (-len(g.campaigns), g.class_code is None, g.key))
    coded = [g for g in ordered if g.class_code is not None]
    if coded and (len(coded) == 1 or len(coded[0].campaigns) > len(coded[1].campaigns)):
        coded[0].main = True
        ordered.remove(coded[0])
        ordered.insert(0, coded[0])
    return ordered, unreadable


def _many(n: int, word: str) -> str:
    return f"{n} {word}" + ("" if n == 1 else "s")


def grouping(groups: list[Group]) -> str:
    """How the campaigns were grouped and which group, if any, is taken as the class's own."""
    if len(groups) < 2:
        return ""
    coded = [g for g in groups if g.class_code]
    loose = f"by scenario, difficulty and pack ({_many(len(groups) - len(coded), 'group')})"
    if not coded:
        said = f"No save has a class code: campaigns are grouped {loose}."
    elif len(coded) == len(groups):
        said = f"Campaigns are grouped by class code ({_many(len(coded), 'code')})."
    else:
        said = (f"Campaigns are grouped by class code ({_many(len(coded), 'code')}), "
                f"and those without one {loose}.")
    main = next((g for g in groups if g.main), None)
    if main is not None:
        return (f"{said} The class's own is {main.label}, the class code with the most campaigns; "
                "the other groups follow it and are left out of its figures.")
    if not coded:
        return f"{said} No group is taken as the class's own: each is reported on its own."
    tied = sum(1 for g in coded if len(g.campaigns) == len(coded[0].campaigns))
    return (f"{said} {tied} class codes tie for the most campaigns ({len(coded[0].campaigns)}), so none "
            "is taken as the class's own: each group is reported on its own "
            "(--class-code reports one class).")
