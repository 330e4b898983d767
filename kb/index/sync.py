"""Keeping the index equal to the store: the check on open and the rebuild.

``heal(index, store)`` compares the store with what the index has read, and
reads again, graph by graph, only what differs:

* the article graphs and their ``kb:contentHash`` (new, changed, removed);
* the canonical event graphs of kb.merge and their ``kb:sourceCount``. They
  carry no content hash and change without an article hash changing (a
  report joining an event, a person resolved across articles), so the check
  compares the set of them and each one's source count, and also reads again
  every canonical graph derived from (``prov:wasDerivedFrom``) an article that
  changed or went;
* the graphs a write had marked as pending (a crash between the store's
  commit and the index's): every write through ``IndexedStore``, canonical
  graphs included, is journalled so.

When the index is new, belongs to another store, or differs in more than
``REBUILD_SHARE`` of the graphs, it is rebuilt instead: ``rebuild`` reads the
store with one SPARQL query per predicate (each an index scan in any SPARQL
store), gathers the canonical events in memory and writes a new file
(kb.index.build) that replaces the old one.

What the check cannot see: a graph rewritten in place by a tool that bypasses
the index *and* keeps the same content hash or source count (for instance an
update by hand that edits one event, or a merge run behind the index's back
that only renamed an actor). ``kb index --rebuild`` repairs that; commands
that open the store with ``kb.index.with_index`` write through
``IndexedStore`` and never cause it.
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
    SOURCE_COUNT,
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
    unmerged: int = 0  # article graphs in a store without any canonical event (never merged)

    def summary(self, path: Path) -> str:
        if self.rebuilt:
            text = f"timeline index {path}: rebuilt ({self.reason}): {self.events:,} events in {self.seconds:.1f} s"
        elif self.repaired or self.removed:
            text = (
                f"timeline index {path}: repaired {self.repaired} graph(s), removed {self.removed}; "
                f"{self.events:,} events ({self.seconds:.1f} s)"
            )
        else:
            text = f"timeline index {path}: up to date, {self.events:,} events"
        if self.unmerged:
            text += (f"\nwarning: the store has {self.unmerged:,} article graph(s) but no merged events, so the "
                     "timeline is empty: run `kb merge --rebuild` once")
        return text


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
        return _with_hint(rebuild(index, store, reason="new index", show_progress=show_progress), store)
    if index.meta("store") != identity:
        report = rebuild(index, store, reason=f"it was made for {index.meta('store')}", show_progress=show_progress)
        return _with_hint(report, store)
    stored = dict(article_hashes(store))
    stored_events = dict(canonical_counts(store))
    known = index.graph_hashes()
    known_events = index.canonical_graphs()
    changed = set(index.pending_graphs())
    changed |= {graph for graph, digest in stored.items() if known.get(graph, "") != digest}
    gone = {graph for graph, digest in known.items() if digest is not None and graph not in stored} - changed
    # Canonical events: new ones, other source counts, and those of articles that changed or went.
    changed |= {graph for graph, count in stored_events.items() if known_events.get(graph) != count}
    changed |= {graph for graph in index.graphs_derived_from(changed | gone) if graph in stored_events}
    gone |= {graph for graph in known_events if graph not in stored_events} - changed
    total = len(stored) + len(stored_events)
    if len(changed) + len(gone) > max(REBUILD_AT_LEAST, REBUILD_SHARE * total):
        reason = f"{len(changed) + len(gone)} of {total} article and event graphs differ"
        return _with_hint(rebuild(index, store, reason=reason, show_progress=show_progress), store)
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
    if stored and not stored_events:
        report.unmerged = len(stored)
    return report


def _with_hint(report: SyncReport, store: Store) -> SyncReport:
    """Say so when the store was never merged (its timeline is then empty)."""
    if report.events == 0:
        report.unmerged = len(article_hashes(store))
    return report


def canonical_counts(store: Store) -> list[tuple[str, int]]:
    """(graph, source count) of every canonical event graph in the store (kb.merge)."""
    counts: dict[str, int] = {}
    for graph, count in csv_rows(store, f"SELECT ?g ?n WHERE {{ GRAPH ?g {{ ?e <{SOURCE_COUNT}> ?n }} }}"):
        try:
            counts[graph] = counts.get(graph, 0) + int(count)
        except ValueError:
            continue
    return sorted(counts.items())


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
    facts = graph_facts(graph, ntriples_values(text))
    add_quotes(store, facts)
    return facts


def add_quotes(store: Store, facts: GraphFacts) -> None:
    """Give ``facts``' canonical events the quotes of their evidence, read from the articles' graphs."""
    missing = facts.unquoted_evidence()
    if missing:
        facts.add_anchors(read_anchors(store, missing))


def read_anchors(store: Store, nodes: set[str]) -> dict[str, list[str]]:
    """The quoted sentence (``nif:anchorOf``) of each evidence node, wherever it is stated."""
    anchors: dict[str, list[str]] = {}
    ordered = sorted(nodes)
    for start in range(0, len(ordered), 200):
        values = " ".join(f"<{node}>" for node in ordered[start:start + 200])
        sparql = f"SELECT ?x ?v WHERE {{ VALUES ?x {{ {values} }} ?x <{NIF_ANCHOR}> ?v }}"
        for node, quote in csv_rows(store, sparql):
            anchors.setdefault(node, []).append(quote)
    return {node: sorted(set(quotes)) for node, quotes in anchors.items()}


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
    """Everything the index needs, read from the store with one query per predicate.

    Each query is joined to ``kb:sourceCount`` first, so that it reads the
    canonical events' values only, not those of every article's mentions too.
    """
    content = IndexContent()
    canonical = f"?e <{SOURCE_COUNT}> ?n ."
    queries = [("events", f"SELECT ?g ?e ?n WHERE {{ GRAPH ?g {{ ?e <{SOURCE_COUNT}> ?n }} }}")]
    queries.append(("hashes", f"SELECT ?g ?h WHERE {{ GRAPH ?g {{ ?a <{CONTENT_HASH}> ?h }} }}"))
    queries.append(("edges", f"SELECT ?g ?s ?o WHERE {{ GRAPH ?g {{ ?s <{CONTAINED_IN}> ?o }} }}"))
    for predicate in EVENT_PREDICATES:
        if predicate == SOURCE_COUNT:
            continue  # read with the events
        if predicate == RDF_TYPE:
            classes = " ".join(f"<{KB}{name}>" for name in TYPE_BITS)
            queries.append((predicate, f"SELECT ?e ?v WHERE {{ {canonical} VALUES ?v {{ {classes} }} ?e <{RDF_TYPE}> ?v }}"))
        else:
            queries.append((predicate, f"SELECT ?e ?v WHERE {{ {canonical} ?e <{predicate}> ?v }}"))
    queries.append(("quotes", f"SELECT ?e ?v WHERE {{ {canonical} ?e <{EVIDENCE}> ?x . ?x <{NIF_ANCHOR}> ?v }}"))

    events: dict[str, EventFacts] = {}
    with ThreadPoolExecutor(FETCH_THREADS) as pool, Progress(
        len(queries), "index: reading the store", enabled=show_progress
    ) as progress:
        answers = [(name, pool.submit(csv_rows_list, store, sparql)) for name, sparql in queries]
        for name, answer in answers:
            rows = answer.result()
            if name == "events":
                for graph, iri, count in rows:
                    known = events.get(iri)
                    if known is None:
                        known = events[iri] = EventFacts(iri, graph)
                    elif graph < known.graph:  # stated in two graphs: one owns it, as kb.index.facts says
                        known.graph = graph
                    known.take_source_count(count)
            elif name == "hashes":
                for graph, digest in rows:
                    if graph not in content.graphs or digest < content.graphs[graph]:
                        content.graphs[graph] = digest
            elif name == "edges":
                for graph, child, parent in rows:
                    content.edges.setdefault(graph, set()).add((child, parent))
            elif name == "quotes":
                for iri, quote in sorted(set(map(tuple, rows))):
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
        if event.source_count is not None:
            content.source_counts[event.graph] = content.source_counts.get(event.graph, 0) + event.source_count
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
