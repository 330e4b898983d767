"""A store that keeps its timeline index in step with every write.

``IndexedStore(store, index)`` is a ``Store``: reads go to ``store`` as they
are, and each write goes to the store first, then to the index:

1. the graphs about to change are noted in the index's ``pending`` table
   (committed, so it survives a crash);
2. the store commits the write;
3. the index takes the same change, derived from the write itself (its
   N-Triples, and the shared entity triples for place containment), and
   clears the pending note in the same transaction. The one thing it asks
   the store: a canonical event's quoted sentences, which live in its
   articles' graphs (one small query for the evidence nodes it links).

A crash between 2 and 3 leaves a pending note, and the check on the next open
(kb.index.sync.heal) reads those graphs again from the store. An index that
cannot be written (disk full) does not fail the write that the store has
already committed: it says so once on stderr and leaves the note for the next
open to repair.

``load`` (bulk N-Quads or TriG that add to graphs rather than replace them)
reads back from the store the graphs that hold events, since what they end up
holding depends on what was there before; graphs of entity descriptions only
add their containment statements.
"""

from __future__ import annotations

import io
import sqlite3
import sys
import threading
from typing import BinaryIO

from kb.index.database import TimelineIndexError, TimelineIndex
from kb.index.facts import (
    CONTAINED_IN,
    CONTENT_HASH,
    EVENT_PREDICATES,
    EVIDENCE,
    NIF_ANCHOR,
    RDF_TYPE,
    SEM_EVENT,
    graph_facts,
    ntriples_values,
    quad_values,
)
from kb.store.base import GraphWrite, QueryDataset, QueryOutput, Store, StoreError

_EVENT_PREDICATES = {*EVENT_PREDICATES, EVIDENCE, NIF_ANCHOR, CONTENT_HASH} - {RDF_TYPE}
_CONTAINMENT = frozenset({f"<{CONTAINED_IN}>"})  # all the index takes from shared entity triples
_LOAD_FORMATS = {"application/n-quads": "N_QUADS", "application/trig": "TRIG"}


class IndexedStore(Store):
    """``store`` with ``timeline_index`` kept in step with it."""

    def __init__(self, store: Store, index: TimelineIndex) -> None:
        self.inner = store
        self.timeline_index = index
        self.location = store.location
        self._warned = False
        self._refresher: threading.Thread | None = None
        self._stop = threading.Event()

    def __getattr__(self, name: str):
        # Anything else the wrapped store offers (oxigraph, child_pid, query_timeout, ...).
        if name == "inner":
            raise AttributeError(name)
        return getattr(self.inner, name)

    # -- writing -------------------------------------------------------------------------
    def write(self, write: GraphWrite) -> None:
        self._note([write.graph])
        self.inner.write(write)
        self._update(lambda: self._apply_write(write))

    def _apply_write(self, write: GraphWrite) -> None:
        from kb.index.sync import add_quotes

        facts = graph_facts(write.graph, ntriples_values(write.triples))
        add_quotes(self.inner, facts)
        shared = {}
        for graph, triples in write.shared.items():
            edges = {(s, o) for s, p, o in ntriples_values(triples, only=_CONTAINMENT) if p == CONTAINED_IN}
            if edges:
                shared[graph] = edges
        self.timeline_index.put_graph(facts, shared_edges=shared)

    def remove_graph(self, graph: str) -> None:
        self._note([graph])
        self.inner.remove_graph(graph)
        self._update(lambda: self.timeline_index.remove_graph(graph))

    def load(self, data: BinaryIO, media_type: str) -> None:
        raw = data.read()
        by_graph = _parse(raw, media_type)
        index = self.timeline_index
        reread = sorted(g for g, triples in by_graph.items() if index.has_graph(g) or _about_events(triples))
        self._note(reread)
        self.inner.load(io.BytesIO(raw), media_type)
        self._update(lambda: self._apply_load(by_graph, reread))

    def _apply_load(self, by_graph: dict[str, list[tuple[str, str, str]]], reread: list[str]) -> None:
        from kb.index.sync import read_graph

        index = self.timeline_index
        for graph, triples in by_graph.items():
            if graph in reread:
                continue
            edges = {(s, o) for s, p, o in triples if p == CONTAINED_IN}
            if edges:
                with index.transaction() as tx:
                    tx.add_edges(graph, edges)
        for graph in reread:
            facts = read_graph(self.inner, graph)
            if facts is None:
                index.remove_graph(graph)
            else:
                index.put_graph(facts)

    def _note(self, graphs: list[str]) -> None:
        if graphs:
            self._update(lambda: self.timeline_index.mark_pending(graphs))

    def _update(self, change) -> None:
        try:
            change()
        except (sqlite3.Error, TimelineIndexError, StoreError) as error:  # StoreError: reading quotes failed
            if not self._warned:
                self._warned = True
                print(
                    f"warning: the timeline index {self.timeline_index.path} could not be updated ({error}); "
                    "the store is fine, and the index is repaired the next time it is opened",
                    file=sys.stderr,
                    flush=True,
                )

    # -- reading: the store's own -------------------------------------------------------------
    def query(
        self,
        sparql: str,
        result_format: str = "json",
        rdf_format: str = "ttl",
        *,
        dataset: QueryDataset | None = None,
        timeout: float | None = None,
    ) -> QueryOutput:
        return self.inner.query(sparql, result_format, rdf_format, dataset=dataset, timeout=timeout)

    def select(self, sparql: str, *, dataset: QueryDataset | None = None, timeout: float | None = None):
        return self.inner.select(sparql, dataset=dataset, timeout=timeout)

    def ask(self, sparql: str, *, dataset: QueryDataset | None = None, timeout: float | None = None) -> bool:
        return self.inner.ask(sparql, dataset=dataset, timeout=timeout)

    def dump(self, output: BinaryIO, rdf_format: str = "nq") -> None:
        self.inner.dump(output, rdf_format)

    def named_graphs(self) -> list[str]:
        return self.inner.named_graphs()

    def iter_graph_hashes(self):
        return self.inner.iter_graph_hashes()

    def is_empty(self) -> bool:
        return self.inner.is_empty()

    # -- keeping a remote store's index fresh ---------------------------------------------------
    def refresh_every(self, seconds: float) -> None:
        """Check the index against the store every ``seconds`` in a background thread.

        For a remote store, which other machines may write to: their changes
        reach the timeline within that time. (Writes through this object are
        indexed at once anyway.)
        """
        from kb.index.sync import heal

        def run() -> None:
            while not self._stop.wait(seconds):
                try:
                    heal(self.timeline_index, self.inner, show_progress=False)
                except (StoreError, sqlite3.Error, TimelineIndexError) as error:
                    print(f"warning: refreshing the timeline index failed: {error}", file=sys.stderr, flush=True)

        self._refresher = threading.Thread(target=run, name="timeline-index-refresh", daemon=True)
        self._refresher.start()

    def close(self) -> None:
        self._stop.set()
        if self._refresher is not None:
            self._refresher.join(timeout=5)
        self.timeline_index.close()
        self.inner.close()


def _parse(raw: bytes, media_type: str) -> dict[str, list[tuple[str, str, str]]]:
    import pyoxigraph as ox

    name = _LOAD_FORMATS.get(media_type)
    if name is None:
        raise StoreError(f"cannot load {media_type}: use N-Quads or TriG")
    try:
        return quad_values(ox.parse(raw, format=getattr(ox.RdfFormat, name)))
    except (SyntaxError, ValueError) as error:
        raise StoreError(f"cannot load the data: {error}") from None


def _about_events(triples: list[tuple[str, str, str]]) -> bool:
    """Whether loading these triples into their graph may change what the index holds for it."""
    return any((p == RDF_TYPE and o == SEM_EVENT) or p in _EVENT_PREDICATES for _, p, o in triples)
