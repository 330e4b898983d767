"""Progress for long commands: a bar on a terminal, plain lines in logs.

Written to stderr so that stdout stays clean for data (``kb extract -o -``).
"""

from __future__ import annotations

import sys
import time
from typing import TextIO


class Progress:
    """Counts work done out of ``total``; renders at most a few times a second."""

    def __init__(self, total: int, label: str, *, stream: TextIO | None = None, enabled: bool = True) -> None:
        self.total = max(total, 0)
        self.label = label
        self.done = 0
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.tty = enabled and self.stream.isatty()
        self.started = time.monotonic()
        self._last = 0.0
        # In logs, a line every 10% (at least every item when there are few).
        self._log_every = max(1, self.total // 10)

    def advance(self, n: int = 1, note: str = "") -> None:
        self.done += n
        if not self.enabled:
            return
        now = time.monotonic()
        if self.tty:
            if now - self._last >= 0.1 or self.done >= self.total:
                self._last = now
                self._draw(note)
        elif self.done % self._log_every == 0 or self.done == self.total:
            self.stream.write(f"{self.label}: {self.done}/{self.total} {self._rate(now)}\n")
            self.stream.flush()

    def _rate(self, now: float) -> str:
        elapsed = now - self.started
        return f"({self.done / elapsed:.1f}/s)" if elapsed > 0 else ""

    def _draw(self, note: str) -> None:
        width = 30
        fraction = self.done / self.total if self.total else 1.0
        filled = int(width * fraction)
        bar = "#" * filled + "-" * (width - filled)
        text = f"\r{self.label} [{bar}] {self.done}/{self.total} {self._rate(time.monotonic())} {note[:40]}"
        self.stream.write(text.ljust(100))
        self.stream.flush()

    def close(self) -> None:
        if self.tty:
            self.stream.write("\n")
            self.stream.flush()
