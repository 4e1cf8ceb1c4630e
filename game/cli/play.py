"""`honorable-exit play`: start a campaign in the Textual app, or line by line with --plain."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any

from game.cli.common import (
    Exit,
    add_campaign,
    check_folder,
    fail,
    load_or_report,
    pick_campaign,
    usage_error,
)


def register(sub: Any, name: str) -> None:
    """Add the command's parser."""
    parser = sub.add_parser(name, help="play a campaign (the default command)",
                            description="Play a campaign: the Textual app, or --plain for a "
                                        "line-by-line mode on stdin/stdout.")
    parser.add_argument("--plain", action="store_true",
                        help="line-by-line text mode (screen readers, scripts, slow links)")
    bench = parser.add_argument_group("test bench (for modders; saves made with it never verify)")
    bench.add_argument("--debug", action="store_true",
                       help="open the test bench: fire a card, set a quantity or a flag, jump to a month "
                            "(the app: x or the command palette; line mode: 'debug fire CARD', "
                            "'debug set QUANTITY N', 'debug flag FLAG on|off', 'debug jump YYYY-MM')")
    bench.add_argument("--start-event", metavar="ID", default=None,
                       help="put this card on the first month's desk (implies --debug)")
    bench.add_argument("--watch", action="store_true",
                       help="reload the pack and mods when a file changes and replay the campaign on "
                            "them")
    parser.add_argument("--verbose", action="store_true",
                        help="plain mode: print the advisors' comments with every card")
    parser.add_argument("--teaching", action="store_true",
                        help="teaching mode: show hidden quantities and discussion questions")
    parser.add_argument("--saves-dir", metavar="DIR", default=None,
                        help="folder for autosaves and named saves (default: saves/)")
    parser.add_argument("--class-code", metavar="CODE", default=None,
                        help="start the campaign a class code fixes")
    parser.add_argument("--vote", action="store_true",
                        help="a class vote on a projector: for each card, type the class's "
                             "tally per choice; the majority is taken and the save keeps the tallies")
    parser.add_argument("--player", metavar="NAME", default=None,
                        help="your name, stored in saves and shown in the class report")
    resume = parser.add_mutually_exclusive_group()
    resume.add_argument("--load", metavar="SAVE", default=None, help="continue the campaign in a save file")
    resume.add_argument("--continue", dest="resume", action="store_true",
                        help="continue the latest autosave in the saves folder")
    add_campaign(parser)


def run(args: argparse.Namespace) -> int:
    """Start the chosen front end."""
    problem = check_folder(saves_dir(args), "--saves-dir")
    if problem:
        return usage_error(problem)
    if args.plain or not _tty(sys.stdin) or not _tty(sys.stdout):
        return run_plain(args)
    from game.tui.launch import launch  # the only import of Textual, and only here

    return int(launch(args))


def _tty(stream: Any) -> bool:
    try:
        return stream is not None and bool(stream.isatty())
    except (AttributeError, ValueError, OSError):
        return False


def saves_dir(args: argparse.Namespace) -> Path:
    """The saves folder: --saves-dir, else the default."""
    from game.paths import default_saves

    return Path(args.saves_dir) if args.saves_dir else default_saves()


def _conflict(args: argparse.Namespace) -> str | None:
    fixed = [f"--{n}" for n in ("seed", "scenario", "difficulty") if getattr(args, n) is not None]
    fixed += ["--teaching"] if args.teaching else []
    if args.load or args.resume:
        clash = fixed + (["--class-code"] if args.class_code else [])
        if clash:
            return f"a saved campaign fixes its own settings: drop {', '.join(clash)}"
    elif args.class_code and fixed:
        return f"a class code fixes the campaign: drop {', '.join(fixed)}"
    return None


def _ask_player() -> str | None:
    if not _tty(sys.stdin) or not _tty(sys.stdout):
        return None
    sys.stdout.write("Your name (for the class report): ")
    sys.stdout.flush()
    return sys.stdin.readline(200).strip() or None


def _resume(rt: Any, args: argparse.Namespace) -> Any:
    """The campaign of ``--load`` or ``--continue``: only ever the named player's own."""
    from game.saves import SaveError, latest_autosave, load_save
    from game.saves.store import same_player

    player = args.player or (_ask_player() if args.resume else None)
    path = Path(args.load) if args.load else latest_autosave(saves_dir(args), player)
    if path is None:
        whose = f" of {player}'s" if player else ""
        return Exit.USAGE, f"no autosave{whose} to continue in {saves_dir(args)}"
    try:
        session = load_save(path, rt)
    except SaveError as exc:
        return Exit.INVALID, f"cannot load the save: {exc}"
    owner = session.options.get("player")
    if player and owner and not same_player(owner, player):
        return Exit.USAGE, (f"{path} is {owner}'s campaign, not {player}'s: a campaign keeps the name "
                            "it was started with (start your own with a class code or a new campaign)")
    if player and not owner:
        session.options["player"] = player
    return session


def _watching(args: argparse.Namespace) -> tuple[Any, Any]:
    """For --watch: a started watcher on the pack and mods, and the poll the line mode calls."""
    if not args.watch:
        return None, None
    from game.cli.common import content_dir, mod_dirs
    from game.watch import Watcher, reload

    content, mods = content_dir(args), mod_dirs(args)
    watcher = Watcher([Path(content), *(Path(m) for m in mods)]).start()

    def poll(session: Any) -> Any:
        return reload(content, mods, session) if watcher.changed() else None

    print(f"Watching {content}" + "".join(f", {m}" for m in mods) + " for changes.", file=sys.stderr)
    return watcher, poll


def make_session(rt: Any, args: argparse.Namespace) -> Any:
    """The campaign the options ask for, or (exit code, message) when they cannot give one."""
    from game.classcode import ClassCodeError, class_session
    from game.session import Session

    if args.load or args.resume:
        return _resume(rt, args)
    if args.class_code:
        try:
            return class_session(rt, args.class_code, args.player or _ask_player())
        except ClassCodeError as exc:
            return Exit.USAGE, f"class code {args.class_code.strip()!r} refused: {exc}"
    picked = pick_campaign(rt, args)
    if isinstance(picked, str):
        return Exit.USAGE, picked
    options: dict[str, Any] = {"teaching": bool(args.teaching)}
    if args.player:
        options["player"] = args.player
    return Session.new(rt, picked[0], picked[1], args.seed, options)


def run_plain(args: argparse.Namespace) -> int:
    """Play in the plain-text mode, autosaving every turn into the saves folder."""
    from game.cli.streams import LineGuard, prepare_plain
    from game.plain import Plain
    from game.saves import clean_temporaries, save_session

    stream_problem = prepare_plain()
    if stream_problem:
        return fail(stream_problem)
    clash = _conflict(args)
    if clash:
        return usage_error(clash)
    rt = load_or_report(args)
    if rt is None:
        return Exit.INVALID
    session = make_session(rt, args)
    if isinstance(session, tuple):
        code, message = session
        return fail(message, code)
    folder = saves_dir(args)
    clean_temporaries(folder)
    last: list[str] = []

    def saver(s: Any, name: str | None) -> str:
        last.append(str(save_session(s, folder, name)))
        return last[-1]

    if args.start_event:
        from game.bench import BenchError, fire

        try:
            fire(session, args.start_event)
        except BenchError as exc:
            return fail(f"--start-event: {exc}", Exit.USAGE)
    front = Plain
    if args.vote:
        from game.plain_vote import VotePlain

        front = VotePlain
    guard = LineGuard(sys.stdin)
    watcher, poll = _watching(args)
    try:
        result = front(session, guard, sys.stdout, saver=saver,  # type: ignore[arg-type]
                       verbose=args.verbose, bench=bool(args.debug or args.start_event), watch=poll).run()
    finally:
        if watcher is not None:
            watcher.stop()
    if last:
        content = f" --content {args.content}" if args.content else ""
        print(f"Saved in {folder}. After-action report: honorable-exit debrief {last[-1]}{content}",
              file=sys.stderr)
    return Exit.INVALID if guard.stopped else result
