"""The plain-text front end: line by line on stdin/stdout, for screen readers, scripts and slow links."""

from __future__ import annotations

import textwrap
from collections.abc import Callable
from typing import IO, Any

from game.describe import find_target, format_change, group_report, name_of, preview_text, signed
from game.engine.turn import DecisionError
from game.history import basis_label, decided_notes, desk_text
from game.saves.read import SaveError
from game.session import Session
from game.visibility import concealed, visible

HELP = """\
Commands (at any prompt):
  1-4                 answer the card with that choice
  status              the dashboard: meters, partners, policies
  why METER           every change of a meter or partner, with its cause (e.g. why ceasefire)
  set POLICY LEVEL    change a standing policy this month (e.g. set posture drawdown)
  policies            the standing policies and their levels
  save [NAME]         save the campaign (when saving is available)
  help                this text
  quit                leave the campaign (it is autosaved each turn when saving is available)
The month ends when the last card is answered; the policies then apply."""


def _interactive(stream: IO[str]) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


class Quit(Exception):
    """The player asked to leave, or input ended."""


class Plain:
    """Plays a session on text streams."""

    def __init__(self, session: Session, stdin: IO[str], stdout: IO[str], width: int = 78,
                 saver: Callable[[Session, str | None], str] | None = None) -> None:
        self.s = session
        self.rt = session.rt
        self.inp = stdin
        self.out = stdout
        self.width = width
        self.saver = saver
        self.pending: dict[str, str] = {}

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
        choices = []
        cards = s.cards()
        for n, card in enumerate(cards, 1):
            self.card(card, n, len(cards))
            choices.append(self.ask_choice(card))
        if not cards:
            self.quiet_month()
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

    def report(self) -> None:
        groups = group_report(self.rt, visible(self.s, self.s.report))
        self.say("Situation report:")
        if not groups:
            self.say("  Nothing has changed yet.")
        for cause, changes in groups:
            self.para(f"{cause}: {', '.join(changes)}", "  - ")

    def card(self, card: Any, n: int, total: int) -> None:
        self.say("")
        basis = basis_label(card)
        word = f" ({basis.lower()})" if basis else ""
        self.say(f"--- Card {n} of {total}: {card.title}{word}  [cites {', '.join(card.cites)}]")
        self.para(desk_text(self.s, card))
        if card.advice:
            self.say("  Advisors:")
            for advisor_id, advice in card.advice.items():
                name = self.rt.pack.get("advisors", advisor_id).name
                says = advice if isinstance(advice, str) else advice.says
                favors = ""
                if not isinstance(advice, str) and advice.favors:
                    ids = [c.id for c in card.choices]
                    favors = f" (favours {ids.index(advice.favors) + 1})"
                self.para(f"{name}: {says}{favors}", "    ")
        self.say("  Choices:")
        mode = self.rt.pack.get("difficulties", self.s.difficulty).preview
        for i, (choice, open_) in enumerate(zip(card.choices, self.s.available(card.id), strict=True), 1):
            if open_:
                effects = preview_text(self.rt, visible(self.s, self.s.preview(card.id, choice.id)), mode)
                self.para(f"{i}. {choice.label} [{effects}]", "    ")
            else:
                reason = choice.unavailable or "not available now"
                self.para(f"{i}. (unavailable: {reason}) {choice.label}", "    ")

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
        while True:
            line = self.read("Enter to end the month (or a command) > ")
            if not line or line.isdigit():
                return
            self.command(line)

    def ask_choice(self, card: Any) -> str:
        open_ = self.s.available(card.id)
        while True:
            line = self.read(f"Choice 1-{len(card.choices)} > ")
            if line.isdigit():
                k = int(line)
                if 1 <= k <= len(card.choices) and open_[k - 1]:
                    choice = card.choices[k - 1]
                    self.para(f"-> {choice.outcome}", "  ")
                    self.discuss(card)
                    return str(choice.id)
                self.say(f"  {k} is not an open choice on this card.")
                continue
            self.command(line)

    def read(self, prompt: str) -> str:
        self.out.write(prompt)
        self.out.flush()
        line = self.inp.readline()
        if not line:
            self.say("")
            raise Quit("End of input: leaving the campaign.")
        if not _interactive(self.inp):  # echo piped input so the transcript reads well
            self.say(line.strip())
        return line.strip()

    # -- commands -------------------------------------------------------------
    def command(self, line: str) -> None:
        word, _, rest = line.partition(" ")
        word = word.lower()
        if word in ("quit", "exit", "q"):
            raise Quit("Leaving the campaign.")
        if word in ("help", "?", "h"):
            self.say(HELP)
        elif word == "status":
            self.status()
        elif word == "why":
            self.why(rest)
        elif word == "set":
            self.set_policy(rest)
        elif word == "policies":
            self.policies()
        elif word == "save":
            self.save(rest.strip() or None)
        elif word:
            self.say(f"  Unknown command '{word}'. Type 'help' for the commands.")

    def status(self) -> None:
        s, rt = self.s, self.rt
        teaching = bool(s.options.get("teaching"))
        self.say("Meters:")
        for meter in rt.pack.meters:
            if meter.hidden and not teaching:
                continue
            hidden = " (hidden)" if meter.hidden else ""
            self.say(f"  {meter.name:28} {s.value(meter.id):4}{hidden}")
        self.say("Partners and forces:")
        for actor in rt.pack.actors:
            if actor.relation:
                tier = f"tier {actor.tier}" if actor.tier else actor.kind
                self.say(f"  {actor.name:28} {signed(s.value(actor.id)):>4}  ({tier})")
        self.policies()

    def policies(self) -> None:
        self.say("Standing policies (set POLICY LEVEL):")
        levels = self.s.policy_levels()
        levels.update(self.pending)
        for policy in self.rt.pack.policies:
            names = [lv.id if lv.id != levels[policy.id] else f"[{lv.id}]" for lv in policy.levels]
            self.say(f"  {policy.id:10} {' '.join(names)}")

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
        target = find_target(self.rt, text) if text.strip() else None
        if target is None:
            self.say("  Usage: why METER (a meter or partner, e.g. why ceasefire, why turkey)")
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
        self.say("Scores:")
        for dim in rt.pack.items("score_dimensions"):
            self.say(f"  {dim.name:24} {s.scores()[dim.id]:3}/100")
        hidden = [m for m in rt.pack.meters if m.hidden]
        if hidden:
            self.say("Hidden quantities revealed:")
            for meter in hidden:
                self.say(f"  {meter.name:28} {s.value(meter.id):4}")
        self.discuss(ending)
