"""The after-action report of one campaign: its path, key decisions, ending and questions."""

from __future__ import annotations

import re
from dataclasses import asdict
from typing import Any

from game.chronicle import month_changes, policy_move, sentences
from game.describe import card_title
from game.engine.passing import PASSED_NOTE
from game.engine.state import month_label
from game.goals import best_missed, ending_reasons
from game.history import campaign_notes, played_text
from game.reports import charts
from game.reports.consequence import RULE, Branch, explore, most_consequential, reaching
from game.reports.facts import (
    advice,
    campaign_header,
    choice_label,
    level_name,
    meter_ids,
    meter_scale,
    paragraphs,
    quantity_rows,
    relation_ids,
    series_labels,
)
from game.reports.render import render
from game.score_parts import change_parts, score_parts
from game.session import Session, TurnRecord
from game.visibility import shows_hidden, visible
from game.vote import voted

HIDDEN_UNTIL = re.compile(r"\s*Hidden until the debrief\.")


def _card(session: Session, index: int, event: str, choice: str,
          votes: tuple[int, ...] | None = None) -> dict[str, Any]:
    rt = session.rt
    card = rt.pack.get("events", event)
    picked = next((c for c in card.choices if c.id == choice), None)  # None: the card passed
    vote = voted(votes, [c.label for c in card.choices]) if votes else None
    text = played_text(session, index, card)
    return {"title": card_title(card), "text": " ".join(text.split()),
            "chosen": picked.label if picked else None, "vote": vote,
            "passed": None if picked else f"{PASSED_NOTE[0].upper()}{PASSED_NOTE[1:]}, with no effect",
            "outcome": picked.outcome if picked else "", "advice": advice(rt, card),
            "others": [c.label for c in card.choices if c.id != choice],
            "paragraphs": paragraphs(rt, list(card.cites) + (list(picked.cites) if picked else []))}


def _turn(session: Session, index: int, record: TurnRecord) -> dict[str, Any]:
    rt = session.rt
    dated = visible(session, month_changes(session, record.turn))  # dated as the timeline and why view
    policies = [policy_move(rt, c) for c in dated if c.target.startswith("policy:")]
    tallies = session.votes.get(record.turn) or (None,) * len(record.cards)
    cards = [_card(session, index, e, c, v)
             for e, c, v in zip(record.cards, record.decision.choices, tallies, strict=True)]
    changes = sentences(rt, dated)
    return {"turn": record.turn, "date": month_label(record.month), "cards": cards,
            "policies": policies, "changes": changes}


def _close(session: Session, explored: list[Branch]) -> str | None:
    """How close the campaign came to the best ending it missed: one change found by replay."""
    missed = best_missed(session)
    if missed is None:
        return None
    found = reaching(explored, missed[0])
    if found is None:
        return (f"None of the single changes replayed by the rules (another answer to one card, or one "
                f"policy change not made) reaches '{missed[1]}'.")
    rt = session.rt
    if found.kind == "choice":
        subject = card_title(rt.pack.get("events", found.subject))
        other, taken = (choice_label(rt, found.subject, x) for x in (found.alternative, found.taken))
        change = f"answering '{subject}' with '{other}' instead of '{taken}'"
    else:
        subject = rt.pack.get("policies", found.subject).name
        other, taken = (level_name(rt, found.subject, x) for x in (found.alternative, found.taken))
        change = f"keeping {subject.lower()} at '{other}' instead of moving it to '{taken}'"
    by_rule = f" ({found.by_rule} card(s) of that branch answered by the rule)" if found.by_rule else ""
    return (f"One change found by replaying the campaign reaches '{missed[1]}': {change} "
            f"in {month_label(found.month)} (turn {found.turn}){by_rule}.")


def _branch(session: Session, branch: Branch) -> dict[str, Any]:
    rt = session.rt
    if branch.kind == "choice":
        subject = card_title(rt.pack.get("events", branch.subject))
        taken, other = (choice_label(rt, branch.subject, x) for x in (branch.taken, branch.alternative))
    else:
        subject = rt.pack.get("policies", branch.subject).name
        taken, other = (level_name(rt, branch.subject, x) for x in (branch.taken, branch.alternative))
    scores = [{"name": was.name, "was": was.total, "would": would.total, "delta": would.total - was.total,
               "effect": would.formula - was.formula, "adjustment": would.adjustment - was.adjustment,
               "parts": change_parts(was, would)}
              for was, would in zip(score_parts(rt, session.state), branch.parts, strict=True)]
    if branch.kind == "policy":
        span = f"turn {branch.turn}" if branch.held_to == branch.turn else \
            f"turns {branch.turn}-{branch.held_to}"
        had = f"Had you kept *{other}* while you held *{taken}* ({span})"
    else:
        had = f"With *{other}*"
    return {"turn": branch.turn, "date": month_label(branch.month), "kind": branch.kind,
            "subject": subject, "taken": taken, "alternative": other, "had": had,
            "had_lower": had[:1].lower() + had[1:], "by_rule": branch.by_rule,
            "ending": rt.pack.get("endings", branch.ending).title,
            "same_ending": branch.ending == session.state.ending, "scores": scores, "effect": branch.effect}


def _ending(session: Session) -> dict[str, Any] | None:
    rt = session.rt
    if session.state.ending is None:
        return None
    ending = rt.pack.get("endings", session.state.ending)
    return {"title": ending.title, "summary": ending.summary,
            "epilogue": [" ".join(p.split()) for p in ending.epilogue.split("\n\n") if p.strip()],
            "paragraphs": paragraphs(rt, list(ending.cites)),
            "why": ending_reasons(session),
            "scores": [{"name": p.name, "value": p.total, "split": p.split(), "description": p.description}
                       for p in score_parts(rt, session.state)]}


def _described(session: Session, description: str) -> str:
    """A hidden quantity's description, without 'Hidden until the debrief.' in teaching mode, where
    the dashboard showed it all game."""
    if session.options.get("teaching"):
        return " ".join(HIDDEN_UNTIL.sub("", description).split())
    return description


def discussion(session: Session) -> list[dict[str, Any]]:
    """The content's discussion questions for the cards met and the ending reached."""
    rt = session.rt
    sources: list[Any] = []
    for record in session.records:
        sources += [rt.pack.get("events", e) for e in record.cards]
    if session.state.ending is not None:
        sources.append(rt.pack.get("endings", session.state.ending))
    out, seen = [], set()
    for item in sources:
        for q in item.discussion:
            if q.question not in seen:
                seen.add(q.question)
                out.append({"question": q.question, "about": card_title(item),
                            "paragraphs": paragraphs(rt, list(q.cites))})
    return out


def debrief_data(session: Session) -> dict[str, Any]:
    """Everything the debrief shows, as plain data."""
    rt = session.rt
    # an unfinished campaign outside teaching mode keeps its hidden quantities hidden
    hidden = {m.id: m for m in rt.pack.meters if m.hidden} if shows_hidden(session) else {}
    explored = explore(session)
    key = most_consequential(session, explored=explored)
    return {
        "campaign": campaign_header(session),
        "ending": _ending(session),
        "key": [_branch(session, b) for b in key], "rule": RULE, "close": _close(session, explored),
        "turns": [_turn(session, i, r) for i, r in enumerate(session.records)],
        "history": [asdict(n) | {"same": n.same} for n in campaign_notes(session)
                    if n.basis or n.happened or n.actual],
        "meters": quantity_rows(session, meter_ids(rt, hidden=False)),
        "relations": quantity_rows(session, relation_ids(rt)),
        "hidden": [dict(row, description=_described(session, hidden[row["id"]].description))
                   for row in quantity_rows(session, list(hidden))],
        "discussion": discussion(session),
        "summary_questions": summary_questions(session, explored),
    }


def summary_questions(session: Session, explored: list[Branch], limit: int = 3) -> list[dict[str, Any]]:
    """Three questions for the summary: the ending's first, then those of the decisions that
    mattered most, then the rest in the order the cards came."""
    rt = session.rt
    questions = discussion(session)
    ending = rt.pack.get("endings", session.state.ending) if session.state.ending else None
    first = {q.question for q in ending.discussion} if ending else set()
    key_cards = {b.subject for b in most_consequential(session, explored=explored) if b.kind == "choice"}
    key_titles = {card_title(rt.pack.get("events", c)) for c in key_cards}
    ranked = sorted(questions, key=lambda q: (q["question"] not in first, q["about"] not in key_titles))
    return ranked[:limit]


def _charts(session: Session, data: dict[str, Any]) -> dict[str, str]:
    charts.reset_ids()
    labels = series_labels(session)
    meters = {r["name"]: session.series(r["id"]) for r in data["meters"] + data["hidden"]}
    relations = {r["name"]: session.series(r["id"]) for r in data["relations"]}
    out = {"meters": charts.line_chart("Meters over time", labels, meters, meter_scale(session.rt)),
           "relations": charts.line_chart("Relations over time", labels, relations, charts.RELATIONS)}
    if data["ending"]:
        final = {s["name"]: s["value"] for s in data["ending"]["scores"]}
        out["scores"] = charts.bar_chart("Final scores", final, charts.SCORES)
    return out


def render_debrief(session: Session, fmt: str = "md") -> str:
    """The after-action report as Markdown ("md") or self-contained HTML ("html")."""
    data = debrief_data(session)
    chart_svgs = _charts(session, data) if fmt == "html" else {}
    return render("debrief", fmt, charts=chart_svgs, **data)
