"""The class report: every save verified by replay, each campaign counted once, grouped by class code."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from game.engine.runtime import Runtime
from game.reports import charts, class_integrity, class_tables
from game.reports import class_analysis as ca
from game.reports.class_saves import Entry, Group, examine, group_campaigns, group_key, grouping, save_paths
from game.reports.facts import ending_title, meter_scale, mods_text
from game.reports.render import render
from game.score_parts import adjustment_note


@dataclass(frozen=True, slots=True)
class ClassReport:
    """The rendered report and the counts behind it."""

    text: str
    files: int
    campaigns: int
    verified: int
    failed: int  # campaigns whose latest save failed verification
    bad_files: int  # files unreadable or failing verification, older saves included
    warnings: int = 0  # things to check first: copies, shared ids, saves of another class


def _names(rt: Runtime, entry: Entry) -> tuple[str, str, str]:
    """The scenario's title, the difficulty's name and the pack (with its mods) of a save."""
    assert entry.doc is not None
    doc, pack = entry.doc, rt.pack
    c = doc.campaign
    scenario = next((s.title for s in pack.scenarios if s.id == c.scenario), c.scenario)
    difficulty = next((d.name for d in pack.difficulties if d.id == c.difficulty), c.difficulty)
    mods = ", ".join(f"{m.id} {m.version}" for m in doc.pack.mods)
    pack_name = f"{doc.pack.id} {doc.pack.version}" + (f" with {mods}" if mods else "")
    return str(scenario), str(difficulty), pack_name


def _fixes(rt: Runtime, group: Group) -> dict[str, Any]:
    """What the group's campaigns share: scenario, difficulty and pack; the seed and teaching mode
    said as shared only when every campaign has them."""
    scenario, difficulty, pack = _names(rt, group.campaigns[0])
    docs = [e.doc for e in group.campaigns if e.doc is not None]
    seeds = sorted({d.campaign.seed for d in docs})
    teaching = sum(1 for d in docs if d.campaign.options.get("teaching"))
    return {"pack": pack, "scenario": scenario, "difficulty": difficulty,
            "seed": f"seed {seeds[0]}" if len(seeds) == 1 else f"{len(seeds)} different seeds",
            "teaching": "" if not teaching else "teaching mode" if teaching == len(docs)
            else f"teaching mode in {teaching} of {len(docs)}"}


def _here(rt: Runtime) -> str:
    """The loaded pack as 'id version'."""
    return f"{rt.pack.manifest.id} {rt.pack.manifest.version}"


def _label(rt: Runtime, group: Group) -> str:
    made = class_integrity.pack_version(group)
    if made != _here(rt):
        which = f"class code {group.class_code}" if group.class_code else "no class code"
        now = rt.pack.manifest.version
        return f"another pack version: {which} (made with the pack {made}; this pack is {now})"
    if group.class_code:
        return f"class code {group.class_code}"
    scenario, difficulty, pack = _names(rt, group.campaigns[0])
    return f"saves without a class code ({scenario}, {difficulty}, pack {pack})"


def _roster(rt: Runtime, group: Group) -> list[dict[str, Any]]:
    rows = []
    for e in group.campaigns:
        s = e.session
        status, ending, total = "verified", "", ""
        if s is None:
            status = "FAILED"
        elif s.finished:
            ending = ending_title(rt, s)
            total = str(sum(s.scores().values()))
        else:
            ending = f"in progress, turn {s.state.turn}"
        rows.append({"player": e.player, "file": e.name, "status": status, "ending": ending,
                     "total": total, "turns": len(e.doc.decisions) if e.doc else 0})
    return rows


def copies_note(entries: list[Entry], copies: frozenset[Path]) -> str:
    """'N of these are flagged as probable copies' for the campaigns behind a figure ('' if none)."""
    flagged = sum(1 for e in entries if e.path in copies)
    if not flagged:
        return ""
    return (f"{flagged} of the {len(entries)} campaigns counted here are flagged as probable copies "
            "(see Check these first); they count like the others.")


def analyse(rt: Runtime, group: Group, copies: frozenset[Path] = frozenset()) -> dict[str, Any]:
    """Everything the report says about one group, as plain data (``copies``: the files flagged
    as probable copies, which the figures count and say so)."""
    ok = [e for e in group.campaigns if e.ok]
    sessions = [e.session for e in ok if e.session is not None]
    finished = [s for s in sessions if s.finished]
    data: dict[str, Any] = {
        "key": group.key, "label": group.label, "code": group.class_code, "fixes": _fixes(rt, group),
        "files": group.files, "campaigns": len(group.campaigns), "verified": len(ok),
        "failed": [{"player": e.player, "file": e.name, "reason": e.problem}
                   for e in group.campaigns if not e.ok],
        "finished": len(finished), "roster": _roster(rt, group), "has_data": bool(sessions),
        "main": group.main, "other_version": class_integrity.pack_version(group) != _here(rt),
        "copies_verified": copies_note(ok, copies),
        "copies_finished": copies_note([e for e in ok if any(e.session is s for s in finished)], copies),
    }
    if not sessions:
        return data
    players = {id(e.session): e.player for e in ok}
    ending_rows = ca.endings(rt, finished)
    split_rows = class_tables.splits(rt, sessions, players)
    data.update(endings=ending_rows, splits=split_rows, split_needed=class_tables.split_needed(len(sessions)),
                spreads=ca.final_spreads(rt, sessions, finished), score_note=adjustment_note(rt),
                cross=class_tables.cross_table(rt, finished, split_rows),
                bands=class_tables.relation_bands(rt, sessions),
                paths=class_tables.repeated_paths(ca.paths(rt, sessions)),
                outliers=ca.outliers(rt, finished, players), discussion=ca.guide(rt, ending_rows, split_rows))
    return data


def _charts(rt: Runtime, data: dict[str, Any]) -> dict[str, str]:
    if not data["has_data"]:
        return {}
    spreads = data["spreads"]
    bands = data["bands"]
    out: dict[str, Any] = {
        "endings": charts.bar_chart("Endings reached",
                                    {r["title"]: r["count"] for r in data["endings"] if r["count"]})
        if data["finished"] else "",
        "meters": charts.box_chart("Final meters", {m["name"]: m["values"] for m in spreads["meters"]},
                                   meter_scale(rt)),
        "relations": [charts.band_chart(p["name"], bands["labels"], p["bands"]) for p in bands["partners"]]}
    if spreads["scores"]:
        out["scores"] = charts.box_chart("Final scores", {m["name"]: m["values"] for m in spreads["scores"]},
                                         charts.SCORES)
    return out


def class_report(rt: Runtime, inputs: Iterable[str | Path], fmt: str = "md",
                 class_code: str | None = None) -> ClassReport:
    """Read, verify, count and report every save named or found in the inputs (of one class, if given)."""
    paths, missing = save_paths(inputs)
    entries = [examine(p, rt, shown) for p, shown in paths.items()]
    groups, unreadable = group_campaigns(entries, class_code)
    groups.sort(key=lambda g: class_integrity.pack_version(g) != _here(rt))  # another pack version last
    for group in groups:
        group.label = _label(rt, group)
    manifest = rt.pack.manifest
    checks = class_integrity.warnings(groups, _here(rt))
    charts.reset_ids()
    sections = []
    copies = frozenset(p for w in checks for p in w.copies)
    for group in groups:
        data = analyse(rt, group, copies)
        data["charts"] = _charts(rt, data) if fmt == "html" else {}
        sections.append(data)
    kept = {id(e) for e in entries if e.doc is None} | {
        id(e) for e in entries if e.doc is not None and any(group_key(e)[0] == g.key for g in groups)}
    entries = [e for e in entries if id(e) in kept]
    failed = [e for e in entries if not e.ok]
    counted = {id(e) for g in groups for e in g.campaigns}
    older = [e for e in failed if e.doc is not None and id(e) not in counted]
    text = render("class_report", fmt, groups=sections, files=len(entries), missing=missing,
                  warnings=[{"kind": w.kind, "text": w.text} for w in checks], class_code=class_code,
                  grouping=grouping(groups), own=any(g.main for g in groups),
                  unreadable=[{"file": e.name, "reason": e.problem} for e in unreadable],
                  older=[{"file": e.name, "player": e.player, "reason": e.problem} for e in older],
                  failed_files=len(failed), pack=f"{manifest.title} ({manifest.id} {manifest.version}"
                  + (f" with {mods_text(rt)})" if mods_text(rt) else ")"))
    campaigns = sum(g["campaigns"] for g in sections)
    verified = sum(g["verified"] for g in sections)
    return ClassReport(text, len(entries), campaigns, verified, campaigns - verified, len(failed),
                       len(checks))
