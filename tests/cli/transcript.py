"""A running line-mode game whose output a test waits on (no fixed sleeps): read in a thread."""

from __future__ import annotations

import os
import subprocess
import threading
import time
from collections.abc import Callable


class Transcript:
    """What a subprocess has written to stdout so far; ``until`` waits for a phrase."""

    def __init__(self, proc: subprocess.Popen[bytes]) -> None:
        assert proc.stdout is not None and proc.stdin is not None
        self.proc = proc
        self.text = ""
        self.cond = threading.Condition()
        self.thread = threading.Thread(target=self._read, args=(proc.stdout.fileno(),), daemon=True)
        self.thread.start()

    def _read(self, fd: int) -> None:
        while chunk := os.read(fd, 4096):
            with self.cond:
                self.text += chunk.decode("utf-8", "replace")
                self.cond.notify_all()

    def send(self, line: str) -> None:
        """Type a line."""
        assert self.proc.stdin is not None
        self.proc.stdin.write((line + "\n").encode())
        self.proc.stdin.flush()

    def until(self, phrase: str, nudge: Callable[[], None], timeout: float = 90.0, every: float = 2.0) -> str:
        """Wait until the output says ``phrase`` (after what it said when called), calling ``nudge``
        at once and again whenever ``every`` seconds pass without it; fail after ``timeout``."""
        end = time.monotonic() + timeout
        with self.cond:
            start = len(self.text)
        while True:
            nudge()
            with self.cond:
                left = end - time.monotonic()
                wait = max(0.0, min(left, every))
                said = self.cond.wait_for(lambda: phrase in self.text[start:], timeout=wait)
                if said:
                    return self.text[start:]
                assert left > every, f"{phrase!r} not said within {timeout} s:\n{self.text[-3000:]}"
