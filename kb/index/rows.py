"""The index's rows for a run of events: the ``events`` table, their texts, and the link tables.

Used by both ways of writing the index, a whole file at once
(``kb.index.build``) and one graph at a time (``kb.index.writes``), so that
the two fill the tables alike.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable

from kb.index.database import TEXT_SEPARATOR, join_ids, place_closure
from kb.index.facts import EventFacts

# link table -> its column naming what the event is linked to
LINK_TABLES = {"event_actors": "actor", "event_places": "place", "event_sources": "article"}


class EventRows:
    """Rows gathered event by event, then inserted in a few ``executemany`` calls."""

    def __init__(self) -> None:
        self.events: list[tuple] = []
        self.texts: list[tuple[int, str]] = []
        self.links: dict[str, list[tuple]] = {table: [] for table in LINK_TABLES}

    def add(self, row: int, identifier: int, graph: int, event: EventFacts,
            term: Callable[[str], int], ancestors: dict[int, tuple[int, ...]]) -> None:
        """One event, as row ``row`` with id ``identifier`` in graph ``graph`` (``term``: IRI -> term id)."""
        actors = sorted(term(a) for a in event.actors)
        places = sorted(term(p) for p in event.places)
        sources = sorted(term(s) for s in event.sources)
        sort_key, types = event.sort_key, event.types
        self.events.append((
            row, identifier, event.iri, graph, sort_key, event.stamp, event.earliest, event.latest, event.span,
            int(event.irregular), types, event.event_class, event.family, event.label,
            places[0] if places else None, join_ids(actors), join_ids(places), join_ids(sources),
        ))
        texts = event.texts()
        if texts:
            self.texts.append((row, TEXT_SEPARATOR.join(texts)))
        for table, linked in (("event_actors", actors), ("event_places", place_closure(places, ancestors)),
                              ("event_sources", sources)):
            self.links[table] += [(i, sort_key, identifier, types) for i in linked]

    def insert_events(self, conn: sqlite3.Connection) -> None:
        """Insert the gathered events and texts, and forget them (the links are kept)."""
        conn.executemany(
            "INSERT INTO events (row, id, iri, graph, sort_key, stamp, earliest, latest, span, irregular, types,"
            " class, family, label, place, actors, places, sources)"
            " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            self.events,
        )
        conn.executemany("INSERT INTO texts (rowid, text) VALUES (?, ?)", self.texts)
        self.events.clear()
        self.texts.clear()

    def insert_links(self, conn: sqlite3.Connection) -> None:
        """Insert the gathered links, each table sorted by its primary key (written front to back)."""
        for table, column in LINK_TABLES.items():
            rows = self.links[table]
            rows.sort()
            conn.executemany(f"INSERT OR IGNORE INTO {table} ({column}, sort_key, event, types) VALUES (?, ?, ?, ?)",
                             rows)
            rows.clear()
