"""The AST whitelist: emitted source may hold only the emitter's own shapes, names and integers."""

from __future__ import annotations

import ast
import re

NODES: tuple[type[ast.AST], ...] = (
    ast.Module, ast.FunctionDef, ast.arguments, ast.arg, ast.Return, ast.Assign, ast.If, ast.Pass,
    ast.Expr, ast.Call, ast.Name, ast.Load, ast.Store, ast.Subscript, ast.Constant, ast.Tuple,
    ast.Compare, ast.BoolOp, ast.And, ast.Or, ast.UnaryOp, ast.Not, ast.USub, ast.BinOp, ast.Add,
    ast.Sub, ast.Mult, ast.IfExp, ast.NamedExpr, ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.Eq, ast.NotEq,
)
VARIABLES = frozenset({"v", "k", "t", "r"})  # the state, the effects' context, two scratch names
HELPERS = frozenset({"W", "S", "D", "F"})  # given by the loader (see game.fast.emit)
FUNCTION = re.compile(r"[acdnxwmo][0-9]{1,9}")
PARAMS = (("v",), ("v", "k"))


class UnsafeSource(ValueError):
    """Emitted source that the whitelist refuses."""


def check(source: str) -> ast.Module:
    """Parse ``source`` and refuse any node, name or constant the emitter never writes."""
    try:
        tree = ast.parse(source)
    except (SyntaxError, RecursionError, MemoryError) as exc:
        raise UnsafeSource(f"the source does not parse: {exc}") from exc
    for node in ast.walk(tree):
        if not isinstance(node, NODES):
            raise UnsafeSource(f"{type(node).__name__} is not allowed (line {getattr(node, 'lineno', '?')})")
        if isinstance(node, ast.Module) and not all(isinstance(s, ast.FunctionDef) for s in node.body):
            raise UnsafeSource("a module holds only function definitions")
        _check_node(node)
    return tree


def _check_node(node: ast.AST) -> None:
    if isinstance(node, ast.FunctionDef):
        args = node.args
        if not FUNCTION.fullmatch(node.name) or node.decorator_list or node.returns or \
                args.posonlyargs or args.kwonlyargs or args.vararg or args.kwarg or args.defaults or \
                tuple(a.arg for a in args.args) not in PARAMS or any(a.annotation for a in args.args):
            raise UnsafeSource(f"function '{node.name}' is not one the emitter writes")
    elif isinstance(node, ast.Name):
        if node.id not in VARIABLES and node.id not in HELPERS and not FUNCTION.fullmatch(node.id):
            raise UnsafeSource(f"name '{node.id}' is not allowed")
        if isinstance(node.ctx, ast.Store) and node.id not in ("t", "r"):
            raise UnsafeSource(f"'{node.id}' may not be assigned")
    elif isinstance(node, ast.Constant):
        if type(node.value) not in (int, bool):
            raise UnsafeSource(f"constant {type(node.value).__name__} is not allowed: integers only")
    elif isinstance(node, ast.Call):
        if not isinstance(node.func, ast.Name) or node.keywords or \
                not (node.func.id in HELPERS or FUNCTION.fullmatch(node.func.id)):
            raise UnsafeSource("only the emitter's functions and helpers may be called")
    elif isinstance(node, ast.Subscript):
        if not isinstance(node.value, ast.Name) or node.value.id not in ("v", "F"):
            raise UnsafeSource("only the state and the float table may be indexed")
        if not isinstance(node.slice, ast.Constant):
            raise UnsafeSource("indices are integer constants")
    elif isinstance(node, ast.NamedExpr) and node.target.id != "t":
        raise UnsafeSource("only the scratch name 't' may be bound in an expression")
    elif isinstance(node, ast.Assign) and (
            len(node.targets) != 1 or not isinstance(node.targets[0], ast.Name | ast.Subscript)):
        raise UnsafeSource("one plain target per assignment")
