"""Where ``kb ingest`` spends its time, stage by stage: run by ``bench/ingest.py``.

    python bench/ingest_profile.py FOLDER STORE

Runs the same ``kb.ingest.ingest`` as the command (one process, ``--jobs 1``)
with a stopwatch around each stage: reading, the extractor (spaCy parse and
rules together), building the RDF graph, SHACL validation, serialising, the
store writes, and merging the events of the new articles with the store's
(``kb.merge``, once at the end). A stage called inside another (the store
writes of the merge) counts for itself only. Prints one JSON object of seconds
per stage and the total.
"""

from __future__ import annotations

import json
import sys
import time
from collections import defaultdict
from functools import wraps

SPENT: dict[str, float] = defaultdict(float)
ACTIVE: list[str] = []  # the stages running now, innermost last


def spend(stage: str, seconds: float) -> None:
    """Count ``seconds`` for ``stage`` and not for the stage it ran inside."""
    SPENT[stage] += seconds
    if ACTIVE:
        SPENT[ACTIVE[-1]] -= seconds


def timed(stage: str, function):
    @wraps(function)
    def wrapper(*args, **kwargs):
        ACTIVE.append(stage)
        started = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            elapsed = time.perf_counter() - started
            ACTIVE.pop()
            spend(stage, elapsed)

    return wrapper


def timed_generator(stage: str, function):
    """Time only the work done inside the generator, not what the consumer does between items."""

    @wraps(function)
    def wrapper(*args, **kwargs):
        iterator = iter(function(*args, **kwargs))
        while True:
            started = time.perf_counter()
            try:
                item = next(iterator)
            except StopIteration:
                spend(stage, time.perf_counter() - started)
                return
            spend(stage, time.perf_counter() - started)
            yield item

    return wrapper


def main() -> None:
    started = time.perf_counter()
    import kb.extract
    import kb.ingest
    import kb.pipeline
    import kb.validate
    from kb.config import Settings
    from kb.store import open_store
    from kb.store.embedded import EmbeddedStore

    kb.extract.extract_many = timed_generator("extract (spaCy + rules)", kb.extract.extract_many)
    kb.pipeline.to_rdf = timed("build RDF", kb.pipeline.to_rdf)
    kb.validate.validate = timed("SHACL", kb.validate.validate)
    kb.pipeline.split_graph = timed("serialise", kb.pipeline.split_graph)
    kb.ingest.read_articles = timed("read files", kb.ingest.read_articles)
    EmbeddedStore.write = timed("store writes", EmbeddedStore.write)
    kb.ingest.update_merged_events = timed("merge events (kb.merge)", kb.ingest.update_merged_events)

    folder, store_path = sys.argv[1], sys.argv[2]
    imported = time.perf_counter() - started
    with open_store(store_path) as store:
        summary = kb.ingest.ingest([folder], store, Settings(store=store_path), show_progress=False)
    total = time.perf_counter() - started
    print(json.dumps({"articles": summary.written, "total": total, "imports": imported, **SPENT}))


if __name__ == "__main__":
    main()
