"""The draw's and the watched endings' conditions as generated Python, from their explainable trees.

Testing the month's deck calls each card's compiled condition, a tree of
closures (one call per node); so does checking the watched endings every
turn. Here they become two generated functions whose bodies are the whole
tests inline, read off the conditions' explainable trees
(``Runtime.conditions``, which hold exactly when the closures do, see
``game.engine.explain``; ``game.engine.gencode`` writes each as an
expression). The draw tests the cards grouped by window (``_deck``), so a
month never looks at a card whose window excludes it, and leaves out of a
card's condition the date and turn tests its window guarantees.

The source is built only from our own tokens, slot indices and numbers
written with ``repr`` of an ``int`` or a finite ``float``: a flag or card id
is a name (``N3``) bound to the string in the functions' globals, never
written into the code (``check`` refuses anything else). It is compiled once
per runtime, on first use, and run without builtins. A condition without a
tree (a runtime built without them) or with a part the emitter does not know
keeps its closure.
"""

from __future__ import annotations

import ast
import re
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from typing import TYPE_CHECKING

from game.engine import explain as x
from game.engine.gencode import FAR, Emitter, Unsupported, divide, inside_window, whole

if TYPE_CHECKING:
    from game.engine.runtime import CEvent, Runtime
    from game.engine.state import State

_TABLES = "    v, t, fl, fi, po = s.values, s.tolerances, s.flags, s.fired, s.policies"


@dataclass(frozen=True, slots=True)
class Generated:
    """The generated tests of one runtime."""

    # the month's deck tested, as ``turn._draw`` does: the indices in ``Runtime.conditional`` (in
    # pack order) of the conditional cards whose window admits the month and turn, not used up or
    # cooling down, not on the desk, whose condition holds
    draw: Callable[[State, list[str]], list[int]]
    watch: Callable[[State], str | None]  # the first watched ending that holds, in order, or None
    generated: int  # how many conditions became code (the rest kept their closures)
    weights: tuple[int, ...]  # each conditional card's weight, by index
    ids: tuple[str, ...]  # each conditional card's id, by index


def _sides(window: tuple[int, ...], which: tuple[int, ...]) -> str:
    """The tests of a window's bounded sides among ``which`` (0 month from, 1 month to, 2 turn from,
    3 turn to), joined by ``and``; "" when none is bounded."""
    text = {0: "{} <= month", 1: "month <= {}", 2: "{} <= turn", 3: "turn <= {}"}
    return " and ".join(text[k].format(whole(window[k])) for k in which
                        if window[k] != (-FAR if k in (0, 2) else FAR))


def _card(em: Emitter, j: int, ev: CEvent, tree: x.Cond | None, env: dict[str, object]) -> str:
    """The test of one conditional card inside its window, as ``_draw`` does: not used up, not cooling
    down, its condition, not on the desk (the cheapest and most often false first)."""
    key = em.name(ev.id)
    # used up (once and played) or cooling down (played within ``cooldown`` turns): not drawn
    fresh = f"{key} not in fi" if ev.once else f"({key} not in fi or turn - fi[{key}] > {whole(ev.cooldown)})"
    test = ""
    if ev.when is not None:
        try:
            if tree is None:
                raise Unsupported(ev.id)
            inside = em.cond(inside_window(tree, ev.window))
            test = "" if inside == "True" else " and " + inside
        except Unsupported:
            env[f"W{j}"] = ev.when
            test = f" and W{j}(s)"
    return f"{fresh}{test} and {key} not in cards"


_CHAIN = 16  # the deepest run of nested "month <= ..." tests (Python allows 100 levels of indentation)


def _deck(em: Emitter, rt: Runtime, env: dict[str, object]) -> tuple[list[str], int]:
    """The lines testing the conditional cards, each appending its index to ``out`` if it may be drawn.

    The cards are tested grouped by window, so that a month tests each distinct window once and
    never looks at the cards whose window excludes it: first the cards open from the start, then
    by the month they open, in order, the test ending (the indices put back in deck order) at the
    first group not open yet; inside a group, by the month they close, latest first, each test
    nested in the one before (a month past one is past the rest). A card whose window or cooldown
    is not whole numbers is tested by its closures, first.
    """
    groups: dict[int, dict[tuple[int, int, int], list[str]]] = {}
    lines: list[str] = []
    made = 0
    for j, ev in enumerate(rt.conditional):
        tree = rt.conditions.get(f"event:{ev.id}")
        made += ev.when is not None and tree is not None
        try:
            _sides(ev.window, (0, 1, 2, 3))  # whole numbers, or the closures
            test = _card(em, j, ev, tree, env)
        except Unsupported:
            env[f"Y{j}"] = partial(_closure_test, ev)
            lines += [f"    if Y{j}(s, cards):", f"        out.append({j})"]
            continue
        inner = groups.setdefault(ev.window[0], {}).setdefault(ev.window[1:], [])
        inner += [f"if {test}:", f"    out.append({j})"]
    for lo in sorted(groups):
        if lo != -FAR:
            lines += [f"    if month < {whole(lo)}:", "        out.sort()", "        return out"]
        lines += _closing(groups[lo])
    return lines, made


def _closing(group: dict[tuple[int, int, int], list[str]]) -> list[str]:
    """One opening month's cards, by the rest of their windows (month to, turn from, turn to): the
    cards closing at the same month under one test, the latest first, nested."""
    lines: list[str] = []
    chain: list[tuple[int, list[str]]] = []
    for rest, body in group.items():
        window = (-FAR, *rest)
        if rest[1:] == (-FAR, FAR):
            chain.append((rest[0], body))  # closing at a month (or never)
        else:
            lines += [f"    if {_sides(window, (1, 2, 3))}:", *("        " + b for b in body)]
    depth = 0
    for hi, body in sorted(chain, key=lambda item: -item[0]):
        if hi != FAR:
            depth = 0 if depth == _CHAIN else depth
            lines.append("    " * (depth + 1) + f"if month <= {whole(hi)}:")
            depth += 1
        lines += ["    " * (depth + 1) + b for b in body]
    return lines


def _closure_test(ev: CEvent, s: State, cards: list[str]) -> bool:
    """One card's test as ``_draw`` wrote it with closures, for a card outside the generated code."""
    last = s.fired.get(ev.id)
    return (ev.window[0] <= s.month <= ev.window[1] and ev.window[2] <= s.turn <= ev.window[3]
            and (last is None or not ev.once and s.turn - last > ev.cooldown) and ev.id not in cards
            and (ev.when is None or ev.when(s)))


def _source(rt: Runtime, em: Emitter, env: dict[str, object]) -> tuple[str, int]:
    """The module's source: the month's deck tested in one function, and the watched endings in one."""
    em.clock = ""
    lines, made = _deck(em, rt, env)
    em.clock = "s."
    draw = ["def draw(s, cards):", _TABLES, "    turn, month = s.turn, s.month", "    out = []",
            *lines, "    out.sort()", "    return out"]
    tests = []
    for j, (ending_id, closure) in enumerate(rt.watch):
        tree = rt.conditions.get(f"ending:{ending_id}")
        try:
            test = em.cond(tree) if tree is not None else None
        except Unsupported:
            test = None
        if test is None:
            env[f"X{j}"] = closure
            test = f"X{j}(s)"
        else:
            made += 1
        tests.append(f"    if {test}:\n        return {em.name(ending_id)}")
    watch = ["def watch(s):", _TABLES, *tests, "    return None"]
    return "\n".join(draw) + "\n\n\n" + "\n".join(watch) + "\n", made


def source(rt: Runtime) -> tuple[str, dict[str, object], int]:
    """The generated module's source, the globals it runs with, and how many conditions are code."""
    em = Emitter()
    env: dict[str, object] = {"__builtins__": {}, "_div": divide}
    text, made = _source(rt, em, env)
    env.update({name: value for value, name in em.names.items()})
    return text, env, made


_NODES = (ast.Module, ast.FunctionDef, ast.arguments, ast.arg, ast.Return, ast.Assign, ast.If, ast.Expr,
          ast.Call, ast.Name, ast.Load, ast.Store, ast.Attribute, ast.Subscript, ast.Constant, ast.Tuple,
          ast.List, ast.Compare, ast.BoolOp, ast.And, ast.Or, ast.UnaryOp, ast.Not, ast.USub,
          ast.BinOp, ast.Add, ast.Sub, ast.Mult, ast.Lt, ast.LtE, ast.Gt, ast.GtE, ast.Eq, ast.NotEq, ast.In,
          ast.NotIn, ast.Is)
_NAMES = re.compile(r"[NWYX][0-9]{1,9}|s|v|t|fl|fi|po|out|cards|turn|month|_div|draw|watch")
_ATTRIBUTES = frozenset(("s.turn", "s.month", "s.values", "s.tolerances", "s.flags", "s.fired", "s.policies",
                         "out.append", "out.sort"))


def check(text: str) -> ast.Module:
    """Parse generated source and refuse any node, name, attribute or constant this module never writes."""
    tree = ast.parse(text)
    for node in ast.walk(tree):
        if not isinstance(node, _NODES):
            raise ValueError(f"generated conditions: {type(node).__name__} is not allowed")
        if isinstance(node, ast.Name) and not _NAMES.fullmatch(node.id):
            raise ValueError(f"generated conditions: name '{node.id}' is not allowed")
        if isinstance(node, ast.Attribute) and ast.unparse(node) not in _ATTRIBUTES:
            raise ValueError(f"generated conditions: '{ast.unparse(node)}' is not allowed")
        if isinstance(node, ast.Constant) and type(node.value) not in (int, float, bool, type(None)):
            raise ValueError(f"generated conditions: a {type(node.value).__name__} constant is not allowed")
    return tree


def generate(rt: Runtime) -> Generated:
    """Compile the runtime's draw and watch conditions into generated functions (once per runtime),
    the source checked by ``check`` first."""
    text, env, made = source(rt)
    exec(compile(check(text), "<generated conditions>", "exec"), env)  # noqa: S102 (checked, our tokens only)
    return Generated(env["draw"], env["watch"], made,  # type: ignore[arg-type]
                     tuple(ev.weight for ev in rt.conditional), tuple(ev.id for ev in rt.conditional))


def generated(rt: Runtime) -> Generated:
    """The runtime's generated tests, built on first use."""
    gen = rt.generated
    if gen is None:
        gen = rt.generated = generate(rt)
    return gen  # type: ignore[no-any-return]
