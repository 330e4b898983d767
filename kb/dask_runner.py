"""Extraction on a Dask cluster: the same pure function as ``--jobs``, on other machines.

``kb extract PATH... -o out.nq --dask tcp://scheduler:8786`` reads the articles
here, sends them in chunks to the cluster's workers, each of which runs
``kb.ingest.process_chunk`` (extract ▶ RDF ▶ SHACL ▶ N-Triples), and writes the
results here in input order, so the file is byte-identical to a local run.

Choices:

* Needs the optional extra ``annals-kb[dask]`` here and ``annals-kb`` (same
  version) on every worker; without dask installed the command says so in one
  line.
* Chunks as for ``--jobs`` (``kb.ingest.split_in_chunks``). At most
  ``IN_FLIGHT_PER_THREAD`` chunks per worker thread are on the cluster
  at once, so memory here and there stays bounded whatever the corpus size,
  while every worker always has a chunk queued behind the one it runs.
* Each worker process loads spaCy once (a module-level singleton) and keeps it
  for every chunk it is given.
"""

from __future__ import annotations

from collections import deque
from typing import Iterator, Sequence

from kb.ids import Iris
from kb.model import Article
from kb.pipeline import ArticleResult

IN_FLIGHT_PER_THREAD = 2
CONNECT_TIMEOUT = "30s"


class DaskUnavailable(Exception):
    """Dask is not installed, or the scheduler cannot be reached; the message says which."""


def _client(address: str):
    try:
        from distributed import Client
    except ImportError:
        raise DaskUnavailable(
            "--dask needs the optional extra: pip install 'annals-kb[dask]' (and annals-kb on every worker)"
        ) from None
    try:
        return Client(address, timeout=CONNECT_TIMEOUT, set_as_default=False)
    except (OSError, TimeoutError) as error:
        raise DaskUnavailable(f"cannot reach the Dask scheduler at {address}: {error}") from None


def process_on_dask(articles: Sequence[Article], iris: Iris, address: str) -> Iterator[ArticleResult]:
    """``process_articles`` spread over the cluster at ``address``; results in input order."""
    from kb.ingest import process_chunk, split_in_chunks

    client = _client(address)
    try:
        threads = max(1, sum(client.nthreads().values()))
        chunks = split_in_chunks(articles, threads)
        window = IN_FLIGHT_PER_THREAD * threads
        in_flight: deque = deque()
        for chunk in chunks:
            in_flight.append(client.submit(process_chunk, chunk, iris, pure=False))
            if len(in_flight) >= window:
                yield from _result(in_flight.popleft())
        while in_flight:
            yield from _result(in_flight.popleft())
    finally:
        client.close()


def _result(future) -> list[ArticleResult]:
    try:
        return future.result()
    except ModuleNotFoundError as error:
        raise DaskUnavailable(f"a Dask worker cannot import {error.name!r}: install annals-kb on every worker") from None
    finally:
        future.release()
