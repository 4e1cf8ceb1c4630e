"""The names a pack defines, and the sink for positioned reference errors."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass

from game.content.diagnostics import Diagnostic, did_you_mean
from game.content.yamlsrc import Document, Path
from game.engine.record import Record


class Where:
    """A place in the pack: a document and a path inside it.

    A place below another (``where / "choices" / 2``) spells its path out only
    when it is asked for: the compiler names a place for every check, and most
    places never hold an error.
    """

    __slots__ = ("doc", "_path", "_up", "_part")

    def __init__(self, doc: Document, path: Path) -> None:
        self.doc = doc
        self._path: Path | None = path
        self._up: Where | None = None
        self._part: str | int = 0

    @property
    def path(self) -> Path:
        """The path inside the document."""
        if self._path is None:
            assert self._up is not None
            self._path = (*self._up.path, self._part)
        return self._path

    def __truediv__(self, part: str | int) -> Where:
        below = _new(Where)
        below.doc, below._path, below._up, below._part = self.doc, None, self, part
        return below

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Where) and (self.doc, self.path) == (other.doc, other.path)

    __hash__ = None  # type: ignore[assignment]  # as a dataclass: mutable, compared by value

    def __repr__(self) -> str:
        return f"Where(doc={self.doc!r}, path={self.path!r})"


_new = object.__new__


@dataclass(init=False, repr=False, eq=False, slots=True)  # its methods: see game.engine.record
class Scope(Record):
    """Ids by kind, for resolving references; collects diagnostics. Made empty; the compiler fills it."""

    quantities: dict[str, int]
    tolerances: dict[str, int]
    flags: set[str]
    events: set[str]
    policies: dict[str, dict[str, int]]
    paragraphs: set[str]
    advisors: set[str]
    endings: set[str]
    scores: set[str]
    difficulties: set[str]
    errors: list[Diagnostic]
    used_flags: set[str]
    flag_tests: dict[str, Where]  # each tested flag's first test
    removed: dict[tuple[str, str], str]  # (kind, id) a mod removed: by whom
    set_flags: set[str]
    cited: set[str]

    def __init__(self) -> None:
        self.quantities = {}
        self.tolerances = {}
        self.flags = set()
        self.events = set()
        self.policies = {}
        self.paragraphs = set()
        self.advisors = set()
        self.endings = set()
        self.scores = set()
        self.difficulties = set()
        self.errors = []
        self.used_flags = set()
        self.flag_tests = {}
        self.removed = {}
        self.set_flags = set()
        self.cited = set()

    def error(self, where: Where, code: str, message: str, hint: str | None = None,
              *, key: bool = False, offset: int | None = None) -> None:
        """Record an error at a place (optionally at a key, or an offset into a scalar)."""
        pos = where.doc.pos(where.path, key=key)
        column = pos.column
        if offset is not None and where.path in where.doc.values:
            if pos.style is None:
                column += offset
            elif pos.style in ("'", '"'):
                column += offset + 1
        self.errors.append(Diagnostic(where.doc.file, pos.line, column, code, message, hint))

    def check(self, kind: str, name: str, known: Collection[str], where: Where,
              *, key: bool = False) -> bool:
        """Check that ``name`` is a known id of ``kind``; record an error if not."""
        if name in known:
            return True
        label = "meter or actor" if kind == "quantity" else kind
        gone = self.removed.get((kind, name))
        message = f"unknown {label} '{name}'" + (f": {gone}" if gone else "")
        hint = flag_hint(name, known) if kind == "flag" else did_you_mean(name, known)
        self.error(where, f"unknown-{kind.replace(' ', '-')}", message, hint, key=key)
        return False

    def tested(self, flag: str, where: Where) -> None:
        """Count a flag as tested, and remember where it was first tested."""
        self.used_flags.add(flag)
        self.flag_tests.setdefault(flag, where)

    def cite(self, ids: list[str], where: Where) -> None:
        """Check paragraph citations and count them as cited."""
        for i, pid in enumerate(ids):
            if self.check("paragraph", pid, self.paragraphs, where / i):
                self.cited.add(pid)

    def numeric_names(self) -> list[str]:
        """Every name that may stand for a number in an expression."""
        return [*self.quantities, *self.tolerances, *self.policies, "turn", "date"]


def flag_hint(name: str, known: Collection[str]) -> str:
    """The hint for an unknown flag: a near name (likely a typo), else how to declare a new one."""
    return did_you_mean(name, known) or (f"a new flag is declared under 'flags:' ('- {{id: {name}, "
                                         f"description: ...}}') and set by an effect 'set_flag: {name}'")
