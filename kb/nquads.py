"""``kb extract``: articles to N-Quads without a store.

The same pure steps as ``kb ingest`` (read, extract, build, validate), written as
N-Quads: each article's graph, followed by the actor and place triples it shares
through the entities graph. ``kb load`` reads the result into any store.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path
from typing import Sequence

from kb.config import Settings
from kb.ingest import IngestSummary, process_in_parallel, read_articles
from kb.progress import Progress


def extract_to_nquads(
    paths: Sequence[str | Path],
    output: str,
    settings: Settings,
    *,
    published: date | None = None,
    jobs: int = 1,
    show_progress: bool = True,
) -> IngestSummary:
    summary = IngestSummary()
    articles = read_articles(paths, settings, published, summary)
    summary.articles = len(articles)
    progress = Progress(len(articles), "extract", enabled=show_progress)
    out = sys.stdout if output == "-" else open(output, "w", encoding="utf-8")
    try:
        for result in process_in_parallel(articles, settings.iris, jobs):
            progress.advance(note=result.identifier)
            summary.undated += result.undated
            if result.problem:
                summary.problems.append(f"{result.source}: {result.problem}")
                continue
            out.write(result.nquads())
            summary.written += 1
            summary.events += result.events
    finally:
        progress.close()
        if out is not sys.stdout:
            out.close()
    return summary
