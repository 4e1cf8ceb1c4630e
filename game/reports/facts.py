"""Pack-aware words for reports: paragraphs, choices, advisors, series and month labels."""

from __future__ import annotations

from typing import Any

from game.engine.runtime import Runtime
from game.engine.state import MONTH_NAMES, month_label
from game.session import Session


def paragraphs(rt: Runtime, ids: list[str]) -> list[dict[str, str]]:
    """Paragraph ids with their section and summary, in the order given, without repeats."""
    source = rt.pack.manifest.source.paragraphs
    out = []
    for pid in dict.fromkeys(ids):
        par = source.get(pid)
        out.append({"id": pid, "summary": par.summary if par else "(not in the brief)",
                    "section": (par.section or "") if par else ""})
    return out


def choice_label(rt: Runtime, event: str, choice: str) -> str:
    """A choice's label on its card."""
    ev = rt.pack.get("events", event)
    return next((str(c.label) for c in ev.choices if c.id == choice), choice)


def level_name(rt: Runtime, policy: str, level: str) -> str:
    """A policy level's display name."""
    model = rt.pack.get("policies", policy)
    return next((str(lv.name) for lv in model.levels if lv.id == level), level)


def advice(rt: Runtime, card: Any) -> list[dict[str, str]]:
    """The advisors' positions on a card, with the choice each favours."""
    out = []
    for advisor_id, said in card.advice.items():
        favours = ""
        if not isinstance(said, str) and said.favors:
            favours = choice_label(rt, card.id, said.favors)
        out.append({"advisor": str(rt.pack.get("advisors", advisor_id).name),
                    "says": said if isinstance(said, str) else str(said.says), "favours": favours})
    return out


def ending_title(rt: Runtime, session: Session) -> str:
    """The title of the ending a campaign reached ('' if it has not ended)."""
    ending = session.state.ending
    return str(rt.pack.get("endings", ending).title) if ending else ""


def short_month(index: int) -> str:
    """'Mar 2018'."""
    return f"{MONTH_NAMES[index % 12][:3]} {index // 12}"


def start_month(session: Session) -> int:
    """The month of the campaign's first turn."""
    return session.state.month - (session.state.turn - 1)


def series_labels(session: Session) -> list[str]:
    """Labels for the points of ``session.series``.

    Point *k* is the dashboard of the month of turn *k + 1*; the last point of a finished
    campaign is after its last month, labelled 'end' and that month (never the month after);
    the last point of a campaign in progress is the dashboard of the month now on the desk.
    """
    first = start_month(session)
    points = len(session.state.history or ())
    labels = [short_month(first + i) for i in range(points)]
    if session.finished and points > 1:
        labels[-1] = f"end {short_month(first + points - 2)}"
    return labels


def quantity_rows(session: Session, ids: list[str]) -> list[dict[str, Any]]:
    """Start, end, lowest and highest of each quantity."""
    rows = []
    for qid in ids:
        series = session.series(qid) or [session.value(qid)]
        rows.append({"id": qid, "name": _name(session.rt, qid), "start": series[0],
                     "end": session.value(qid), "low": min(series), "high": max(series),
                     "change": session.value(qid) - series[0]})
    return rows


def _name(rt: Runtime, qid: str) -> str:
    for section in ("meters", "actors"):
        for item in rt.pack.items(section):
            if item.id == qid:
                return str(item.name)
    return qid


def meter_ids(rt: Runtime, hidden: bool | None = None) -> list[str]:
    """The pack's meters (only the hidden or visible ones when asked)."""
    return [m.id for m in rt.pack.meters if hidden is None or m.hidden == hidden]


def meter_scale(rt: Runtime) -> tuple[int, int]:
    """The lowest and highest value any of the pack's meters can take."""
    return min(m.min for m in rt.pack.meters), max(m.max for m in rt.pack.meters)


def relation_ids(rt: Runtime) -> list[str]:
    """The actors whose relation with Moscow is tracked."""
    return [a.id for a in rt.pack.actors if a.relation]


def _period(session: Session) -> tuple[str, str]:
    """The months played ('December 2017 to May 2018') and, for a campaign not finished, where it stopped."""
    first, records = start_month(session), session.records
    if not records:
        return (f"{month_label(first)}, not yet played",
                f"The campaign stopped before its first month, {month_label(first)}, was decided.")
    period = f"{month_label(first)} to {month_label(records[-1].month)}"
    return period, (f"The campaign stopped after {month_label(records[-1].month)} was decided, with "
                    f"{session.date} on the desk, before an ending.")


def mods_text(rt: Runtime) -> str:
    """The mods laid over the pack, 'id version' in load order ('' if none)."""
    return ", ".join(f"{m.manifest.id} {m.manifest.version}" for m in getattr(rt.pack, "mods", []))


def campaign_header(session: Session) -> dict[str, Any]:
    """Who played what: pack, scenario, difficulty, seed, player, class code, period."""
    rt = session.rt
    manifest = rt.pack.manifest
    period, stopped = _period(session)
    return {"pack": manifest.title, "pack_id": manifest.id, "version": manifest.version,
            "scenario": rt.pack.get("scenarios", session.scenario).title,
            "difficulty": rt.pack.get("difficulties", session.difficulty).name,
            "seed": session.seed, "player": session.options.get("player") or "",
            "campaign_id": session.options.get("campaign_id") or "",
            "class_code": session.options.get("class_code") or "",
            "teaching": bool(session.options.get("teaching")),
            "turns": len(session.records), "of": session.turns,
            "period": period, "now": session.date, "stopped": stopped, "mods": mods_text(rt),
            "citation": manifest.source.citation}
