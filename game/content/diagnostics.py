"""Diagnostics: positioned errors collected while loading a content pack."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass

from game.engine.record import Frozen, set_field


@dataclass(init=False, repr=False, eq=False, slots=True)  # its methods: see game.engine.record
class Diagnostic(Frozen):
    """One problem in a pack, at a 1-based file:line:column."""

    file: str
    line: int
    column: int
    code: str
    message: str
    hint: str | None
    severity: str

    def __init__(self, file: str, line: int, column: int, code: str, message: str,
                 hint: str | None = None, severity: str = "error") -> None:
        set_field(self, "file", file)
        set_field(self, "line", line)
        set_field(self, "column", column)
        set_field(self, "code", code)
        set_field(self, "message", message)
        set_field(self, "hint", hint)
        set_field(self, "severity", severity)

    def render(self) -> str:
        """The `path:line:column: error[code]: message` form, with its hint."""
        text = f"{self.file}:{self.line}:{self.column}: {self.severity}[{self.code}]: {self.message}"
        if self.hint:
            text += f"\n  hint: {self.hint}"
        return text

    def to_json(self) -> dict[str, object]:
        """The diagnostic as a JSON-ready mapping."""
        return asdict(self)


class PackError(Exception):
    """Raised when a pack cannot be loaded; carries every diagnostic found."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        self.diagnostics = diagnostics
        super().__init__("\n".join(d.render() for d in diagnostics))


def did_you_mean(name: str, candidates: Iterable[str]) -> str | None:
    """A 'did you mean' hint naming the closest candidate, if one is near."""
    import difflib  # only when there is an error to explain

    matches = difflib.get_close_matches(name, list(candidates), n=1, cutoff=0.6)
    return f"did you mean '{matches[0]}'?" if matches else None


def sort_key(d: Diagnostic) -> tuple[bool, str, int, int, str]:
    """Order diagnostics by file, then position; a follow-on summary after the errors it follows."""
    return (d.code == "follow-on", d.file, d.line, d.column, d.code)
