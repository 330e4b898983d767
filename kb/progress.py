"""Progress for long commands: a bar on a terminal, plain lines in logs.

Written to stderr so that stdout stays clean for data (``kb extract -o -``).

On a terminal the bar is redrawn at most ten times a second. In a log (stderr
not a terminal) a plain line is written every tenth of the work and at least
every ``LOG_INTERVAL`` seconds, so a run of hours still shows it is alive
without flooding the log; a task over within ``QUIET_START`` seconds writes
no progress lines at all (the command's summary says enough). ``total=None`` counts without a bar (work of unknown
size, such as a dump); ``unit="bytes"`` shows sizes and rates in MB.
"""

from __future__ import annotations

import sys
import time
from typing import TextIO

LOG_INTERVAL = 30.0  # seconds between log lines at most
QUIET_START = 2.0  # seconds of silence in a log first: a short task needs no progress lines
_REDRAW = 0.1  # seconds between terminal redraws at most
_BAR_WIDTH = 30


class Progress:
    """Counts work done out of ``total`` (None: unknown) and shows it."""

    def __init__(
        self,
        total: int | None,
        label: str,
        *,
        stream: TextIO | None = None,
        enabled: bool = True,
        unit: str = "items",
        quiet_start: float = QUIET_START,
    ) -> None:
        self.total = None if total is None else max(total, 0)
        self.label = label
        self.unit = unit
        self.done = 0
        self.stream = stream or sys.stderr
        self.enabled = enabled
        self.tty = enabled and _isatty(self.stream)
        self.started = time.monotonic()
        self._last_draw = 0.0
        self._last_log = self.started
        self._next_tenth = 1
        self._closed = False
        self._quiet_until = self.started + quiet_start
        self._logged = False

    def __enter__(self) -> "Progress":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def advance(self, n: int = 1, note: str = "") -> None:
        if n <= 0:
            return
        self.done += n
        if not self.enabled:
            return
        now = time.monotonic()
        finished = self.total is not None and self.done >= self.total
        if self.tty:
            if now - self._last_draw >= _REDRAW or finished:
                self._last_draw = now
                self._draw(note, now)
        elif (self._tenth_reached() or now - self._last_log >= LOG_INTERVAL) and now >= self._quiet_until:
            self._log(now)

    def _tenth_reached(self) -> bool:
        """True once per tenth of the total passed (the last tenth is the end)."""
        if not self.total:
            return False
        reached = False
        while self._next_tenth <= 10 and self.done * 10 >= self._next_tenth * self.total:
            self._next_tenth += 1
            reached = True
        return reached

    def _log(self, now: float) -> None:
        self._last_log = now
        self._logged = True
        self.stream.write(f"{self.label}: {self._count()} {self._rate(now)}\n")
        self.stream.flush()

    def _amount(self, value: float) -> str:
        return f"{value / 1e6:.1f} MB" if self.unit == "bytes" else f"{value:.0f}"

    def _count(self) -> str:
        if self.total is None:
            return self._amount(self.done)
        if self.unit == "bytes":
            return f"{self.done / 1e6:.1f}/{self.total / 1e6:.1f} MB"
        return f"{self.done}/{self.total}"

    def _rate(self, now: float) -> str:
        elapsed = now - self.started
        if elapsed <= 0 or not self.done:
            return ""
        per_second = self.done / elapsed
        rate = f"{per_second / 1e6:.1f} MB/s" if self.unit == "bytes" else f"{per_second:.1f}/s"
        if self.total and self.done < self.total:
            return f"({rate}, {_duration((self.total - self.done) / per_second)} left)"
        return f"({rate}, {_duration(elapsed)})"

    def _draw(self, note: str, now: float) -> None:
        if self.total:
            filled = int(_BAR_WIDTH * min(self.done / self.total, 1.0))
            bar = "[" + "#" * filled + "-" * (_BAR_WIDTH - filled) + "] "
        else:
            bar = ""
        text = f"\r{self.label} {bar}{self._count()} {self._rate(now)} {note[:40]}"
        self.stream.write(text.ljust(110))
        self.stream.flush()

    def close(self) -> None:
        if self._closed:
            return
        self._closed = True
        if self.tty:
            self._draw("", time.monotonic())
            self.stream.write("\n")
            self.stream.flush()
        elif self.enabled and self.done:
            now = time.monotonic()
            said_the_end = self.total is not None and self._next_tenth > 10
            if (self._logged or now >= self._quiet_until) and not said_the_end:
                self._log(now)  # where it ended (unless the last tenth's line said it)


def _isatty(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False


def _duration(seconds: float) -> str:
    seconds = int(seconds)
    if seconds < 60:
        return f"{seconds}s"
    if seconds < 3600:
        return f"{seconds // 60}m{seconds % 60:02d}s"
    return f"{seconds // 3600}h{seconds % 3600 // 60:02d}m"


class CountingReader:
    """A binary input that reports the bytes read to a Progress (for files read by a parser)."""

    def __init__(self, raw, progress: Progress) -> None:
        self._raw = raw
        self._progress = progress

    def read(self, size: int = -1) -> bytes:
        chunk = self._raw.read(size)
        self._progress.advance(len(chunk))
        return chunk

    def readinto(self, buffer) -> int:
        n = self._raw.readinto(buffer)
        self._progress.advance(n or 0)
        return n


class CountingWriter:
    """A binary output that reports the bytes written to a Progress (for dumps of unknown size).

        with Progress(None, "export", unit="bytes") as progress:
            store.dump(CountingWriter(out, progress), "trig")
    """

    def __init__(self, raw, progress: Progress) -> None:
        self._raw = raw
        self._progress = progress

    def write(self, data) -> int:
        written = self._raw.write(data)
        self._progress.advance(len(data))
        return written

    def flush(self) -> None:
        self._raw.flush()
