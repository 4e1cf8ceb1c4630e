"""What each ending needs, why a choice is locked, what is coming: rendered from the engine's explanations.

Shared by every front end (the Textual game, the plain mode, the reports):
each reads the same ``game.engine.explain`` clauses and prints these lines.
"""

from __future__ import annotations

from dataclasses import dataclass

from game.describe import card_title, full_stop
from game.engine.explain import Clause, explain_key, failing, month_name
from game.engine.turn import final_ending
from game.engine.uses import threshold_lines
from game.session import Session
from game.visibility import shows_hidden

POLICY_RULE = ("Policy levels set this month take effect when the month is resolved: "
               "a choice that needs a level opens on next month's cards.")


def mark(c: Clause) -> str:
    """✓ or ✗, or ? for a clause on a hidden quantity."""
    return "?" if c.hidden else ("✓" if c.holds else "✗")


def clause_text(c: Clause, *, gap: bool = False) -> str:
    """One clause as text: its words, its current value and (optionally) how far off it is."""
    text = c.text
    if c.now:
        text += f" ({c.now})"
    if gap and not c.holds and not c.hidden and c.kind == "compare":
        text += f", {_fmt(c.gap)} short"
    return text


def _fmt(x: float) -> str:
    return str(int(x)) if float(x).is_integer() else f"{x:.1f}"


def clause_lines(c: Clause, indent: str = "  ", top: bool = True) -> list[str]:
    """A clause tree as indented lines, one clause a line (a top-level 'all of' is flattened)."""
    if c.kind == "all" and top:
        return [line for k in c.children for line in clause_lines(k, indent, False)]
    if c.kind in ("all", "any"):
        out = [f"{indent}{mark(c)} {'all' if c.kind == 'all' else 'one'} of:"]
        for i, k in enumerate(c.children):
            sub = clause_lines(k, indent + "    ", False)
            if sub and c.kind == "any" and i == c.closest and not c.holds and not k.hidden:
                sub[0] += "  <- closest"
            out.extend(sub)
        return out
    return [f"{indent}{mark(c)} {clause_text(c)}"]


@dataclass(frozen=True, slots=True)
class Goal:
    """An ending and its condition explained against the campaign's state."""

    id: str
    title: str
    priority: int
    when: str  # "checked every month", "checked when the clock runs out", "if nothing else"
    clause: Clause | None
    outcome: str | None = None  # "success", "fallback" or "failure", as the pack's source judges it
    summary: str = ""


VERDICTS = {"success": "Success in the brief's reading: its preferred exit.",
            "fallback": "A fallback in the brief's reading: an exit short of the preferred one.",
            "failure": "A failure in the brief's reading."}


def goals(session: Session) -> list[Goal]:
    """Every ending in the order the rules check them, explained now."""
    rt, state = session.rt, session.state
    show = shows_hidden(session)
    out = []
    for en in rt.endings:
        model = rt.pack.get("endings", en.id)
        when = ("if nothing else holds when the clock runs out" if en.fallback
                else "checked when the clock runs out" if en.at_end else "checked every month")
        out.append(Goal(en.id, model.title, en.priority, when,
                        explain_key(rt, f"ending:{en.id}", state, show), model.outcome,
                        " ".join(model.summary.split())))
    return out


def clock_ending(session: Session) -> str:
    """The title of the ending the rules would give if the clock ran out now."""
    rt = session.rt
    return str(rt.pack.get("endings", final_ending(rt, session.state)).title)


def goals_lines(session: Session) -> list[str]:
    """The goals view as lines: each ending with its clauses, then the clock-ran-out line."""
    lines = [f"If the clock ran out now: {clock_ending(session)}",
             f"Month {session.state.turn} of {session.rt.lengths[session.scenario]}; "
             "endings are checked in this order.", ""]
    seen: dict[tuple[str, ...], str] = {}
    for n, g in enumerate(goals(session), 1):
        holds = g.clause is None or g.clause.holds
        head = "✓" if holds and g.clause is not None else " " if g.clause is None else "✗"
        lines.append(f"{n}. {head} {g.title} ({g.when})")
        lines.append(f"    {VERDICTS[g.outcome] + ' ' if g.outcome else ''}{g.summary}")
        if g.clause is None:
            lines.append("    no condition")
        else:
            clauses = clause_lines(g.clause, "    ")
            lines.extend(clauses)
            lines.extend(_twin(seen, clauses, g.title))
        lines.append("")
    return lines[:-1]


def _twin(seen: dict[tuple[str, ...], str], clauses: list[str], title: str) -> list[str]:
    """A line for an ending whose visible conditions read exactly as an earlier one's: only hidden
    quantities tell them apart, so the player is told so and pointed to the two summaries."""
    visible = tuple(line for line in clauses if not line.lstrip().startswith("?"))
    if len(visible) == len(clauses):
        return []
    twin = seen.setdefault(visible, title)
    if twin == title:
        return []
    return [f"    Its visible conditions are those of '{twin}': only the hidden quantities above decide "
            f"between the two (their summaries say what each means)."]


def lock_lines(session: Session, event: str, choice: str) -> list[str]:
    """Why a choice is closed now: its unmet clauses with current values (empty if open)."""
    clause = explain_key(session.rt, f"choice:{event}.{choice}", session.state, shows_hidden(session))
    if clause is None or clause.holds:
        return []
    unmet = _unmet(clause)
    out = [f"needs {inline(c)}" for c in unmet]
    if any(c.kind == "policy" for u in unmet for c in leaves_of(u)):
        out.append(POLICY_RULE)
    return out


def _unmet(c: Clause) -> list[Clause]:
    """The parts of an 'all of' that do not hold (an 'one of' is kept whole)."""
    if c.kind == "all":
        return [x for k in c.children if not k.holds for x in _unmet(k)]
    return [c]


def leaves_of(c: Clause) -> list[Clause]:
    """Every leaf under a clause."""
    return [x for k in c.children for x in leaves_of(k)] if c.children else [c]


def coming_up(session: Session) -> list[str]:
    """Scheduled follow-up cards with their month and what their choices will require."""
    rt, state = session.rt, session.state
    show = shows_hidden(session)
    last = rt.lengths[session.scenario]
    out = []
    for item in sorted(state.scheduled, key=lambda i: i.due):
        if item.event is None:
            continue
        ev = rt.pack.get("events", item.event)
        month = month_name(state.month + item.due - state.turn)
        after = " (after the campaign's last month)" if item.due > last else ""
        out.append(f"{month}: {card_title(ev)}{after}")
        for ch in ev.choices:
            clause = explain_key(rt, f"choice:{ev.id}.{ch.id}", state, show)
            if clause is not None:
                out.append(f"    '{ch.label}' will need {inline(clause)}")
    return out


def inline(c: Clause) -> str:
    """A clause tree on one line: each leaf marked ✓/✗ with its value, 'and' / 'one of ... or'."""
    if c.kind == "all":
        return "; ".join(inline(k) for k in c.children)
    if c.kind == "any":
        return "one of: " + " or ".join(inline(k) for k in c.children)
    return f"{mark(c)} {clause_text(c)}"


def ending_reasons(session: Session) -> list[str]:
    """Why this ending was reached, and for the best ending not reached, what failed and by how much."""
    state = session.state
    if state.ending is None:
        return []
    all_goals = goals(session)
    reached = next(g for g in all_goals if g.id == state.ending)
    out = [f"Why '{reached.title}':"]
    if reached.clause is None:
        out.append("  it is the ending when the clock runs out and no other ending holds.")
    else:
        out.extend(clause_lines(reached.clause, "  "))
    best = _best_missed(session, all_goals)
    if best is not None and best.clause is not None:
        missed = failing(best.clause)
        out.append("")
        out.append(f"You met every condition of '{best.title}' except:")
        out.extend(f"  ✗ {clause_text(c, gap=True)}" for c in missed)
    return out


def best_missed(session: Session) -> tuple[str, str] | None:
    """The id and title of the best ending not reached, as the end screen names it."""
    goal = _best_missed(session, goals(session)) if session.state.ending else None
    return None if goal is None else (goal.id, goal.title)


def _best_missed(session: Session, all_goals: list[Goal]) -> Goal | None:
    """The ending whose scores are best among those not reached (ties: the nearest)."""
    rt = session.rt
    candidates = [g for g in all_goals
                  if g.id != session.state.ending and g.clause is not None and not g.clause.holds]
    if not candidates:
        return None

    def worth(g: Goal) -> tuple[int, float]:
        scores = rt.pack.get("endings", g.id).scores
        return (sum(scores.values()), -len(failing(g.clause)) if g.clause else 0)

    best = max(candidates, key=worth)
    reached_scores = sum(rt.pack.get("endings", str(session.state.ending)).scores.values())
    return best if worth(best)[0] > reached_scores else None


def thresholds(session: Session, qid: str) -> list[str]:
    """The thresholds the pack's conditions test on a quantity, and what each gates."""
    if qid not in shows_hidden_ok(session):
        return []
    return threshold_lines(session.rt, qid, session.state)


def shows_hidden_ok(session: Session) -> set[str]:
    """The quantities whose thresholds may be shown now."""
    rt = session.rt
    show = shows_hidden(session)
    hidden = {m.id for m in rt.pack.meters if m.hidden}
    return {q for q in rt.quantities if show or q not in hidden}


def good_direction(session: Session, qid: str) -> str:
    """'higher is better', 'lower is better' or '' for a quantity."""
    for m in session.rt.pack.meters:
        if m.id == qid:
            return {"high": "higher is better", "low": "lower is better"}.get(m.good, "neither way is better")
    return "higher is better"


def locked_reason(session: Session, event: str, choice: str) -> str:
    """A closed choice's reason: the pack's words, then the clauses that lock it with their values."""
    model = next(ch for ch in session.rt.pack.get("events", event).choices if ch.id == choice)
    words = str(model.unavailable or "not available now").rstrip(".")
    lines = lock_lines(session, event, choice)
    return words + "." if not lines else f"{words}: " + " ".join(full_stop(line) for line in lines)
