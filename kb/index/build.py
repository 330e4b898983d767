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

from kb.index.database import (
    SCHEMA_VERSION,
    TEXT_SEPARATOR,
    connect,
    event_id,
    join_ids,
    place_closure,
    sql_text,
    walk_up,
)
from kb.index.facts import EventFacts

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
    actor_rows, place_rows, source_rows, text_rows, event_rows = [], [], [], [], []

    def flush() -> None:
        conn.executemany(
            "INSERT INTO events (row, id, iri, graph, sort_key, stamp, earliest, latest, span, irregular,"
            " types, class, family, label, place, actors, places, sources)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            event_rows,
        )
        conn.executemany("INSERT INTO texts (rowid, text) VALUES (?, ?)", text_rows)
        event_rows.clear()
        text_rows.clear()

    for row, (sort_key, identifier, graph, event) in enumerate(rows, start=1):
        actors = sorted(terms[a] for a in event.actors)
        places = sorted(terms[p] for p in event.places)
        sources = sorted(terms[s] for s in event.sources)
        types = event.types
        event_rows.append((
            row, identifier, event.iri, terms[graph], sort_key, event.stamp, event.earliest, event.latest, event.span,
            int(event.irregular), types, event.event_class, event.family,
            event.label, places[0] if places else None,
            join_ids(actors), join_ids(places), join_ids(sources),
        ))
        texts = event.texts()
        if texts:
            text_rows.append((row, TEXT_SEPARATOR.join(texts)))
        actor_rows += [(a, sort_key, identifier, types) for a in actors]
        place_rows += [(p, sort_key, identifier, types) for p in place_closure(places, ancestors)]
        source_rows += [(s, sort_key, identifier, types) for s in sources]
        if len(event_rows) >= _BATCH:
            flush()
    flush()
    # Sorted by primary key: each table is then written front to back.
    for table, column, table_rows in (
        ("event_actors", "actor", actor_rows),
        ("event_places", "place", place_rows),
        ("event_sources", "article", source_rows),
    ):
        table_rows.sort()
        conn.executemany(
            f"INSERT OR IGNORE INTO {table} ({column}, sort_key, event, types) VALUES (?, ?, ?, ?)", table_rows
        )

