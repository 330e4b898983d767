"""The optional ``---`` front matter of .txt and .md articles.

A small strict parser instead of YAML (not a dependency, and YAML would turn
``title: Talks: an update`` into an error and ``published: 2018-05-31`` into
whatever type it guesses). The accepted form:

    ---
    title: Taliban in ceasefire talks with Afghan government: US official
    published: 2018-05-31
    source: "The New Arab"
    url: https://example.org/news/1
    id: seed-001
    ---
    The article text starts on the line after the closing ``---``.

- The file's first line is exactly ``---`` (trailing spaces allowed); the
  front matter ends at the next such line. An opening line without a closing
  one is a problem.
- Inside, each line is ``key: value``: the key is letters, digits, ``_`` or
  ``-`` (case is ignored), the value runs to the end of the line, colons and
  ``#`` included. Blank lines and lines starting with ``#`` are skipped.
- A value may be quoted: ``"..."`` with JSON escapes (``\\"``, ``\\n``,
  ``\\u00e9``), or ``'...'`` with ``''`` for a quote. An empty value counts as
  absent.
- Keys read: ``title``, ``published``, ``url``, ``source``, ``id``. Other keys
  (author, tags, ...) are ignored, including indented lines under them (YAML
  lists), so front matter written for a static site generator is accepted. A
  read key given twice, or continued on an indented line, is a problem.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from kb.readers.problems import BadInput, quoted

KNOWN_KEYS = ("title", "published", "url", "source", "id")
FENCE = "---"
_KEY_VALUE = re.compile(r"([A-Za-z_][A-Za-z0-9_-]*)[ \t]*:(.*)")


@dataclass
class FrontMatter:
    """What a file's front matter said, and the text after it."""

    present: bool
    body: str
    values: dict[str, str] = field(default_factory=dict)  # known key -> value
    lines: dict[str, int] = field(default_factory=dict)  # known key -> its line number

    def get(self, key: str) -> str | None:
        return self.values.get(key)

    def line(self, key: str) -> int | None:
        return self.lines.get(key)


def split_front_matter(text: str) -> FrontMatter:
    """Separates the front matter (if any) from the body; ``BadInput`` when it is broken.

    ``text`` has ``\\n`` newlines. The body is the text after the closing
    fence's newline, unchanged.
    """
    lines = text.split("\n")
    if lines[0].rstrip() != FENCE:
        return FrontMatter(present=False, body=text)
    closing = next((i for i in range(1, len(lines)) if lines[i].rstrip() == FENCE), None)
    if closing is None:
        raise BadInput("front matter opened with '---' on line 1 is never closed by a '---' line", 1)
    matter = FrontMatter(present=True, body="\n".join(lines[closing + 1 :]))
    current_key: str | None = None
    for index in range(1, closing):
        line, number = lines[index], index + 1
        if not line.strip() or line.startswith("#"):
            continue
        if line[:1] in (" ", "\t"):
            if current_key is None:
                raise BadInput(f"indented line without a key above it in the front matter: {quoted(line.strip())}", number)
            if current_key in KNOWN_KEYS:
                raise BadInput(f"'{current_key}' continues on an indented line; write its value on one line", number)
            continue  # part of an ignored key's value (a YAML list or block)
        match = _KEY_VALUE.fullmatch(line)
        if match is None:
            raise BadInput(f"front matter line is not 'key: value': {quoted(line)}", number)
        current_key = match.group(1).lower()
        if current_key not in KNOWN_KEYS:
            continue
        if current_key in matter.lines:
            raise BadInput(f"'{current_key}' is given twice in the front matter (first on line {matter.lines[current_key]})", number)
        matter.lines[current_key] = number
        value = _unquote(match.group(2).strip(), number)
        if value:
            matter.values[current_key] = value
    return matter


def _unquote(value: str, number: int) -> str:
    if value.startswith('"'):
        try:
            unquoted = json.loads(value)
        except ValueError:
            unquoted = None
        if not isinstance(unquoted, str):
            raise BadInput(f"badly quoted value {quoted(value)} (a double-quoted value is one JSON string)", number)
        return unquoted
    if value.startswith("'"):
        inner = value[1:-1]
        if len(value) < 2 or not value.endswith("'") or "'" in inner.replace("''", ""):
            raise BadInput(f"badly quoted value {quoted(value)} (inside '...' write a quote as '')", number)
        return inner.replace("''", "'")
    return value
