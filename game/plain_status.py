"""The plain mode's status: each quantity with its value, which way is good and the thresholds that matter."""

from __future__ import annotations

from game.describe import signed
from game.goals import good_direction, thresholds
from game.session import Session
from game.visibility import concealed


def _quantity(session: Session, qid: str, name: str, value: str, note: str) -> list[str]:
    direction = good_direction(session, qid)
    lines = [f"  {name:28} {value:>4}  {note}{'; ' if note and direction else ''}{direction}"]
    marks = thresholds(session, qid)
    endings = [m for m in marks if ": the ending " in m]
    for line in endings:
        lines.append(f"      {line}")
    if len(marks) > len(endings):
        n = len(marks) - len(endings)
        lines.append(f"      and {n} more threshold{'s' if n > 1 else ''} on cards and policies (why {qid})")
    return lines


def status_lines(session: Session) -> list[str]:
    """Meters, then partners and forces; a hidden meter is listed only when it may be shown."""
    rt = session.rt
    secret = concealed(session)
    lines = ["Meters:", "  (under each quantity: the thresholds the rules test, and what they gate)"]
    for meter in rt.pack.meters:
        if meter.id in secret:
            continue
        note = "(hidden)" if meter.hidden else ""
        lines.extend(_quantity(session, meter.id, meter.name, str(session.value(meter.id)), note))
    lines.append("Partners and forces:")
    for actor in rt.pack.actors:
        if actor.relation:
            tier = f"(tier {actor.tier})" if actor.tier else f"({actor.kind})"
            lines.extend(_quantity(session, actor.id, actor.name, signed(session.value(actor.id)), tier))
    return lines
