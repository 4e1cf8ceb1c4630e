"""The pack linter: what validates but is probably a mistake, with stable codes and severities.

Each finding is a ``Diagnostic`` (file:line:column, severity, code, message, hint). Errors are
the validator's; the linter adds warnings and notes. A finding is suppressed by a comment
``# lint: ignore[code]`` (several codes separated by commas) on the line it points at.
Codes:

- ``flag-unused``: a declared flag nothing sets or tests; ``flag-never-read``: set, never tested;
- ``choice-no-effect``: a choice that changes nothing and schedules nothing;
- ``followup-never-scheduled``: a follow-up card no effect schedules;
- ``condition-never-holds``: a comparison outside the quantity's range, or clauses of one
  ``all`` that contradict each other (``ceasefire >= 60 and ceasefire < 40``);
- ``date-outside-scenarios``: a card whose month lies outside every scenario;
- ``ending-shadowed``: an ending that can never be reached because one checked before it
  always holds, or holds under the same condition; ``ending-equal-priority``;
- ``change-out-of-range``: a change larger than half the quantity's whole range;
- ``text-repeats``: a repeatable card that can come back more often than it has texts;
- ``threshold-wording``: a threshold label's 'below'/'at or below' disagreeing with the conditions;
- ``card-may-pass``: a card whose choices are all conditional and can all be closed at once (it
  would pass, with no effect: ``game.engine.passing``);
- with a simulation: ``event-never-seen``, ``choice-never-taken``, ``ending-never-reached``.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from game.content import effects as e
from game.content.diagnostics import Diagnostic, sort_key
from game.content.lint_bounds import Bounds, condition_bounds, contradiction
from game.content.lint_cards import passing_cards
from game.content.lint_thresholds import check_threshold_wording
from game.content.scope import Where

SUPPRESS = re.compile(r"#\s*lint:\s*ignore\[([a-z0-9_,\s-]+)\]")
FAR = 0.5  # a change larger than this share of a quantity's range is flagged


@dataclass(slots=True)
class Linter:
    """Runs the checks over a validated pack and its compiler's scope."""

    pack: Any
    scope: Any
    rt: Any
    found: list[Diagnostic] = field(default_factory=list)

    def at(self, where: Where | None, severity: str, code: str, message: str,
           hint: str | None = None) -> None:
        """Record a finding at a place (the manifest when the place is unknown)."""
        if where is None:
            manifest = f"{self.pack.root.name}/pack.yaml"
            self.found.append(Diagnostic(manifest, 1, 1, code, message, hint, severity))
            return
        pos = where.doc.pos(where.path)
        self.found.append(Diagnostic(where.doc.file, pos.line, pos.column, code, message, hint, severity))

    def where(self, section: str, item: str) -> Where | None:
        """Where an item was written."""
        found: Where | None = self.pack.where.get((section, item))
        return found

    def run(self) -> list[Diagnostic]:
        self.flags()
        self.choices()
        self.followups()
        self.conditions()
        self.dates()
        self.endings()
        self.changes()
        self.repeats()
        check_threshold_wording(self)  # game.content.lint_thresholds
        passing_cards(self, quantity_ranges(self.pack))
        return self.found

    def repeats(self) -> None:
        """A repeatable card that can come back more often than it has texts shows one twice."""
        longest = max((sc.turns for sc in self.pack.scenarios), default=0)
        for ev in self.pack.events:
            texts = 1 + len(ev.variants)
            shows = (longest - 1) // (ev.cooldown + 1) + 1 if longest else 0
            if ev.once or shows <= texts:
                continue
            need = next(c for c in range(ev.cooldown, longest + 1) if (longest - 1) // (c + 1) + 1 <= texts)
            w = self.where("events", ev.id)
            self.at(w / "id" if w else None, "warning", "text-repeats",
                    f"card '{ev.id}' can be shown {shows} times in {longest} months but has {texts} text(s), "
                    "so a player reads one twice", f"add variants, or raise its cooldown to {need}")

    def flags(self) -> None:
        used, set_ = self.scope.used_flags, self.scope.set_flags
        initial = {f for sc in self.pack.scenarios for f in sc.initial.flags}
        for flag in self.pack.items("flags"):
            w = self.where("flags", flag.id)
            w = w / "id" if w else None
            if flag.id not in used and flag.id not in set_ and flag.id not in initial:
                self.at(w, "warning", "flag-unused",
                        f"flag '{flag.id}' is declared but nothing sets or tests it",
                        "remove it, or use it in a condition")
            elif flag.id not in used:
                self.at(w, "warning", "flag-never-read", f"flag '{flag.id}' is set but no condition tests it",
                        "test it in a 'when', or drop the set_flag")

    def choices(self) -> None:
        for ev in self.pack.events:
            w = self.where("events", ev.id)
            for i, ch in enumerate(ev.choices):
                if not ch.effects:
                    self.at(w / "choices" / i / "id" if w else None, "warning", "choice-no-effect",
                            f"choice '{ev.id}.{ch.id}' changes nothing and schedules nothing",
                            "a choice that does nothing is not a choice; give it an effect")

    def followups(self) -> None:
        scheduled = {item.schedule.event for effects, w in effect_lists(self.pack, self)
                     for item, _ in all_effects(effects, w) if isinstance(item, e.ScheduleEffect)}
        for ev in self.pack.events:
            if ev.kind == "followup" and ev.id not in scheduled:
                w = self.where("events", ev.id)
                self.at(w / "id" if w else None, "warning", "followup-never-scheduled",
                        f"follow-up '{ev.id}' is never scheduled, so it can never be played",
                        "schedule it from a choice: {schedule: {after: 2, event: ID}}")

    def conditions(self) -> None:
        ranges = quantity_ranges(self.pack)
        for what, cond, w in conditions_of(self.pack, self.rt, self):
            for problem in contradiction(cond, ranges):
                self.at(w, "warning", "condition-never-holds",
                        f"the condition of {what} can never hold: {problem}")

    def dates(self) -> None:
        from game.engine.state import month_index

        spans = [(month_index(sc.start), month_index(sc.start) + sc.turns - 1) for sc in self.pack.scenarios]
        if not spans:
            return
        for ev in self.pack.events:
            month = month_index(ev.date) if ev.date else None
            tree = self.rt.conditions.get(f"event:{ev.id}")
            window = condition_bounds(tree, {}).get("date") if tree is not None else None
            lo = month if month is not None else (window.lo if window else None)
            hi = month if month is not None else (window.hi if window else None)
            if lo is None and hi is None:
                continue
            if not any((lo is None or lo <= end) and (hi is None or hi >= start) for start, end in spans):
                w = self.where("events", ev.id)
                self.at(w / ("date" if month is not None else "when") if w else None, "warning",
                        "date-outside-scenarios", f"card '{ev.id}' falls outside every scenario's months",
                        "check its date or date window against the scenarios' start and length")

    def endings(self) -> None:
        ordered = sorted((en for en in self.pack.endings if not en.fallback), key=lambda en: en.priority)
        seen: dict[int, str] = {}
        for i, en in enumerate(ordered):
            w = self.where("endings", en.id)
            if en.priority in seen:
                self.at(w / "priority" if w else None, "warning", "ending-equal-priority",
                        f"ending '{en.id}' has the same priority ({en.priority}) as '{seen[en.priority]}'",
                        "give each ending its own priority: the order they are checked in decides ties")
            seen.setdefault(en.priority, en.id)
            for before in ordered[:i]:
                same = before.when is not None and en.when is not None and before.when == en.when
                always = before.when is None and before.at_end == en.at_end
                if (same or always) and (before.at_end or not en.at_end):
                    self.at(w / "id" if w else None, "warning", "ending-shadowed",
                            f"ending '{en.id}' can never be reached: '{before.id}' is checked first and "
                            + ("has the same condition" if same else "always holds"))
                    break

    def changes(self) -> None:
        ranges = quantity_ranges(self.pack)
        for effects, where in effect_lists(self.pack, self):
            for item, w in all_effects(effects, where):
                if not isinstance(item, e.ChangeEffect):
                    continue
                for target, delta in item.change.items():
                    span = ranges.get(target)
                    if span is not None and abs(delta) > FAR * (span.hi - span.lo):
                        self.at(w / "change" / target if w else None, "warning", "change-out-of-range",
                                f"a change of {delta:+d} to '{target}' is more than half its range "
                                f"({span.lo} to {span.hi})", "one choice rarely moves a quantity that far")


def all_effects(items: list[Any], where: Where | None) -> Iterator[tuple[Any, Where | None]]:
    """Every effect in a list, nested ones (random branches, if/else, scheduled blocks) included."""
    for i, item in enumerate(items):
        here = where / i if where is not None else None
        yield item, here
        nested: list[tuple[list[Any], Where | None]] = []
        if isinstance(item, e.RandomEffect):
            nested = [(o.effects, here / "random" / j / "effects" if here else None)
                      for j, o in enumerate(item.random)]
        elif isinstance(item, e.IfEffect):
            nested = [(item.then, here / "then" if here else None),
                      (item.else_ or [], here / "else" if here else None)]
        elif isinstance(item, e.ScheduleEffect) and item.schedule.effects:
            nested = [(item.schedule.effects, here / "schedule" / "effects" if here else None)]
        for effects, w in nested:
            yield from all_effects(effects, w)


def effect_lists(pack: Any, linter: Linter) -> Iterator[tuple[list[Any], Where | None]]:
    """Every top-level effect list of the pack with its place."""
    for ev in pack.events:
        w = linter.where("events", ev.id)
        for i, ch in enumerate(ev.choices):
            yield ch.effects, (w / "choices" / i / "effects" if w else None)
    for p in pack.policies:
        w = linter.where("policies", p.id)
        for i, lv in enumerate(p.levels):
            yield lv.monthly, (w / "levels" / i / "monthly" if w else None)


def conditions_of(pack: Any, rt: Any, linter: Linter) -> Iterator[tuple[str, Any, Where | None]]:
    """Every condition of the pack as the rules explain it (``Runtime.conditions``, the same trees
    the goals screen and the bots read): (what it gates, the tree, its place)."""
    for key, cond in rt.conditions.items():
        kind, _, name = key.partition(":")
        owner, _, sub = name.partition(".")
        section = {"ending": "endings", "event": "events", "choice": "events", "level": "policies"}[kind]
        w = linter.where(section, owner)
        if w is not None and kind in ("choice", "level"):
            items = pack.get(section, owner).choices if kind == "choice" else pack.get(section, owner).levels
            w = w / ("choices" if kind == "choice" else "levels") / [i.id for i in items].index(sub)
        label = {"ending": "ending", "event": "card", "choice": "choice", "level": "level"}[kind]
        yield f"{label} '{name}'", cond, (w / "when" if w is not None else None)






def quantity_ranges(pack: Any) -> dict[str, Bounds]:
    """Each quantity's whole range: meters by their min and max, relations -100 to 100."""
    ranges = {m.id: Bounds(m.min, m.max) for m in pack.meters}
    ranges.update({a.id: Bounds(-100, 100) for a in pack.actors if a.relation})
    return ranges







def suppressed(d: Diagnostic, root: Path, cache: dict[str, list[str]]) -> bool:
    """Whether the line a finding points at carries ``# lint: ignore[code]``."""
    if d.file not in cache:
        path = root.parent / d.file
        try:
            cache[d.file] = path.read_text(encoding="utf-8").splitlines()
        except (OSError, UnicodeDecodeError):
            cache[d.file] = []
    lines = cache[d.file]
    if not 1 <= d.line <= len(lines):
        return False
    match = SUPPRESS.search(lines[d.line - 1])
    return match is not None and d.code in {x.strip() for x in match.group(1).split(",")}


def lint_pack(pack: Any, scope: Any, rt: Any) -> list[Diagnostic]:
    """The linter's findings for a validated pack (suppressions applied), in file order."""
    found = Linter(pack, scope, rt).run()
    cache: dict[str, list[str]] = {}
    return sorted((d for d in found if not suppressed(d, pack.root, cache)), key=sort_key)

