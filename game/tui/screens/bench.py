"""The test bench (`play --debug`): type a command, with fuzzy matches and completion for its name.

`fire CARD`, `set QUANTITY N`, `flag FLAG on|off`, `jump YYYY-MM`: `game.bench` carries them
out and words their errors (with its did-you-mean hints). Under the line, the cards, quantities,
flags or months that match the word being typed (fuzzy, best first); tab completes the best.
A command that changes the desk (fire, jump) closes the bench so that the month is shown anew.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.fuzzy import Matcher
from textual.screen import ModalScreen
from textual.suggester import Suggester
from textual.widgets import Input, Static

from game.engine.state import month_label, month_text
from game.session import Session

VERBS = {"fire": "put a card on this month's desk now", "set": "set a meter or a relation",
         "flag": "set or clear a flag", "jump": "move forward to a month (its cards are drawn anew)"}
NUMBER = "a whole number"  # what the bench wants after `set QUANTITY`
SHOWN = 6  # matches listed under the line


def candidates(session: Session, verb: str) -> list[tuple[str, str]]:
    """What the word after ``verb`` can be: (word, what it is), in the pack's order."""
    rt = session.rt
    if verb == "fire":
        return [(e.id, e.title) for e in rt.pack.items("events")]
    if verb == "set":
        return [(q, f"now {session.state.values[i]} ({rt.qmin[i]} to {rt.qmax[i]})")
                for q, i in rt.qindex.items()]
    if verb == "flag":
        return [(f.id, "set" if f.id in session.state.flags else "not set") for f in rt.pack.items("flags")]
    if verb == "jump":
        state = session.state
        last = state.month + session.turns - state.turn
        return [(month_text(m), month_label(m)) for m in range(state.month + 1, last + 1)]
    return []


def matches(session: Session, text: str) -> tuple[list[tuple[str, str]], int]:
    """The candidates for the word being typed, best first, and which word it is (0: the verb)."""
    words = text.split()
    position = len(words) - (0 if not words or text.endswith(" ") else 1)
    typed = "" if text.endswith(" ") or not words else words[-1]
    if position == 0:
        pool = list(VERBS.items())
    elif position == 1:
        pool = candidates(session, words[0])
    elif position == 2 and words[0] == "flag":
        pool = [("on", "set the flag"), ("off", "clear the flag")]
    elif position == 2 and words[0] == "set":
        return [(NUMBER, about) for qid, about in candidates(session, "set") if qid == words[1]], position
    else:
        return [], position
    if not typed:
        return pool, position
    matcher = Matcher(typed)
    scored = [(matcher.match(f"{word} {about}") + 2 * matcher.match(word), word, about)
              for word, about in pool]
    scored = [s for s in scored if s[0] > 0]
    scored.sort(key=lambda s: (not s[1].startswith(typed), -s[0]))
    return [(word, about) for _, word, about in scored], position


def completed(session: Session, text: str) -> str:
    """The line with the word being typed replaced by its best match (and a space after it)."""
    found, position = matches(session, text)
    if not found or found[0][0] == NUMBER:
        return text
    words = text.split()[:position]
    return " ".join([*words, found[0][0]]) + " "


class BenchSuggester(Suggester):
    """Suggests the completion of a word that starts the best match (shown greyed after the cursor)."""

    def __init__(self, session: Session) -> None:
        super().__init__(use_cache=False, case_sensitive=True)
        self.session = session

    async def get_suggestion(self, value: str) -> str | None:
        if not value or value.endswith(" "):
            return None
        best = completed(self.session, value).rstrip()
        return best if best.startswith(value) and best != value else None


class BenchScreen(ModalScreen[bool]):
    """Type bench commands; escape goes back to the desk (redrawn if the bench changed anything)."""

    DEFAULT_CSS = """
    #bench-dialog { width: 90; }
    #bench-matches { height: auto; min-height: 1; color: $text-muted; margin-top: 1; }
    #bench-log { height: auto; margin-top: 1; }
    #bench-mark { color: $text-warning; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Back to the desk", id="bench_back"),
        Binding("tab", "complete", "Complete", id="bench_complete"),
    ]

    def __init__(self, session: Session, text: str = "") -> None:
        super().__init__()
        self.session = session
        self.text = text
        self.changed = False

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog", id="bench-dialog"):
            yield Static(Content.assemble(("Test bench", "bold $accent"),
                                          f"  {self.session.date}, turn {self.session.state.turn}"))
            yield Static(self.mark_text(), id="bench-mark")
            yield Input(self.text, placeholder="fire CARD · set QUANTITY N · flag FLAG on|off · jump YYYY-MM",
                        suggester=BenchSuggester(self.session), select_on_focus=False, id="bench-line")
            yield Static("", id="bench-matches")
            yield Static("", id="bench-log")
            yield Static("enter: run · tab: complete · esc: back to the desk (a change redraws the month: "
                         "its answers are asked again)", classes="hint")

    def on_mount(self) -> None:
        self.show_matches(self.text)

    def mark_text(self) -> str:
        if self.session.options.get("debug"):
            return "This is a bench campaign: the bench has changed it, so its saves never verify."
        return "The bench's first change marks this campaign: from then on its saves never verify."

    @on(Input.Changed, "#bench-line")
    def typed(self, event: Input.Changed) -> None:
        self.show_matches(event.value)

    def show_matches(self, text: str) -> None:
        found, position = matches(self.session, text)
        lines = [Content.assemble((f"{word:<28}", "bold"), " ", about) for word, about in found[:SHOWN]]
        if len(found) > SHOWN:
            lines.append(Content(f"… and {len(found) - SHOWN} more: type to narrow"))
        if not found and position <= 1 and text.strip():
            lines.append(Content("nothing matches"))
        self.query_one("#bench-matches", Static).update(Content("\n").join(lines))

    def action_complete(self) -> None:
        """Replace the word being typed by its best match."""
        line = self.query_one("#bench-line", Input)
        line.value = completed(self.session, line.value)
        line.cursor_position = len(line.value)

    @on(Input.Submitted, "#bench-line")
    def run(self, event: Input.Submitted) -> None:
        from game.bench import BENCH_HELP, BenchError, command

        log = self.query_one("#bench-log", Static)
        text = event.value.strip()
        if not text:
            log.update(Content(BENCH_HELP))
            return
        try:
            message, desk_changed = command(self.session, text)
        except BenchError as exc:
            log.update(Content.assemble(("✕ ", "bold $text-error"), str(exc)))
            return
        self.changed = True
        if desk_changed:
            self.notify(f"{message}. This campaign's saves will not verify.", title="Test bench")
            self.dismiss(True)
            return
        log.update(Content.assemble(("✓ ", "bold $text-success"), message))
        self.query_one("#bench-mark", Static).update(self.mark_text())
        event.input.value = ""

    def action_close(self) -> None:
        self.dismiss(self.changed)

