"""What a teacher should check before trusting a class's results: copies, clashes, stray saves.

A save's checksum proves only that the game wrote it: anyone can rewrite a name and recompute
it. So the class report does not trust names; it compares what cannot be faked without playing,
the decision logs, and says plainly where two students' files look like one campaign.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from game.reports.class_saves import Entry, Group

MIN_COPY_TURNS = 3  # identical logs shorter than this are too common to mean anything


@dataclass(frozen=True, slots=True)
class Warning:
    """One thing to check, with a short kind for tables and a sentence for people."""

    kind: str
    text: str
    copies: frozenset[Path] = frozenset()  # the files this warning flags as probable copies


def _log(entry: Entry) -> tuple[tuple[str, ...], ...]:
    assert entry.doc is not None
    return tuple((*(d.cards or ()), "|", *d.choices, "|", *d.policies) for d in entry.doc.decisions)


def _prefix(a: tuple[object, ...], b: tuple[object, ...]) -> bool:
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return long_[: len(short)] == short


def _names(entries: list[Entry]) -> str:
    return ", ".join(f"{e.player} ({e.name})" for e in sorted(entries, key=lambda e: e.player.lower()))


def shared_ids(campaigns: list[Entry]) -> list[Warning]:
    """One campaign id under several names: a copy renamed, or a save resumed by another student."""
    by_id: dict[str, list[Entry]] = defaultdict(list)
    for e in campaigns:
        assert e.doc is not None
        by_id[e.doc.meta.campaign_id].append(e)
    out = []
    for cid, same in sorted(by_id.items()):
        if len(same) < 2:
            continue
        logs = [_log(e) for e in same]
        copied = all(_prefix(logs[0], other) for other in logs[1:])
        how = ("their decision logs agree, so one is very likely a copy of the other"
               if copied else "their decision logs differ, so at least one was resumed by someone else")
        out.append(Warning("same campaign, several names",
                           f"Campaign {cid} is saved under {len(same)} names: {_names(same)}; {how}. "
                           "Each is listed separately; ask who played it.",
                           frozenset(e.path for e in same) if copied else frozenset()))
    return out


def identical_logs(campaigns: list[Entry]) -> list[Warning]:
    """Different campaigns whose decision logs are identical, month for month."""
    by_log: dict[tuple[tuple[str, ...], ...], list[Entry]] = defaultdict(list)
    for e in campaigns:
        log = _log(e)
        if len(log) >= MIN_COPY_TURNS:
            by_log[log].append(e)
    out = []
    for log, same in by_log.items():
        ids = {e.doc.meta.campaign_id for e in same if e.doc is not None}
        if len(ids) > 1:
            out.append(Warning("identical decisions",
                               f"{_names(same)} made exactly the same {len(log)} months of decisions. "
                               "With one class code that can happen by chance, but rarely over many months.",
                               frozenset(e.path for e in same)))
    return out


def several_campaigns(campaigns: list[Entry]) -> list[Warning]:
    """A player with more than one campaign in the class (each is counted)."""
    by_player: dict[str, list[Entry]] = defaultdict(list)
    for e in campaigns:
        assert e.doc is not None
        if e.doc.meta.player:
            by_player[e.doc.meta.player.strip().casefold()].append(e)
    return [Warning("several campaigns",
                    f"{same[0].player} has {len(same)} campaigns ({', '.join(e.name for e in same)}); "
                    "each is counted.")
            for _, same in sorted(by_player.items()) if len(same) > 1]


def pack_version(group: Group) -> str:
    """The pack and version a group's campaigns were made with ('id version')."""
    doc = group.campaigns[0].doc
    assert doc is not None
    return f"{doc.pack.id} {doc.pack.version}"


def other_version(groups: list[Group], pack: str) -> list[Warning]:
    """Groups made with another version of the pack (``pack``: the loaded one's 'id version')."""
    here = pack.rsplit(" ", 1)[-1]
    return [Warning("another pack version",
                    f"{len(g.campaigns)} campaign(s) "
                    + (f"of class code {g.class_code}" if g.class_code else "without a class code")
                    + f" were made with the pack {pack_version(g)}; this pack is {here}: verify them with "
                    "--content DIR of that version. They are reported under their own heading, after "
                    "the others, and left out of the other groups' figures.")
            for g in groups if pack_version(g) != pack]


def other_groups(groups: list[Group], pack: str) -> list[Warning]:
    """Saves of another class code, or without one, when there is a class's own group (those of
    another pack version are said by ``other_version`` instead)."""
    main = next((g for g in groups if g.main), None)
    if main is None:
        return []
    return [Warning("another class",
                    f"{len(g.campaigns)} campaign(s) belong to {_label(g)}, not to {_label(main)}: "
                    "they are reported separately after it and left out of its figures.")
            for g in groups if g is not main and pack_version(g) == pack]


def _label(group: Group) -> str:
    return group.label or (f"class code {group.class_code}" if group.class_code else group.key)


def warnings(groups: list[Group], pack: str) -> list[Warning]:
    """Everything to check first, over every group (``pack``: the loaded pack's 'id version')."""
    found = other_version(groups, pack) + other_groups(groups, pack)
    for group in groups:
        found += shared_ids(group.campaigns) + identical_logs(group.campaigns)
        found += several_campaigns(group.campaigns)
        found += [Warning("file preferred", note) for note in group.notes]
    return found
