"""Benchmark the Textual app in a real pseudo-terminal and print the figures.

    python benchmarks/tui.py [--content DIR] [--runs N]

Every figure is measured from outside, as a player sees it: the app runs in a
child process on a pty (120x40), keys are written to the pty, and a screen
counts as painted when its text has arrived on the terminal.

- cold start: a bare Textual app showing one Static vs `honorable-exit` to its
  title screen, side by side, alternating, N runs each (target: within 1.3x);
- resume: from launch to the dashboard of the latest autosave, the `c` key
  sent as soon as the title offers to continue (target: 350 ms);
- key to next card: `enter` on a chosen card until the next card (or the
  month's orders, or the next month's first card) is painted (target: 50 ms);
- memory: resident set size of the app after a whole campaign (target: 80 MB).
"""

from __future__ import annotations

import argparse
import fcntl
import os
import pty
import re
import select
import shutil
import signal
import statistics
import struct
import subprocess
import sys
import tempfile
import termios
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STARTER = ROOT / "tests" / "fixtures" / "packs" / "starter"
ANSI = re.compile(r"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[PX^_].*?\x1b\\|\x1b\][^\x07]*(\x07|\x1b\\)|\x1b.")
BARE = ("from textual.app import App\nfrom textual.widgets import Static\n"
        "class Bare(App):\n    def compose(self):\n        yield Static('Bare Textual app')\n"
        "Bare().run()\n")
COLS, ROWS = 120, 40


class Term:
    """A child process on a pty, with the text it has painted so far."""

    def __init__(self, argv: list[str], env: dict[str, str] | None = None) -> None:
        self.start = time.perf_counter()
        pid, fd = pty.fork()
        if pid == 0:  # the child
            os.execvpe(argv[0], argv, {**os.environ, **(env or {}), "TERM": "xterm-256color",
                                       "COLUMNS": str(COLS), "LINES": str(ROWS)})
        fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        self.pid, self.fd, self.seen = pid, fd, ""

    def read(self, timeout: float) -> bool:
        """Read what has arrived within `timeout`; False if nothing did."""
        if not select.select([self.fd], [], [], timeout)[0]:
            return False
        try:
            chunk = os.read(self.fd, 65536).decode("utf-8", "replace")
        except OSError:
            return False
        self.seen += ANSI.sub("", chunk)
        return True

    def wait_for(self, *texts: str, timeout: float = 20.0) -> float:
        """Read until one of `texts` has been painted; the time it arrived."""
        deadline = time.perf_counter() + timeout
        while not any(t in self.seen for t in texts):
            left = deadline - time.perf_counter()
            if left <= 0:
                raise TimeoutError(f"{texts!r} never painted; last output: {self.seen[-300:]!r}")
            self.read(left)
        return time.perf_counter()

    def key(self, data: str, *then: str, timeout: float = 20.0) -> float:
        """Send a key; seconds until one of `then` is painted."""
        self.seen = ""
        sent = time.perf_counter()
        os.write(self.fd, data.encode())
        return self.wait_for(*then, timeout=timeout) - sent

    def drain(self, quiet: float = 0.15) -> None:
        """Read until the terminal has been quiet for a moment."""
        while self.read(quiet):
            pass

    def rss_mb(self) -> float:
        """Resident memory of the child, in MB."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        return float("nan")

    def close(self) -> None:
        try:
            os.kill(self.pid, signal.SIGKILL)
            os.waitpid(self.pid, 0)
        except (ProcessLookupError, ChildProcessError):
            pass
        os.close(self.fd)


def game_argv(content: Path, saves: Path) -> list[str]:
    return [sys.executable, "-m", "game", "play", "--content", str(content), "--saves-dir", str(saves),
            "--seed", "7"]


def cold_start(content: Path, saves: Path, runs: int) -> tuple[list[float], list[float]]:
    """Seconds to first paint: a bare app and ours, alternating."""
    bare, ours = [], []
    for _ in range(runs):
        t = Term([sys.executable, "-c", BARE])
        bare.append(t.wait_for("Bare Textual app") - t.start)
        t.close()
        t = Term(game_argv(content, saves))
        ours.append(t.wait_for("H O N O R A B L E") - t.start)
        t.close()
    return bare, ours


def play_campaign(content: Path, saves: Path, argv: list[str] | None = None,
                  ) -> tuple[list[float], list[float], float]:
    """Play a whole campaign with keys: card-to-card and month-to-month latencies, and RSS at the end.

    The same campaign runs alongside in this process (same seed, first open choice on every
    card), so the script always knows which key to press and what must appear next.
    """
    from game.content.loader import load_runtime
    from game.session import Session

    mirror = Session.new(load_runtime(content), seed="7")
    t = Term(argv or game_argv(content, saves))
    t.wait_for(" · version ")  # the pack is loaded
    t.drain()
    t.key("n", "New campaign")
    t.drain()
    t.key("\r", "Card 1 of", "Orders for")
    t.drain()
    cards, months = [], []
    while not mirror.finished:
        desk = mirror.cards()
        picks = []
        for n, card in enumerate(desk, 1):
            index = mirror.available(card.id).index(True)
            picks.append(card.choices[index].id)
            t.key(str(index + 1), "█")  # the chosen choice's bar
            t.drain(0.05)
            cards.append(t.key("\r", f"Card {n + 1} of" if n < len(desk) else "Orders for"))
            t.drain()
        mirror.play(mirror.decide(picks))
        t.drain(0.05)
        months.append(t.key("\r", "campaign ends" if mirror.finished else f"turn {mirror.state.turn} of"))
        t.drain()
    rss = t.rss_mb()
    if argv:  # a profiling run: let the app quit by itself
        os.write(t.fd, b"\x11")
        t.drain(3.0)
    t.close()
    return cards, months, rss


def campaign_in_progress(content: Path, folder: Path, months: int = 3) -> None:
    """An autosave of a campaign a few months in (first open choice on every card)."""
    from game.content.loader import load_runtime
    from game.saves import autosave
    from game.session import Session

    session = Session.new(load_runtime(content), seed="7")
    for _ in range(months):
        picks = [c.choices[session.available(c.id).index(True)].id for c in session.cards()]
        session.play(session.decide(picks))
    autosave(session, folder)


def resume(content: Path, saves: Path, runs: int) -> tuple[list[float], list[float], list[float]]:
    """Launch with an autosave: seconds to the offer to continue, `c` to dashboard, launch to dashboard."""
    campaign_in_progress(content, saves)
    offered, key, total = [], [], []
    for _ in range(runs):
        t = Term(game_argv(content, saves))
        offered.append(t.wait_for("Continue:") - t.start)
        key.append(t.key("c", "Situation report"))
        total.append(time.perf_counter() - t.start)
        t.close()
    return offered, key, total


def ms(values: list[float]) -> str:
    values = [v * 1000 for v in values]
    return (f"median {statistics.median(values):6.1f} ms  min {min(values):6.1f}  "
            f"max {max(values):6.1f}  (n={len(values)})")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--content", type=Path, default=STARTER,
                        help="pack folder (default: the starter pack)")
    parser.add_argument("--runs", type=int, default=9, help="runs of each start-up measure")
    args = parser.parse_args()
    if subprocess.run([sys.executable, "-m", "game", "validate", "--content", str(args.content)],
                      capture_output=True).returncode:
        print(f"{args.content} does not validate; pass --content with a valid pack", file=sys.stderr)
        return 1
    saves = Path(tempfile.mkdtemp(prefix="he-bench-"))
    try:
        print(f"pack: {args.content}   terminal: {COLS}x{ROWS} pty   python {sys.version.split()[0]}")
        bare, ours = cold_start(args.content, saves, args.runs)
        ratio = statistics.median(ours) / statistics.median(bare)
        print(f"cold start, bare Textual app:  {ms(bare)}")
        print(f"cold start, title screen:      {ms(ours)}")
        print(f"  ratio {ratio:.2f} (target <= 1.30)  {'ok' if ratio <= 1.3 else 'OVER'}")
        cards, months, rss = play_campaign(args.content, saves)
        print(f"enter -> next card / orders:   {ms(cards)}  "
              f"{'ok' if statistics.median(cards) < 0.05 else 'OVER'} (target < 50 ms)")
        print(f"enter -> next month painted:   {ms(months)}  (resolution + autosave + repaint)")
        print(f"resident memory after a campaign: {rss:.1f} MB  "
              f"{'ok' if rss < 80 else 'OVER'} (target < 80 MB)")
        offered, key, total = resume(args.content, saves / "resume", args.runs)
        print(f"launch -> pack loaded, 'continue' offered: {ms(offered)}")
        print(f"'c' -> resumed dashboard painted:         {ms(key)}  "
              f"{'ok' if statistics.median(key) <= 0.35 else 'OVER'} (target <= 350 ms)")
        print(f"launch -> resumed dashboard painted:      {ms(total)}")
    finally:
        shutil.rmtree(saves, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
