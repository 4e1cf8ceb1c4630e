"""The situation report names each quantity once per cause: a policy that moves a meter twice in a
month (its base effect and a conditional one) reads as one move to the last value."""

from __future__ import annotations

from pathlib import Path

from game.chronicle import net, report_sections, sentences
from game.content.loader import load_runtime
from game.engine.state import Cause, Change
from game.session import Session

CONTENT = Path(__file__).resolve().parents[2] / "content"


def test_net_merges_one_causes_moves_per_target() -> None:
    cause = Cause("policy", 3, policy="pressure", level="nudging")
    moves = [Change(3, "un_track", 1, 31, cause), Change(3, "damascus", -2, 10, cause),
             Change(3, "un_track", 1, 32, cause), Change(3, "standing", 2, 40, cause),
             Change(3, "standing", -2, 38, cause)]
    merged = net(moves)
    assert [(c.target, c.delta, c.value) for c in merged] == [("un_track", 2, 32), ("damascus", -2, 10)]


def test_no_report_sentence_names_a_quantity_twice() -> None:
    rt = load_runtime(CONTENT)
    session = Session.new(rt, seed="7")
    names = [m.name for m in rt.pack.meters] + [a.name for a in rt.pack.actors]
    for _ in range(12):
        cards = session.cards()
        firsts = [next(ch.id for ch, ok in zip(c.choices, session.available(c.id), strict=True) if ok)
                  for c in cards]
        geneva = {"focus": "geneva"} if session.level_reason("focus", "geneva") is None else {}
        session.play(session.decide(firsts, geneva))  # the Geneva focus moves the UN track twice
        for section in report_sections(session, session.report):
            for line in section.lines:
                assert all(line.count(f"{n} rose") + line.count(f"{n} fell") <= 1 for n in names), line
    assert sentences(rt, []) == []
