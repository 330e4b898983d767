"""What a SPARQL request is, read from its text before any store sees it.

The endpoint must know three things before running anything: the query form
(to negotiate the answer's media type and to refuse updates), whether it calls
``SERVICE`` (refused: Oxigraph would open a connection to any server named
there, a server-side request forgery), and whether it declares its own dataset
with ``FROM`` (then the query's dataset applies instead of the union graph).

A full parser is not needed for that: keywords are recognised after removing
everything that may contain arbitrary text (comments, string literals, IRIs)
and skipping the tokens that merely look like words (variables, prefixed names,
blank node labels, language tags). The check errs towards refusing: a word that
might be the ``SERVICE`` keyword is treated as one, and ``\\u`` escapes are
expanded as SPARQL allows before the text is looked at again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

QUERY_FORMS = ("SELECT", "CONSTRUCT", "DESCRIBE", "ASK")
UPDATE_WORDS = ("INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH")

# Everything that can hold arbitrary characters, in the order SPARQL's grammar
# reads them: the earliest match at each position wins.
_OPAQUE = re.compile(
    r"""
      '''(?:[^'\\]|\\.|'(?!''))*'''
    | \"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"
    | '(?:[^'\\\n\r]|\\.)*'
    | "(?:[^"\\\n\r]|\\.)*"
    | <[^<>"{}|^`\\\x00-\x20]*>
    | \#[^\n\r]*
    """,
    re.VERBOSE | re.DOTALL,
)

_NAME_CHAR = r"[\w\-.\u00B7\u0300-\u036F\u203F-\u2040]"
_TOKEN = re.compile(
    rf"""
      (?P<variable>[?$]{_NAME_CHAR}+)
    | (?P<blank>_:{_NAME_CHAR}+)
    | (?P<language>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
    | (?P<prefixed>(?:[^\W\d_]{_NAME_CHAR}*)?:(?:{_NAME_CHAR}|[:%\\])*)
    | (?P<word>[^\W\d]\w*)
    """,
    re.VERBOSE,
)
_UNICODE_ESCAPE = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")


@dataclass(frozen=True)
class RequestShape:
    """``form``: SELECT, CONSTRUCT, DESCRIBE, ASK, UPDATE, or None when unrecognisable."""

    form: str | None
    uses_service: bool
    declares_dataset: bool

    @property
    def is_update(self) -> bool:
        return self.form == "UPDATE"

    @property
    def gives_graph(self) -> bool:
        return self.form in ("CONSTRUCT", "DESCRIBE")


def keywords(text: str) -> list[str]:
    """The bare words of a query, upper-cased, in order (no names, no literals)."""
    visible = _OPAQUE.sub(" ", text)
    return [m.group("word").upper() for m in _TOKEN.finditer(visible) if m.lastgroup == "word"]


def _expand_escapes(text: str) -> str:
    def char(match: re.Match) -> str:
        code = int(match.group(1) or match.group(2), 16)
        return chr(code) if code <= 0x10FFFF else match.group(0)

    return _UNICODE_ESCAPE.sub(char, text)


def _form(words: list[str]) -> str | None:
    for word in words:
        if word in ("BASE", "PREFIX"):
            continue
        if word in QUERY_FORMS:
            return word
        if word in UPDATE_WORDS:
            return "UPDATE"
        return None
    return None


def inspect_request(text: str) -> RequestShape:
    """The form of a query or update, and whether it uses SERVICE or FROM."""
    readings = [keywords(text)]
    expanded = _expand_escapes(text)
    if expanded != text:
        readings.append(keywords(expanded))
    words = readings[0]
    return RequestShape(
        form=_form(words),
        uses_service=any("SERVICE" in reading for reading in readings),
        declares_dataset="FROM" in words,
    )
