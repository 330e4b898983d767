"""Writing to the timeline index: one ``Transaction`` holds every change of one write.

``TimelineIndex.transaction()`` opens one (under the index's write lock); its
methods put a graph's events (replacing what the graph had), remove a graph,
and add or replace place containment, keeping the per-dimension tables in
step. The running totals follow by triggers (data/triggers.sql).

When containment changes (a place gains or loses a parent), the
``event_places`` rows of every event at or below that place are rewritten, so
a place filter always includes the places inside it as the store says now.
"""

from __future__ import annotations

import sqlite3
from typing import Iterable

from kb.index.database import TimelineIndex, TimelineIndexError, event_id, ids_of, place_closure
from kb.index.facts import EventFacts, GraphFacts
from kb.index.rows import EventRows


class Transaction:
    """One write transaction on the index (a context manager: commit, or roll back on error)."""

    def __init__(self, index: TimelineIndex) -> None:
        self.index = index
        self.conn: sqlite3.Connection | None = None
        self.new_terms: list[str] = []  # made in this transaction: forgotten by the cache if it rolls back

    def __enter__(self) -> "Transaction":
        self.index._lock.acquire()
        self.conn = self.index._writer
        if self.conn is None:
            self.index._lock.release()
            raise TimelineIndexError("the timeline index is closed")
        self.conn.execute("BEGIN IMMEDIATE")
        # Another process may have changed containment since the ancestry was cached.
        row = self.conn.execute("SELECT value FROM meta WHERE key = 'edges_version'").fetchone()
        if (row[0] if row else None) != self.index._edges_version:
            self.index._ancestors = None
            self.index._edges_version = row[0] if row else None
        return self

    def __exit__(self, kind, error, trace) -> None:
        try:
            if kind is None:
                self.conn.execute("COMMIT")
            else:
                self.conn.execute("ROLLBACK")
                self.index._ancestors = None
                for iri in self.new_terms:
                    self.index._terms.pop(iri, None)
        finally:
            self.index._lock.release()

    # -- terms ----------------------------------------------------------------------------
    def term(self, iri: str) -> int:
        """The id of an IRI, made on first use (ids are never reused, so they are cached)."""
        known = self.index._terms.get(iri)
        if known is not None:
            return known
        row = self.conn.execute("SELECT id FROM terms WHERE iri = ?", (iri,)).fetchone()
        if row:
            number = row[0]
        else:
            number = self.conn.execute("INSERT INTO terms (iri) VALUES (?)", (iri,)).lastrowid
            self.new_terms.append(iri)
        self.index._terms[iri] = number
        return number

    def known_term(self, iri: str) -> int | None:
        known = self.index._terms.get(iri)
        if known is not None:
            return known
        row = self.conn.execute("SELECT id FROM terms WHERE iri = ?", (iri,)).fetchone()
        return row[0] if row else None

    # -- events ---------------------------------------------------------------------------
    def put_graph(self, facts: GraphFacts) -> None:
        graph = self.term(facts.graph)
        self._remove_events_of(graph)
        self.conn.execute(
            "INSERT INTO graphs (id, content_hash, source_count) VALUES (?, ?, ?)"
            " ON CONFLICT (id) DO UPDATE SET content_hash = excluded.content_hash, source_count = excluded.source_count",
            (graph, facts.content_hash, facts.source_count),
        )
        self.replace_edges_of(graph, facts.edges)
        self.insert_events(facts.events, graph)

    def remove_graph(self, graph_iri: str) -> None:
        graph = self.known_term(graph_iri)
        if graph is None:
            return
        self._remove_events_of(graph)
        self.replace_edges_of(graph, set())
        self.conn.execute("DELETE FROM graphs WHERE id = ?", (graph,))

    def _remove_events_of(self, graph: int) -> None:
        rows = self.conn.execute(
            "SELECT row, id, sort_key, actors, places, sources FROM events WHERE graph = ?", (graph,)
        ).fetchall()
        self._delete_rows(rows)
        self.conn.execute("DELETE FROM events WHERE graph = ?", (graph,))

    def _delete_rows(self, rows: list[tuple]) -> None:
        """Remove everything but the events row for (row, id, sort_key, actors, places, sources) rows."""
        if not rows:
            return
        ancestors = self.index.ancestors(self.conn)
        actor_rows, place_rows, source_rows = [], [], []
        for _, event, sort_key, actors, places, sources in rows:
            actor_rows += [(a, sort_key, event) for a in ids_of(actors)]
            place_rows += [(p, sort_key, event) for p in place_closure(ids_of(places), ancestors)]
            source_rows += [(s, sort_key, event) for s in ids_of(sources)]
        conn = self.conn
        conn.executemany("DELETE FROM event_actors WHERE actor = ? AND sort_key = ? AND event = ?", actor_rows)
        conn.executemany("DELETE FROM event_places WHERE place = ? AND sort_key = ? AND event = ?", place_rows)
        conn.executemany("DELETE FROM event_sources WHERE article = ? AND sort_key = ? AND event = ?", source_rows)
        conn.executemany("DELETE FROM texts WHERE rowid = ?", [(row[0],) for row in rows])

    def insert_events(self, events: list[EventFacts], graph: int) -> None:
        """Add one graph's events (its old ones already removed), in a few statements."""
        if not events:
            return
        conn = self.conn
        ids = self._free_ids(events)
        ancestors = self.index.ancestors(conn)
        next_row = conn.execute("SELECT COALESCE(MAX(row), 0) + 1 FROM events").fetchone()[0]
        batch = EventRows()
        for row, (event, identifier) in enumerate(zip(events, ids), start=next_row):
            batch.add(row, identifier, graph, event, self.term, ancestors)
        batch.insert_events(conn)
        batch.insert_links(conn)

    def _id_in_use(self, identifier: int) -> bool:
        return self.conn.execute("SELECT 1 FROM events WHERE id = ?", (identifier,)).fetchone() is not None

    def _free_ids(self, events: list[EventFacts]) -> list[int]:
        """Each event's id: the hash of its IRI, or the next free number when another IRI has it.

        An event already indexed from another graph is removed first: the
        graph written last describes it.
        """
        wanted = {event.iri: event_id(event.iri) for event in events}
        marks = ",".join("?" * len(wanted))
        taken = dict(self.conn.execute(
            f"SELECT id, iri FROM events WHERE id IN ({marks}) OR iri IN ({marks})",
            [*wanted.values(), *wanted.keys()],
        ).fetchall())
        stale = [identifier for identifier, iri in taken.items() if iri in wanted]
        if stale:
            marks = ",".join("?" * len(stale))
            rows = self.conn.execute(
                f"SELECT row, id, sort_key, actors, places, sources FROM events WHERE id IN ({marks})", stale
            ).fetchall()
            self._delete_rows(rows)
            self.conn.execute(f"DELETE FROM events WHERE id IN ({marks})", stale)
            for identifier in stale:
                del taken[identifier]
        ids = []
        for event in events:
            first = identifier = wanted[event.iri]
            while identifier in taken or (identifier != first and self._id_in_use(identifier)):
                identifier = (identifier + 1) & ((1 << 63) - 1)  # a hash shared with another IRI
            taken[identifier] = event.iri
            ids.append(identifier)
        return ids

    # -- place containment ------------------------------------------------------------------
    def add_edges(self, graph_iri: str, edges: set[tuple[str, str]]) -> None:
        """Add containment statements made in ``graph_iri`` (set semantics, as the store adds them)."""
        if not edges:
            return
        graph = self.term(graph_iri)
        ids = {(self.term(child), self.term(parent)) for child, parent in edges}
        new = {
            (c, p) for c, p in ids
            if not self.conn.execute("SELECT 1 FROM place_edges WHERE child = ? AND parent = ? LIMIT 1", (c, p)).fetchone()
        }
        old = self.index.ancestors(self.conn)
        self.conn.executemany(
            "INSERT OR IGNORE INTO place_edges (child, parent, graph) VALUES (?, ?, ?)",
            [(c, p, graph) for c, p in ids],
        )
        if new:
            self._containment_changed({c for c, _ in new}, old)

    def replace_edges_of(self, graph: int, edges: set[tuple[str, str]]) -> None:
        """Make ``edges`` the containment statements of ``graph`` (a graph replaced or removed)."""
        old = set(self.conn.execute("SELECT child, parent FROM place_edges WHERE graph = ?", (graph,)).fetchall())
        new = {(self.term(child), self.term(parent)) for child, parent in edges}
        if old == new:
            return
        before = set(self.conn.execute("SELECT DISTINCT child, parent FROM place_edges").fetchall())
        old_ancestors = self.index.ancestors(self.conn)
        self.conn.execute("DELETE FROM place_edges WHERE graph = ?", (graph,))
        self.conn.executemany(
            "INSERT OR IGNORE INTO place_edges (child, parent, graph) VALUES (?, ?, ?)", [(c, p, graph) for c, p in new]
        )
        after = set(self.conn.execute("SELECT DISTINCT child, parent FROM place_edges").fetchall())
        if before != after:
            self._containment_changed({c for c, _ in before ^ after}, old_ancestors)

    def replace_all_edges(self, edges_by_graph: dict[str, set[tuple[str, str]]]) -> None:
        """Make the containment statements exactly these (a check against the store found them)."""
        before = set(self.conn.execute("SELECT DISTINCT child, parent FROM place_edges").fetchall())
        rows = set()
        for graph_iri, edges in edges_by_graph.items():
            graph = self.term(graph_iri)
            rows |= {(self.term(c), self.term(p), graph) for c, p in edges}
        current = set(self.conn.execute("SELECT child, parent, graph FROM place_edges").fetchall())
        if rows == current:
            return
        old_ancestors = self.index.ancestors(self.conn)
        self.conn.execute("DELETE FROM place_edges")
        self.conn.executemany("INSERT INTO place_edges (child, parent, graph) VALUES (?, ?, ?)", sorted(rows))
        after = {(c, p) for c, p, _ in rows}
        if before != after:
            self._containment_changed({c for c, _ in before ^ after}, old_ancestors)

    def _containment_changed(self, children: set[int], old: dict[int, tuple[int, ...]]) -> None:
        """Rewrite the event_places rows of every event at or below the places whose parents changed.

        ``old`` is the ancestry before the change (taken before place_edges was written).
        """
        self.index._ancestors = None
        new = self.index.ancestors(self.conn)
        self.conn.execute(
            "INSERT INTO meta (key, value) VALUES ('edges_version', '1')"
            " ON CONFLICT (key) DO UPDATE SET value = CAST(value AS INTEGER) + 1"
        )
        self.index._edges_version = self.conn.execute("SELECT value FROM meta WHERE key = 'edges_version'").fetchone()[0]
        # The events at or below a changed place are those with a row at it: changing
        # a place's parents changes nothing below it, so the rows name them exactly.
        affected: dict[int, None] = {}
        for child in sorted(children):
            for (event,) in self.conn.execute("SELECT event FROM event_places WHERE place = ?", (child,)):
                affected.setdefault(event, None)
        for event in affected:
            row = self.conn.execute("SELECT sort_key, types, places FROM events WHERE id = ?", (event,)).fetchone()
            if row:
                sort_key, types, places = row
                mine = ids_of(places)
                self.conn.executemany(
                    "DELETE FROM event_places WHERE place = ? AND sort_key = ? AND event = ?",
                    [(p, sort_key, event) for p in place_closure(mine, old)],
                )
                self.conn.executemany(
                    "INSERT OR IGNORE INTO event_places (place, sort_key, event, types) VALUES (?, ?, ?, ?)",
                    [(p, sort_key, event, types) for p in place_closure(mine, new)],
                )

    def clear_pending(self, graphs: Iterable[str]) -> None:
        self.conn.executemany("DELETE FROM pending WHERE graph = ?", [(g,) for g in graphs])
