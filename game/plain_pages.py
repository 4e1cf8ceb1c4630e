"""The plain mode's longer answers: the brief, the timeline, the policies, the advisors, name lookup.

Each returns lines (or a decision about a name), so the plain mode only prints them.
"""

from __future__ import annotations

from typing import Any

from game.chronicle import month_changes, policy_move, sentences
from game.describe import card_title, find_target, name_of
from game.engine.passing import PASSED_NOTE
from game.engine.state import month_label
from game.goals import POLICY_RULE
from game.preview import lens_for, level_preview
from game.session import Session
from game.visibility import concealed, visible


def brief_lines(session: Session, card: Any | None) -> list[str]:
    """The brief's paragraphs behind a card and its choices (or the ending's), with their summaries."""
    rt = session.rt
    source = rt.pack.manifest.source
    out = [f"Source: {source.citation}"]

    def paragraphs(ids: list[str]) -> None:
        for pid in dict.fromkeys(ids):
            para = source.paragraphs.get(pid)
            section = f" ({para.section})" if para is not None and para.section else ""
            summary = para.summary if para is not None else "(not in the pack's source)"
            out.append(f"  {pid}{section}: {' '.join(summary.split())}")
    if card is not None:
        out.append(f"Behind the card '{card_title(card)}':")
        paragraphs(list(card.cites))
        for choice in card.choices:
            if choice.cites:
                out.append(f" Choice '{choice.label}':")
                paragraphs(list(choice.cites))
    elif session.finished:
        ending = rt.pack.get("endings", str(session.state.ending))
        out.append(f"Behind the ending '{ending.title}':")
        paragraphs(list(ending.cites))
    else:
        out.append("No card is on the desk now.")
    return out


def timeline_lines(session: Session, query: str = "") -> list[str]:
    """Every month played, oldest first, as sentences (only lines with every word of the query)."""
    rt = session.rt
    words = query.lower().split()
    out: list[str] = []
    for rec in session.records:
        lines = []
        for card_id, choice_id in zip(rec.cards, rec.decision.choices, strict=True):
            card = rt.pack.get("events", card_id)
            choice = next((c for c in card.choices if c.id == choice_id), None)
            if choice is None:  # the card passed (game.engine.passing)
                lines.append(f"{card_title(card)}: {PASSED_NOTE}, with no effect.")
                continue
            outcome = " ".join(choice.outcome.split())
            lines.append(f"{card_title(card)}: you chose '{choice.label}'. {outcome}")
        dated = visible(session, month_changes(session, rec.turn))
        lines += [policy_move(rt, c) for c in dated if c.target.startswith("policy:")]
        lines += sentences(rt, dated)
        month = f"{month_label(rec.month)} (turn {rec.turn})"
        lines = [x for x in lines if all(w in f"{month} {x}".lower() for w in words)]
        if lines:
            out.append(f"{month}:")
            out += [f"  - {x}" for x in lines]
    return out or ["Nothing in the timeline matches." if words else "No month has been played yet."]


def policy_lines(session: Session, month: dict[str, str]) -> list[str]:
    """Each policy, its levels (the current one and, where it differs, this month's marked: a change
    asked or a chosen answer's), each level's description and monthly cost."""
    lens = lens_for(session)
    levels = session.policy_levels()
    out = ["Standing policies (change one with: set POLICY LEVEL):"]
    for policy in session.rt.pack.policies:
        step = f"; moves at most {policy.max_step} level a month" if policy.max_step else ""
        out.append(f"{policy.name} ({policy.id}{step}):")
        for level in policy.levels:
            marks = []
            if level.id == levels[policy.id]:
                marks.append("current")
            if month[policy.id] == level.id != levels[policy.id]:
                marks.append("chosen for this month")
            reason = session.level_reason(policy.id, level.id)
            if reason:
                marks.append(f"not now: {reason}")
            mark = f" [{'; '.join(marks)}]" if marks else ""
            out.append(f"  {level.id}: {level.name}{mark}. {' '.join(level.description.split())}")
            out.append(f"    each month: {level_preview(lens, policy.id, level.id)}")
    return out


def advisor_lines(session: Session, card: Any) -> list[str]:
    """What each advisor says about a card, and which choice they favour."""
    if not card.advice:
        return ["No advisor comments on this card."]
    out = ["Advisors:"]
    ids = [c.id for c in card.choices]
    for advisor_id, advice in card.advice.items():
        name = session.rt.pack.get("advisors", advisor_id).name
        says = advice if isinstance(advice, str) else advice.says
        favors = ""
        if not isinstance(advice, str) and advice.favors:
            favors = f" (favours {ids.index(advice.favors) + 1})"
        out.append(f"  {name}: {' '.join(says.split())}{favors}")
    return out


def match_name(session: Session, text: str, allowed: list[str]) -> tuple[str | None, list[str]]:
    """A quantity from an id, a name or any unambiguous prefix of either; else (None, the candidates)."""
    rt = session.rt
    wanted = " ".join(text.lower().replace("_", " ").split())
    if not wanted:
        return None, allowed
    keys = {q: (q.replace("_", " "), name_of(rt, q).lower()) for q in allowed}
    exact = [q for q, names in keys.items() if wanted in names]
    if len(exact) == 1:
        return exact[0], []
    starts = [q for q, names in keys.items() if any(n.startswith(wanted) for n in names)]
    if len(starts) == 1:
        return starts[0], []
    words = [q for q, names in keys.items()
             if any(w.startswith(wanted) for n in names for w in n.split())]
    if len(words) == 1:
        return words[0], []
    return None, starts or words or allowed


def names_line(session: Session, ids: list[str]) -> str:
    """'ceasefire (Ceasefire stability), turkey (Turkey), ...'."""
    return ", ".join(f"{q} ({name_of(session.rt, q)})" for q in ids)


def why_target(session: Session, text: str) -> tuple[str | None, str]:
    """The quantity ``why TEXT`` asks about (a concealed one too, by its exact id or name: the page
    then says it is hidden); else (None, what to say: the usage, or the names that match)."""
    secret = concealed(session)
    allowed = [q for q in session.rt.quantities if q not in secret]
    target, candidates = match_name(session, text, allowed)
    if target is not None:
        return target, ""
    hidden = find_target(session.rt, text) if text.strip() else None
    if hidden is not None and hidden in secret:
        return hidden, ""
    what = ("Usage: why NAME, one of" if not text.strip() else
            f"No meter or partner matches '{text.strip()}'; the names are"
            if candidates == allowed else f"'{text.strip()}' could be any of")
    return None, f"{what}: {names_line(session, candidates)}"


def help_text(answer: str) -> str:
    """The plain mode's commands; ``answer`` is the first line, how to answer the card on the desk
    (its real range: '1-3' on a three-choice card, the tally in a class vote)."""
    return "Commands (at any prompt):\n  " + answer + "\n" + COMMANDS


COMMANDS = """\
  status              the dashboard: meters, partners, policies, with thresholds
  goals               every ending with what it needs, now; and what is coming up
  advisors            what the advisors say about the card (--verbose prints them always)
  brief               the brief's paragraphs behind the card and its choices
  timeline [WORDS]    every month so far: cards, policy moves, changes (only lines with WORDS)
  why METER           every change of a meter or partner, with its cause; any unambiguous
                      beginning of a name will do (e.g. why cease, why un, why turkey)
  set POLICY LEVEL    change a standing policy this month (e.g. set posture drawdown)
  policies            each policy's levels, what each means and does every month
  save [NAME]         save the campaign (when saving is available)
  help                this text
  quit                leave the campaign (it is autosaved each turn when saving is available)
The month ends when the last card is answered; the policies then apply.
""" + POLICY_RULE
