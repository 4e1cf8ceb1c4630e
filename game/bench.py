"""The modder's test bench: fire a card now, set a quantity or a flag, jump to a month.

Each operation changes the campaign outside the rules, so a campaign touched by the bench is
marked (the campaign option ``debug``): its saves record the mark and never verify, since a
replay from the seed and the decisions cannot reproduce what the bench did. Every change the
bench makes is logged with the cause "test bench", so "why did this move?" still answers.
"""

from __future__ import annotations

import re

from game.content.diagnostics import did_you_mean
from game.engine.state import Cause, Change, month_index, month_label
from game.engine.turn import begin_turn
from game.session import Session

NOTE = "test bench"
MAX_DESK = 4


class BenchError(ValueError):
    """A bench command that cannot be carried out; ``str(e)`` says why."""


def mark(session: Session) -> None:
    """Mark the campaign as touched by the test bench."""
    session.options["debug"] = True


def _cause(session: Session) -> Cause:
    return Cause("event", session.state.turn, note=NOTE)


def near_names(name: str, known: list[str]) -> str | None:
    """'did you mean ...?' for a misspelt or partial id: the closest spelling, else up to three ids
    that contain the name ('wheat' finds 'wheat_shipment')."""
    hint = did_you_mean(name, known)
    if hint is None and name:
        holding = [k for k in known if name.lower() in k.lower()][:3]
        hint = f"did you mean {' or '.join(repr(k) for k in holding)}?" if holding else None
    return hint


def _unknown(kind: str, name: str, known: list[str]) -> BenchError:
    hint = near_names(name, known)
    return BenchError(f"no {kind} '{name}'" + (f": {hint}" if hint else ""))


def fire(session: Session, event_id: str) -> str:
    """Put a card on this month's desk now, first (a card already there moves first)."""
    if session.finished:
        raise BenchError("the campaign is over")
    if event_id not in session.rt.events:
        raise _unknown("card", event_id, sorted(session.rt.events))
    mark(session)
    state = session.state
    state.cards = [event_id, *(c for c in state.cards if c != event_id)][:MAX_DESK]
    state.fired[event_id] = state.turn
    return f"'{session.rt.pack.get('events', event_id).title}' is on the desk"


def set_value(session: Session, qid: str, value: int) -> str:
    """Set a meter or relation (clamped to its range)."""
    rt = session.rt
    if qid not in rt.qindex:
        raise _unknown("meter or actor", qid, sorted(rt.qindex))
    mark(session)
    i = rt.qindex[qid]
    new = max(rt.qmin[i], min(rt.qmax[i], value))
    state = session.state
    delta, state.values[i] = new - state.values[i], new
    if state.log is not None:
        state.log.append(Change(state.turn, qid, delta, new, _cause(session)))
    return f"{qid} is now {new}" + (f" (clamped from {value})" if new != value else "")


def set_flag(session: Session, flag: str, on: bool) -> str:
    """Set or clear a flag."""
    flags = sorted(f.id for f in session.rt.pack.items("flags"))
    if flag not in flags:
        raise _unknown("flag", flag, flags)
    mark(session)
    state = session.state
    (state.flags.add if on else state.flags.discard)(flag)
    if state.log is not None:
        state.log.append(Change(state.turn, f"flag:{flag}", 1 if on else -1, int(on), _cause(session)))
    return f"{flag} is {'set' if on else 'cleared'}"


def jump(session: Session, month: str) -> str:
    """Move the campaign forward to a month of its scenario; that month's cards are drawn anew."""
    if not re.fullmatch(r"\d{4}-(0[1-9]|1[0-2])", month.strip()):
        raise BenchError(f"'{month}' is not a month: write YYYY-MM")
    target = month_index(month.strip())
    state = session.state
    last = state.month + session.turns - state.turn
    if not state.month < target <= last:
        raise BenchError(f"jump to a month after {month_label(state.month)} and no later than "
                         f"{month_label(last)}")
    mark(session)
    state.turn += target - state.month
    state.month = target
    begin_turn(session.rt, state)
    return f"now {month_label(target)}, turn {state.turn}"


def jumped(session: Session) -> tuple[int, int] | None:
    """(the month play had reached, the month now) if the bench jumped since the last month played."""
    state = session.state
    reached = session.records[-1].turn + 1 if session.records else 1
    if state.turn <= reached:
        return None
    first = state.month - (state.turn - 1)
    return first + reached - 1, state.month


def jump_note(session: Session) -> str | None:
    """What the situation report says first after a bench jump (None: no jump since the last month)."""
    span = jumped(session)
    if span is None:
        return None
    return (f"Test bench: the campaign jumped from {month_label(span[0])} to {month_label(span[1])}; "
            "the months between were not played.")


def report_changes(session: Session) -> list[Change]:
    """The changes the situation report covers: the last month played's and, after a bench jump,
    those made since it opened this month (consequences that fell due, the bench's own)."""
    log = session.state.log
    if jumped(session) is None or log is None:
        return list(session.report)
    return [*session.report, *(c for c in log if c.turn == session.state.turn)]


BENCH_HELP = """\
Test bench (play --debug):
  debug fire CARD          put a card on this month's desk now
  debug set QUANTITY N     set a meter or a relation
  debug flag FLAG on|off   set or clear a flag
  debug jump YYYY-MM       move forward to a month (its cards are drawn anew)
A campaign touched by the bench is marked: its saves never verify."""


def command(session: Session, text: str) -> tuple[str, bool]:
    """Carry out a bench command line ('fire afrin', 'set ceasefire 30', ...): the message, and
    whether the month's desk changed (so a front end redraws the month). BenchError if it cannot."""
    word, *args = text.split() or [""]
    if word == "fire" and len(args) == 1:
        return fire(session, args[0]), True
    if word == "set" and len(args) == 2 and args[1].lstrip("-").isdigit() and len(args[1]) <= 6:
        return set_value(session, args[0], int(args[1])), False
    if word == "flag" and len(args) == 2 and args[1].lower() in ("on", "off"):
        return set_flag(session, args[0], args[1].lower() == "on"), False
    if word == "jump" and len(args) == 1:
        return jump(session, args[0]), True
    raise BenchError("bench commands: fire CARD, set QUANTITY N, flag FLAG on|off, jump YYYY-MM")
