"""The native kernel's program: the integer form, a scenario and a bot's tables as one int64 array.

The header's slots are the enum ``P_*`` of ``kernel.c`` (in the same order as
``HEADER`` here); the tables follow, each at the offset its header slot gives,
with the integer form's rows flattened (``game.fast.ir``). The bot is described
by tables the Python side prepares from the flat bot (``game.fast.bots``):
its kind, the line's noise, each card's ranked choices, each card's fixed
pick, and each turn's target level per policy.
"""

from __future__ import annotations

import struct
from array import array
from typing import Any

from game.engine.state import RULES as ENGINE_RULES
from game.fast.ir import PackIR

ABI = 2  # HE_ABI in program.h: 2 plays rules 3 (the month's deck in one test)
RULES = 3  # the rules the kernel plays (game.engine.state.RULES)
HEADER = (
    "abi", "size", "q0", "t0", "p0", "f0", "e0",
    "nevents", "nchoices", "npolicies", "nlevels", "nq",
    "cards_min", "cards_max", "length",
    "code", "code_len", "events", "choices", "policies", "levels",
    "endings", "nendings", "watch", "nwatch", "blocks", "nblocks", "initial",
    "bot", "noise", "ranked", "picks", "targets",
)
SLOT = {name: i for i, name in enumerate(HEADER)}
STRIDES = {"events": 12, "choices": 3, "policies": 3, "levels": 3, "endings": 5, "watch": 2, "blocks": 1}
BOT_RANDOM, BOT_LINE, BOT_FOLLOWER = 0, 1, 2


class NoPort(ValueError):
    """A bot the kernel cannot play (it has no table form)."""


def _flat(rows: list[list[int]], stride: int, name: str) -> list[int]:
    out: list[int] = []
    for row in rows:
        if len(row) != stride:
            raise ValueError(f"the integer form's {name} rows hold {len(row)} ints, "
                             f"the kernel reads {stride}")
        out.extend(row)
    return out


def program(ir: PackIR, fbot: Any, scenario: str, difficulty: str) -> array[int]:
    """The program for one bot on one scenario and difficulty."""
    if ENGINE_RULES != RULES:  # the kernel follows one version of the rules: a new one needs a port
        raise RuntimeError(f"the native kernel plays rules {RULES}, the engine's rules are {ENGINE_RULES}")
    h, t, names = ir.header, ir.tables, ir.names
    sc = names["scenarios"].index(scenario)
    length = t["scenarios"][sc][0]
    initial = list(t["initial"][sc])
    tolerances = t["difficulties"][names["difficulties"].index(difficulty)]
    t0 = h["t0"]  # the scenario's offsets plus the difficulty's tolerances
    initial[t0:t0 + len(tolerances)] = [a + b for a, b in zip(initial[t0:t0 + len(tolerances)], tolerances,
                                                              strict=True)]
    kind, noise, ranked, picks, targets = bot_tables(fbot, len(t["events"]), len(t["policies"]), length)
    head = dict.fromkeys(HEADER, 0)
    head.update(abi=ABI, size=h["size"], q0=h["q0"], t0=h["t0"], p0=h["p0"], f0=h["f0"], e0=h["e0"],
                nevents=len(t["events"]), nchoices=len(t["choices"]), npolicies=len(t["policies"]),
                nlevels=len(t["levels"]), nq=h["t0"] - h["q0"], cards_min=h["cards_min"],
                cards_max=h["cards_max"], length=length, nendings=len(t["endings"]),
                nwatch=len(t["watch"]), nblocks=len(t["blocks"]), bot=kind, noise=noise,
                code_len=len(ir.code))
    body: list[int] = []

    def put(slot: str, ints: list[int]) -> int:
        head[slot] = len(HEADER) + len(body)
        body.extend(ints)
        return head[slot]

    put("code", ir.code)
    for name, stride in STRIDES.items():
        put(name, _flat(t[name], stride, name))
    put("initial", initial)
    put("picks", picks)
    put("targets", targets)
    lists = put("ranked", [0] * (2 * len(ranked)))  # (offset, count) per card, the lists after
    for card, choices in enumerate(ranked):
        body[lists - len(HEADER) + 2 * card] = len(HEADER) + len(body)
        body[lists - len(HEADER) + 2 * card + 1] = len(choices)
        body.extend(choices)
    return array("q", [head[name] for name in HEADER] + body)


def bot_tables(fbot: Any, events: int, policies: int,
               length: int) -> tuple[int, int, list[list[int]], list[int], list[int]]:
    """A flat bot as tables: kind, noise (a double's bits), ranked choices and fixed pick per card,
    and the target level (-1: none) per turn 0..length and policy."""
    from game.fast.bots import FlatFollower, FlatLine, FlatRandom

    ranked = [list(fbot.ranked.get(card, ())) for card in range(events)]
    picks = [-1] * events
    noise = 0
    if isinstance(fbot, FlatRandom):
        return BOT_RANDOM, 0, ranked, picks, [-1] * ((length + 1) * policies)
    if isinstance(fbot, FlatLine):
        steps = fbot.bot._steps(length)
        targets = []
        for turn in range(length + 1):
            for plan in steps:
                goal = -1
                for from_turn, level in plan:
                    if turn >= from_turn:
                        goal = level
                targets.append(goal)
        noise = struct.unpack("<q", struct.pack("<d", float(fbot.noise)))[0]
        return BOT_LINE, noise, ranked, picks, targets
    if isinstance(fbot, FlatFollower):
        for card, choice in fbot.picks.items():
            picks[card] = choice
        row = [-1 if goal is None else goal for goal in fbot.targets]
        return BOT_FOLLOWER, 0, ranked, picks, row * (length + 1)
    raise NoPort(f"the strategy '{getattr(fbot, 'id', type(fbot).__name__)}' has no native port")
