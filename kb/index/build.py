"""Writing a whole index file at once, for a rebuild.

``build_file(path, content)`` writes every table from ``IndexContent`` in a
few large sorted inserts, only then creates the indexes (a sort each, rather
than a B-tree kept up to date row by row), sums the running totals with one
GROUP BY each and creates the triggers last, which is many times faster than putting the
graphs one by one. The caller swaps the finished file in
(``TimelineIndex.replace_file``), so readers see the old index or the new
one, never a half-built one.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

from kb.index.database import SCHEMA_VERSION, connect, event_id, sql_text, walk_up
from kb.index.facts import EventFacts
from kb.index.rows import EventRows

_BATCH = 20_000
_BUILD_CACHE_KIB = 512 * 1024  # SQLite's page cache while building (sorting the indexes)


@dataclass
class IndexContent:
    """Everything an index holds, gathered from a store."""

    graphs: dict[str, str | None] = field(default_factory=dict)  # graph IRI -> content hash
    source_counts: dict[str, int] = field(default_factory=dict)  # canonical event graph -> its source count
    events: dict[str, EventFacts] = field(default_factory=dict)  # event IRI -> facts (with its graph)
    edges: dict[str, set[tuple[str, str]]] = field(default_factory=dict)  # graph -> (place, containing place)


def build_file(path: Path, content: IndexContent, *, store_identity: str) -> None:
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    conn = connect(path)
    # The file is new and is thrown away if the build fails: no journal while
    # it is written (the data is written once, not once to the WAL and again).
    conn.execute("PRAGMA journal_mode=OFF")
    conn.execute("PRAGMA synchronous=OFF")
    conn.execute(f"PRAGMA cache_size=-{_BUILD_CACHE_KIB}")
    try:
        conn.executescript(sql_text("schema.sql"))
        conn.execute("BEGIN")
        terms = _write_terms(conn, content)
        conn.executemany(
            "INSERT INTO graphs (id, content_hash, source_count) VALUES (?, ?, ?)",
            [(terms[g], h, content.source_counts.get(g)) for g, h in sorted(content.graphs.items())],
        )
        parents: dict[int, set[int]] = {}
        edge_rows = set()
        for graph, edges in content.edges.items():
            for child, parent in edges:
                edge_rows.add((terms[child], terms[parent], terms[graph]))
                parents.setdefault(terms[child], set()).add(terms[parent])
        conn.executemany("INSERT INTO place_edges (child, parent, graph) VALUES (?, ?, ?)", sorted(edge_rows))
        ancestors = {place: walk_up(place, parents) for place in parents}
        _write_events(conn, content, terms, ancestors)
        conn.execute("COMMIT")
        conn.executescript(sql_text("indexes.sql"))
        conn.execute("BEGIN")
        conn.execute(
            "INSERT INTO month_totals (month, types, n) SELECT CASE WHEN sort_key < 0 THEN 0 ELSE sort_key / 100 END,"
            " types, COUNT(*) FROM events GROUP BY 1, 2"
        )
        conn.execute("INSERT INTO actor_totals (actor, n) SELECT actor, COUNT(*) FROM event_actors GROUP BY actor")
        conn.execute("INSERT INTO place_totals (place, n) SELECT place, COUNT(*) FROM event_places GROUP BY place")
        conn.executemany(
            "INSERT INTO meta (key, value) VALUES (?, ?)",
            [("schema", SCHEMA_VERSION), ("store", store_identity), ("built", time.strftime("%Y-%m-%dT%H:%M:%S")),
             ("edges_version", "1")],
        )
        conn.execute("COMMIT")
        conn.executescript(sql_text("triggers.sql"))
        conn.execute("PRAGMA journal_mode=WAL")
    finally:
        conn.close()


def _write_terms(conn, content: IndexContent) -> dict[str, int]:
    iris: set[str] = set(content.graphs)
    for graph, edges in content.edges.items():
        iris.add(graph)
        for child, parent in edges:
            iris.update((child, parent))
    for event in content.events.values():
        iris.add(event.graph)
        iris.update(event.actors)
        iris.update(event.places)
        iris.update(event.sources)
    terms = {iri: number for number, iri in enumerate(sorted(iris), start=1)}
    conn.executemany("INSERT INTO terms (id, iri) VALUES (?, ?)", ((n, iri) for iri, n in terms.items()))
    return terms


def _write_events(conn, content: IndexContent, terms: dict[str, int], ancestors: dict[int, tuple[int, ...]]) -> None:
    taken: dict[int, str] = {}
    rows = []
    for iri in sorted(content.events):
        identifier = event_id(iri)
        while identifier in taken:  # a hash shared with another IRI: the next free id
            identifier = (identifier + 1) & ((1 << 63) - 1)
        taken[identifier] = iri
        event = content.events[iri]
        rows.append((event.sort_key, identifier, event.graph, event))
    rows.sort(key=lambda row: (row[0], row[1]))
    batch = EventRows()
    for row, (_, identifier, graph, event) in enumerate(rows, start=1):
        batch.add(row, identifier, terms[graph], event, terms.__getitem__, ancestors)
        if len(batch.events) >= _BATCH:
            batch.insert_events(conn)
    batch.insert_events(conn)
    batch.insert_links(conn)
