"""The command line: `honorable-exit [COMMAND] ...`; heavy imports stay inside commands."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from game import __version__
from game.cli.argformat import ArgumentParser
from game.cli.common import Exit, say_error

# command name -> module under game.cli that defines `register(sub)` and `run(args)`
COMMANDS = {
    "play": "play",
    "validate": "validate",
    "simulate": "simulate",
    "replay": "replay",
    "class-code": "class_code",
    "debrief": "debrief",
    "class-report": "class_report",
    "handout": "handout",
    "schema": "schema",
    "lint": "lint",
    "explain": "explain",
}


def build_parser(only: str | None = None) -> argparse.ArgumentParser:
    """The parser for every command (or for the one command named: its module alone is imported)."""
    parser = ArgumentParser(
        prog="honorable-exit",
        description="Honorable Exit: steer Moscow's exit from the Syrian war, 2017-2020.",
    )
    parser.add_argument("--version", action="version", version=f"honorable-exit {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name, module in COMMANDS.items():
        if only is not None and name != only:
            continue
        importlib.import_module(f"game.cli.{module}").register(sub, name)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code. No traceback reaches the user: an interrupt
    exits 130, an unreadable or unwritable file 1 with a message, an internal error 70 with the
    path of a crash report."""
    try:
        return _main(argv)
    except KeyboardInterrupt:
        if sys.stderr is not None:
            print("\ninterrupted", file=sys.stderr)
        return Exit.INTERRUPTED
    except BrokenPipeError:  # the reader went away (`| head`): stop quietly
        _quiet_stdout()
        return Exit.OK
    except OSError as exc:
        where = f"{exc.filename}: " if exc.filename else ""
        say_error(f"{where}{exc.strerror or exc}")
        return Exit.INVALID
    except Exception as exc:  # a bug: a report for the developers, one line for the player
        from game.crash import crash_message, write_crash_report

        path = write_crash_report(exc, "command line")
        if sys.stderr is not None:
            print(crash_message(exc, path), file=sys.stderr)
        return Exit.CRASH


def entry() -> None:
    """The process's entry point (`honorable-exit`, `python -m game`): run and exit with the code."""
    from game.cli.leave import run_process

    sys.exit(run_process(main))


def _main(argv: Sequence[str] | None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    if not args_list or args_list[0].startswith("-") and args_list[0] not in ("-h", "--help", "--version"):
        args_list.insert(0, "play")
    parser = build_parser(args_list[0] if args_list[0] in COMMANDS else None)
    try:
        args = parser.parse_args(args_list)
    except SystemExit as exc:  # argparse: usage errors exit 2, --help exits 0
        return int(exc.code or 0)
    module = importlib.import_module(f"game.cli.{COMMANDS[args.command]}")
    try:
        return int(module.run(args))
    finally:
        _say_cache_notes()


def _say_cache_notes() -> None:
    """Say what the parse cache refused (a planted or damaged entry, a folder others may write)."""
    parsecache = sys.modules.get("game.content.parsecache")  # imported only if the command read a pack
    for note in parsecache.take_notes() if parsecache is not None else ():
        if sys.stderr is not None:
            print(f"honorable-exit: note: {note}", file=sys.stderr)


def _quiet_stdout() -> None:
    """Point stdout at the null device, so that Python's last flush does not complain."""
    try:
        null = os.open(os.devnull, os.O_WRONLY)
        os.dup2(null, sys.stdout.fileno())
        os.close(null)
    except (OSError, AttributeError, ValueError):
        pass
