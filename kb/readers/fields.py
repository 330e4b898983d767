"""Checks and clean-ups of article metadata shared by the readers.

Metadata a person declared (front matter, JSON fields) is checked strictly: a
bad value is a problem to fix. Metadata a library extracted (trafilatura from
a page, feedparser from a feed) is dropped when it fails the same check,
because the file's author did not write it as such.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from kb.readers.problems import BadInput, quoted
from kb.readers.raw import FORBIDDEN_CHARACTER

_WHITESPACE = re.compile(r"\s+")
_URL_SCHEMES = ("http", "https")


def one_line(value: str | None) -> str | None:
    """A title, publisher or id on one line: whitespace runs collapsed, characters
    RDF text cannot hold dropped (declared values were refused for them before);
    None when nothing is left."""
    if value is None:
        return None
    collapsed = _WHITESPACE.sub(" ", FORBIDDEN_CHARACTER.sub("", value)).strip()
    return collapsed or None


def file_identifier(path: Path) -> str:
    """The identifier of an article whose source gave none: the file name's stem."""
    return one_line(path.stem) or "article"


def is_web_url(value: str) -> bool:
    """An absolute http(s) URL without spaces: something ``schema:url`` can point to."""
    if not value or _WHITESPACE.search(value) or FORBIDDEN_CHARACTER.search(value) or "\x7f" in value:
        return False
    try:
        parts = urlsplit(value)
    except ValueError:
        return False
    return parts.scheme.lower() in _URL_SCHEMES and bool(parts.netloc)


def declared_url(value: str | None, line: int | None = None) -> str | None:
    """A URL a person wrote: None when blank, ``BadInput`` when not an http(s) URL."""
    if value is None or not value.strip():
        return None
    value = value.strip()
    if not is_web_url(value):
        raise BadInput(f"url is not an absolute http(s) URL: {quoted(value)}", line)
    return value


def extracted_url(value: str | None) -> str | None:
    """A URL a library found: kept only when it is an absolute http(s) URL."""
    if value is None:
        return None
    value = value.strip()
    return value if is_web_url(value) else None
