"""The class vote's standing below the desk: the split so far as bars, and who has the majority."""

from __future__ import annotations

from typing import Any

from textual.content import Content

from game.vote import VoteError, percent, winners

BAR = 20  # cells of the widest bar in the split


def standing_content(card: Any, counts: list[int], open_: list[bool]) -> Content:
    """The split so far as bars, one line per open choice, and who has the majority; on a card
    that passes (no choice open), that there is no vote."""
    if not any(open_):
        return Content.assemble(("The class's vote · none: ", "bold $accent"),
                                ("no choice is open, so the card passes · enter: go on", "bold"))
    total = sum(counts)
    widest = max(counts, default=0) or 1
    try:
        leaders = winners(counts, open_)
    except VoteError as exc:
        leaders, problem = [], str(exc)
    heading = f"The class's vote · {total} vote{'s' * (total != 1)}"
    parts: list[str | tuple[str, str]] = [(heading, "bold $accent")]
    for i, (choice, n, ok) in enumerate(zip(card.choices, counts, open_, strict=True)):
        if not ok:
            continue
        filled = round(BAR * n / widest)
        share = f"{percent(n, total):>3}%" if total else "  -%"
        style = "bold" if i in leaders else ""
        bar = [("█" * filled, "$accent"), ("░" * (BAR - filled), "$text-disabled")]
        parts += ["\n", (f"{i + 1} ", "bold"), *bar, (f" {n:>4} {share}  ", style), (choice.label, style)]
    parts.append("\n")
    if not leaders:
        parts.append((f"No majority yet ({problem}).", "bold $text-warning"))
    elif len(leaders) == 1:
        label = card.choices[leaders[0]].label
        parts.append((f"Majority: choice {leaders[0] + 1} · enter takes it · {label}", "bold $text-success"))
    else:
        names = " and ".join(str(i + 1) for i in leaders)
        parts.append((f"A tie between {names}, {counts[leaders[0]]} votes each · enter: the facilitator "
                      "breaks it", "bold $text-warning"))
    return Content.assemble(*parts)
