"""The after-action report: golden Markdown, well-formed self-contained HTML, measured key decisions."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

from game.engine.turn import Decision, DecisionError, new_campaign, resolve_in_place, scores
from game.reports.consequence import branches, most_consequential
from game.reports.debrief import render_debrief
from game.saves import load_save
from game.session import Session

SVG = "{http://www.w3.org/2000/svg}svg"


def parse_html(text: str) -> ET.Element:
    """The page parsed as XML: it must be well formed."""
    assert text.startswith("<!DOCTYPE html>\n")
    return ET.fromstring(text.removeprefix("<!DOCTYPE html>\n"))


def test_markdown_matches_its_golden_file(rt, golden_save: Path, golden) -> None:
    golden("debrief.md", render_debrief(load_save(golden_save, rt), "md"))


def test_markdown_covers_the_campaign(rt, golden_save: Path) -> None:
    session = load_save(golden_save, rt)
    text = render_debrief(session)
    ending = rt.pack.get("endings", session.state.ending)
    assert f"## Outcome: {ending.title}" in text and ending.epilogue.split()[0] in text
    assert text.count("### Turn ") == len(session.records)
    assert "## The decisions that mattered most" in text
    assert "## Hidden quantities" in text and "Hope in the UN track" in text
    for record in session.records:
        for card in record.cards:
            for pid in rt.pack.get("events", card).cites:
                assert f"**{pid}**: {rt.pack.manifest.source.paragraphs[pid].summary}" in text
    assert "## For discussion" in text


def test_html_is_self_contained_and_has_charts(rt, golden_save: Path) -> None:
    text = render_debrief(load_save(golden_save, rt), "html")
    root = parse_html(text)
    assert len(root.findall(f".//{SVG}")) == 3
    assert "<script" not in text and "@media print" in text
    assert not re.search(r"""(src|href)=["']""", text) and "url(" not in text
    assert text == render_debrief(load_save(golden_save, rt), "html")  # stable output


def test_an_unfinished_campaign(rt) -> None:
    session = Session.new(rt, "standard", "normal", "3", {"player": "<b>Ann</b> & co"})
    session.play(session.decide([rt.events[c].choices[0].id for c in session.state.cards]))
    md = render_debrief(session)
    assert "## Outcome: not finished" in md and "The campaign stopped after December 2017 was decided" in md
    assert "mattered most" not in md
    html = render_debrief(session, "html")
    parse_html(html)
    assert "&lt;b&gt;Ann&lt;/b&gt; &amp; co" in html and len(parse_html(html).findall(f".//{SVG}")) == 2


def replay_branch(session: Session, turn: int, decision: Decision):  # type: ignore[no-untyped-def]
    """An independent replay: the original decisions before ``turn``, ``decision`` at it, then the
    original ones while legal."""
    rt = session.rt
    state = new_campaign(rt, session.scenario, session.difficulty, session.seed, log=False)
    for record in session.records[: turn - 1]:
        resolve_in_place(rt, state, record.decision)
    resolve_in_place(rt, state, decision)
    for record in session.records[turn:]:
        if state.ending is not None:
            break
        try:
            resolve_in_place(rt, state, record.decision)
        except DecisionError:
            return None
    return state if state.ending is not None else None


def test_key_decisions_are_measured_by_replaying_the_other_branch(rt, golden_save: Path) -> None:
    session = load_save(golden_save, rt)
    found = branches(session)
    assert found == sorted(found, key=lambda b: (-b.effect, b.turn, b.subject))
    top = most_consequential(session)
    assert 3 <= len(top) <= 5 and all(b.effect > 0 for b in top)
    checked = 0
    for branch in found:
        record = session.records[branch.turn - 1]
        if branch.kind != "choice":
            continue
        choices = tuple(branch.alternative if c == branch.subject else d
                        for c, d in zip(record.cards, record.decision.choices, strict=True))
        state = replay_branch(session, branch.turn, Decision(choices, record.decision.policies))
        if state is not None:  # the later decisions all still applied: the same outcome must follow
            assert (state.ending, scores(rt, state)) == (branch.ending, branch.scores)
            checked += 1
    assert checked >= 3


def test_debrief_command(cli, pack_dir: Path, golden_save: Path, tmp_path: Path) -> None:
    out = tmp_path / "report.html"
    result = cli("debrief", str(golden_save), "--content", str(pack_dir), "--format", "html",
                 "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert f"wrote {out}" in result.stderr and result.stdout == ""
    assert len(parse_html(out.read_text()).findall(f".//{SVG}")) == 3
    md = cli("debrief", str(golden_save), "--content", str(pack_dir))
    assert md.returncode == 0 and md.stdout.startswith("# After-action report")
    missing = cli("debrief", str(tmp_path / "none.json"), "--content", str(pack_dir))
    assert missing.returncode == 1 and "no such file" in missing.stderr


def test_counterfactuals_keep_to_the_rules(rt) -> None:  # type: ignore[no-untyped-def]
    """Every replayed branch gives only legal orders (resolve_in_place refuses others), policies
    move toward the player's plan by permitted steps, and a policy change is weighed as a change."""
    from game.engine.rng import Rng
    from game.reports.consequence import branches, toward
    from game.session import Session
    from game.sim.bots import make_bots

    for i, bot in enumerate(make_bots(rt).values()):
        session = Session.new(rt, "standard", "normal", f"cf{i}", {})
        while not session.finished:
            session.play(bot.decide(session.state, Rng(f"cf{i}", session.state.turn, "t")))
        found = branches(session)  # raises DecisionError on any illegal order
        for b in found:
            if b.kind == "policy":
                assert b.held_to >= b.turn
    state = Session.new(rt, "standard", "normal", "cf", {}).state
    for p, policy in enumerate(rt.policies):
        for wanted in range(len(policy.levels)):
            level = toward(rt, state, p, wanted)
            current = state.policies[p]
            assert min(current, wanted) <= level <= max(current, wanted)
            if policy.max_step is not None:
                assert abs(level - current) <= policy.max_step


def test_an_unfinished_debrief_keeps_hidden_quantities_hidden(rt) -> None:  # type: ignore[no-untyped-def]
    from game.reports.debrief import render_debrief
    from game.session import Session

    hidden = [m for m in rt.pack.meters if m.hidden]
    assert hidden, "the report pack has a hidden meter"
    session = Session.new(rt, "standard", "normal", "unfinished", {})
    for _ in range(3):
        session.play(session.decide([rt.events[c].choices[0].id for c in session.state.cards]))
    text = render_debrief(session, "md")
    assert all(m.name not in text for m in hidden), "a hidden quantity shows before the end"
    session.options["teaching"] = True
    assert any(m.name in render_debrief(session, "md") for m in hidden)


def test_how_close_names_one_change_that_reaches_the_best_ending_missed(rt) -> None:  # type: ignore[no-untyped-def]
    from game.engine.rng import Rng
    from game.goals import best_missed
    from game.reports.consequence import explore, reaching
    from game.reports.debrief import debrief_data
    from game.session import Session
    from game.sim.bots import make_bots

    said = []
    for i, bot in enumerate(make_bots(rt).values()):
        session = Session.new(rt, "standard", "normal", f"close{i}", {})
        while not session.finished:
            session.play(bot.decide(session.state, Rng(f"close{i}", session.state.turn, "t")))
        missed = best_missed(session)
        close = debrief_data(session)["close"]
        if missed is None:
            assert close is None
            continue
        found = reaching(explore(session), missed[0])
        assert (found is None) == close.startswith("None of the single changes")
        if found is not None:
            assert found.ending == missed[0] and f"reaches '{missed[1]}'" in close
        said.append(close)
    assert said
