"""Build the explainable trees of a pack's conditions, and the where-is-this-used index, at load."""

from __future__ import annotations

from typing import Any

from game.content import conditions as c
from game.content.expr import Node, parse
from game.content.loader import Pack
from game.engine import explain as x
from game.engine.state import month_index
from game.engine.uses import Use

_OPS = {"lt": "<", "lte": "<=", "gt": ">", "gte": ">=", "eq": "==", "ne": "!="}
_MIRROR = {"<": ">", "<=": ">=", ">": "<", ">=": "<=", "==": "==", "!=": "!="}


class ExplainBuilder:
    """Turns condition models (trees or expression strings) into ``explain.Cond`` trees."""

    def __init__(self, pack: Pack, qindex: dict[str, int], tolerances: list[str]) -> None:
        self.pack = pack
        self.qty: dict[str, x.Qty] = {}
        names = {m.id: (m.name, m.hidden) for m in pack.meters}
        names.update({a.id: (f"Relations with {a.name}", False) for a in pack.actors if a.relation})
        for qid, i in qindex.items():
            label, hidden = names.get(qid, (qid, False))
            self.qty[qid] = x.Qty(i, qid, label, hidden)
        self.tol = {t: i for i, t in enumerate(tolerances)}
        self.flags = {f.id: f.description.rstrip(".") for f in pack.items("flags")}
        self.events = {e.id: e.title for e in pack.events}
        self.policies = {p.id: (i, p.name, {lv.id: k for k, lv in enumerate(p.levels)},
                                tuple(lv.name for lv in p.levels)) for i, p in enumerate(pack.policies)}

    # -- structured trees -------------------------------------------------
    def cond(self, cond: Any) -> x.Cond:
        """The tree of a condition model."""
        if isinstance(cond, str):
            return self.expr(parse(cond))
        if isinstance(cond, c.AllCondition):
            return _all([self.cond(p) for p in cond.all])
        if isinstance(cond, c.AnyCondition):
            return _any([self.cond(p) for p in cond.any])
        if isinstance(cond, c.NotCondition):
            return x.negate(self.cond(cond.not_))
        if isinstance(cond, c.MeterCondition | c.RelationCondition):
            name = cond.meter if isinstance(cond, c.MeterCondition) else cond.relation
            return _all([x.Compare(self.qty[name], op, self._operand(v)) for op, v in cond.bounds()])
        if isinstance(cond, c.FlagCondition):
            return x.FlagTest(cond.flag, self.flags.get(cond.flag, cond.flag))
        if isinstance(cond, c.FiredCondition):
            return x.FiredTest(cond.fired, self.events.get(cond.fired, cond.fired))
        if isinstance(cond, c.TurnCondition):
            return x.Window("turn", _int(cond.turn.min), _int(cond.turn.max))
        if isinstance(cond, c.DateCondition):
            return x.Window("date", _month(cond.date.min), _month(cond.date.max))
        assert isinstance(cond, c.PolicyCondition)
        i, label, index, names = self.policies[cond.policy]
        tests = [x.PolicyTest(i, label, op, index[lv], names)
                 for lv, op in ((cond.is_, "=="), (cond.at_least, ">="), (cond.at_most, "<="))
                 if lv is not None]
        return _all(list(tests))

    def _operand(self, v: Any) -> x.Term:
        if isinstance(v, str):
            return x.Tol(self.tol[v], v)
        return x.Num(v)

    # -- expression strings ----------------------------------------------
    def expr(self, node: Node) -> x.Cond:
        """The tree of a parsed boolean expression."""
        if node.kind == "and":
            return _all([self.expr(a) for a in node.args])
        if node.kind == "or":
            return _any([self.expr(a) for a in node.args])
        if node.kind == "not":
            return x.negate(self.expr(node.args[0]))
        if node.kind == "call":
            name = str(node.args[0].value)
            if node.value == "fired":
                return x.FiredTest(name, self.events.get(name, name))
            return x.FlagTest(name, self.flags.get(name, name))
        if node.kind == "name":
            name = str(node.value)
            if name in ("true", "false"):
                return x.Const(name == "true")
            return x.FlagTest(name, self.flags.get(name, name))
        assert node.kind == "compare"
        left, right = node.args
        op = str(node.value)
        if left.kind == "name" and str(left.value) in self.policies:
            i, label, index, names = self.policies[str(left.value)]
            return x.PolicyTest(i, label, op, index[str(right.value)], names)
        return x.Compare(self.term(left), op, self.term(right))

    def term(self, node: Node) -> x.Term:
        """The numeric term of a parsed expression."""
        if node.kind == "num":
            assert isinstance(node.value, int | float)
            return x.Num(node.value)
        if node.kind == "month":
            return x.Num(month_index(str(node.value)))
        if node.kind == "neg":
            return x.Neg(self.term(node.args[0]))
        if node.kind == "arith":
            return x.Arith(str(node.value), self.term(node.args[0]), self.term(node.args[1]))
        name = str(node.value)
        if name in ("turn", "date"):
            return x.Clock(name)
        if name in self.qty:
            return self.qty[name]
        return x.Tol(self.tol[name], name)


def _all(parts: list[x.Cond]) -> x.Cond:
    return parts[0] if len(parts) == 1 else x.All(tuple(parts))


def _any(parts: list[x.Cond]) -> x.Cond:
    return parts[0] if len(parts) == 1 else x.Any_(tuple(parts))


def _int(v: int | str | None) -> int | None:
    return v if isinstance(v, int) else None


def _month(v: int | str | None) -> int | None:
    return month_index(v) if isinstance(v, str) else None


def conditions(pack: Pack, qindex: dict[str, int], tolerances: list[str]) -> dict[str, x.Cond]:
    """Every condition of a (valid) pack as an explainable tree, by key."""
    b = ExplainBuilder(pack, qindex, tolerances)
    out: dict[str, x.Cond] = {}
    for en in pack.endings:
        if en.when is not None:
            out[f"ending:{en.id}"] = b.cond(en.when)
    for ev in pack.events:
        if ev.when is not None:
            out[f"event:{ev.id}"] = b.cond(ev.when)
        for ch in ev.choices:
            if ch.when is not None:
                out[f"choice:{ev.id}.{ch.id}"] = b.cond(ch.when)
    for p in pack.policies:
        for lv in p.levels:
            if lv.when is not None:
                out[f"level:{p.id}.{lv.id}"] = b.cond(lv.when)
    return out


def gate_label(pack: Pack, key: str) -> str:
    """What a condition key gates, in words."""
    kind, _, ident = key.partition(":")
    if kind == "ending":
        return f"the ending '{pack.get('endings', ident).title}'"
    if kind == "event":
        return f"'{pack.get('events', ident).title}' can be drawn"
    head, _, tail = ident.partition(".")
    if kind == "choice":
        ev = pack.get("events", head)
        label = next(ch.label for ch in ev.choices if ch.id == tail)
        return f"the choice '{label}' on '{ev.title}'"
    pol = pack.get("policies", head)
    level = next(lv.name for lv in pol.levels if lv.id == tail)
    return f"the level {level} of {pol.name}"


def uses(pack: Pack, trees: dict[str, x.Cond]) -> dict[str, list[Use]]:
    """For each meter and relation, every threshold the conditions test and what it gates."""
    out: dict[str, list[Use]] = {}
    for key, tree in trees.items():
        gates = gate_label(pack, key)
        for cmp in _compares(tree):
            for q, op, other in ((cmp.left, cmp.op, cmp.right), (cmp.right, _MIRROR[cmp.op], cmp.left)):
                if isinstance(q, x.Qty) and not x.quantities(other) and not isinstance(other, x.Clock):
                    out.setdefault(q.id, []).append(Use(q.id, op, other, gates, key))
    return out


def _compares(tree: x.Cond) -> list[x.Compare]:
    if isinstance(tree, x.Compare):
        return [tree]
    if isinstance(tree, x.All | x.Any_):
        return [cmp for p in tree.parts for cmp in _compares(p)]
    if isinstance(tree, x.Not):
        return _compares(tree.inner)
    return []
