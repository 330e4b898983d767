"""News feeds (.xml, .rss, .atom): each entry becomes an article.

Safety first: the bytes are parsed with defusedxml before feedparser sees
them. Entity declarations (the "billion laughs" expansion bomb, external
entities pointing at local files or URLs) are refused, so a hostile feed is a
problem and is never expanded or followed. A bare ``<!DOCTYPE>`` without
entities (RSS 0.91 feeds carry one) is harmless and allowed. The XML
declaration's encoding is honoured, as XML defines.

Per entry:

- text: the entry's content, else its summary; HTML is turned into plain text
  (``html_text``), plain text is kept. An entry without either is a problem.
- identifier: the entry's id (``<guid>``, Atom ``<id>``), else its link, else
  ``{file stem}-{entry number}``. An id repeated within the feed is a problem.
- published: the entry's ``published`` date, else its ``updated`` date,
  parsed as in ``dates``; when dateutil cannot read it, feedparser's own
  parse of it (in UTC) is used; when neither can, the entry is a problem.
- title: the entry's title as plain text; url: its link (absolute http(s)
  only); publisher: the title of the entry's ``<source>``, else of the feed.

Entries are numbered from 1 in document order in the problems they cause.
"""

from __future__ import annotations

import io
import time
import xml.etree.ElementTree as ElementTree
from datetime import date, datetime, timezone
from pathlib import Path

import defusedxml
import defusedxml.ElementTree as SafeElementTree
import feedparser

from kb.model import Article
from kb.readers.dates import parse_published
from kb.readers.fields import extracted_url, file_identifier, one_line
from kb.readers.html_text import html_to_text
from kb.readers.problems import BadInput, ReadProblem, quoted
from kb.readers.raw import check_characters, has_words, normalise_newlines

FEED_ROOTS = ("rss", "feed", "RDF")  # RSS 0.9x/2.0, Atom, RSS 1.0 (rdf:RDF)
HTML_TYPES = ("text/html", "application/xhtml+xml")


def read(data: bytes, path: Path) -> tuple[list[Article], list[ReadProblem]]:
    root = parse_safely(data)
    if _local_name(root.tag) not in FEED_ROOTS:
        raise BadInput(f"not an RSS or Atom feed (the root element is <{_local_name(root.tag)}>)")
    try:
        parsed = feedparser.parse(io.BytesIO(data))  # a stream: feedparser never treats it as a URL or file name
    except Exception as error:  # a library failure on odd input is still just a bad file
        raise BadInput(f"feedparser could not read the feed ({type(error).__name__}: {error})") from None
    if not parsed.entries:
        raise BadInput("the feed has no entries")

    feed_title = one_line(_plain(parsed.feed.get("title_detail"), parsed.feed.get("title")))
    articles: list[Article] = []
    problems: list[ReadProblem] = []
    first_entry_of_id: dict[str, int] = {}
    for number, entry in enumerate(parsed.entries, start=1):
        try:
            article = _entry_article(entry, number, feed_title, path)
            if article.identifier in first_entry_of_id:
                raise BadInput(f"id {quoted(article.identifier)} is already used by entry {first_entry_of_id[article.identifier]}")
        except BadInput as error:
            title = one_line(entry.get("title"))
            label = f"entry {number}" + (f" ({quoted(title, 40)})" if title else "")
            problems.append(ReadProblem(str(path), f"{label}: {error.reason}"))
            continue
        first_entry_of_id[article.identifier] = number
        articles.append(article)
    return articles, problems


def parse_safely(data: bytes) -> ElementTree.Element:
    """The document's root element; ``BadInput`` for entities or XML that is not well-formed."""
    try:
        return SafeElementTree.fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except defusedxml.EntitiesForbidden as error:
        kind = "an external entity" if (error.sysid or error.pubid) else "an entity"
        raise BadInput(
            f"the feed declares {kind} ({error.name!r}); entity declarations are refused "
            "(they allow entity-expansion bombs and reading local files)",
            _line_of(data, b"<!ENTITY"),
        ) from None
    except defusedxml.DefusedXmlException as error:
        raise BadInput(f"unsafe XML refused ({type(error).__name__}: {error})") from None
    except ElementTree.ParseError as error:
        line, column = error.position
        message = str(error).split(":")[0].removeprefix("not well-formed ").strip("()")
        raise BadInput(f"not well-formed XML ({message} at column {column + 1})", line) from None
    except (ValueError, LookupError) as error:  # e.g. an unknown encoding in the XML declaration
        raise BadInput(f"not well-formed XML ({error})") from None


def _entry_article(entry: dict, number: int, feed_title: str | None, path: Path) -> Article:
    text = _entry_text(entry)
    if not has_words(text):
        raise BadInput("no text (neither content nor summary)")
    check_characters(text)
    identifier = one_line(entry.get("id")) or one_line(entry.get("link")) or f"{file_identifier(path)}-{number}"
    source = entry.get("source") or {}
    publisher = one_line(_plain(source.get("title_detail"), source.get("title"))) or feed_title
    return Article(
        identifier=identifier,
        text=text,
        title=one_line(_plain(entry.get("title_detail"), entry.get("title"))),
        published=_entry_date(entry),
        url=extracted_url(entry.get("link")),
        publisher=publisher,
        source_path=str(path),
    )


def _entry_text(entry: dict) -> str:
    for content in entry.get("content") or ():
        text = _plain(content, content.get("value"))
        if has_words(text):
            return text
    return _plain(entry.get("summary_detail"), entry.get("summary"))


def _plain(detail: dict | None, value: str | None) -> str:
    """``value`` as plain text, its tags removed when feedparser says it is HTML."""
    if not value:
        return ""
    kind = (detail or {}).get("type", "text/html")
    text = html_to_text(value) if kind in HTML_TYPES else value
    return normalise_newlines(text)


def _entry_date(entry: dict) -> date | datetime | None:
    for field in ("published", "updated"):
        raw = (entry.get(field) or "").strip()
        if not raw:
            continue
        try:
            return parse_published(raw)
        except BadInput:
            fallback = entry.get(f"{field}_parsed")
            if isinstance(fallback, time.struct_time):
                return datetime(*fallback[:6], tzinfo=timezone.utc)
            raise BadInput(f"unreadable {field} date {quoted(raw)}") from None
    return None


def _local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _line_of(data: bytes, needle: bytes) -> int | None:
    found = data.find(needle)
    return None if found < 0 else data.count(b"\n", 0, found) + 1
