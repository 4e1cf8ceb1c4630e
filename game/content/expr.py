"""The compact expression language: a tokenizer and recursive-descent parser.

Grammar (lowest precedence first)::

    expr    := and ('or' and)*
    and     := unary ('and' unary)*
    unary   := 'not' unary | compare
    compare := sum (('<'|'<='|'>'|'>='|'=='|'!=') sum)?
    sum     := product (('+'|'-') product)*
    product := atom (('*'|'/') atom)*
    atom    := NUMBER | MONTH | NAME | NAME '(' NAME ')' | '(' expr ')' | '-' atom

Names are resolved by the compiler (meters, actors, flags, policies,
tolerances, ``turn``, ``date``); ``fired(event)`` and ``flag(name)`` are the
two functions; ``2018-03`` is a month. Nothing is ever evaluated by Python.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from game.content.limits import (
    MAX_EXPR_DEPTH,
    MAX_EXPR_NESTING,
    MAX_EXPR_TOKENS,
    MAX_NUMBER,
    MAX_NUMBER_CHARS,
)
from game.engine.record import Frozen, set_field

_TOKEN = re.compile(
    r"\s*(?:(?P<month>\d{4}-\d{2})\b|(?P<num>\d+(?:\.\d+)?)|(?P<name>[A-Za-z_][A-Za-z0-9_.]*)"
    r"|(?P<op><=|>=|==|!=|<|>|\+|-|\*|/|\(|\)))"
)
COMPARE = ("<", "<=", ">", ">=", "==", "!=")
FUNCTIONS = ("fired", "flag")


class ExprError(ValueError):
    """A syntax error at a 0-based offset in the expression text."""

    def __init__(self, message: str, offset: int) -> None:
        super().__init__(message)
        self.message = message
        self.offset = offset


@dataclass(init=False, repr=False, eq=False, slots=True)  # its methods: see game.engine.record
class Node(Frozen):
    """A node of the parsed expression: ``kind`` with its operands.

    ``kind``: num, month, name, call, neg, arith, compare, and, or, not; ``depth``: of the
    tree below and including this node.
    """

    kind: str
    offset: int
    value: object
    args: tuple[Node, ...]
    depth: int

    def __init__(self, kind: str, offset: int, value: object = None, args: tuple[Node, ...] = (),
                 depth: int = 1) -> None:
        set_field(self, "kind", kind)
        set_field(self, "offset", offset)
        set_field(self, "value", value)
        set_field(self, "args", args)
        set_field(self, "depth", depth)


def _node(kind: str, offset: int, value: object, args: tuple[Node, ...]) -> Node:
    """A node over its operands, refused when the tree grows deeper than the limit."""
    depth = 1 + max(a.depth for a in args)
    if depth > MAX_EXPR_DEPTH:
        raise ExprError(f"the expression is nested too deeply (more than {MAX_EXPR_DEPTH} levels of "
                        "operators): split it into several conditions", offset)
    return Node(kind, offset, value, args, depth)


def _number(text: str, offset: int) -> Node:
    if len(text) > MAX_NUMBER_CHARS:
        raise ExprError(f"the number {text[:12]}... ({len(text):,} digits) is too large: numbers in a "
                        f"pack lie between -{MAX_NUMBER:,} and {MAX_NUMBER:,}", offset)
    value = float(text) if "." in text else int(text)
    if abs(value) > MAX_NUMBER:
        raise ExprError(f"the number {text} is too large: numbers in a pack lie between "
                        f"-{MAX_NUMBER:,} and {MAX_NUMBER:,}", offset)
    return Node("num", offset, value)


def _is_zero(node: Node) -> bool:
    while node.kind == "neg":
        node = node.args[0]
    return node.kind == "num" and node.value == 0


def tokenize(text: str) -> list[tuple[str, str, int]]:
    """Split the text into (kind, text, offset) tokens."""
    tokens: list[tuple[str, str, int]] = []
    pos = 0
    end = len(text.rstrip())  # past it only spaces are left
    while pos < end:
        match = _TOKEN.match(text, pos)
        if match is None or match.end() == pos:
            start = len(text) - len(text[pos:].lstrip())
            raise ExprError(f"unexpected character {text[start]!r}", start)
        kind = match.lastgroup or "op"
        tokens.append((kind, match.group(kind), match.start(kind)))
        if len(tokens) > MAX_EXPR_TOKENS:
            raise ExprError(f"the expression is too long (more than {MAX_EXPR_TOKENS:,} names, numbers "
                            "and operators): split it into several conditions", match.start(kind))
        pos = match.end()
    tokens.append(("end", "", len(text)))
    return tokens


class _Parser:
    def __init__(self, text: str) -> None:
        self.tokens = tokenize(text)
        self.i = 0
        self.nesting = 0  # parentheses, `not` and unary minus open at the current token

    def enter(self, offset: int) -> None:
        self.nesting += 1
        if self.nesting > MAX_EXPR_NESTING:
            raise ExprError(f"the expression is nested too deeply (more than {MAX_EXPR_NESTING} levels of "
                            "parentheses, 'not' or '-')", offset)

    def peek(self) -> tuple[str, str, int]:
        return self.tokens[self.i]

    def take(self) -> tuple[str, str, int]:
        token = self.tokens[self.i]
        self.i += 1
        return token

    def word(self, *words: str) -> bool:
        kind, text, _ = self.peek()
        return kind in ("name", "op") and text in words

    def expect(self, text: str) -> None:
        kind, got, offset = self.take()
        if got != text:
            raise ExprError(f"expected '{text}' but found {_show(kind, got)}", offset)

    def parse(self) -> Node:
        node = self.or_()
        kind, text, offset = self.peek()
        if kind != "end":
            raise ExprError(f"unexpected {_show(kind, text)} after a complete expression", offset)
        return node

    def or_(self) -> Node:
        return self._chain("or", self.and_)

    def and_(self) -> Node:
        return self._chain("and", self.unary)

    def _chain(self, word: str, inner: object) -> Node:
        assert callable(inner)
        first = inner()
        items = [first]
        while self.word(word):
            self.take()
            items.append(inner())
        return first if len(items) == 1 else _node(word, first.offset, None, tuple(items))

    def unary(self) -> Node:
        if self.word("not"):
            _, _, offset = self.take()
            self.enter(offset)
            node = _node("not", offset, None, (self.unary(),))
            self.nesting -= 1
            return node
        return self.compare()

    def compare(self) -> Node:
        left = self.sum()
        kind, text, offset = self.peek()
        if kind == "op" and text in COMPARE:
            self.take()
            return _node("compare", offset, text, (left, self.sum()))
        return left

    def sum(self) -> Node:
        node = self.product()
        while self.word("+", "-"):
            _, op, offset = self.take()
            node = _node("arith", offset, op, (node, self.product()))
        return node

    def product(self) -> Node:
        node = self.atom()
        while self.word("*", "/"):
            _, op, offset = self.take()
            right = self.atom()
            if op == "/" and _is_zero(right):
                raise ExprError("division by zero", right.offset)
            node = _node("arith", offset, op, (node, right))
        return node

    def atom(self) -> Node:
        kind, text, offset = self.take()
        if kind == "num":
            return _number(text, offset)
        if kind == "month":
            return Node("month", offset, text)
        if kind == "op" and text == "-":
            self.enter(offset)
            node = _node("neg", offset, None, (self.atom(),))
            self.nesting -= 1
            return node
        if kind == "op" and text == "(":
            self.enter(offset)
            node = self.or_()
            self.expect(")")
            self.nesting -= 1
            return node
        if kind == "name" and text in ("and", "or", "not"):
            raise ExprError(f"expected a value but found '{text}'", offset)
        if kind == "name":
            if self.word("("):
                self.take()
                arg_kind, arg, arg_offset = self.take()
                if arg_kind != "name":
                    raise ExprError(f"{text}() takes a name, not {_show(arg_kind, arg)}", arg_offset)
                self.expect(")")
                return _node("call", offset, text, (Node("name", arg_offset, arg),))
            return Node("name", offset, text)
        raise ExprError(f"expected a value but found {_show(kind, text)}", offset)


def _show(kind: str, text: str) -> str:
    return "the end of the expression" if kind == "end" else f"'{text}'"


@lru_cache(maxsize=4096)
def parse(text: str) -> Node:
    """Parse an expression; raise ExprError with the offset of the problem.

    Parsed trees are immutable and kept: the compiler and the window reader
    (``guards``) parse the same conditions, and packs repeat many.
    """
    if not text.strip():
        raise ExprError("empty expression", 0)
    return _Parser(text).parse()
