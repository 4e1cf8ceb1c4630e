"""What every command shares: exit codes, shared options, loading the pack."""

from __future__ import annotations

import argparse
import errno
import os
import stat
import sys
from enum import IntEnum
from pathlib import Path
from typing import Any

from game.paths import default_content


class Exit(IntEnum):
    """Exit codes of the command line."""

    OK = 0
    INVALID = 1  # invalid content, invalid save, failed verification
    USAGE = 2
    CRASH = 70  # an internal error: a crash report was written
    INTERRUPTED = 130  # ctrl+c (SIGINT)


SEED_CHARS = 100


def seed_text(value: str) -> str:
    """A campaign seed: 1 to 100 printable characters, not only spaces."""
    if not value.strip():
        raise argparse.ArgumentTypeError("a seed cannot be empty")
    if len(value) > SEED_CHARS:
        raise argparse.ArgumentTypeError(f"a seed has at most {SEED_CHARS} characters")
    if not value.isprintable():
        raise argparse.ArgumentTypeError("a seed holds printable characters only")
    return value


def add_content(parser: argparse.ArgumentParser) -> None:
    """--content DIR and --mod DIR (repeatable)."""
    parser.add_argument("--content", metavar="DIR", default=None,
                        help="content pack folder (default: the base pack)")
    parser.add_argument("--mod", metavar="DIR", action="append", default=None, dest="mods",
                        help="a mod folder laid over the pack (repeatable; loaded in the order given, "
                             "adjusted by each mod's load_after)")


def add_campaign(parser: argparse.ArgumentParser) -> None:
    """--seed, --scenario, --difficulty, --content."""
    parser.add_argument("--seed", default=None, type=seed_text, help="campaign seed (default: random)")
    parser.add_argument("--scenario", default=None, help="scenario id (default: the pack's first)")
    parser.add_argument("--difficulty", default=None, help="difficulty id (default: the scenario's)")
    add_content(parser)


def content_dir(args: argparse.Namespace) -> str:
    """The pack folder chosen on the command line, or the base pack."""
    return str(args.content) if args.content else str(default_content())


def mod_dirs(args: argparse.Namespace) -> tuple[str, ...]:
    """The mod folders given with --mod, in the order given."""
    return tuple(getattr(args, "mods", None) or ())


def load_or_report(args: argparse.Namespace) -> Any:
    """Load the pack's runtime (with its mods), or print its errors to stderr and return None."""
    from game.content.loader import load

    _, runtime, errors = load(content_dir(args), mod_dirs(args))
    if errors:
        for error in errors:
            print(error.render(), file=sys.stderr)
        print(f"{len(errors)} error(s): the content pack is invalid", file=sys.stderr)
        return None
    return runtime


def pick_campaign(rt: Any, args: argparse.Namespace) -> tuple[str, str] | str:
    """(scenario, difficulty) from the options, or an error message."""
    scenarios = [s.id for s in rt.pack.scenarios]
    scenario = args.scenario or scenarios[0]
    if scenario not in scenarios:
        return f"unknown scenario '{scenario}' (choose from: {', '.join(scenarios)})"
    sc = rt.pack.get("scenarios", scenario)
    difficulties = [d.id for d in rt.pack.difficulties]
    difficulty = args.difficulty or sc.default_difficulty or difficulties[0]
    if difficulty not in difficulties:
        return f"unknown difficulty '{difficulty}' (choose from: {', '.join(difficulties)})"
    return scenario, difficulty


def usage_error(message: str) -> int:
    """Print a usage error and return its exit code."""
    say_error(message)
    return Exit.USAGE


def say_error(message: str) -> None:
    """Print an error line to stderr (nowhere if stderr is closed)."""
    if sys.stderr is not None:
        print(f"honorable-exit: error: {message}", file=sys.stderr)


def fail(message: str, code: int = Exit.INVALID) -> int:
    """Print an error and return its exit code (1 by default)."""
    say_error(message)
    return int(code)


def check_folder(path: Path, option: str) -> str | None:
    """Why a folder option cannot be used (a name too long, a file in the way), or None."""
    try:
        info = os.stat(path)
    except FileNotFoundError:
        return None  # created when first needed
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            return f"{option}: the folder name is too long for this system ({len(str(path))} characters)"
        if exc.errno == errno.ENOTDIR:
            return f"{option} {path}: a file stands where a folder is needed"
        return f"{option} {path}: {exc.strerror or exc}"
    if not stat.S_ISDIR(info.st_mode):
        return f"{option} {path} is a file, not a folder"
    return None
