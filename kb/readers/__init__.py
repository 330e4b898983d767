"""Readers: source files in, ``kb.model.Article`` objects out.

    from kb.readers import iter_source_files, read_source

    for path in iter_source_files(["seeds", "extra/report.html"]):
        articles, problems = read_source(path, published=None)

The format follows the file extension (case ignored), see ``formats.py``:

    .txt .md          text.py   plain text, optional ``---`` front matter
    .jsonl            jsonl.py  one JSON object per line
    .html .htm        html.py   web pages, through trafilatura
    .xml .rss .atom   feed.py   RSS/Atom feeds, through defusedxml then feedparser

``read_source`` never raises for bad input: every problem (missing file,
unknown extension, over the size limit, empty, binary, not UTF-8, broken front
matter, a bad JSON line, an unsafe or malformed feed...) is returned as a
``ReadProblem``, one line naming the file and the reason. A file holding
several articles (JSON Lines, feeds) returns its good articles alongside the
problems of its bad records.

Checks every format shares, in this order: the path exists and is not a
folder, its extension is known, it is a regular file whose size (asked of the
file system, before reading) is within ``max_bytes``, it is not empty or only
whitespace, and it is not binary (NUL bytes, a known binary signature such as
PNG, PDF, ZIP or gzip, or a UTF-16/32 byte order mark).
"""

from __future__ import annotations

import dataclasses
import os
from datetime import date
from pathlib import Path

from kb.model import Article
from kb.readers.formats import READERS, SUPPORTED_EXTENSIONS, Reader
from kb.readers.problems import BadInput, ReadProblem
from kb.readers.raw import check_not_binary, check_not_empty, load_bytes
from kb.readers.walk import iter_source_files

__all__ = ["DEFAULT_MAX_BYTES", "SUPPORTED_EXTENSIONS", "ReadProblem", "iter_source_files", "read_source"]

DEFAULT_MAX_BYTES = 5_000_000  # per file: far above any news article, far below trouble


def read_source(
    path: str | Path,
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    published: date | None = None,
) -> tuple[list[Article], list[ReadProblem]]:
    """The articles in one file and the problems found in it.

    ``published`` is given to every article the file left without a
    publication date (the CLI's ``--published``); a date the file gives wins.
    """
    path = Path(path)
    try:
        reader = _reader_for(path)
        data = load_bytes(path, max_bytes)
        check_not_empty(data)
        check_not_binary(data)
        articles, problems = reader(data, path)
    except BadInput as error:
        return [], [error.at(str(path))]
    if published is not None:
        articles = [a if a.published is not None else dataclasses.replace(a, published=published) for a in articles]
    return articles, problems


def _reader_for(path: Path) -> Reader:
    if path.is_dir():
        try:
            os.listdir(path)
        except OSError as error:
            raise BadInput(f"cannot list this folder ({error.strerror or error})") from None
        raise BadInput("is a folder, not a file")
    if not path.exists() and not path.is_symlink():
        raise BadInput("no such file")
    reader = READERS.get(path.suffix.lower())
    if reader is None:
        found = f"'{path.suffix}'" if path.suffix else "no extension"
        raise BadInput(f"unsupported file type ({found}; supported: {', '.join(sorted(READERS))})")
    return reader
