"""Cross-reference checks and compilation of a validated pack into the engine's runtime."""

from __future__ import annotations

from typing import Any

from game.content import schema as s
from game.content.compile_conditions import ConditionCompiler
from game.content.compile_effects import EffectCompiler, preview
from game.content.diagnostics import Diagnostic
from game.content.guards import ALWAYS, window
from game.content.loader import Pack
from game.content.scope import Scope, Where
from game.engine.runtime import CChoice, CEnding, CEvent, CLevel, CPolicy, Predicate, PreviewItem, Runtime
from game.engine.state import month_index


def _scope(pack: Pack) -> tuple[Scope, list[int], list[int], list[int]]:
    scope = Scope()
    qmin: list[int] = []
    qmax: list[int] = []
    qdefault: list[int] = []
    for meter in pack.meters:
        scope.quantities[meter.id] = len(qmin)
        qmin.append(meter.min)
        qmax.append(meter.max)
        qdefault.append(meter.initial)
    for actor in pack.actors:
        if actor.relation:
            scope.quantities[actor.id] = len(qmin)
            qmin.append(-100)
            qmax.append(100)
            qdefault.append(actor.initial)
    for i, tol in enumerate(pack.items("tolerances")):
        scope.tolerances[tol.id] = i
    scope.flags = {f.id for f in pack.items("flags")}
    scope.events = {e.id for e in pack.events}
    scope.policies = {p.id: {lv.id: i for i, lv in enumerate(p.levels)} for p in pack.policies}
    scope.paragraphs = set(pack.manifest.source.paragraphs)
    scope.advisors = {a.id for a in pack.advisors}
    scope.endings = {e.id for e in pack.endings}
    scope.scores = {d.id for d in pack.items("score_dimensions")}
    scope.difficulties = {d.id for d in pack.difficulties}
    _broken(pack, scope, (qmin, qmax, qdefault))
    for (section, item), changes in pack.overlay.changes.items():  # what a mod removed, and where
        gone = [c for c in changes if c.action == "remove"]
        if gone and section in _KINDS:
            c = gone[-1]
            scope.removed[(_KINDS[section], item)] = f"mod '{c.mod}' removed it ({c.file}:{c.line})"
    return scope, qmin, qmax, qdefault


_KINDS = {"events": "event", "flags": "flag", "policies": "policy", "advisors": "advisor",
          "endings": "ending", "meters": "quantity", "actors": "quantity", "tolerances": "tolerance"}


def _broken(pack: Pack, scope: Scope, columns: tuple[list[int], list[int], list[int]]) -> None:
    """Items that failed validation still answer to their ids (their own error is enough)."""
    for qid in pack.broken.get("meters", set()) | pack.broken.get("actors", set()):
        scope.quantities.setdefault(qid, len(columns[0]))
        for column, value in zip(columns, (0, 100, 0), strict=True):
            column.append(value)
    for tid in pack.broken.get("tolerances", set()):
        scope.tolerances.setdefault(tid, len(scope.tolerances))
    scope.flags |= pack.broken.get("flags", set())
    scope.events |= pack.broken.get("events", set())
    scope.advisors |= pack.broken.get("advisors", set())
    scope.endings |= pack.broken.get("endings", set())
    scope.scores |= pack.broken.get("score_dimensions", set())
    scope.difficulties |= pack.broken.get("difficulties", set())
    for pid in pack.broken.get("policies", set()):
        scope.policies.setdefault(pid, {})


def _clashes(pack: Pack, scope: Scope) -> None:
    """Meters, actors, policies, tolerances and flags share the expression namespace."""
    seen: dict[str, str] = {}
    for section in ("meters", "actors", "policies", "tolerances", "flags"):
        for item in pack.items(section):
            if item.id in seen:
                scope.error(pack.where[(section, item.id)] / "id", "name-clash",
                            f"'{item.id}' is already the id of a {seen[item.id]}",
                            "meters, actors, policies, tolerances and flags share one namespace")
            seen.setdefault(item.id, section[:-1])


def _meter_ranges(pack: Pack, scope: Scope) -> None:
    """A meter's range must hold its own starting value; a threshold's tolerance must exist."""
    for meter in pack.meters:
        where = pack.where[("meters", meter.id)]
        if meter.min >= meter.max:
            scope.error(where / "max", "out-of-range", f"meter {meter.id}: max ({meter.max}) must be "
                                                       f"above min ({meter.min})")
        elif not meter.min <= meter.initial <= meter.max:
            scope.error(where / "initial", "out-of-range", f"meter {meter.id} starts at {meter.initial}, "
                        f"outside its own range {meter.min} to {meter.max}")
        for i, t in enumerate(meter.thresholds):  # a threshold may name a tolerance
            if isinstance(t.value, str):
                scope.check("tolerance", t.value, scope.tolerances, where / "thresholds" / i / "value")


class _Compiler:
    def __init__(self, pack: Pack, checking: bool = False) -> None:
        self.pack = pack
        self.checking = checking  # only the checks: no previews, no deck windows (they report nothing)
        self.scope, self.qmin, self.qmax, self.qdefault = _scope(pack)
        _clashes(pack, self.scope)
        _meter_ranges(pack, self.scope)
        self.cond = ConditionCompiler(self.scope)
        self.fx = EffectCompiler(self.scope, self.cond, (self.qmin, self.qmax))

    def where(self, section: str, item_id: str) -> Where:
        return self.pack.where[(section, item_id)]

    def maybe(self, cond: Any, where: Where) -> Predicate | None:
        return None if cond is None else self.cond.condition(cond, where)

    def event(self, ev: s.Event) -> CEvent:
        w = self.where("events", ev.id)
        self.scope.cite(ev.cites, w / "cites")
        for i, d in enumerate(ev.discussion):
            self.scope.cite(d.cites, w / "discussion" / i / "cites")
        choice_ids = {c.id for c in ev.choices}
        for advisor, advice in ev.advice.items():
            self.scope.check("advisor", advisor, self.scope.advisors, w / "advice" / advisor, key=True)
            if isinstance(advice, s.Advice) and advice.favors is not None:
                self.scope.check("choice", advice.favors, choice_ids, w / "advice" / advisor / "favors")
        choices = []
        seen: set[str] = set()
        for i, ch in enumerate(ev.choices):
            cw = w / "choices" / i
            if ch.id in seen:
                self.scope.error(cw / "id", "duplicate-id", f"duplicate choice id '{ch.id}' in '{ev.id}'")
            seen.add(ch.id)
            self.scope.cite(ch.cites, cw / "cites")
            choices.append(CChoice(ch.id, i, self.maybe(ch.when, cw / "when"),
                                   self.fx.effects(ch.effects, cw / "effects", f"{ev.id}.{ch.id}"),
                                   self.preview(ch.effects)))
        month = month_index(ev.date) if ev.date else None
        win = ALWAYS if self.checking else window(ev.when)
        return CEvent(ev.id, ev.kind, month, self.maybe(ev.when, w / "when"), ev.weight, ev.once,
                      ev.cooldown, tuple(choices), {c.id: c for c in choices},
                      (win.month_lo, win.month_hi, win.turn_lo, win.turn_hi))

    def preview(self, effects: list[Any]) -> tuple[PreviewItem, ...]:
        return () if self.checking else tuple(preview(effects))

    def policy(self, p: s.Policy) -> CPolicy:
        w = self.where("policies", p.id)
        levels = []
        for i, lv in enumerate(p.levels):
            lw = w / "levels" / i
            levels.append(CLevel(lv.id, self.maybe(lv.when, lw / "when"),
                                 self.fx.effects(lv.monthly, lw / "monthly", f"{p.id}.{lv.id}"),
                                 self.preview(lv.monthly)))
        return CPolicy(p.id, tuple(levels), {lv.id: i for i, lv in enumerate(p.levels)}, p.max_step)

    def ending(self, en: s.Ending) -> CEnding:
        w = self.where("endings", en.id)
        self.scope.cite(en.cites, w / "cites")
        for i, d in enumerate(en.discussion):
            self.scope.cite(d.cites, w / "discussion" / i / "cites")
        for dim in en.scores:
            self.scope.check("score dimension", dim, self.scope.scores, w / "scores" / dim, key=True)
        return CEnding(en.id, en.priority, self.maybe(en.when, w / "when"), en.at_end, en.fallback)

    def scenario(self, sc: s.Scenario) -> None:
        w = self.where("scenarios", sc.id) / "initial"
        for name, value in sc.initial.values.items():
            if self.scope.check("quantity", name, self.scope.quantities, w / "values" / name, key=True):
                i = self.scope.quantities[name]
                if not self.qmin[i] <= value <= self.qmax[i]:
                    self.scope.error(w / "values" / name, "out-of-range",
                                     f"{name} must be between {self.qmin[i]} and {self.qmax[i]}")
        for i, flag in enumerate(sc.initial.flags):
            self.scope.check("flag", flag, self.scope.flags, w / "flags" / i)
        for policy, level in sc.initial.policies.items():
            if self.scope.check("policy", policy, self.scope.policies, w / "policies" / policy, key=True):
                self.scope.check("level", level, self.scope.policies[policy], w / "policies" / policy)
        for i, ev in enumerate(sc.initial.fired):
            self.scope.check("event", ev, self.scope.events, w / "fired" / i)
        if sc.default_difficulty is not None:
            self.scope.check("difficulty", sc.default_difficulty, self.scope.difficulties,
                             self.where("scenarios", sc.id) / "default_difficulty")
        for name in sc.tolerances:
            self.scope.check("tolerance", name, self.scope.tolerances,
                             self.where("scenarios", sc.id) / "tolerances" / name, key=True)

    def difficulty(self, d: s.Difficulty) -> None:
        w = self.where("difficulties", d.id)
        for name in d.tolerances:
            self.scope.check("tolerance", name, self.scope.tolerances, w / "tolerances" / name, key=True)
        missing = [t for t in self.scope.tolerances if t not in d.tolerances]
        if missing:
            self.scope.error(w / "tolerances", "missing-tolerance",
                             f"difficulty '{d.id}' does not set: {', '.join(missing)}")

    def strategy(self, st: s.Strategy) -> None:
        w = self.where("strategies", st.id)
        for name in st.weights:
            self.scope.check("quantity", name, self.scope.quantities, w / "weights" / name, key=True)
        for name in st.flags:
            self.scope.check("flag", name, self.scope.flags, w / "flags" / name, key=True)
        for policy, steps in st.policies.items():
            if self.scope.check("policy", policy, self.scope.policies, w / "policies" / policy, key=True):
                for i, step in enumerate(steps):
                    self.scope.check("level", step.level, self.scope.policies[policy],
                                     w / "policies" / policy / i / "level")

    def pack_rules(self) -> None:
        fallbacks = [e for e in self.pack.endings if e.fallback]
        if len(fallbacks) > 1:
            self.scope.error(self.where("endings", fallbacks[1].id), "fallback-ending",
                             f"a pack needs exactly one fallback ending, found {len(fallbacks)}",
                             "keep 'fallback: true' on one ending only")
        elif not fallbacks:  # missing-* errors are follow-ons while a file is unread (loader)
            self.scope.error(Where(self.pack_doc(), ()), "missing-fallback-ending",
                             "a pack needs exactly one fallback ending, found 0",
                             "mark the 'clock ran out' ending with 'fallback: true'")
        if not self.pack.scenarios:
            self.scope.error(Where(self.pack_doc(), ()), "missing-scenario", "the pack has no scenario")
        if not self.pack.difficulties:
            self.scope.error(Where(self.pack_doc(), ()), "missing-difficulty", "the pack has no difficulty")

    def pack_doc(self) -> Any:
        from game.content.loader import display_path
        from game.content.yamlsrc import Document
        return Document(display_path(self.pack.root / "pack.yaml"), None)

    def unset_flags(self) -> None:
        for flag in self.pack.items("flags"):
            if flag.id in self.scope.used_flags and flag.id not in self.scope.set_flags:
                initial = any(flag.id in sc.initial.flags for sc in self.pack.scenarios)
                if not initial:
                    test = self.scope.flag_tests.get(flag.id)
                    at = f" at {test.doc.file}:{test.doc.pos(test.path).line}" if test else ""
                    self.scope.error(self.where("flags", flag.id) / "id", "flag-never-set",
                                     f"flag '{flag.id}' is tested{at} but nothing ever sets it",
                                     f"set it with an effect 'set_flag: {flag.id}' on a choice, a policy "
                                     "level or a scheduled block, or start a scenario with it "
                                     f"('initial: {{flags: [{flag.id}]}}')")

    def build(self, explain: bool = True) -> Runtime:
        pack = self.pack
        events = {ev.id: self.event(ev) for ev in pack.events}
        policies = [self.policy(p) for p in pack.policies]
        endings = sorted((self.ending(e) for e in pack.endings), key=lambda e: (e.fallback, e.priority))
        scores = {d.id: self.cond.formula(d.formula, self.where("score_dimensions", d.id) / "formula")
                  for d in pack.items("score_dimensions")}
        for sc in pack.scenarios:
            self.scenario(sc)
        for d in pack.difficulties:
            self.difficulty(d)
        for st in pack.strategies:
            self.strategy(st)
        self.pack_rules()
        self.unset_flags()
        historical: dict[int, list[CEvent]] = {}
        for ev in events.values():
            if ev.month is not None:
                historical.setdefault(ev.month, []).append(ev)
        rules = pack.manifest.rules.cards_per_turn
        rt = Runtime(
            pack=pack, quantities=list(self.scope.quantities), qindex=dict(self.scope.quantities),
            qmin=self.qmin, qmax=self.qmax, qdefault=self.qdefault,
            tolerance_ids=list(self.scope.tolerances), events=events, historical=historical,
            conditional=[e for e in events.values() if e.kind == "conditional"],
            policies=policies, policy_index={p.id: i for i, p in enumerate(policies)},
            endings=endings, scores=scores, blocks=self.fx.blocks,
            cards_min=rules.min, cards_max=max(rules.min, rules.max),
            extra={"cited": sorted(self.scope.cited)},
        )
        if explain and not self.scope.errors:  # the explainable trees assume every name resolves
            from game.content.compile_explain import conditions as explained
            from game.content.compile_explain import uses as used

            rt.conditions = explained(pack, rt.qindex, rt.tolerance_ids)
            rt.uses = used(pack, rt.conditions)
        return rt


def compile_pack(pack: Pack, explain: bool = True,
                 checking: bool = False) -> tuple[Runtime, list[Diagnostic]]:
    """Check every reference of a pack and compile it; return the runtime and errors.

    ``explain=False`` leaves out the explainable trees and the where-is-this-used
    index (``runtime.conditions``, ``runtime.uses``): they report no error, and
    `validate` only checks a pack. ``checking=True`` (with ``explain=False``)
    also leaves out the choices' previews and the cards' deck windows, which
    report no error either: the runtime is then for its counts and citations,
    not for play.
    """
    runtime, errors, _ = compile_with_scope(pack, explain, checking)
    return runtime, errors


def compile_with_scope(pack: Pack, explain: bool = True,
                       checking: bool = False) -> tuple[Runtime, list[Diagnostic], Scope]:
    """As ``compile_pack``, with the names the compiler saw used and set (for the linter)."""
    compiler = _Compiler(pack, checking)
    runtime = compiler.build(explain and not checking)
    return runtime, compiler.scope.errors, compiler.scope
