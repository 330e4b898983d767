"""``kb ingest``: read files, extract, validate, and write one graph per article.

Every problem (a bad file, a bad JSON line, a graph that does not validate) is
collected as one line naming its source and the reason; the other articles are
still ingested, and each article's graph is written in one transaction, so the
store is never left half-written.
"""

from __future__ import annotations

import concurrent.futures as futures
import multiprocessing
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from kb.config import Settings
from kb.ids import Iris
from kb.model import Article
from kb.pipeline import ArticleResult, process_articles
from kb.progress import Progress
from kb.store import GraphWrite, Store


@dataclass
class IngestSummary:
    files: int = 0
    articles: int = 0
    written: int = 0
    unchanged: int = 0
    events: int = 0
    undated: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def read_articles(
    paths: Sequence[str | Path], settings: Settings, published: date | None, summary: IngestSummary
) -> list[Article]:
    """Every article in the given files and folders; problems go into the summary."""
    from kb.readers import iter_source_files, read_source

    articles: list[Article] = []
    existing = []
    for path in paths:
        if Path(path).exists():
            existing.append(path)
        else:
            summary.problems.append(f"{path}: no such file or folder")
    first_source: dict[str, str] = {}
    for file in iter_source_files(existing):
        summary.files += 1
        found, problems = read_source(file, max_bytes=settings.max_bytes, published=published)
        summary.problems.extend(str(problem) for problem in problems)
        for article in found:
            # Two files with one id would overwrite each other's graph: keep the first.
            other = first_source.setdefault(article.identifier, str(file))
            if other != str(file):
                summary.problems.append(
                    f"{file}: article id {article.identifier!r} is already used by {other}; "
                    "give one of them its own id (front matter `id:`)"
                )
                continue
            articles.append(article)
    return articles


def ensure_ontology(store: Store) -> None:
    """(Re)write the ontology's own named graph; cheap, and keeps it current."""
    from kb.validate import ONTOLOGY_GRAPH, load_ontology

    triples = load_ontology().serialize(format="nt", encoding="utf-8").decode("utf-8")
    store.write(GraphWrite(graph=ONTOLOGY_GRAPH, triples=triples))


def ingest(
    paths: Sequence[str | Path],
    store: Store,
    settings: Settings,
    *,
    published: date | None = None,
    jobs: int = 1,
    force: bool = False,
    show_progress: bool = True,
) -> IngestSummary:
    summary = IngestSummary()
    iris = settings.iris
    articles = read_articles(paths, settings, published, summary)
    summary.articles = len(articles)

    ensure_ontology(store)
    stored = {} if force else dict(store.iter_graph_hashes())
    pending = []
    for article in articles:
        if stored.get(iris.graph(article)) == article.content_hash:
            summary.unchanged += 1  # same article, same text: nothing to do
        else:
            pending.append(article)

    progress = Progress(len(pending), "ingest", enabled=show_progress)
    try:
        for result in process_in_parallel(pending, iris, jobs):
            progress.advance(note=result.identifier)
            summary.undated += result.undated
            if result.problem:
                summary.problems.append(f"{result.source}: {result.problem}")
                continue
            store.write(result.write)
            summary.written += 1
            summary.events += result.events
    finally:
        progress.close()
    return summary


def process_in_parallel(articles: list[Article], iris: Iris, jobs: int) -> Iterator[ArticleResult]:
    """``process_articles`` in this process, or spread over ``jobs`` worker processes."""
    if jobs <= 1 or len(articles) < 2:
        yield from process_articles(articles, iris)
        return
    chunks = [articles[i : i + 16] for i in range(0, len(articles), 16)]
    # spawn, not fork: the parent may hold RocksDB threads that must not be forked.
    context = multiprocessing.get_context("spawn")
    with futures.ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        for results in pool.map(_process_chunk, chunks, [iris] * len(chunks)):
            yield from results


def _process_chunk(articles: Iterable[Article], iris: Iris) -> list[ArticleResult]:
    return list(process_articles(articles, iris))
