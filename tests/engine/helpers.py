"""Helpers to compile condition and effect snippets against a pack's names."""

from __future__ import annotations

from typing import Any

from pydantic import TypeAdapter

from game.content.compile import _scope
from game.content.compile_conditions import ConditionCompiler
from game.content.compile_effects import EffectCompiler
from game.content.conditions import Condition
from game.content.effects import Effect
from game.content.scope import Where
from game.content.yamlsrc import Document, read_yaml
from game.engine.runtime import Ctx, Predicate, Runtime
from game.engine.state import Cause, State


def _where(text: str) -> tuple[Any, Where]:
    doc, errors = read_yaml(text, "snippet.yaml")
    assert not errors, errors
    return doc.data, Where(Document("snippet.yaml", doc.data, doc.values, doc.keys), ())


def condition(rt: Runtime, text: str) -> Predicate:
    """Compile a YAML condition snippet; fail the test on any diagnostic."""
    data, where = _where(text)
    scope = _scope(rt.pack)[0]
    pred = ConditionCompiler(scope).condition(TypeAdapter(Condition).validate_python(data), where)
    assert not scope.errors, [e.render() for e in scope.errors]
    return pred


def apply(rt: Runtime, state: State, text: str, cause: Cause | None = None) -> State:
    """Apply a YAML effect-list snippet to a copy of the state; return the copy."""
    data, where = _where(text)
    scope, qmin, qmax, _ = _scope(rt.pack)
    conds = ConditionCompiler(scope)
    fx = EffectCompiler(scope, conds, (qmin, qmax))
    effects = fx.effects(TypeAdapter(list[Effect]).validate_python(data), where, "snippet")
    assert not scope.errors, [e.render() for e in scope.errors]
    rt.blocks.update(fx.blocks)
    new = state.copy()
    ctx = Ctx(new, rt, "test", cause or Cause("choice", new.turn, event="afrin", choice="condemn"), new.log)
    for effect in effects:
        effect(ctx)
    return new
