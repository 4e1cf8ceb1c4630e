"""Compile effect lists into closures, and into the static preview of what they move."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from game.content import effects as e
from game.content.compile_conditions import ConditionCompiler
from game.content.scope import Scope, Where
from game.engine.runtime import Ctx, EffectFn, PreviewItem
from game.engine.state import Change, Scheduled, new_entry


def run(effects: tuple[EffectFn, ...], ctx: Ctx) -> None:
    """Apply compiled effects in order."""
    for effect in effects:
        effect(ctx)


class EffectCompiler:
    """Compiles effects for one pack; registers scheduled blocks by key."""

    def __init__(self, scope: Scope, conditions: ConditionCompiler,
                 bounds: tuple[list[int], list[int]]) -> None:
        self.scope = scope
        self.conditions = conditions
        self.qmin, self.qmax = bounds
        self.names = list(scope.quantities)
        self.blocks: dict[str, tuple[EffectFn, ...]] = {}

    def effects(self, items: list[Any], where: Where, owner: str) -> tuple[EffectFn, ...]:
        """Compile a list of effect models found at ``where``; ``owner`` names blocks."""
        return tuple(self.effect(item, where / i, f"{owner}.{i}") for i, item in enumerate(items))

    def effect(self, item: Any, where: Where, owner: str) -> EffectFn:
        if isinstance(item, e.ChangeEffect):
            return self._change(item, where / "change")
        if isinstance(item, e.SetFlagEffect | e.ClearFlagEffect):
            return self._flag(item, where)
        if isinstance(item, e.SetPolicyEffect):
            return self._set_policy(item, where / "set_policy")
        if isinstance(item, e.ScheduleEffect):
            return self._schedule(item.schedule, where / "schedule", owner)
        if isinstance(item, e.RandomEffect):
            return self._random(item, where / "random", owner)
        assert isinstance(item, e.IfEffect)
        test = self.conditions.condition(item.if_, where / "if")
        then = self.effects(item.then, where / "then", f"{owner}.then")
        other = self.effects(item.else_, where / "else", f"{owner}.else")

        def branch(ctx: Ctx) -> None:
            for effect in then if test(ctx.state) else other:  # ``run``, written in: one call fewer
                effect(ctx)
        return branch

    def _change(self, item: e.ChangeEffect, where: Where) -> EffectFn:
        moves = []
        for name, delta in item.change.items():
            if self.scope.check("quantity", name, self.scope.quantities, where / name, key=True):
                i = self.scope.quantities[name]
                moves.append((i, delta, self.qmin[i], self.qmax[i], name))
        plan = tuple(moves)

        def change(ctx: Ctx) -> None:
            state = ctx.state
            values = state.values
            log = ctx.log
            for i, delta, lo, hi, name in plan:
                old = values[i]
                new = old + delta
                if new > hi:
                    new = hi
                elif new < lo:
                    new = lo
                if new != old:
                    values[i] = new
                    if log is not None:
                        entry = new_entry(Change)  # Change(...) set field by field: the hot path
                        entry.turn = state.turn
                        entry.target = name
                        entry.delta = new - old
                        entry.value = new
                        entry.cause = ctx.cause
                        log.append(entry)
        return change

    def _flag(self, item: e.SetFlagEffect | e.ClearFlagEffect, where: Where) -> EffectFn:
        setting = isinstance(item, e.SetFlagEffect)
        name = item.set_flag if isinstance(item, e.SetFlagEffect) else item.clear_flag
        self.scope.check("flag", name, self.scope.flags, where / ("set_flag" if setting else "clear_flag"))
        if setting:
            self.scope.set_flags.add(name)
        target = f"flag:{name}"

        def flag(ctx: Ctx) -> None:
            flags = ctx.state.flags
            if (name in flags) != setting:
                flags.add(name) if setting else flags.discard(name)
                if ctx.log is not None:
                    entry = new_entry(Change)  # Change(...) set field by field, as ``change`` does
                    entry.turn, entry.target, entry.delta = ctx.state.turn, target, 1 if setting else -1
                    entry.value, entry.cause = int(setting), ctx.cause
                    ctx.log.append(entry)
        return flag

    def _set_policy(self, item: e.SetPolicyEffect, where: Where) -> EffectFn:
        moves = []
        for policy, level in item.set_policy.items():
            if not self.scope.check("policy", policy, self.scope.policies, where / policy, key=True):
                continue
            levels = self.scope.policies[policy]
            if self.scope.check("level", level, levels, where / policy):
                moves.append((list(self.scope.policies).index(policy), levels[level], policy))
        plan = tuple(moves)

        def set_policy(ctx: Ctx) -> None:
            for p, k, name in plan:
                old = ctx.state.policies[p]
                if old != k:
                    ctx.state.policies[p] = k
                    if ctx.log is not None:
                        ctx.log.append(Change(ctx.state.turn, f"policy:{name}", k - old, k, ctx.cause))
        return set_policy

    def _schedule(self, item: e.Schedule, where: Where, owner: str) -> EffectFn:
        after, note, event, key = item.after, item.note, item.event, None
        if event is not None:
            self.scope.check("event", event, self.scope.events, where / "event")
        else:
            key = owner
            assert item.effects is not None
            self.blocks[key] = self.effects(item.effects, where / "effects", owner)

        def schedule(ctx: Ctx) -> None:
            cause = ctx.cause.noted(note or ctx.cause.note, "scheduled")
            ctx.state.scheduled.append(Scheduled(ctx.state.turn + after, cause, event, key))
        return schedule

    def _random(self, item: e.RandomEffect, where: Where, owner: str) -> EffectFn:
        weights = tuple(o.weight for o in item.random)
        branches = tuple(
            (o.note, self.effects(o.effects, where / i / "effects", f"{owner}.{i}"))
            for i, o in enumerate(item.random)
        )

        def pick(ctx: Ctx) -> None:
            note, effects = branches[ctx.rng.weighted(weights)]
            if ctx.log is None:
                run(effects, ctx)
                return
            outer = ctx.cause
            ctx.cause = outer.noted(note)
            run(effects, ctx)
            ctx.cause = outer
        return pick


def preview(items: list[Any], certainty: str = "sure", after: int = 0) -> list[PreviewItem]:
    """What a list of effect models is expected to move, without running it."""
    out: list[PreviewItem] = []
    for item in items:
        if isinstance(item, e.ChangeEffect):
            out += [PreviewItem(k, v, certainty, after) for k, v in item.change.items()]
        elif isinstance(item, e.SetFlagEffect):
            out.append(PreviewItem(f"flag:{item.set_flag}", 1, certainty, after))
        elif isinstance(item, e.ClearFlagEffect):
            out.append(PreviewItem(f"flag:{item.clear_flag}", -1, certainty, after))
        elif isinstance(item, e.SetPolicyEffect):
            out += [PreviewItem(f"policy:{k}", 0, certainty, after) for k in item.set_policy]
        elif isinstance(item, e.ScheduleEffect):
            sched = item.schedule
            if sched.event is not None:
                out.append(PreviewItem(f"event:{sched.event}", 0, "later", after + sched.after))
            else:
                out += preview(sched.effects or [], "later", after + sched.after)
        elif isinstance(item, e.RandomEffect):
            total = sum(o.weight for o in item.random)
            for o in item.random:
                for p in preview(o.effects, "maybe", after):
                    share = round(p.delta * o.weight / total)
                    out.append(replace(p, delta=share or p.delta, certainty="maybe"))
        elif isinstance(item, e.IfEffect):
            out += preview(item.then, "maybe", after) + preview(item.else_, "maybe", after)
    return out
