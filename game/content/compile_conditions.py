"""Compile conditions (YAML trees or expression strings) into fast closures."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from game.content import conditions as c
from game.content.diagnostics import did_you_mean
from game.content.expr import ExprError, Node, parse
from game.content.scope import Scope, Where, flag_hint
from game.engine.runtime import Numeric, Predicate
from game.engine.state import State, month_index


def _false(s: State) -> bool:
    return False


def _zero(s: State) -> float:
    return 0


def constant(k: float) -> Numeric:
    """A closure that always gives ``k``."""
    return lambda s: k


_COMPARE: dict[str, Callable[[float, float], bool]] = {
    "<": lambda a, b: a < b, "<=": lambda a, b: a <= b, ">": lambda a, b: a > b,
    ">=": lambda a, b: a >= b, "==": lambda a, b: a == b, "!=": lambda a, b: a != b,
}


def _quantity_vs_const(i: int, op: str, k: float) -> Predicate:
    """Specialised closures for the commonest leaf: a quantity against a number."""
    if op == ">=":
        return lambda s: s.values[i] >= k
    if op == "<=":
        return lambda s: s.values[i] <= k
    if op == ">":
        return lambda s: s.values[i] > k
    if op == "<":
        return lambda s: s.values[i] < k
    if op == "==":
        return lambda s: s.values[i] == k
    return lambda s: s.values[i] != k


def compare(left: Numeric, op: str, right: Numeric,
            consts: tuple[int | None, float | None] = (None, None)) -> Predicate:
    """A closure comparing two numeric closures (specialised when it can be)."""
    index, const = consts
    if index is not None and const is not None:
        return _quantity_vs_const(index, op, const)
    if const is not None:
        return _numeric_vs_const(left, op, const)
    test = _COMPARE[op]
    return lambda s: test(left(s), right(s))


def _clock_vs_const(by_month: bool, op: str, k: float) -> Predicate:
    """`date >= 2018-06` or `turn > 3` in one closure."""
    if by_month:
        table: dict[str, Predicate] = {
            ">=": lambda s: s.month >= k, "<=": lambda s: s.month <= k, ">": lambda s: s.month > k,
            "<": lambda s: s.month < k, "==": lambda s: s.month == k, "!=": lambda s: s.month != k}
    else:
        table = {
            ">=": lambda s: s.turn >= k, "<=": lambda s: s.turn <= k, ">": lambda s: s.turn > k,
            "<": lambda s: s.turn < k, "==": lambda s: s.turn == k, "!=": lambda s: s.turn != k}
    return table[op]


def _numeric_vs_const(f: Numeric, op: str, k: float) -> Predicate:
    if op == ">=":
        return lambda s: f(s) >= k
    if op == "<=":
        return lambda s: f(s) <= k
    if op == ">":
        return lambda s: f(s) > k
    if op == "<":
        return lambda s: f(s) < k
    if op == "==":
        return lambda s: f(s) == k
    return lambda s: f(s) != k


def all_of(preds: list[Predicate]) -> Predicate:
    """True when every predicate holds (unrolled: no generator in the hot loop)."""
    if len(preds) == 1:
        return preds[0]
    if len(preds) == 2:
        a, b = preds
        return lambda s: a(s) and b(s)
    if len(preds) == 3:
        a, b, c = preds
        return lambda s: a(s) and b(s) and c(s)
    half = len(preds) // 2
    left, right = all_of(preds[:half]), all_of(preds[half:])
    return lambda s: left(s) and right(s)


def any_of(preds: list[Predicate]) -> Predicate:
    """True when one predicate holds (unrolled: no generator in the hot loop)."""
    if len(preds) == 1:
        return preds[0]
    if len(preds) == 2:
        a, b = preds
        return lambda s: a(s) or b(s)
    if len(preds) == 3:
        a, b, c = preds
        return lambda s: a(s) or b(s) or c(s)
    half = len(preds) // 2
    left, right = any_of(preds[:half]), any_of(preds[half:])
    return lambda s: left(s) or right(s)


class ConditionCompiler:
    """Turns conditions and formulas into closures, checking every name."""

    def __init__(self, scope: Scope) -> None:
        self.scope = scope

    # -- structured trees -------------------------------------------------
    def condition(self, cond: Any, where: Where) -> Predicate:
        """Compile a condition model found at ``where``."""
        if isinstance(cond, str):
            return self.expression(cond, where)
        if isinstance(cond, c.AllCondition):
            return all_of([self.condition(x, where / "all" / i) for i, x in enumerate(cond.all)])
        if isinstance(cond, c.AnyCondition):
            return any_of([self.condition(x, where / "any" / i) for i, x in enumerate(cond.any)])
        if isinstance(cond, c.NotCondition):
            inner = self.condition(cond.not_, where / "not")
            return lambda s: not inner(s)
        if isinstance(cond, c.MeterCondition | c.RelationCondition):
            return self._comparison(cond, where)
        if isinstance(cond, c.FlagCondition):
            return self._flag(cond.flag, where / "flag")
        if isinstance(cond, c.FiredCondition):
            return self._fired(cond.fired, where / "fired")
        if isinstance(cond, c.TurnCondition | c.DateCondition):
            return self._window(cond, where)
        assert isinstance(cond, c.PolicyCondition)
        return self._policy(cond, where)

    def _comparison(self, cond: c.MeterCondition | c.RelationCondition, where: Where) -> Predicate:
        is_meter = isinstance(cond, c.MeterCondition)
        name = cond.meter if isinstance(cond, c.MeterCondition) else cond.relation
        key = "meter" if is_meter else "relation"
        if not self.scope.check(key, name, self.scope.quantities, where / key):
            return _false
        index = self.scope.quantities[name]
        preds = []
        for (op, operand), field in zip(cond.bounds(), _fields(cond), strict=True):
            const: float | None = None
            if isinstance(operand, str):
                right = self._tolerance(operand, where / field)
            else:
                const = operand
                right = constant(operand)
            preds.append(compare(lambda s: s.values[index], op, right, (index, const)))
        return all_of(preds)

    def _tolerance(self, name: str, where: Where) -> Numeric:
        if not self.scope.check("tolerance", name, self.scope.tolerances, where):
            return _zero
        i = self.scope.tolerances[name]
        return lambda s: s.tolerances[i]

    def _flag(self, name: str, where: Where) -> Predicate:
        if not self.scope.check("flag", name, self.scope.flags, where):
            return _false
        self.scope.tested(name, where)
        return lambda s: name in s.flags

    def _fired(self, name: str, where: Where) -> Predicate:
        if not self.scope.check("event", name, self.scope.events, where):
            return _false
        return lambda s: name in s.fired

    def _window(self, cond: c.TurnCondition | c.DateCondition, where: Where) -> Predicate:
        is_turn = isinstance(cond, c.TurnCondition)
        window = cond.turn if isinstance(cond, c.TurnCondition) else cond.date
        base = where / ("turn" if is_turn else "date")
        bounds: list[int | None] = []
        for end in ("min", "max"):
            value = getattr(window, end)
            if value is None:
                bounds.append(None)
            elif is_turn and isinstance(value, int):
                bounds.append(value)
            elif not is_turn and isinstance(value, str) and _is_month(value):
                bounds.append(month_index(value))
            else:
                want = "a whole turn number" if is_turn else "a quoted month, 'YYYY-MM'"
                self.scope.error(base / end, "bad-window", f"'{end}' must be {want}")
                return _false
        lo = bounds[0] if bounds[0] is not None else -(10**9)
        hi = bounds[1] if bounds[1] is not None else 10**9
        if is_turn:
            return lambda s: lo <= s.turn <= hi
        return lambda s: lo <= s.month <= hi

    def _policy(self, cond: c.PolicyCondition, where: Where) -> Predicate:
        if not self.scope.check("policy", cond.policy, self.scope.policies, where / "policy"):
            return _false
        levels = self.scope.policies[cond.policy]
        i = list(self.scope.policies).index(cond.policy)
        preds: list[Predicate] = []
        for field, op in (("is_", "=="), ("at_least", ">="), ("at_most", "<=")):
            level = getattr(cond, field)
            if level is None:
                continue
            key = "is" if field == "is_" else field
            if not self.scope.check("level", level, levels, where / key):
                return _false
            k = levels[level]
            preds.append(compare(lambda s: s.policies[i], op, constant(k), (None, k)))
        return all_of(preds)

    # -- expression strings ----------------------------------------------
    def expression(self, text: str, where: Where) -> Predicate:
        """Compile a boolean expression string."""
        try:
            tree = parse(text)
        except ExprError as exc:
            self.scope.error(where, "expression-syntax", exc.message, offset=exc.offset)
            return _false
        return _ExprCompiler(self, where).boolean(tree)

    def formula(self, text: str, where: Where) -> Numeric:
        """Compile a numeric formula string (score dimensions)."""
        try:
            tree = parse(text)
        except ExprError as exc:
            self.scope.error(where, "expression-syntax", exc.message, offset=exc.offset)
            return _zero
        return _ExprCompiler(self, where).numeric(tree)


def _fields(cond: c.MeterCondition | c.RelationCondition) -> list[str]:
    return [k for k in c.COMPARISONS if getattr(cond, k) is not None]


def _is_month(text: str) -> bool:
    parts = text.split("-")
    return len(parts) == 2 and parts[0].isdigit() and parts[1].isdigit() and 1 <= int(parts[1]) <= 12


class _ExprCompiler:
    """Compiles one parsed expression, reporting errors at their offsets."""

    def __init__(self, owner: ConditionCompiler, where: Where) -> None:
        self.owner = owner
        self.scope = owner.scope
        self.where = where

    def fail(self, node: Node, code: str, message: str, hint: str | None = None) -> None:
        self.scope.error(self.where, code, message, hint, offset=node.offset)

    def boolean(self, node: Node) -> Predicate:
        if node.kind in ("and", "or"):
            parts = [self.boolean(a) for a in node.args]
            return all_of(parts) if node.kind == "and" else any_of(parts)
        if node.kind == "not":
            arg = node.args[0]
            if arg.kind == "name" and str(arg.value) in self.scope.flags:  # the commonest 'not'
                name = str(arg.value)
                self.scope.tested(name, self.where)
                return lambda s: name not in s.flags
            inner = self.boolean(arg)
            return lambda s: not inner(s)
        if node.kind == "compare":
            return self._compare(node)
        if node.kind == "call":
            arg = node.args[0]
            name = str(arg.value)
            if node.value == "fired":
                return self.owner._fired(name, self.where) if self._known(arg, "event") else _false
            if node.value == "flag":
                return self.owner._flag(name, self.where) if self._known(arg, "flag") else _false
            self.fail(node, "expression-name", f"unknown function '{node.value}'",
                      did_you_mean(str(node.value), ("fired", "flag")))
            return _false
        if node.kind == "name":
            name = str(node.value)
            if name in ("true", "false"):
                return (lambda s: True) if name == "true" else _false
            if name in self.scope.flags:
                self.scope.tested(name, self.where)
                return lambda s: name in s.flags
            if name in self.scope.numeric_names():
                self.fail(node, "expression-type", f"'{name}' is a number, not a yes/no fact",
                          f"compare it, for example '{name} >= 50'")
                return _false
            self.fail(node, "unknown-flag", f"unknown flag '{name}'", flag_hint(name, self.scope.flags))
            return _false
        self.fail(node, "expression-type", "this is a number, not a yes/no condition",
                  "compare it with something, for example '>= 50'")
        return _false

    def _known(self, arg: Node, kind: str) -> bool:
        table = self.scope.events if kind == "event" else self.scope.flags
        name = str(arg.value)
        if name in table:
            return True
        gone = self.scope.removed.get((kind, name))  # a mod removed it: say which, and where
        self.fail(arg, f"unknown-{kind}", f"unknown {kind} '{name}'" + (f": {gone}" if gone else ""),
                  flag_hint(name, table) if kind == "flag" else did_you_mean(name, table))
        return False

    def _compare(self, node: Node) -> Predicate:
        left, right = node.args
        op = str(node.value)
        if left.kind == "name" and str(left.value) in self.scope.policies:
            return self._policy_compare(left, op, right)
        lf, rf = self.numeric(left), self.numeric(right)
        index = self.scope.quantities.get(str(left.value)) if left.kind == "name" else None
        const: float | None = None
        if right.kind == "num" and isinstance(right.value, int | float):
            const = right.value
        elif right.kind == "month" and _is_month(str(right.value)):
            const = month_index(str(right.value))
        if const is not None and left.kind == "name" and str(left.value) in ("date", "turn"):
            return _clock_vs_const(str(left.value) == "date", op, const)
        return compare(lf, op, rf, (index, const))

    def _policy_compare(self, left: Node, op: str, right: Node) -> Predicate:
        policy = str(left.value)
        levels = self.scope.policies[policy]
        i = list(self.scope.policies).index(policy)
        if right.kind != "name" or str(right.value) not in levels:
            self.fail(right, "unknown-level", f"'{policy}' is compared with one of its levels",
                      did_you_mean(str(right.value), levels) or "levels: " + ", ".join(levels))
            return _false
        k = levels[str(right.value)]
        return compare(lambda s: s.policies[i], op, constant(k), (None, k))

    def numeric(self, node: Node) -> Numeric:
        if node.kind == "num":
            k = node.value
            assert isinstance(k, int | float)
            return lambda s: k
        if node.kind == "month":
            if not _is_month(str(node.value)):
                self.fail(node, "expression-syntax", f"'{node.value}' is not a month")
                return _zero
            m = month_index(str(node.value))
            return lambda s: m
        if node.kind == "neg":
            inner = self.numeric(node.args[0])
            return lambda s: -inner(s)
        if node.kind == "arith":
            a, b = (self.numeric(x) for x in node.args)
            return _ARITH[str(node.value)](a, b)
        if node.kind == "name":
            return self._name(node)
        self.fail(node, "expression-type", "a yes/no condition cannot be used as a number")
        return _zero

    def _name(self, node: Node) -> Numeric:
        name = str(node.value)
        if name == "turn":
            return lambda s: s.turn
        if name == "date":
            return lambda s: s.month
        if name in self.scope.quantities:
            i = self.scope.quantities[name]
            return lambda s: s.values[i]
        if name in self.scope.tolerances:
            t = self.scope.tolerances[name]
            return lambda s: s.tolerances[t]
        if name in self.scope.flags:
            self.fail(node, "expression-type", f"'{name}' is a flag (set or not), not a number",
                      f"test it on its own: '{name}' or 'not {name}'")
            return _zero
        if name in self.scope.policies:
            self.fail(node, "expression-type", f"policy '{name}' must be compared with a level",
                      f"for example '{name} >= {next(iter(self.scope.policies[name]))}'")
            return _zero
        self.fail(node, "unknown-name", f"unknown name '{name}'",
                  did_you_mean(name, self.scope.numeric_names() + sorted(self.scope.flags)))
        return _zero


_ARITH: dict[str, Callable[[Numeric, Numeric], Numeric]] = {
    "+": lambda a, b: lambda s: a(s) + b(s),
    "-": lambda a, b: lambda s: a(s) - b(s),
    "*": lambda a, b: lambda s: a(s) * b(s),
    "/": lambda a, b: lambda s: a(s) / b(s) if b(s) else 0,
}
