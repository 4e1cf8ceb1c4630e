"""The pre-game handout: a printable sheet generated from the pack, so a mod's handout is its own.

It lists the actors by tier, the standing policies with what each level costs a month, the
quantities and what they mean, the advisors, the scenarios, the endings, a glossary from the
pack's own descriptions, and the source's reference with a map of its paragraph ids.
"""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from game.counts import choice_span, count_word, span_words
from game.engine.runtime import Runtime
from game.preview import Lens, level_preview
from game.reports.handout_class import (
    ForClass,
    class_line,
    describe_hidden,
    hidden_words,
    scenario_tolerances,
    threshold_line,
)
from game.reports.render import render

TIER_NAMES = {1: "Tier 1", 2: "Tier 2", 3: "Tier 3"}


def _actors(rt: Runtime) -> list[dict[str, Any]]:
    groups: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for a in rt.pack.actors:
        if a.kind == "partner":
            key = TIER_NAMES.get(a.tier, f"Tier {a.tier}") if a.tier else "Other partners"
        else:
            key = "Forces on the ground"
        start = f"starts at {a.initial:+d}" if a.relation else "no relation tracked"
        groups[key].append({"name": a.name, "description": a.description, "start": start,
                            "cites": list(a.cites)})
    order = [*TIER_NAMES.values(), "Other partners", "Forces on the ground"]
    return [{"title": k, "actors": groups[k]} for k in order if groups.get(k)]


def _policies(rt: Runtime, who: ForClass) -> list[dict[str, Any]]:
    secret = frozenset() if who.teaching else frozenset(m.id for m in rt.pack.meters if m.hidden)
    lens = Lens(rt, None, 0, secret)
    out = []
    for policy in rt.pack.policies:
        levels = []
        for level in policy.levels:
            levels.append({"name": level.name, "description": level.description,
                           "monthly": level_preview(lens, policy.id, level.id), "limit": level.unavailable})
        step = f"moves at most {policy.max_step} level(s) a month" if policy.max_step else None
        out.append({"name": policy.name, "description": policy.description, "step": step,
                    "levels": levels})
    return out


def _quantities(rt: Runtime, who: ForClass) -> list[dict[str, Any]]:
    better = {"high": "higher is better", "low": "lower is better", "neutral": "neither way is simply better"}
    return [{"name": m.name, "description": describe_hidden(m.description, who),
             "range": f"{m.min} to {m.max}", "good": better[m.good],
             "hidden": hidden_words(who) if m.hidden else "",
             "thresholds": [threshold_line(rt, t.value, t.label, who) for t in m.thresholds]}
            for m in rt.pack.meters]


def _first_sentence(text: str) -> str:
    head, dot, _ = text.partition(". ")
    return head + "." if dot else text


def _glossary(rt: Runtime) -> list[dict[str, str]]:
    """Every named thing of the pack in one alphabetical list, by the first sentence of its description."""
    terms = [(a.name, a.description) for a in rt.pack.actors]
    terms += [(m.name, m.description) for m in rt.pack.meters]
    terms += [(p.name, p.description) for p in rt.pack.policies]
    terms += [(lv.name, lv.description) for p in rt.pack.policies for lv in p.levels]
    return [{"term": t, "meaning": _first_sentence(d)} for t, d in sorted(terms, key=lambda x: x[0].lower())]


def _source(rt: Runtime) -> dict[str, Any]:
    source = rt.pack.manifest.source
    sections: dict[str, list[dict[str, str]]] = {}
    for pid, para in source.paragraphs.items():
        sections.setdefault(para.section or "Other", []).append({"id": pid, "summary": para.summary})
    return {"citation": source.citation,
            "sections": [{"title": k, "paragraphs": v} for k, v in sections.items()]}


def _scenarios(rt: Runtime, who: ForClass) -> list[dict[str, Any]]:
    """The scenarios (only the class's, when it has one), each with the tolerances it moves."""
    return [{"id": s.id, "title": s.title, "description": s.description, "start": s.start, "turns": s.turns,
             "tolerances": scenario_tolerances(rt, s.id, who)}
            for s in rt.pack.scenarios if who.scenario in (None, s.id)]


def month_line(rt: Runtime) -> str:
    """How a month runs, in the pack's own numbers: cards a month, choices a card, who comments, how
    many standing policies (a mod may change any of them)."""
    pack = rt.pack
    cards = pack.manifest.rules.cards_per_turn
    advice = [len(e.advice) for e in pack.events] or [0]
    n_adv, n_pol = len(pack.advisors), len(pack.policies)
    card_word = "card" if cards.max == 1 else "cards"
    if min(advice) == max(advice) == n_adv:
        who = f"the {count_word(n_adv)} advisors comment on each card"
    else:
        who = f"{span_words(min(advice), max(advice))} of the {count_word(n_adv)} advisors comment on a card"
    policies = f"you set {count_word(n_pol)} standing {'policy' if n_pol == 1 else 'policies'}"
    n_cards = span_words(cards.min, cards.max)
    return (f"Each month opens with a situation report, then {n_cards} event {card_word} "
            f"with {span_words(*choice_span(rt))} choices each; {who}. Then {policies}, which act "
            "every month they hold.")


def handout_data(rt: Runtime, who: ForClass | None = None) -> dict[str, Any]:
    """Everything the handout says, as plain data: for one class (scenario, difficulty, teaching
    mode) when ``who`` says so, else for the whole pack."""
    who = who or ForClass()
    manifest = rt.pack.manifest
    return {
        "title": manifest.title, "pack": f"{manifest.id} {manifest.version}",
        "description": manifest.description, "for_class": class_line(rt, who), "month": month_line(rt),
        "actors": _actors(rt), "policies": _policies(rt, who), "quantities": _quantities(rt, who),
        "advisors": [{"name": a.name, "line": a.line} for a in rt.pack.advisors],
        "scenarios": _scenarios(rt, who),
        "endings": [{"title": e.title, "summary": e.summary} for e in rt.pack.endings],
        "glossary": _glossary(rt), "source": _source(rt),
    }


def render_handout(rt: Runtime, fmt: str = "md", who: ForClass | None = None) -> str:
    """The handout in Markdown or HTML (for one class when ``who`` says so)."""
    return render("handout", fmt, **handout_data(rt, who))
