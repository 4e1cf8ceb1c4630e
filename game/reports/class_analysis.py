"""What a class's verified campaigns add up to: endings, splits, spreads, paths, outliers, questions."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence
from typing import Any

from game.describe import card_title
from game.engine.runtime import Runtime
from game.reports.facts import choice_label, ending_title, meter_ids, paragraphs
from game.session import Session

PATH_SHARE = 0.5  # a card is a step of the class's paths when at least this share met it
MIN_ENDING_OUTLIERS = 5  # an ending reached by one campaign alone is flagged from this many finished
MIN_SCORE_OUTLIERS = 6  # below this, no total can lie 2 (population) deviations out: (n-1)/sqrt(n) < 2


def first_answers(session: Session) -> dict[str, tuple[int, str]]:
    """Each card met, with the turn it was first met and the answer given then."""
    out: dict[str, tuple[int, str]] = {}
    for record in session.records:
        for card, choice in zip(record.cards, record.decision.choices, strict=True):
            out.setdefault(card, (record.turn, choice))
    return out


def spread(values: Sequence[float]) -> dict[str, float]:
    """Lowest, quartiles, median, highest and mean."""
    ordered = sorted(values)
    q1, q3 = ordered[0], ordered[-1]
    if len(ordered) >= 2:
        q1, _, q3 = statistics.quantiles(ordered, n=4, method="inclusive")
    return {"low": ordered[0], "q1": round(q1, 1), "median": statistics.median(ordered),
            "q3": round(q3, 1), "high": ordered[-1], "mean": round(statistics.fmean(ordered), 1)}


def endings(rt: Runtime, finished: list[Session]) -> list[dict[str, Any]]:
    """Every ending of the pack with how many campaigns reached it."""
    counts = Counter(s.state.ending for s in finished)
    total = len(finished) or 1
    return [{"id": e.id, "title": e.title, "count": counts.get(e.id, 0),
             "share": round(100 * counts.get(e.id, 0) / total)} for e in rt.pack.endings]


def final_spreads(rt: Runtime, sessions: list[Session], finished: list[Session]) -> dict[str, Any]:
    """The spread of final meters (all campaigns) and of scores (finished campaigns)."""
    hidden = {m.id for m in rt.pack.meters if m.hidden}
    meters = [_row(_qname(rt, q) + (" (hidden)" if q in hidden else ""), [s.value(q) for s in sessions])
              for q in meter_ids(rt)]
    scores = [_row(d.name, [s.scores()[d.id] for s in finished])
              for d in rt.pack.items("score_dimensions")] if finished else []
    return {"meters": meters, "scores": scores}


def _row(name: str, values: list[int]) -> dict[str, Any]:
    return {"name": name, "values": values, **spread(values)}


def _qname(rt: Runtime, qid: str) -> str:
    for section in ("meters", "actors"):
        for item in rt.pack.items(section):
            if item.id == qid:
                return str(item.name)
    return qid


def paths(rt: Runtime, sessions: list[Session], limit: int = 5) -> dict[str, Any]:
    """The most common lines through the cards most of the class met."""
    answers = [first_answers(s) for s in sessions]
    met = Counter(card for a in answers for card in a)
    steps = sorted((c for c, n in met.items() if n >= PATH_SHARE * len(sessions)),
                   key=lambda c: (statistics.median(a[c][0] for a in answers if c in a), c))
    lines: dict[tuple[str | None, ...], list[Session]] = {}
    for s, a in zip(sessions, answers, strict=True):
        lines.setdefault(tuple(a[c][1] if c in a else None for c in steps), []).append(s)
    ranked = sorted(lines.items(), key=lambda kv: (-len(kv[1]), str(kv[0])))
    rows = []
    for line, members in ranked[:limit]:
        titles = [f"{card_title(rt.pack.get('events', c))}: {choice_label(rt, c, pick)}"
                  for c, pick in zip(steps, line, strict=True) if pick is not None]
        reached = Counter(ending_title(rt, s) for s in members if s.finished)
        ranked_endings = sorted(reached.items(), key=lambda x: (-x[1], x[0]))
        rows.append({"count": len(members), "steps": titles,
                     "endings": ", ".join(f"{t} {n}" for t, n in ranked_endings)})
    return {"cards": len(steps), "distinct": len(lines), "rows": rows}


def outliers(rt: Runtime, finished: list[Session], players: dict[int, str]) -> dict[str, Any]:
    """Campaigns far from the class, and one sentence saying what was looked for and found.

    A total score two (population) standard deviations or more from the mean is looked for from
    ``MIN_SCORE_OUTLIERS`` finished campaigns (with fewer, no total can lie that far out); an
    ending no other campaign reached, from ``MIN_ENDING_OUTLIERS``.
    """
    n = len(finished)
    totals = [sum(s.scores().values()) for s in finished]
    mean = statistics.fmean(totals) if totals else 0.0
    sd = statistics.pstdev(totals) if totals else 0.0
    reached = Counter(s.state.ending for s in finished)
    rows = []
    for s, total in zip(finished, totals, strict=True):
        title = ending_title(rt, s)
        reasons = []
        if n >= MIN_SCORE_OUTLIERS and sd and abs(total - mean) >= 2 * sd:
            side = "above" if total > mean else "below"
            reasons.append(f"total score {total}, far {side} the class mean of {mean:.0f}")
        if n >= MIN_ENDING_OUTLIERS and reached[s.state.ending] == 1:
            reasons.append(f"the only campaign to end in {title}")
        if reasons:
            rows.append({"player": players[id(s)], "ending": title, "reason": "; ".join(reasons)})
    return {"rows": rows, "said": _outlier_sentence(n, mean, bool(rows))}


def _outlier_sentence(n: int, mean: float, found: bool) -> str:
    """What was looked for among ``n`` finished campaigns (and, if nothing was found, that none was)."""
    if n == 0:
        return "Not looked for: no campaign has finished."
    if n < MIN_ENDING_OUTLIERS:
        return (f"Not looked for: {n} finished campaign(s) are too few. An ending reached by one "
                f"campaign alone is flagged from {MIN_ENDING_OUTLIERS} finished campaigns, a total score "
                f"two standard deviations or more from the mean from {MIN_SCORE_OUTLIERS}.")
    score = f"a total score two standard deviations or more from the mean ({mean:.0f})"
    ending = "an ending no other finished campaign reached"
    looked = f"{score}, or {ending}" if n >= MIN_SCORE_OUTLIERS else ending
    later = "" if n >= MIN_SCORE_OUTLIERS else \
        (f" (a total score two standard deviations or more from the mean is looked for from "
         f"{MIN_SCORE_OUTLIERS} finished campaigns: with fewer, none can lie that far out)")
    if found:
        return f"Looked for among the {n} finished campaigns: {looked}{later}."
    return f"None of the {n} finished campaigns has {looked}{later}."


def guide(rt: Runtime, ending_rows: list[dict[str, Any]],
          split_rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Discussion questions: the endings reached first, then the cards that divided the class most."""
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    for row in sorted(ending_rows, key=lambda r: -r["count"]):
        if row["count"]:
            note = f"{row['count']} campaign(s) ended in {row['title']}"
            _questions(rt, rt.pack.get("endings", row["id"]), note, out, seen)
    for row in sorted(split_rows, key=lambda r: (-r["division"], r["turn"])):
        note = "the class split " + " / ".join(f"{c['count']} {c['label']}" for c in row["choices"])
        _questions(rt, rt.pack.get("events", row["id"]), note, out, seen)
    return out


def _questions(rt: Runtime, item: Any, note: str, out: list[dict[str, Any]], seen: set[str]) -> None:
    for q in item.discussion:
        if q.question not in seen:
            seen.add(q.question)
            out.append({"question": q.question, "about": item.title, "note": note,
                        "paragraphs": paragraphs(rt, list(q.cites))})
