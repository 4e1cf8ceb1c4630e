"""Class report tables built for discussion: who chose what, key choices by ending, relation bands."""

from __future__ import annotations

import math
import statistics
from collections import Counter
from collections.abc import Callable
from typing import Any

from game.describe import card_title
from game.engine.passing import PASSED
from game.engine.runtime import Runtime
from game.reports.facts import relation_ids, series_labels
from game.session import Session

SPLIT_SHARE = 0.25  # a card is shown in the splits when at least this share of the class met it
CROSS_CARDS = 4  # the most divisive cards cross-tabulated against the endings


def meetings(session: Session) -> list[tuple[int, str, str]]:
    """Every time the campaign met a card: (turn, card, answer), repeats included."""
    return [(r.turn, card, choice) for r in session.records
            for card, choice in zip(r.cards, r.decision.choices, strict=True)]


def splits(rt: Runtime, sessions: list[Session], players: dict[int, str]) -> list[dict[str, Any]]:
    """How the class answered each card enough of it met, counting every meeting, with names."""
    met = [meetings(s) for s in sessions]
    students = Counter(card for m in met for card in {c for _, c, _ in m})
    needed = split_needed(len(sessions))
    rows = []
    for card, nstudents in students.items():
        if nstudents < needed:
            continue
        picks: Counter[str] = Counter()
        names: dict[str, list[str]] = {}
        turns, votes, passed = [], False, 0
        for s, m in zip(sessions, met, strict=True):
            for turn, c, choice in m:
                if c == card:
                    votes = bool(s.votes.get(turn)) or votes
                    passed += choice == PASSED  # no choice was open: nothing to count, no name
                    if choice != PASSED:
                        _count(s, turn, card, choice, picks)
                        names.setdefault(choice, []).append(players.get(id(s), "?"))
                    turns.append(turn)
        seen = sum(picks.values()) or 1
        event = rt.pack.get("events", card)
        choices = [{"id": c.id, "label": c.label, "count": picks[c.id],
                    "share": round(100 * picks[c.id] / seen),
                    "names": sorted(set(names.get(c.id, [])), key=str.lower)} for c in event.choices]
        rows.append({"id": card, "title": card_title(event), "met": len(turns),
                     "answers": sum(picks.values()),
                     "votes": votes, "students": nstudents, "passed": passed,
                     "turn": statistics.median(turns), "choices": choices,
                     "division": round(1 - max(picks.values()) / seen, 2) if picks else 0.0})
    return sorted(rows, key=lambda r: (r["turn"], r["title"]))


def split_needed(campaigns: int) -> int:
    """How many of the class must have met a card for it to be shown in the splits."""
    return max(2 if campaigns > 1 else 1, math.ceil(SPLIT_SHARE * campaigns))


def _count(session: Session, turn: int, card: str, choice: str, picks: Counter[str]) -> bool:
    """Count one answered meeting: the class's tally in a projector session (True), else the one
    choice (a meeting where the card passed is not counted: its tally is empty, its answer none)."""
    tally = session.votes.get(turn)
    record = next((r for r in session.records if r.turn == turn), None)
    if tally and record is not None and card in record.cards:
        counts = tally[record.cards.index(card)]
        for c, n in zip(session.rt.events[card].choices, counts, strict=True):
            picks[c.id] += n
        return True
    picks[choice] += 1
    return False


def cross_table(rt: Runtime, finished: list[Session], split_rows: list[dict[str, Any]]) -> dict[str, Any]:
    """For the cards that divided the class most: each choice against the endings it led to."""
    reached = [e for e in rt.pack.endings if any(s.state.ending == e.id for s in finished)]
    cards = sorted(split_rows, key=lambda r: (-r["division"], r["turn"]))[:CROSS_CARDS]
    tables = []
    for row in cards:
        if row["division"] == 0:
            continue
        lines = []
        for choice in row["choices"]:
            takers = [s for s in finished if any(c == row["id"] and a == choice["id"]
                                                 for _, c, a in meetings(s))]
            if takers:
                counts = Counter(s.state.ending for s in takers)
                lines.append({"label": choice["label"], "counts": [counts.get(e.id, 0) for e in reached]})
        if len(lines) > 1:
            tables.append({"title": row["title"], "rows": lines})
    return {"endings": [e.title for e in reached], "tables": tables}


def relation_bands(rt: Runtime, sessions: list[Session]) -> dict[str, Any]:
    """Each partner's relation month by month as a band (lowest, quartiles, median, highest) of the
    campaigns still running that month.

    The labels are the longest campaign's (a finished one's if any is that long). A campaign that
    ended early counts up to its last month played, as its dashboard showed it; its final value
    counts only if it ran as long as the longest (the last column, 'end ...'). Each column says
    how many campaigns it counts.
    """
    longest = max(sessions, key=lambda s: (len(s.state.history or ()), s.finished))
    labels = series_labels(longest)
    last = len(labels) - 1
    points = sorted({0, len(labels) // 4, len(labels) // 2, 3 * len(labels) // 4, last})
    reach = [_reach(s, last) for s in sessions]
    partners = []
    for actor in relation_ids(rt):
        rows = [s.series(actor) for s in sessions]
        bands = [_band([r[i] for r, ok in zip(rows, reach, strict=True) if ok(i)])
                 for i in range(len(labels))]
        partners.append({"name": _name(rt, actor), "bands": bands,
                         "cells": [bands[i] for i in points]})
    columns = [{"label": labels[i], "count": sum(1 for ok in reach if ok(i))} for i in points]
    return {"labels": labels, "columns": columns, "campaigns": len(sessions), "partners": partners}


def _reach(session: Session, last: int) -> Callable[[int], bool]:
    """Whether a campaign has a value for point ``i`` of the class's months."""
    n = len(session.state.history or ())
    if not session.finished:
        return lambda i: i < n
    return lambda i: i < n - 1 or (i == n - 1 == last)


def _band(col: list[int]) -> dict[str, int] | None:
    if not col:
        return None
    col = sorted(col)
    q1, q3 = statistics.quantiles(col, n=4, method="inclusive")[::2] if len(col) > 1 else (col[0], col[0])
    return {"low": col[0], "q1": round(q1), "median": round(statistics.median(col)), "q3": round(q3),
            "high": col[-1]}


def repeated_paths(paths: dict[str, Any]) -> dict[str, Any]:
    """The paths table only where paths actually repeat (else an empty table, said as such)."""
    rows = [r for r in paths["rows"] if r["count"] > 1]
    return {**paths, "rows": rows}


def _name(rt: Runtime, actor: str) -> str:
    return str(next(a.name for a in rt.pack.items("actors") if a.id == actor))

