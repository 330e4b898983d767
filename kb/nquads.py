"""``kb extract``: articles to N-Quads without a store.

The same pure steps as ``kb ingest`` (read, extract, build, validate), written as
N-Quads: each article's graph, followed by the actor and place triples it shares
through the entities graph (the layout ``kb load`` streams). ``kb load`` reads
the result into any store.
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
    dask: str | None = None,
    show_progress: bool = True,
) -> IngestSummary:
    """Write the N-Quads of every article in ``paths`` to ``output`` (``-``: stdout).

    ``jobs`` worker processes here, or the Dask cluster whose scheduler is at
    ``dask``; the file is the same either way (results are written in input
    order). It is written to ``output + ".partial"`` and renamed at the end, so
    an interrupted run never leaves a truncated file under the final name.
    """
    summary = IngestSummary()
    articles = read_articles(paths, settings, published, summary)
    summary.articles = len(articles)
    if dask:
        from kb.dask_runner import process_on_dask

        results = process_on_dask(articles, settings.iris, dask)
    else:
        results = process_in_parallel(articles, settings.iris, jobs)
    progress = Progress(len(articles), "extract", enabled=show_progress)
    partial = None if output == "-" else Path(f"{output}.partial")
    out = sys.stdout if partial is None else open(partial, "w", encoding="utf-8")
    completed = False
    try:
        for result in results:
            progress.advance(note=result.identifier)
            summary.undated += result.undated
            if result.problem:
                summary.problems.append(f"{result.source}: {result.problem}")
                continue
            out.write(result.nquads())
            summary.written += 1
            summary.events += result.events
        completed = True
    finally:
        progress.close()
        if partial is not None:
            out.close()
            if completed:
                partial.replace(output)
            else:
                partial.unlink(missing_ok=True)
    return summary
