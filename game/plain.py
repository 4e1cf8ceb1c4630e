"""The plain-text front end: line by line on stdin/stdout, for screen readers, scripts and slow links."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from typing import IO, Any

from game.chronicle import report_sections
from game.describe import card_title, format_change, name_of
from game.engine.passing import PASSED, PASSED_SAY
from game.engine.standing import month_levels
from game.engine.turn import DecisionError
from game.goals import coming_up, ending_reasons, goals_lines, locked_reason, thresholds
from game.history import basis_label, decided_notes, desk_text, held_over
from game.plain_pages import advisor_lines, brief_lines, help_text, policy_lines, timeline_lines, why_target
from game.plain_status import status_lines
from game.preview import choice_preview, lens_for
from game.saves.read import SaveError
from game.score_parts import score_parts
from game.session import Session
from game.visibility import concealed, hidden_heading, visible


def _interactive(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class Quit(Exception):
    """The player asked to leave, or input ended."""


class _Redo(Exception):
    """The month's desk changed under the player (test bench, or a reloaded pack): show it again."""


class Plain:
    """Plays a session on text streams."""

    def __init__(self, session: Session, stdin: IO[str], stdout: IO[str], width: int = 78,
                 saver: Callable[[Session, str | None], str] | None = None, *,
                 verbose: bool = False, bench: bool = False,
                 watch: Callable[[Session], Any] | None = None) -> None:
        self.s = session
        self.rt = session.rt
        self.inp = stdin
        self.out = stdout
        self.width = width
        self.saver = saver
        self.pending: dict[str, str] = {}
        self.verbose = verbose
        self.bench = bench  # `play --debug`: the test bench's commands are open
        self.watch = watch  # `play --watch`: polled before each prompt for a reloaded pack
        self.current: Any | None = None  # the card being answered
        self.answered: list[str] = []  # this month's answers so far

    def answer_help(self) -> str:
        """The help's first line: how to answer the card on the desk, with its real range."""
        n = len(self.current.choices) if self.current is not None else 0
        return f"{f'1-{n}':20}answer the card with that choice" if n else \
            f"{'NUMBER':20}answer a card with that choice (no card is on the desk now)"

    def say(self, text: str = "") -> None:
        self.out.write(text + "\n")

    def para(self, text: str, indent: str = "  ") -> None:
        self.say(textwrap.fill(" ".join(text.split()), self.width, initial_indent=indent,
                               subsequent_indent=" " * len(indent)))

    # -- the loop ---------------------------------------------------------------
    def run(self) -> int:
        """Play until an ending, 'quit' or the end of input; return 0."""
        pack = self.rt.pack
        sc = pack.get("scenarios", self.s.scenario)
        self.say(f"HONORABLE EXIT - {sc.title} ({self.s.difficulty}), seed {self.s.seed}")
        self.say("Type a number to choose, or 'help' for the commands.")
        try:
            while not self.s.finished:
                self.turn()
        except Quit as stop:
            self.say(str(stop))
            return 0
        self.ending()
        return 0

    def turn(self) -> None:
        s = self.s
        self.say("")
        self.say(f"=== {s.date} - turn {s.state.turn} of {s.turns} ===")
        self.report()
        while True:
            try:
                choices = self.answer_cards()
                break
            except _Redo:
                s = self.s
                self.say("")
                self.say(f"=== {s.date} - turn {s.state.turn} of {s.turns} (the desk changed) ===")
        try:
            decision = s.decide(choices, self.pending)
            s.play(decision)
        except DecisionError as exc:  # a policy became impossible: keep the old levels
            self.say(f"Policy change refused: {exc}. Keeping the current policies.")
            s.play(s.decide(choices))
        self.pending = {}
        self.history_notes()
        if self.saver is not None:
            try:
                self.saver(s, None)
            except SaveError as exc:
                self.say(f"  Autosave failed: {exc}")

    def answer_cards(self) -> list[str]:
        """Show each card of the month and read its answer."""
        choices = self.answered = []
        cards = self.s.cards()
        for n, card in enumerate(cards, 1):
            self.card(card, n, len(cards))
            choices.append(self.ask_choice(card))
        if not cards:
            self.quiet_month()
        return choices

    def bench_command(self, rest: str) -> None:
        """`debug ...`: the test bench (play --debug)."""
        from game.bench import BENCH_HELP, BenchError, command

        if not rest.strip():
            self.say(BENCH_HELP)
            return
        try:
            message, desk_changed = command(self.s, rest)
        except BenchError as exc:
            self.say(f"  {exc}")
            return
        self.say(f"  Test bench: {message}. This campaign's saves will not verify.")
        if desk_changed:
            raise _Redo()

    def poll_watch(self) -> None:
        """`play --watch`: if the pack changed, replay the campaign on it (or keep it, saying why)."""
        if self.watch is None:
            return
        got = self.watch(self.s)
        if got is None:
            return
        self.say("")
        self.say(f"  Watch: {got.message()}.")
        for error in got.errors[:10]:
            self.para(error, "    ")
        if got.session is not None:
            self.s, self.rt = got.session, got.session.rt
            self.pending = {}
            raise _Redo()

    def report(self) -> None:
        sections = report_sections(self.s, visible(self.s, self.s.report))
        self.say("Situation report:")
        if not self.s.records:  # the scenario's own terms, as the app's report gives them
            self.para(f"The campaign begins. {self.rt.pack.get('scenarios', self.s.scenario).description}")
        elif not sections:
            self.say("  Nothing moved last month.")
        for section in sections:
            self.say(f"  {section.heading}:")
            for line in section.lines:
                self.para(line, "  - ")

    def card(self, card: Any, n: int, total: int) -> None:
        self.say("")
        basis = basis_label(card)
        late = held_over(self.s, card)
        word = f" ({'; '.join(w for w in (basis and basis.lower(), late) if w)})" if basis or late else ""
        self.say(f"--- Card {n} of {total}: {card_title(card)}{word}  [cites {', '.join(card.cites)}]")
        self.current = card
        self.para(desk_text(self.s, card))
        self.say("  Choices:")
        lens = lens_for(self.s)
        for i, (choice, open_) in enumerate(zip(card.choices, self.s.available(card.id), strict=True), 1):
            if open_:
                effects = choice_preview(lens, card.id, choice.id)
                self.para(f"{i}. {choice.label} [{effects}]", "    ")
            else:
                reason = locked_reason(self.s, card.id, choice.id)
                self.para(f"{i}. (unavailable: {reason}) {choice.label}", "    ")
        if card.advice and self.verbose:
            self.advisors()
        elif card.advice:
            self.say(f"  {len(card.advice)} advisors comment: type 'advisors' to hear them.")

    def history_notes(self) -> None:
        """Once the month is decided: what actually happened, and Moscow's course beside the player's."""
        for n in decided_notes(self.s):
            if n.happened is None and n.actual is None:
                continue
            self.say(f"What actually happened - {n.title}:")
            if n.happened:
                self.para(n.happened)
            if n.sources:
                self.para(f"Sources: {n.sources}")
            if n.actual:
                same = " (as you did)" if n.same else f" (you chose: {n.chosen})"
                self.para(f"Moscow's actual course: {n.actual}{same}")

    def quiet_month(self) -> None:
        """A month with no card: still a chance to set policies, save or look around."""
        self.say("")
        self.say("A quiet month: no card needs an answer. Set policies now if you wish.")
        self.current = None
        while True:
            line = self.read("Enter to end the month (or a command) > ")
            if not line or line.isdigit():
                return
            self.command(line)

    def ask_choice(self, card: Any) -> str:
        open_ = self.s.available(card.id)
        if not any(open_):  # the card passes (game.engine.passing): nothing to answer
            self.para(PASSED_SAY, "  ")
            return PASSED
        while True:
            line = self.read(f"Choice 1-{len(card.choices)} > ")
            if line.isdigit():
                k = int(line)
                if 1 <= k <= len(card.choices) and open_[k - 1]:
                    choice = card.choices[k - 1]
                    self.para(f"-> {choice.outcome}", "  ")
                    self.discuss(card)
                    return str(choice.id)
                why = (f" {locked_reason(self.s, card.id, card.choices[k - 1].id)}"
                       if 1 <= k <= len(card.choices) else "")
                self.para(f"{k} is not an open choice on this card.{why}", "  ")
                continue
            self.command(line)

    def read(self, prompt: str) -> str:
        self.poll_watch()
        self.out.write(prompt)
        self.out.flush()
        line = self.inp.readline()
        if not line:
            self.say("")
            raise Quit("End of input: leaving the campaign.")
        if not _interactive(self.inp):  # echo piped input so the transcript reads well
            self.say(line.strip())
        self.poll_watch()  # a change while the prompt waited: the line answers the old desk, so drop it
        return line.strip()

    # -- commands -------------------------------------------------------------
    def command(self, line: str) -> None:
        word, _, rest = line.partition(" ")
        word = word.lower()
        if word in ("quit", "exit", "q"):
            raise Quit("Leaving the campaign.")
        if word in ("help", "?", "h"):
            self.say(help_text(self.answer_help()))
        elif word == "status":
            self.status()
        elif word == "goals":
            self.goals()
        elif word == "why":
            self.why(rest)
        elif word == "set":
            self.set_policy(rest)
        elif word == "policies":
            self.lines(policy_lines(self.s, self.month_levels()))
        elif word == "advisors":
            self.advisors()
        elif word == "brief":
            self.lines(brief_lines(self.s, self.current))
        elif word == "timeline":
            self.lines(timeline_lines(self.s, rest))
        elif word == "save":
            self.save(rest.strip() or None)
        elif word == "debug" and self.bench:
            self.bench_command(rest)
        elif word:
            self.say(f"  Unknown command '{word}'. Type 'help' for the commands.")

    def lines(self, lines: list[str]) -> None:
        for line in lines:
            stripped = line.lstrip(" ")
            self.para(stripped, line[: len(line) - len(stripped)] or "")

    def advisors(self) -> None:
        if self.current is None:
            self.say("  No card is on the desk.")
            return
        self.lines(advisor_lines(self.s, self.current))

    def status(self) -> None:
        for line in status_lines(self.s):
            self.say(line)
        self.policies()

    def goals(self) -> None:
        for line in goals_lines(self.s):
            self.say(line)
        coming = coming_up(self.s)
        self.say("Coming up:" if coming else "Coming up: no follow-up card is scheduled.")
        for line in coming:
            self.say(f"  {line}")

    def policies(self) -> None:
        self.say("Standing policies (set POLICY LEVEL):")
        levels = self.month_levels()
        for policy in self.rt.pack.policies:
            names = [lv.id if lv.id != levels[policy.id] else f"[{lv.id}]" for lv in policy.levels]
            self.say(f"  {policy.id:10} {' '.join(names)}")

    def month_levels(self) -> dict[str, str]:
        """The levels this month will apply: the answers' set_policy so far, then the changes asked."""
        return month_levels(self.rt, self.s.state, self.answered, self.s.policy_levels() | self.pending)

    def set_policy(self, rest: str) -> None:
        parts = rest.split()
        if len(parts) != 2:
            self.say("  Usage: set POLICY LEVEL (e.g. set posture drawdown)")
            return
        policy, level = parts
        if policy not in self.rt.policy_index:
            self.say(f"  Unknown policy '{policy}'. Policies: {', '.join(self.rt.policy_index)}")
            return
        p = self.rt.policies[self.rt.policy_index[policy]]
        if level not in p.level_index:
            self.say(f"  Unknown level '{level}'. Levels: {', '.join(p.level_index)}")
            return
        reason = self.s.level_reason(policy, level)
        if reason:
            self.say(f"  Not now: {reason}")
            return
        self.pending[policy] = level
        self.say(f"  {name_of(self.rt, 'policy:' + policy)} will be {level} this month.")

    def why(self, text: str) -> None:
        target, problem = why_target(self.s, text)
        if target is None:
            self.para(problem, "  ")
            return
        if target in concealed(self.s):
            self.say(f"  {name_of(self.rt, target)} is hidden until the campaign ends "
                     "(teaching mode shows it).")
            return
        changes = self.s.why(target)
        self.say(f"{name_of(self.rt, target)}: now {self.s.value(target)}")
        if not changes:
            self.say("  No change yet.")
        for change in changes:
            self.para(format_change(self.rt, change, with_turn=True), "  ")
        marks = thresholds(self.s, target)
        self.say("Thresholds the rules test:" if marks else "No condition tests it.")
        for line in marks:
            self.para(line, "  ")

    def save(self, name: str | None) -> None:
        if self.saver is None:
            self.say("  Saving is not available in this session.")
            return
        try:
            self.say(f"  Saved to {self.saver(self.s, name)}")
        except SaveError as exc:
            self.say(f"  Not saved: {exc}")

    def discuss(self, item: Any) -> None:
        """In teaching mode, the discussion questions the content attaches to a card or ending."""
        if self.s.options.get("teaching"):
            for q in item.discussion:
                self.para(f"For discussion: {q.question} ({', '.join(q.cites)})", "  ? ")

    def ending(self) -> None:
        s, rt = self.s, self.rt
        ending = rt.pack.get("endings", s.state.ending or "")
        self.say("")
        self.say(f"=== The campaign ends: {ending.title} ({s.date}) ===")
        self.para(ending.summary)
        self.say("")
        for paragraph in ending.epilogue.split("\n\n"):
            self.para(paragraph)
        self.say(f"  [plays out {', '.join(ending.cites)}]")
        for line in ending_reasons(s):
            self.say(line)
        self.say("Scores:")
        for part in score_parts(rt, s.state):
            self.say(f"  {part.name:24} {part.text()}")
        hidden = [m for m in rt.pack.meters if m.hidden]
        if hidden:
            self.say(f"{hidden_heading(s)}:")
            for meter in hidden:
                self.say(f"  {meter.name:28} {s.value(meter.id):4}")
        self.discuss(ending)
