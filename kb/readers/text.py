"""Plain-text and Markdown articles (.txt, .md), with optional front matter.

The article text is the file's text after the front matter (all of it when
there is none), kept exactly: only a UTF-8 BOM is dropped and newlines are
normalised to ``\\n``, so evidence offsets count characters of the file body.
Markdown is read as plain text: its markup characters stay in the text.

Without front matter, the first non-empty line is taken as the title when it
is short (at most ``TITLE_MAX_CHARS`` characters), more text follows it, and it
stands apart: followed by a blank line or a Markdown ``===``/``---`` underline,
or written as a Markdown ``#`` heading (whose markers are removed from the
title). The line stays in the text. With front matter, only its ``title`` key
gives a title.

The identifier is the front matter's ``id``, else the file name's stem.
"""

from __future__ import annotations

import re
from pathlib import Path

from kb.model import Article
from kb.readers.dates import parse_published
from kb.readers.fields import declared_url, file_identifier, one_line
from kb.readers.front_matter import split_front_matter
from kb.readers.problems import BadInput, ReadProblem
from kb.readers.raw import check_characters, decode_utf8, has_words, normalise_newlines

TITLE_MAX_CHARS = 150
_HEADING_MARKER = re.compile(r"#{1,6}[ \t]+")
_CLOSING_HASHES = re.compile(r"[ \t]+#+[ \t]*$")
_SETEXT_UNDERLINE = re.compile(r"(=+|-+)[ \t]*")


def read(data: bytes, path: Path) -> tuple[list[Article], list[ReadProblem]]:
    text = normalise_newlines(decode_utf8(data))
    check_characters(text)
    matter = split_front_matter(text)
    if not has_words(matter.body):
        raise BadInput("no article text after the front matter" if matter.present else "empty file (no text)")

    published = None
    if matter.get("published") is not None:
        try:
            published = parse_published(matter.get("published"))
        except BadInput as error:
            raise BadInput(error.reason, matter.line("published")) from None
    title = one_line(matter.get("title")) if matter.present else guess_title(matter.body)
    article = Article(
        identifier=one_line(matter.get("id")) or file_identifier(path),
        text=matter.body,
        title=title,
        published=published,
        url=declared_url(matter.get("url"), matter.line("url")),
        publisher=one_line(matter.get("source")),
        source_path=str(path),
    )
    return [article], []


def guess_title(body: str) -> str | None:
    """The first non-empty line when it looks like a headline (see the module docstring)."""
    lines = body.split("\n")
    first = next((i for i, line in enumerate(lines) if line.strip()), None)
    if first is None:
        return None
    line = lines[first].strip()
    rest = lines[first + 1 :]
    if not any(later.strip() for later in rest[1:]):
        return None  # nothing after it: the line is the article, not its title
    heading = _HEADING_MARKER.match(line)
    if heading:
        line = _CLOSING_HASHES.sub("", line[heading.end():]).strip()
    elif not (rest[0].strip() == "" or _SETEXT_UNDERLINE.fullmatch(rest[0].strip())):
        return None
    if not line or len(line) > TITLE_MAX_CHARS:
        return None
    return one_line(line)
