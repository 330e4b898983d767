"""Web pages (.html, .htm): the main text and metadata found by trafilatura.

Choices:

- Decoding: a UTF-8 BOM, else the charset a ``<meta>`` declares in the first
  1024 bytes (the HTML standard's pre-scan window), else UTF-8; always strict,
  so mis-declared bytes are a problem rather than replacement characters.
- Extraction runs offline on the decoded text (trafilatura never fetches
  anything here). Comments and tables are left out: the text feeds
  sentence-level extraction. The text is trafilatura's, newlines normalised;
  it usually begins with the page's headline.
- Date: only from the page's metadata (htmldate's extensive search is off, as
  it guesses from dates anywhere in the page, such as a copyright year); day
  precision.
- Title, canonical URL and site name (the publisher) from the metadata; a URL
  that is not an absolute http(s) URL is dropped.
- Identifier: the file name's stem (pages carry no id of their own).
"""

from __future__ import annotations

import codecs
import re
from datetime import date
from pathlib import Path

import trafilatura

from kb.model import Article
from kb.readers.fields import extracted_url, file_identifier, one_line
from kb.readers.problems import BadInput, ReadProblem, quoted
from kb.readers.raw import UTF8_BOM, check_characters, decode_strict, has_words, normalise_newlines

PRESCAN_BYTES = 1024
_META_CHARSET = re.compile(rb"""<meta\b[^>]*?\bcharset\s*=\s*["']?\s*([A-Za-z0-9._:-]+)""", re.IGNORECASE)
# The HTML standard reads these labels as other encodings than their names say.
_CHARSET_OVERRIDES = {"utf-16": "utf-8", "utf-16le": "utf-8", "utf-16be": "utf-8",
                      "iso-8859-1": "windows-1252", "us-ascii": "windows-1252", "latin1": "windows-1252"}


def read(data: bytes, path: Path) -> tuple[list[Article], list[ReadProblem]]:
    page = decode_strict(data, declared_encoding(data))
    try:
        document = trafilatura.bare_extraction(
            page,
            with_metadata=True,
            include_comments=False,
            include_tables=False,
            date_extraction_params={"original_date": True, "extensive_search": False,
                                    "max_date": date.today().isoformat()},
        )
    except Exception as error:  # a library failure on odd markup is still just a bad file
        raise BadInput(f"trafilatura could not read the page ({type(error).__name__}: {error})") from None
    text = normalise_newlines(getattr(document, "text", None) or "")
    if not has_words(text):
        raise BadInput("no article text found in the page")
    check_characters(text)
    article = Article(
        identifier=file_identifier(path),
        text=text,
        title=one_line(document.title),
        published=_page_date(document.date),
        url=extracted_url(document.url),
        publisher=one_line(document.sitename),
        source_path=str(path),
    )
    return [article], []


def declared_encoding(data: bytes) -> str:
    """The Python codec to decode the page with (see the module docstring)."""
    if data.startswith(UTF8_BOM):
        return "utf-8"
    found = _META_CHARSET.search(data[:PRESCAN_BYTES])
    if found is None:
        return "utf-8"
    label = found.group(1).decode("ascii").lower()
    label = _CHARSET_OVERRIDES.get(label, label)
    try:
        name = codecs.lookup(label).name
    except LookupError:
        raise BadInput(f"the page declares an unknown character set {quoted(label)}") from None
    return "utf-8" if name == "utf-8" else name


def _page_date(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value) if value else None
    except ValueError:
        return None
