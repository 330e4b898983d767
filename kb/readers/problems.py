"""How a reader says that its input is bad.

Readers never let an exception escape for bad input. Inside a reader a
``BadInput`` is raised where the problem is found; ``read_source`` (or the
reader itself, for formats holding several articles) turns it into a
``ReadProblem``: one line a person can act on, naming the file and, when it
helps, the line.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReadProblem:
    """One bad file, line or feed entry: ``str()`` gives ``path[:line]: reason``."""

    path: str
    reason: str
    line: int | None = None

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.reason}"


class BadInput(Exception):
    """Raised inside the readers; carries the reason and, when known, the line."""

    def __init__(self, reason: str, line: int | None = None):
        super().__init__(reason)
        self.reason = reason
        self.line = line

    def at(self, path: str, line: int | None = None) -> ReadProblem:
        """The problem for ``path``; ``line`` is used when the error has none."""
        return ReadProblem(path, self.reason, self.line if self.line is not None else line)


def quoted(value: str, limit: int = 60) -> str:
    """``value`` in quotes for a message, shortened so the message stays one line."""
    value = value.replace("\n", " ")
    if len(value) > limit:
        value = value[: limit - 1] + "…"
    return repr(value)
