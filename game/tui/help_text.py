"""The help screen's texts, built from the pack (meters, partners, policies) and the key bindings."""

from __future__ import annotations

from itertools import groupby
from typing import Any

from textual.binding import Binding
from textual.content import Content

from game.counts import choice_span, span_words
from game.engine.uses import threshold_lines, threshold_text
from game.preview import Lens, level_preview
from game.score_parts import adjustment_note
from game.tui.text import tier_title

Parts = list[str | tuple[str, str]]

RULES = """\
Each turn is one month. It opens with a situation report of what changed last month and why
(on a short terminal it starts folded to one line: r opens and folds it). Then one or more
event cards reach the desk. Each card has a text, CHOICES choices, and below them the
positions of Moscow's advisors. Under each choice is a preview of what it moves (▲ up,
▼ down; amounts too, unless the difficulty hides them): a conditional effect shows its
condition ("if Damascus ≥ 15: ..."), a random one its odds ("50%: ... / 50%: ..."), a delayed
one its month. A choice that makes a fact of the campaign true or false says so, and what the
rules do with that fact: "becomes true: A guarantor has walked out of the Astana format (enough
for the ending 'Astana breaks'; bars 10 later cards)". Endings and policy levels are named;
cards, a surprise until they come, are counted. A greyed choice (✕) says why it is closed.

Press the number shown beside a choice to pick it (a card has CHOICES: the hint below the
card gives its range, KEYS), enter to confirm it. When every card is answered, the
month's orders are shown: set the standing policies (p) if you want, then press enter to end
the month. Policies cost something every month they hold; some levels can only be reached
step by step, or only while a condition holds (the dialog says why).

Some consequences are delayed: a choice can bring a follow-up card or effects months later.
Every change can be traced: w (why did this move?) shows the history of any meter or partner
with the cause of each change; t shows the timeline of every month; c shows charts; b shows
the brief's paragraphs behind the card.

On the dashboard, the change beside each value is its value now minus a month ago (delayed
consequences that landed at the start of the month included); ✓ marks a change that is good
for Moscow and ✗ one that is bad; the small graphs share one scale per panel; ⚠ marks a
threshold that is near. The campaign ends when an ending's conditions hold or the clock runs
out: the end screen shows the epilogue, the scores and the hidden quantities. A score is its
formula on the final state plus the adjustment of the ending reached, and the end screen says
both: 91/100 = 76 + 15 for the ending 'Honorable exit'.

In a class vote (play --vote, or Class vote in the New campaign dialog) the facilitator types
the class's votes beside each open choice (↑↓ move between them; a locked choice takes none);
the split and the majority stay in view, enter takes the majority, and a tie asks the
facilitator to pick among the tied choices. The save keeps every tally.

The game autosaves after every month (continue from the title screen); ctrl+s saves under a
name. ctrl+p opens the command palette with every action, and ctrl+q quits."""


def rules_content(rt: Any) -> Content:
    """How a month works, with the pack's numbers when it is loaded."""
    head: Parts = [("How to play", "bold $accent"), "\n"]
    if rt is not None:
        cards = rt.pack.manifest.rules.cards_per_turn
        head += [(rt.pack.manifest.title, "bold"), f": {cards.min}-{cards.max} cards a month. ",
                 rt.pack.manifest.description, "\n\n"]
    low, high = choice_span(rt)
    keys = span_words(low, high, lambda n: f"1-{n}")
    rules = RULES.replace("CHOICES", span_words(low, high)).replace("KEYS", keys)
    text = "\n\n".join(" ".join(p.split()) for p in rules.split("\n\n"))
    tail = ["\n\n", adjustment_note(rt)] if rt is not None else []
    return Content.assemble(*head, text, *tail)


def _bindings() -> list[tuple[str, list[Binding]]]:
    from game.tui.app import HonorableExit
    from game.tui.screens.dashboard import DashboardScreen
    from game.tui.screens.ending import EndingScreen
    from game.tui.screens.tie import TieDialog
    from game.tui.screens.title import TitleScreen
    from game.tui.screens.vote import VoteScreen
    from game.tui.widgets.tally import TallyInput

    def only(bindings: Any) -> list[Binding]:
        return [b for b in bindings if isinstance(b, Binding)]

    palette = Binding("ctrl+p", "command_palette", "Command palette: every action", id="palette")
    return [("Anywhere", [*only(HonorableExit.BINDINGS), palette]),
            ("Dashboard", only(DashboardScreen.BINDINGS)), ("Title screen", only(TitleScreen.BINDINGS)),
            ("End of campaign", only(EndingScreen.BINDINGS)),
            ("Class vote (and the dashboard's keys)",
             only([*VoteScreen.BINDINGS, *TallyInput.BINDINGS, *TieDialog.BINDINGS]))]


def keys_content(keymap: dict[str, str], *, bench: bool = False) -> Content:
    """Every key, with its binding id (to remap it) and what it does (the bench's only with --debug)."""
    parts: Parts = [("Keys", "bold $accent"),
                    ("  (remap with a TOML file of id = \"key\" named by $HONORABLE_EXIT_KEYMAP)", "dim")]
    for title, bindings in _bindings():
        parts += ["\n\n", (title, "bold")]
        for b in bindings:
            if b.id == "bench" and not bench:
                continue
            key = keymap.get(b.id or "", b.key_display or b.key)
            name = pick_name(b.id) if b.id and b.id.startswith("pick") else b.description or b.action
            parts += ["\n  ", (f"{key:<14}", "bold"), f"{name:<34}", (f"id: {b.id}", "dim")]
    parts += ["\n\n", ("Lists and dialogs", "bold"), "\n  arrows, tab, enter and escape as usual;"
              " on the dashboard tab reaches each meter and partner (enter: why did it move?)."]
    return Content.assemble(*parts)


def pick_name(binding_id: str) -> str:
    """What a choice key does, from its binding id ('pick3': 'choice 3, on a card that has it')."""
    n = binding_id.removeprefix("pick")
    return f"choice {n}, on a card that has it" if n not in ("1", "2") else f"choice {n}"


def meters_content(rt: Any, teaching: bool, state: Any = None) -> Content:
    """Each meter: what it measures, which way is better, the thresholds that matter (a tolerance's
    at the campaign's difficulty when a state is given, else by name)."""
    parts: Parts = [("Meters", "bold $accent")]
    hidden = 0
    for m in rt.pack.meters:
        if m.hidden and not teaching:
            hidden += 1
            continue
        better = {"high": "higher is better", "low": "lower is better", "neutral": "neither way is better"}
        about = f" ({m.min}-{m.max}, {better[m.good]}{', hidden' if m.hidden else ''})"
        parts += ["\n\n", (m.name, "bold"), (about, "dim"), "\n  ", m.description]
        for t in m.thresholds:
            parts += ["\n  ⚠ ", (threshold_text(rt, t.value, state), "bold"), f": {t.label}"]
    if hidden:
        parts += ["\n\n", (f"{hidden} hidden quantit{'y is' if hidden == 1 else 'ies are'} revealed only "
                           "at the end (or in teaching mode).", "italic")]
    return Content.assemble(*parts)


def partners_content(rt: Any, state: Any = None) -> Content:
    """Partners by tier, with who they are and the thresholds the rules test; relations run -100 to +100."""
    parts: Parts = [("Partners", "bold $accent"), "  relations run from -100 (hostile) to +100 (close)"]
    actors = sorted((a for a in rt.pack.actors if a.relation), key=lambda a: a.tier or 9)
    for tier, group in groupby(actors, key=lambda a: a.tier):
        parts += ["\n\n", (tier_title(tier) if tier else "Others on the board", "bold")]
        for a in group:
            parts += ["\n  ", (a.name, "bold"), f": {a.description}"]
            for line in threshold_lines(rt, a.id, state):
                parts += ["\n    ", (line, "dim")]
    return Content.assemble(*parts)


def policies_content(rt: Any, mode: str, teaching: bool = False) -> Content:
    """Each standing policy and its levels, with what each level does a month."""
    secret = set() if teaching else {m.id for m in rt.pack.meters if m.hidden}
    parts: Parts = [("Standing policies", "bold $accent")]
    lens = Lens(rt, None, 10**9, frozenset(secret), mode)
    for policy in rt.pack.policies:
        step = f" (moves at most {policy.max_step} level a month)" if policy.max_step else ""
        parts += ["\n\n", (policy.name, "bold"), f": {policy.description}", (step, "dim")]
        for level in policy.levels:
            effects = level_preview(lens, policy.id, level.id)
            parts += ["\n  ", (level.name, "bold"), f": {level.description} ",
                      (f"(a month: {effects})", "dim")]
    return Content.assemble(*parts)
