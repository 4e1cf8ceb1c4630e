"""Verification by replay: rebuild a campaign from its seed and decisions, compare with the save."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from game.engine.heap import replay_heap
from game.engine.passing import PASSED
from game.engine.runtime import Runtime
from game.engine.state import RULES_KNOWN, month_index, month_label
from game.engine.turn import Decision, DecisionError
from game.saves.document import SaveDoc, content_hash, state_json
from game.saves.older import as_saved
from game.saves.verify_votes import vote_problem
from game.session import Session


@dataclass(frozen=True, slots=True)
class Verdict:
    """The outcome of a replay: the rebuilt session, or the first turn that diverges and why."""

    ok: bool
    session: Session | None
    turn: int | None = None
    reason: str | None = None
    pack_note: str | None = None  # set when the save was made with other pack content
    date: str | None = None  # the month of the diverging turn

    def message(self) -> str:
        """One line for the command line."""
        if self.reason is None:
            return "replays identically"
        where = f"turn {self.turn} ({self.date}): " if self.turn is not None else ""
        return f"{where}{self.reason}"


class _Diverged(Exception):
    def __init__(self, turn: int | None, reason: str) -> None:
        super().__init__(reason)
        self.turn = turn
        self.reason = reason


def _date(doc: SaveDoc, rt: Runtime, turn: int) -> str:
    start = rt.pack.get("scenarios", doc.campaign.scenario).start
    return month_label(month_index(start) + turn - 1)


def session_options(doc: SaveDoc) -> dict[str, Any]:
    """The session options a save restores: the campaign's, and who plays it."""
    options: dict[str, Any] = dict(doc.campaign.options)
    options.update({"player": doc.meta.player, "class_code": doc.campaign.class_code,
                    "campaign_id": doc.meta.campaign_id, "created": doc.meta.created})
    return {k: v for k, v in options.items() if v is not None}


def pack_note(doc: SaveDoc, rt: Runtime) -> str | None:
    """A note when the save was made with a different version or content of the pack."""
    manifest = rt.pack.manifest
    if doc.pack.version != manifest.version:
        return f"saved with pack {doc.pack.id} {doc.pack.version}, replayed with {manifest.version}"
    if doc.pack.content_hash is not None and doc.pack.content_hash != content_hash(rt):
        return f"the pack's content differs from the one that made the save (same version {manifest.version})"
    return None


def mods_problem(doc: SaveDoc, rt: Runtime) -> str | None:
    """Why the mods loaded now are not the ones the save was played with, naming them."""
    saved = {m.id: m for m in doc.pack.mods}
    loaded = {m.manifest.id: m for m in getattr(rt.pack, "mods", [])}
    problems = []
    for mid, m in saved.items():
        now = loaded.get(mid)
        if now is None:
            problems.append(f"load mod '{mid}' {m.version} (--mod DIR)")
        elif now.manifest.version != m.version or now.content_hash != m.content_hash:
            problems.append(f"mod '{mid}' is version {now.manifest.version} here"
                            + (" with other content" if now.manifest.version == m.version else "")
                            + f"; the save was played with {m.version}")
    problems += [f"mod '{mid}' is loaded but the save was played without it"
                 for mid in loaded if mid not in saved]
    if [m.id for m in doc.pack.mods] != [mid for mid in loaded if mid in saved] and not problems:
        problems.append("the mods load in another order than the save's: " + ", ".join(saved))
    return "; ".join(problems) or None


def _settings(doc: SaveDoc, rt: Runtime) -> None:
    manifest = rt.pack.manifest
    if doc.pack.id != manifest.id:
        raise _Diverged(None, f"made with pack '{doc.pack.id}', not with '{manifest.id}'")
    if doc.campaign.options.get("debug"):
        raise _Diverged(None, "it was played with the test bench (--debug), which changes the campaign "
                              "outside the rules: such a save is for testing and never verifies")
    mods = mods_problem(doc, rt)
    if mods:
        raise _Diverged(None, f"played with other mods: {mods}")
    c = doc.campaign
    if c.scenario not in {s.id for s in rt.pack.scenarios}:
        raise _Diverged(None, f"scenario '{c.scenario}' is not in pack {manifest.id} {manifest.version}")
    if c.difficulty not in {d.id for d in rt.pack.difficulties}:
        raise _Diverged(None, f"difficulty '{c.difficulty}' is not in pack {manifest.id} {manifest.version}")
    if c.class_code is not None and doc.pack.version != manifest.version:
        raise _Diverged(None, f"made with the pack {doc.pack.id} {doc.pack.version}; this pack is "
                              f"{manifest.version}: verify it with --content DIR of that version")
    if c.class_code is not None:
        from game.classcode import ClassCodeError, decode_class_code

        try:
            fixed = decode_class_code(c.class_code, rt)
        except ClassCodeError as exc:
            raise _Diverged(None, f"its class code is not valid here: {exc}") from None
        if (fixed.scenario, fixed.difficulty, fixed.seed) != (c.scenario, c.difficulty, c.seed):
            raise _Diverged(None, f"the campaign is not the one its class code {c.class_code} fixes")


def _replay(doc: SaveDoc, rt: Runtime) -> Session:
    c = doc.campaign
    if c.rules not in RULES_KNOWN:
        raise _Diverged(None, f"it is played by rules {c.rules}, which this version of the game does not "
                              f"know (it knows rules {', '.join(map(str, RULES_KNOWN))}): update the game")
    with replay_heap():  # as Session.replay: no garbage in cycles is made here
        session = Session.new(rt, c.scenario, c.difficulty, c.seed, session_options(doc), c.rules)
        _replay_decisions(doc, session)
    return session


def _replay_decisions(doc: SaveDoc, session: Session) -> None:
    for logged in doc.decisions:
        turn = session.state.turn
        if session.finished:
            raise _Diverged(logged.turn, f"the campaign ended at turn {turn}, but the save holds "
                                         f"{len(doc.decisions)} decisions")
        if logged.turn != turn:
            raise _Diverged(turn, f"the decision log is out of order (turn {logged.turn} where "
                                  f"{turn} is due)")
        if logged.cards is not None and logged.cards != session.state.cards:
            raise _Diverged(turn, f"the cards differ: the save has {', '.join(logged.cards) or 'none'}, "
                                  f"the replay draws {', '.join(session.state.cards) or 'none'}")
        if logged.votes is not None:
            problem = vote_problem(session, logged.votes, logged.choices)
            if problem is not None:
                raise _Diverged(turn, problem)
            session.votes[turn] = tuple(tuple(c) for c in logged.votes)
        try:
            session.advance(Decision(tuple(logged.choices), tuple(logged.policies)))
        except DecisionError as exc:
            raise _Diverged(turn, f"the decision is not allowed: {exc}") from None


def _change(entry: Any) -> str:
    if not isinstance(entry, dict):
        return "nothing"
    cause = entry.get("cause", {})
    origin = ".".join(str(cause.get(k)) for k in ("event", "choice", "policy", "level") if cause.get(k))
    delta = entry.get("delta", 0)
    amount = f"{delta:+d}" if isinstance(delta, int) else str(delta)
    return f"{entry.get('target')} {amount} to {entry.get('value')} ({origin or cause.get('kind')})"


def _by_turn(log: list[Any]) -> dict[Any, list[Any]]:
    out: dict[Any, list[Any]] = {}
    for change in log:
        out.setdefault(change.get("turn") if isinstance(change, dict) else None, []).append(change)
    return out


def _compare_turns(saved: dict[str, Any], replayed: dict[str, Any], last: int) -> None:
    s_hist, r_hist = saved["history"], replayed["history"]
    s_logs, r_logs = _by_turn(saved["log"]), _by_turn(replayed["log"])
    rows = max((len(v) for v in r_hist.values()), default=0)
    for t in range(1, rows + 1):
        turn = min(t, last)
        for q, series in r_hist.items():
            mine = s_hist.get(q, [])
            if t > len(mine) or mine[t - 1] != series[t - 1]:
                stored = mine[t - 1] if t <= len(mine) else "nothing"
                raise _Diverged(turn, f"{q} at the start of turn {t}: the save has {stored}, "
                                      f"the replay gives {series[t - 1]}")
        s_log, r_log = s_logs.get(t, []), r_logs.get(t, [])
        for i in range(max(len(s_log), len(r_log))):
            a = s_log[i] if i < len(s_log) else None
            b = r_log[i] if i < len(r_log) else None
            if a != b:
                raise _Diverged(turn, f"the turn's changes differ: the save has {_change(a)}, "
                                      f"the replay gives {_change(b)}")


def _shown(value: Any) -> str:
    """A stored value as a message quotes it: text in quotes, no value as 'none'."""
    return "none" if value is None else f"'{value}'" if isinstance(value, str) else str(value)


def _compare(saved: dict[str, Any], replayed: dict[str, Any], last: int) -> None:
    if saved == replayed:  # the common case, in one comparison; else the first difference, named
        return
    _compare_turns(saved, replayed, last)
    for key, value in replayed.items():
        if saved.get(key) != value:
            detail = ""
            if isinstance(value, dict) and isinstance(saved.get(key), dict):
                diff = [k for k in value.keys() | saved[key].keys() if saved[key].get(k) != value.get(k)]
                if diff:
                    k = sorted(diff)[0]
                    detail = f" ({k}: the save has {saved[key].get(k)}, the replay gives {value.get(k)})"
            elif not any(isinstance(v, dict | list | set) for v in (value, saved.get(key))):
                detail = f" (the save has {_shown(saved.get(key))}, the replay gives {_shown(value)})"
            raise _Diverged(last, f"the stored state differs from the replay in '{key}'{detail}")


def _compare_meta(doc: SaveDoc, session: Session) -> None:
    """The summary a listing shows must be the replay's too."""
    ending = session.state.ending
    title = session.rt.pack.get("endings", ending).title if ending else None
    meta = doc.meta
    pairs = (("turn", meta.turn, session.state.turn), ("date", meta.date, session.date),
             ("ending", meta.ending, ending), ("ending_title", meta.ending_title, title))
    for name, stored, replayed in pairs:
        same_pack = doc.pack.content_hash == content_hash(session.rt)
        if stored != replayed and (name != "ending_title" or same_pack):  # titles may change with the pack
            raise _Diverged(session.state.turn, f"the save's summary says {name} {stored!r}, "
                                                f"the replay gives {replayed!r}")


def saved_state(doc: SaveDoc) -> dict[str, Any]:
    """The stored state as the mapping ``model_dump`` gives, without copying it: its fields are plain
    JSON values (numbers, strings, lists and mappings of them), which the frozen model never changes."""
    return dict(doc.state)


def verify(doc: SaveDoc, rt: Runtime) -> Verdict:
    """Replay a save's decisions from its seed with this pack and compare with its stored state."""
    note = None
    try:
        _settings(doc, rt)
        note = pack_note(doc, rt)
        session = _replay(doc, rt)
        saved = saved_state(doc)
        passes = any(PASSED in logged.choices for logged in doc.decisions)
        replayed = as_saved(saved, state_json(rt, session.state, share=True), passes)
        _compare(saved, replayed, session.state.turn)
        _compare_meta(doc, session)
    except _Diverged as exc:
        date = _date(doc, rt, exc.turn) if exc.turn is not None else None
        return Verdict(False, None, exc.turn, exc.reason, note, date)
    return Verdict(True, session, None, None, note)
