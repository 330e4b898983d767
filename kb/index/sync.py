"""Keeping the index equal to the store: the check on open and the rebuild.

``heal(index, store)`` compares the article graphs of the store and their
``kb:contentHash`` with those the index has read, plus the graphs a write had
marked as pending (a crash between the store's commit and the index's), and
reads again, graph by graph, only what differs. When the index is new, belongs
to another store, or differs in more than ``REBUILD_SHARE`` of the graphs,
it is rebuilt instead: ``rebuild`` reads the store with one SPARQL query per
predicate (each an index scan in any SPARQL store), gathers the events in
memory and writes a new file (kb.index.build) that replaces the old one.

What the check cannot see: a graph rewritten in place by a tool that bypasses
the index *and* keeps the same content hash (for instance an update by hand
that edits one event). ``kb index --rebuild`` repairs that; commands that
open the store with ``kb.index.with_index`` write through ``IndexedStore``
and never cause it.
"""

from __future__ import annotations

import csv
import io
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from kb.index.build import IndexContent, build_file
from kb.index.database import TimelineIndex
from kb.index.facts import (
    CONTAINED_IN,
    CONTENT_HASH,
    EVENT_PREDICATES,
    EVIDENCE,
    KB,
    NIF_ANCHOR,
    RDF_TYPE,
    SEM_EVENT,
    TAKERS,
    TYPE_BITS,
    EventFacts,
    GraphFacts,
    graph_facts,
    ntriples_values,
)
from kb.progress import Progress
from kb.store.base import Store

REBUILD_SHARE = 0.25  # more graphs than this share differ: rebuild rather than repair one by one
REBUILD_AT_LEAST = 2_000  # ... but never rebuild for fewer differing graphs than this
FETCH_THREADS = 1  # queries fetched ahead while the answer before is taken in
# Reading a whole store takes long at a million events; the limit a served
# store puts on a page's queries (KB_QUERY_TIMEOUT) must not stop it.
READ_SECONDS = 3600.0


@dataclass
class SyncReport:
    rebuilt: bool = False
    reason: str = ""
    repaired: int = 0  # graphs read again
    removed: int = 0  # graphs dropped from the index
    events: int = 0
    seconds: float = 0.0

    def summary(self, path: Path) -> str:
        if self.rebuilt:
            return f"timeline index {path}: rebuilt ({self.reason}): {self.events:,} events in {self.seconds:.1f} s"
        if self.repaired or self.removed:
            return (
                f"timeline index {path}: repaired {self.repaired} graph(s), removed {self.removed}; "
                f"{self.events:,} events ({self.seconds:.1f} s)"
            )
        return f"timeline index {path}: up to date, {self.events:,} events"


def store_identity(store: Store) -> str:
    """What the index remembers of its store: an absolute folder, or the query URL."""
    location = store.location
    if location.startswith(("http://", "https://")):
        return location
    return str(Path(location).resolve())


# -- the check on open ----------------------------------------------------------------------


def heal(index: TimelineIndex, store: Store, *, show_progress: bool = True) -> SyncReport:
    started = time.monotonic()
    identity = store_identity(store)
    if index.meta("built") is None:
        return rebuild(index, store, reason="new index", show_progress=show_progress)
    if index.meta("store") != identity:
        return rebuild(index, store, reason=f"it was made for {index.meta('store')}", show_progress=show_progress)
    stored = dict(article_hashes(store))
    known = index.graph_hashes()
    changed = set(index.pending_graphs())
    changed |= {graph for graph, digest in stored.items() if known.get(graph, "") != digest}
    gone = {graph for graph, digest in known.items() if digest is not None and graph not in stored} - changed
    if len(changed) + len(gone) > max(REBUILD_AT_LEAST, REBUILD_SHARE * len(stored)):
        reason = f"{len(changed) + len(gone)} of {len(stored)} article graphs differ"
        return rebuild(index, store, reason=reason, show_progress=show_progress)
    report = SyncReport()
    with Progress(len(changed), "index: repairing", enabled=show_progress) as progress:
        for graph in sorted(changed):
            facts = read_graph(store, graph)
            if facts is None:
                index.remove_graph(graph)
                report.removed += 1
            else:
                index.put_graph(facts)
                report.repaired += 1
            progress.advance()
    for graph in sorted(gone):
        index.remove_graph(graph)
        report.removed += 1
    if changed or gone:
        # Articles written behind the index's back also brought places: take containment afresh.
        with index.transaction() as tx:
            tx.replace_all_edges(read_edges(store))
    report.events = index.event_count()
    report.seconds = time.monotonic() - started
    return report


def article_hashes(store: Store) -> list[tuple[str, str]]:
    """(graph, content hash) of every article graph in the store."""
    return [(g, h) for g, h in csv_rows(store, f"SELECT ?g ?h WHERE {{ GRAPH ?g {{ ?a <{CONTENT_HASH}> ?h }} }}")]


def read_graph(store: Store, graph: str) -> GraphFacts | None:
    """One graph's facts, read back from the store (None: the store has no such graph)."""
    sparql = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"
    body = store.query(sparql, rdf_format="nt", timeout=READ_SECONDS).body
    text = body.decode("utf-8")
    if not text.strip():
        return None
    return graph_facts(graph, ntriples_values(text))


def read_edges(store: Store) -> dict[str, set[tuple[str, str]]]:
    edges: dict[str, set[tuple[str, str]]] = {}
    for graph, child, parent in csv_rows(store, f"SELECT ?g ?s ?o WHERE {{ GRAPH ?g {{ ?s <{CONTAINED_IN}> ?o }} }}"):
        edges.setdefault(graph, set()).add((child, parent))
    return edges


# -- the rebuild ------------------------------------------------------------------------------


def rebuild(index: TimelineIndex, store: Store, *, reason: str = "asked for", show_progress: bool = True) -> SyncReport:
    """Read the whole store and replace the index file with a new one.

    Holds the index's write lock throughout, so a write made meanwhile (by
    this process) waits and lands in the new index, not in the old one.
    """
    started = time.monotonic()
    if show_progress:
        print(f"timeline index {index.path}: building it from the store ({reason})", file=sys.stderr, flush=True)
    with index._lock:
        content = gather(store, show_progress=show_progress)
        built = index.path.with_name(index.path.name + ".new")
        build_file(built, content, store_identity=store_identity(store))
        index.replace_file(built)
    return SyncReport(True, reason, events=len(content.events), seconds=time.monotonic() - started)


def gather(store: Store, *, show_progress: bool = True) -> IndexContent:
    """Everything the index needs, read from the store with one query per predicate."""
    content = IndexContent()
    queries = [("events", f"SELECT ?g ?e WHERE {{ GRAPH ?g {{ ?e <{RDF_TYPE}> <{SEM_EVENT}> }} }}")]
    queries.append(("hashes", f"SELECT ?g ?h WHERE {{ GRAPH ?g {{ ?a <{CONTENT_HASH}> ?h }} }}"))
    queries.append(("edges", f"SELECT ?g ?s ?o WHERE {{ GRAPH ?g {{ ?s <{CONTAINED_IN}> ?o }} }}"))
    for predicate in EVENT_PREDICATES:
        if predicate == RDF_TYPE:
            classes = " ".join(f"<{KB}{name}>" for name in TYPE_BITS)
            queries.append((predicate, f"SELECT ?e ?v WHERE {{ VALUES ?v {{ {classes} }} ?e <{RDF_TYPE}> ?v }}"))
        else:
            queries.append((predicate, f"SELECT ?e ?v WHERE {{ ?e <{predicate}> ?v }}"))
    queries.append(("quotes", f"SELECT ?e ?v WHERE {{ ?e <{EVIDENCE}> ?x . ?x <{NIF_ANCHOR}> ?v }}"))

    events: dict[str, EventFacts] = {}
    with ThreadPoolExecutor(FETCH_THREADS) as pool, Progress(
        len(queries), "index: reading the store", enabled=show_progress
    ) as progress:
        answers = [(name, pool.submit(csv_rows_list, store, sparql)) for name, sparql in queries]
        for name, answer in answers:
            rows = answer.result()
            if name == "events":
                for graph, iri in rows:
                    known = events.get(iri)
                    if known is None:
                        events[iri] = EventFacts(iri, graph)
                    elif graph < known.graph:  # stated in two graphs: one owns it, as kb.index.facts says
                        known.graph = graph
            elif name == "hashes":
                for graph, digest in rows:
                    if graph not in content.graphs or digest < content.graphs[graph]:
                        content.graphs[graph] = digest
            elif name == "edges":
                for graph, child, parent in rows:
                    content.edges.setdefault(graph, set()).add((child, parent))
            elif name == "quotes":
                for iri, quote in sorted(rows):
                    event = events.get(iri)
                    if event is not None:
                        event.quotes.append(quote)
            else:
                take = TAKERS[name]
                for iri, value in rows:
                    event = events.get(iri)
                    if event is not None:
                        take(event, value)
            rows.clear()
            progress.advance(note=name.rsplit("/", 1)[-1].rsplit("#", 1)[-1])
    for event in events.values():
        content.graphs.setdefault(event.graph, None)
    content.events = events
    return content


def csv_rows(store: Store, sparql: str) -> Iterator[list[str]]:
    """The rows of a SELECT as lists of lexical values, read from SPARQL CSV (the lightest format to parse)."""
    body = store.query(sparql, "csv", timeout=READ_SECONDS).body
    reader = csv.reader(io.StringIO(body.decode("utf-8"), newline=""))
    next(reader, None)  # the header
    for row in reader:
        if row:
            yield row


def csv_rows_list(store: Store, sparql: str) -> list[list[str]]:
    return list(csv_rows(store, sparql))
