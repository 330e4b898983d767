"""Which reader reads which file extension (compared in lower case)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from kb.model import Article
from kb.readers import feed, html, jsonl, text
from kb.readers.problems import ReadProblem

Reader = Callable[[bytes, Path], tuple[list[Article], list[ReadProblem]]]

READERS: dict[str, Reader] = {
    ".txt": text.read,
    ".md": text.read,
    ".jsonl": jsonl.read,
    ".html": html.read,
    ".htm": html.read,
    ".xml": feed.read,
    ".rss": feed.read,
    ".atom": feed.read,
}
SUPPORTED_EXTENSIONS = frozenset(READERS)
