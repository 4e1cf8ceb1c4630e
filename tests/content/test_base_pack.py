"""The base pack: it validates, cites the whole brief, follows the writing rules, and is balanced.

The balance tests play the pack's bot strategies in-process with a fixed seed and check
the targets of the content issue: every ending reachable, the honorable exit rare, every
card and choice seen, a single campaign seeing at most 60% of the deck, campaigns of a
reasonable length. (The brief itself is not read here: a user's machine does not have it.)
"""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path
from typing import Any

import pytest

from game.content.compile import compile_pack
from game.content.loader import load_runtime, read_pack
from game.fast.backends import resolve
from game.sim.runner import simulate

CONTENT = Path(__file__).resolve().parents[2] / "content"
ADVISORS = {"mfa", "general_staff", "security_council", "economic_bloc"}
SEED = "base-pack-balance"
GAMES = 200  # per strategy; the whole module stays well under a minute
# The lines play on the fast backend: the same campaigns as the rules engine (tests/fast holds it).
FAST = resolve("auto")


def words(text: str) -> int:
    return len(re.findall(r"[\w'’-]+", text))


@pytest.fixture(scope="module")
def pack() -> Any:
    pack, errors = read_pack(CONTENT)
    assert pack is not None and not errors, [e.render() for e in errors]
    return pack


@pytest.fixture(scope="module")
def rt() -> Any:
    return load_runtime(CONTENT)


def strategies(rt: Any) -> list[str]:
    return ["random", *(s.id for s in rt.pack.strategies)]


@pytest.fixture(scope="module")
def standard(rt: Any) -> dict[str, Any]:
    return simulate(rt, strategies(rt), GAMES, SEED, "standard", "normal", backend=FAST).to_json(rt)


# -- the pack validates ---------------------------------------------------------


def test_pack_validates(pack: Any) -> None:
    runtime, errors = compile_pack(pack)
    assert runtime is not None
    assert not errors, [e.render() for e in errors]


def test_counts(pack: Any) -> None:
    assert len(pack.events) >= 60
    assert sum(len(e.choices) for e in pack.events) >= 150
    assert len(pack.endings) >= 6
    assert {a.id for a in pack.advisors} == ADVISORS
    assert len(pack.difficulties) == 3
    tolerances = {t.id for t in pack.items("tolerances")}
    for diff in pack.difficulties:  # difficulty sets tolerances and nothing else
        assert set(diff.tolerances) == tolerances, diff.id
    scenarios = {s.id: s for s in pack.scenarios}
    assert scenarios["standard"].start == "2017-12" and scenarios["standard"].turns == 36
    assert 10 <= scenarios["classroom"].turns <= 14
    assert len(pack.items("score_dimensions")) >= 3


# -- citations ------------------------------------------------------------------


def citations(pack: Any) -> list[tuple[str, str]]:
    """Every (place, paragraph id) citation in the pack."""
    out: list[tuple[str, str]] = []
    for ev in pack.events:
        out += [(ev.id, p) for p in ev.cites]
        for c in ev.choices:
            out += [(f"{ev.id}.{c.id}", p) for p in c.cites]
        for q in ev.discussion:
            out += [(f"{ev.id} (discussion)", p) for p in q.cites]
    for en in pack.endings:
        out += [(en.id, p) for p in en.cites]
        for q in en.discussion:
            out += [(f"{en.id} (discussion)", p) for p in q.cites]
    for actor in pack.actors:
        out += [(actor.id, p) for p in actor.cites]
    return out


def test_every_paragraph_is_cited_and_every_citation_resolves(pack: Any) -> None:
    paragraphs = set(pack.manifest.source.paragraphs)
    assert len(paragraphs) == 32
    cites = citations(pack)
    unresolved = [(where, p) for where, p in cites if p not in paragraphs]
    assert not unresolved
    by_cards = {p for where, p in cites if where not in {a.id for a in pack.actors}}
    assert paragraphs - by_cards == set(), "paragraphs no event, choice or ending cites"


# -- the writing rules ----------------------------------------------------------


def test_cards_follow_the_writing_rules(pack: Any) -> None:
    problems = []
    for ev in pack.events:
        n = words(ev.text)
        if not 60 <= n <= 200:
            problems.append(f"{ev.id}: {n} words")
        if not 2 <= len(ev.choices) <= 4:
            problems.append(f"{ev.id}: {len(ev.choices)} choices")
        if not 1 <= len(ev.cites) <= 4:
            problems.append(f"{ev.id}: {len(ev.cites)} citations")
        for c in ev.choices:
            if not c.outcome.strip() or words(c.outcome) > 45:
                problems.append(f"{ev.id}.{c.id}: outcome missing or too long")
        if set(ev.advice) != ADVISORS:
            problems.append(f"{ev.id}: advisors {sorted(ev.advice)}")
            continue
        ids = {c.id for c in ev.choices}
        favoured = []
        for advisor, advice in ev.advice.items():
            favors = getattr(advice, "favors", None)
            if favors not in ids:
                problems.append(f"{ev.id}: {advisor} favours {favors!r}")
            favoured.append(favors)
        if len(set(favoured)) < 2:
            problems.append(f"{ev.id}: all advisors favour {favoured[0]}")
    assert not problems, problems


def test_anchors_and_endings_have_discussion_questions(pack: Any) -> None:
    missing = [ev.id for ev in pack.events if ev.kind == "historical" and not ev.discussion]
    missing += [en.id for en in pack.endings if not en.discussion]
    assert not missing
    anchors = {ev.id: ev.date for ev in pack.events if ev.kind == "historical"}
    assert anchors["hmeimim_declaration"] == "2017-12"
    assert anchors["sochi_congress"] == "2018-01"
    assert anchors["afrin_operation"] == "2018-01"
    assert anchors["east_ghouta"] == "2018-02"
    assert anchors["israel_syria_escalation"] == "2018-02"


def test_endings_have_epilogues_and_scores(pack: Any) -> None:
    dimensions = {d.id for d in pack.items("score_dimensions")}
    for en in pack.endings:
        assert 150 <= words(en.epilogue) <= 300, (en.id, words(en.epilogue))
        assert en.cites, en.id
        assert set(en.scores) <= dimensions, en.id
    assert sum(1 for en in pack.endings if en.fallback) == 1


def test_actors_in_three_tiers(pack: Any) -> None:
    tiers = Counter(a.tier for a in pack.actors if a.kind == "partner" and a.tier)
    assert set(tiers) == {1, 2, 3}
    assert any(a.kind == "force" for a in pack.actors)


def test_a_guarantor_can_walk_out(pack: Any) -> None:
    # the astana_collapse ending tests astana_broken: some choice must set it
    setters = [f"{ev.id}.{c.id}" for ev in pack.events for c in ev.choices
               if "astana_broken" in repr(c.effects)]
    assert setters


# -- balance (standard campaign, normal difficulty, fixed seed) -------------------


def test_every_ending_but_the_best_is_reached_by_some_line(standard: dict[str, Any], rt: Any) -> None:
    # the honorable exit is careful play's, not a line's: tests/sim/test_balance.py holds the planner
    # at 40-65% and every fixed line at <= 20% in both scenarios
    for ending in (e.id for e in rt.pack.endings if e.id != "honorable_exit"):
        best = max(st["endings"][ending] / st["games"] for st in standard["strategies"].values())
        assert best >= 0.05, (ending, best)


def test_the_honorable_exit_is_hard(standard: dict[str, Any]) -> None:
    for sid, st in standard["strategies"].items():
        share = st["endings"]["honorable_exit"] / st["games"]
        assert share <= 0.20, (sid, share)
    random = standard["strategies"]["random"]
    assert random["endings"]["honorable_exit"] / random["games"] < 0.03


def test_every_event_and_choice_is_played(standard: dict[str, Any]) -> None:
    assert standard["events_never_seen"] == []
    # a choice may go untaken only on a card too rare for the sample (seen in under 2% of
    # campaigns: golan_rockets_may, drawn only when June-July 2018's historical cards and
    # follow-ups leave room, is seen in about 0.3%); on any other card it is a choice nobody can take
    seen = standard["card_seen_share"]
    common = [key for key in standard["choices_never_taken"] if seen[key.split(".")[0]] >= 0.02]
    assert common == [], [(key, seen[key.split(".")[0]]) for key in common]


def test_replay_value_and_campaign_length(standard: dict[str, Any]) -> None:
    for sid, st in standard["strategies"].items():
        assert st["max_deck_share"] <= 0.6, (sid, st["max_deck_share"])
        assert 20 <= st["median_turns"] <= 37, (sid, st["median_turns"])


@pytest.mark.xdist_group("base-pack-classroom")  # beside the module's other tests, not after them
@pytest.mark.costly(132)  # the planner's 100 campaigns on the rules engine
def test_classroom_scenario_is_not_degenerate(rt: Any) -> None:
    result = simulate(rt, [*strategies(rt), "planner"], 100, SEED, "classroom", "normal",
                      backend=FAST).to_json(rt)  # the planner plays on the rules engine
    reached = {e for e, n in result["endings"].items() if n}
    assert len(reached) >= 3, result["endings"]
    assert result["strategies"]["planner"]["endings"]["honorable_exit"]  # winnable by careful play, if hard
    total = sum(result["endings"].values())
    assert max(result["endings"].values()) / total < 0.8
    for st in result["strategies"].values():  # endings may come early, but no line's in the first half
        assert st["median_turns"] >= 6


# -- history beside the game (issue 11) ---------------------------------------------
def test_every_card_says_whether_it_is_historical(pack: Any) -> None:
    missing = [ev.id for ev in pack.events if ev.history is None]
    assert not missing, missing
    undated = [ev.id for ev in pack.events if ev.kind == "historical" and ev.date and ev.date >= "2018-03"
               and ev.history is not None and ev.history.basis == "historical" and not ev.history.happened]
    assert not undated, f"historical cards after February 2018 without a note: {undated}"


def test_history_notes_are_sourced_and_one_choice_is_moscows(pack: Any) -> None:
    problems = []
    for ev in pack.events:
        if ev.history is not None and ev.history.happened and not ev.history.sources:
            problems.append(f"{ev.id}: a note without sources")
        if sum(c.historical for c in ev.choices) > 1:
            problems.append(f"{ev.id}: more than one historical choice")
        if ev.once and ev.variants:
            problems.append(f"{ev.id}: variants on a card that plays once")
    assert not problems, problems


def test_every_choice_cites_a_paragraph(pack: Any) -> None:
    uncited = [f"{ev.id}.{c.id}" for ev in pack.events for c in ev.choices if not c.cites]
    assert not uncited, uncited


def test_the_pack_reaches_its_size_targets(pack: Any) -> None:
    assert len(pack.events) >= 149  # 150 until the two OPCW cards of June 2018 became one (1 December 2026)
    assert sum(len(e.choices) for e in pack.events) >= 450


@pytest.mark.xdist_group("base-pack-card-texts")  # beside the module's other tests, not after them
@pytest.mark.costly(98)  # 25 campaigns a strategy on the rules engine, the planner's among them
def test_no_card_text_is_shown_twice_in_a_campaign(rt: Any) -> None:
    from game.engine.rng import Rng
    from game.engine.turn import apply_turn, new_campaign
    from game.history import card_text
    from game.sim.bots import make_bots

    repeats: set[tuple[str, str]] = set()
    for name, bot in make_bots(rt).items():
        for i in range(25):
            seed = f"{SEED}-{name}-{i}"
            state = new_campaign(rt, "standard", "normal", seed, log=False)
            shown: Counter[str] = Counter()
            texts: dict[str, str] = {}
            while state.ending is None:
                for card in state.cards:
                    shown[card] += 1
                    text = " ".join(card_text(rt.pack.get("events", card), shown[card]).split())
                    if text in texts:
                        repeats.add((texts[text], card))
                    texts[text] = card
                picks, moves = bot.plan(state, Rng(seed, state.turn, "bot"))
                apply_turn(rt, state, picks, moves)
    assert not repeats, sorted(repeats)


# -- rules that argue what the memo argues ---------------------------------------------


def ending_at(rt: Any, **values: int) -> str | None:
    """The first ending whose condition holds in a standard campaign's first state with these values."""
    from game.engine.turn import new_campaign

    state = new_campaign(rt, "standard", "normal", SEED, log=False)
    for qid, value in values.items():
        state.values[rt.qindex[qid]] = value
    return next((e.id for e in rt.endings if not e.at_end and e.when is not None and e.when(state)), None)


def test_plan_b_follows_a_real_un_push_and_needs_consensus(rt: Any) -> None:
    drawn_down = {"commitment": 30, "gov_control": 70, "un_hope": 10, "ceasefire": 50,
                  "turkey": 20, "iran": 20, "jihadist_threat": 40}
    assert ending_at(rt, **drawn_down, un_effort=12, consensus=50) == "plan_b"
    # the same ground reached without ever trying Geneva is Damascus's design, not Plan B
    assert ending_at(rt, **drawn_down, un_effort=0, consensus=50) == "damascus_design"
    # a divided Moscow does not settle on Plan B at all (conclusion.3)
    assert ending_at(rt, **drawn_down, un_effort=12, consensus=30) is None


def test_damascus_design_scores_worse_on_standing_than_plan_b(pack: Any) -> None:
    plan_b, design = pack.get("endings", "plan_b"), pack.get("endings", "damascus_design")
    assert design.scores.get("standing", 0) < plan_b.scores.get("standing", 0)
    assert design.scores.get("settlement", 0) < plan_b.scores.get("settlement", 0)


def test_regional_focus_keeps_geneva_momentum_and_the_groundwork_speeds_it(rt: Any) -> None:
    from game.session import Session

    def focus_moves(level: str, **values: int) -> int:
        session = Session.new(rt, "standard", "normal", SEED)
        for qid, value in values.items():
            session.state.values[rt.qindex[qid]] = value
        choices = [c.choices[0].id for c in session.cards()]
        changes = session.play(session.decide(choices, {"focus": level}))
        return sum(c.delta for c in changes if c.target == "un_track" and c.cause.kind == "policy"
                   and c.cause.policy == "focus")

    for level in ("guarantors", "neighbours", "gulf"):
        assert focus_moves(level, un_track=50) >= 0, level
    groundwork = focus_moves("geneva", un_track=40, ceasefire=60, turkey=30, iran=30)
    assert groundwork > focus_moves("geneva", un_track=40, ceasefire=60, turkey=-30, iran=30) > 0


def test_the_limits_of_pressure_on_damascus_stay(rt: Any) -> None:
    # conclusion.2: an ultimatum is closed once Tehran or Damascus is estranged, and firm pressure
    # on an estranged Damascus costs hope instead of moving Geneva
    pressure = rt.pack.get("policies", "pressure")
    ultimatum = next(lv for lv in pressure.levels if lv.id == "ultimatum")
    assert ultimatum.when and "iran" in ultimatum.when and "damascus" in ultimatum.when
    firm = next(lv for lv in pressure.levels if lv.id == "firm")
    assert "un_hope" in repr(firm.monthly)
