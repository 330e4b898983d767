"""``kb ingest``: read files, extract, validate, and write one graph per article.

Every problem (a bad file, a bad JSON line, a graph that does not validate) is
collected as one line naming its source and the reason; the other articles are
still ingested, and each article's graph is written in one transaction, so the
store is never left half-written.

Idempotent and restartable: an article whose graph already holds the same
``kb:contentHash`` is skipped (``force`` re-extracts it anyway), a changed one
replaces its graph, and an ingest killed at any moment (even ``kill -9``) is
finished by running it again, ending with exactly the triples of an
uninterrupted run (``tests/test_crash_safety.py``). The ontology graph is
written first, only when missing or changed.
"""

from __future__ import annotations

import concurrent.futures as futures
import multiprocessing
from collections import deque
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Iterable, Iterator, Sequence

from kb.config import Settings
from kb.ids import Iris
from kb.model import Article
from kb.pipeline import ArticleResult, process_articles
from kb.merge import update_merged_events
from kb.merge.update import MergeSummary, articles_needing_merge
from kb.progress import Progress
from kb.store import GraphWrite, Store
from kb.store.writer import StoreWriter

CHUNK_ARTICLES = 16


@dataclass
class IngestSummary:
    files: int = 0
    articles: int = 0
    written: int = 0
    unchanged: int = 0
    events: int = 0
    undated: int = 0
    problems: list[str] = field(default_factory=list)
    merge: MergeSummary | None = None

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
    """Write the ontology into its own named graph when it is missing or has changed.

    The graph carries the hash of the ontology text, so an unchanged ontology is
    not rewritten (its blank nodes would otherwise get new ids on every ingest).
    """
    import hashlib

    from kb.ontology import ONTOLOGY_GRAPH, load_ontology, ontology_turtle

    digest = "sha256:" + hashlib.sha256(ontology_turtle().encode("utf-8")).hexdigest()
    marker = f'<{ONTOLOGY_GRAPH}> <http://purl.org/dc/terms/identifier> "{digest}" .'
    if store.ask(f"ASK {{ GRAPH <{ONTOLOGY_GRAPH}> {{ {marker} }} }}"):
        return
    triples = load_ontology().serialize(format="nt", encoding="utf-8").decode("utf-8")
    store.write(GraphWrite(graph=ONTOLOGY_GRAPH, triples=triples + marker + "\n"))


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
    # Articles written by an earlier run that stopped before merging them.
    to_merge = articles_needing_merge(store)
    pending = []
    for article in articles:
        if stored.get(iris.graph(article)) == article.content_hash:
            summary.unchanged += 1  # same article, same text: nothing to do
        else:
            pending.append(article)

    progress = Progress(len(pending), "ingest", enabled=show_progress)
    writer = StoreWriter(store)
    try:
        for result in process_in_parallel(pending, iris, jobs):
            progress.advance(note=result.identifier)
            summary.undated += result.undated
            if result.problem:
                summary.problems.append(f"{result.source}: {result.problem}")
                continue
            writer.write(result.write)
            to_merge.add(result.graph)
            summary.written += 1
            summary.events += result.events
    finally:
        progress.close()
    if to_merge:
        # Once per run, after the articles are stored: merging reads them back.
        summary.merge = update_merged_events(store, to_merge, iris)
    return summary


def process_in_parallel(articles: Sequence[Article], iris: Iris, jobs: int) -> Iterator[ArticleResult]:
    """``process_articles`` in this process, or spread over ``jobs`` worker processes.

    Results come in input order whatever ``jobs`` is, so output written from
    them is byte-identical for any number of workers. Articles go to workers
    in chunks of up to ``CHUNK_ARTICLES`` (big enough that pickling and spaCy's
    batching pay off, small enough to keep every worker busy to the end), at
    most two chunks per worker in flight, so memory stays bounded.
    """
    if jobs <= 1 or len(articles) < 2:
        yield from process_articles(articles, iris)
        return
    chunks = split_in_chunks(articles, jobs)
    # spawn, not fork: the parent may hold RocksDB threads that must not be forked.
    context = multiprocessing.get_context("spawn")
    with futures.ProcessPoolExecutor(max_workers=jobs, mp_context=context) as pool:
        in_flight: deque[futures.Future] = deque()
        for chunk in chunks:
            in_flight.append(pool.submit(process_chunk, chunk, iris))
            if len(in_flight) >= 2 * jobs:
                yield from in_flight.popleft().result()
        while in_flight:
            yield from in_flight.popleft().result()


def split_in_chunks(articles: Sequence[Article], workers: int) -> Iterator[Sequence[Article]]:
    """Chunks of at most ``CHUNK_ARTICLES``, smaller when there are few articles so every worker gets some."""
    size = max(1, min(CHUNK_ARTICLES, -(-len(articles) // workers)))
    return (articles[i : i + size] for i in range(0, len(articles), size))


def process_chunk(articles: Iterable[Article], iris: Iris) -> list[ArticleResult]:
    """The unit of work of a worker process or a Dask task: a few articles to results."""
    return list(process_articles(articles, iris))
