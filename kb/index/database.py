"""The SQLite file that holds the timeline index, and every write to it.

``TimelineIndex(path)`` opens (or creates) the file in WAL mode: readers on
any thread never wait for the writer and always see a whole transaction.
Each thread gets its own read connection; writes go through one connection
under a lock, in transactions (kb.index.writes). The timeline's questions
are answered by kb.index.search on this thread's connection.

Choices where the design is silent:

* An event's id is the first 63 bits of the SHA-1 of its IRI, so ids (and so
  the order of events with equal dates) are the same after any rebuild. Two
  IRIs with one hash (about one chance in 10^7 at a billion events) get the
  next free id.
* The ancestors of a place are materialised per event (``event_places``) so
  that "in this country" is one index range in time order. When containment
  changes, the rows of the events in the places below the change are rewritten.
* ``synchronous=NORMAL``: a commit survives the process being killed (the
  kill test's case); after a power cut the last commits may be lost, which the
  check on open (kb.index.sync) repairs from the store like any other drift.
"""

from __future__ import annotations

import hashlib
import sqlite3
import threading
from importlib import resources
from pathlib import Path
from typing import Iterable

from kb.index.facts import GraphFacts

SCHEMA_VERSION = "5"  # 5: canonical events only (issue 7), graphs.source_count
_READ_CACHE_KIB = 8 * 1024  # page cache of each read connection, in KiB (one per server thread; the OS caches the file too)
_MMAP_BYTES = 0  # reads go through the OS page cache, which the process RSS does not count


class TimelineIndexError(Exception):
    """The index file cannot be used (unreadable, another schema); the message says why."""


def event_id(iri: str) -> int:
    return int.from_bytes(hashlib.sha1(iri.encode("utf-8")).digest()[:8], "big") >> 1


def sql_text(name: str) -> str:
    return resources.files("kb.index").joinpath("data", name).read_text(encoding="utf-8")


TEXT_SEPARATOR = "\x1f"


def folded_contains(text: str | None, needle: str) -> bool:
    """SPARQL's CONTAINS(LCASE(text), needle), needle already in lower case, for any of the joined texts."""
    if text is None:
        return False
    if TEXT_SEPARATOR not in needle:
        # A match cannot then run across two joined texts: one lower() and one search.
        return needle in text.lower()
    return any(needle in part.lower() for part in text.split(TEXT_SEPARATOR))


def connect(path: str | Path) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit), WAL, with ``folded_contains``."""
    conn = sqlite3.connect(str(path), check_same_thread=False, timeout=30, isolation_level=None)
    conn.execute("PRAGMA journal_mode=WAL")
    conn.execute("PRAGMA synchronous=NORMAL")
    conn.execute(f"PRAGMA cache_size=-{_READ_CACHE_KIB}")
    conn.execute(f"PRAGMA mmap_size={_MMAP_BYTES}")
    conn.execute("PRAGMA temp_store=MEMORY")
    conn.create_function("folded_contains", 2, folded_contains, deterministic=True)
    return conn


class TimelineIndex:
    """The index file: read connections per thread, one writer."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._lock = threading.RLock()
        self._local = threading.local()
        self._generation = 0  # bumped when the file is replaced by a rebuild
        self._readers: list[sqlite3.Connection] = []
        self._writer: sqlite3.Connection | None = None
        self._closed = False
        self._ancestors: dict[int, tuple[int, ...]] | None = None  # place id -> itself and its ancestors
        self._edges_version: str | None = None  # meta edges_version the cached ancestry belongs to
        self._terms: dict[str, int] = {}  # IRI -> term id, as written (terms are never deleted)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self._open_writer()
        except sqlite3.DatabaseError as error:
            raise TimelineIndexError(f"cannot open the timeline index {self.path}: {error}") from None

    # -- connections ------------------------------------------------------------------
    def _open_writer(self) -> None:
        writer = connect(self.path)
        version = None
        try:
            row = writer.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
            version = row[0] if row else None
        except sqlite3.OperationalError:
            pass  # a new file
        if version not in (None, SCHEMA_VERSION):
            writer.close()
            raise TimelineIndexError(f"{self.path} was made by another version of Annals (schema {version})")
        writer.executescript(sql_text("schema.sql"))
        writer.executescript(sql_text("indexes.sql"))
        writer.executescript(sql_text("triggers.sql"))
        writer.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('schema', ?)", (SCHEMA_VERSION,))
        self._writer = writer

    def reader(self) -> sqlite3.Connection:
        """This thread's read connection (opened on first use, renewed after a rebuild)."""
        if self._closed:
            raise TimelineIndexError("the timeline index is closed")
        local = self._local
        conn = getattr(local, "conn", None)
        if conn is not None and local.generation == self._generation:
            return conn
        conn = connect(self.path)
        with self._lock:
            self._readers.append(conn)
        local.conn, local.generation = conn, self._generation
        return conn

    def close(self) -> None:
        with self._lock:
            self._closed = True
            for conn in self._readers:
                conn.close()
            self._readers.clear()
            if self._writer is not None:
                self._writer.close()
                self._writer = None

    def replace_file(self, built: Path) -> None:
        """Swap in a file made by a rebuild; every connection is reopened on the new one."""
        with self._lock:
            for conn in self._readers:
                conn.close()
            self._readers.clear()
            if self._writer is not None:
                self._writer.close()
            built.replace(self.path)
            for suffix in ("-wal", "-shm"):
                Path(str(self.path) + suffix).unlink(missing_ok=True)
            self._generation += 1
            self._ancestors = None
            self._edges_version = None
            self._terms = {}
            self._open_writer()

    # -- small reads ---------------------------------------------------------------------
    def meta(self, key: str) -> str | None:
        row = self.reader().execute("SELECT value FROM meta WHERE key = ?", (key,)).fetchone()
        return row[0] if row else None

    def event_count(self) -> int:
        return self.reader().execute("SELECT COALESCE(SUM(n), 0) FROM month_totals").fetchone()[0]

    def graph_hashes(self) -> dict[str, str | None]:
        """Every graph the index has read, with its content hash (None: not an article graph)."""
        rows = self.reader().execute("SELECT t.iri, g.content_hash FROM graphs g JOIN terms t ON t.id = g.id")
        return dict(rows.fetchall())

    def canonical_graphs(self) -> dict[str, int]:
        """Every canonical event graph the index has read, with its source count."""
        rows = self.reader().execute(
            "SELECT t.iri, g.source_count FROM graphs g JOIN terms t ON t.id = g.id WHERE g.source_count IS NOT NULL"
        )
        return dict(rows.fetchall())

    def graphs_derived_from(self, articles) -> set[str]:
        """The graphs of the indexed events ``prov:wasDerivedFrom`` any of these articles."""
        conn = self.reader()
        found: set[str] = set()
        for article in sorted(set(articles)):
            found.update(row[0] for row in conn.execute(
                "SELECT DISTINCT t.iri FROM terms a JOIN event_sources s ON s.article = a.id"
                " JOIN events e ON e.id = s.event JOIN terms t ON t.id = e.graph WHERE a.iri = ?",
                (article,),
            ))
        return found

    def has_graph(self, graph: str) -> bool:
        """Whether the index has read this graph (as an article graph or one with events)."""
        row = self.reader().execute(
            "SELECT 1 FROM graphs g JOIN terms t ON t.id = g.id WHERE t.iri = ?", (graph,)
        ).fetchone()
        return row is not None

    def pending_graphs(self) -> list[str]:
        return [row[0] for row in self.reader().execute("SELECT graph FROM pending ORDER BY graph")]

    # -- the timeline's questions (kb.index.search) ------------------------------------------
    def search(self, criteria):
        """A ``Search`` for ``criteria``; the same one again on this thread while the index is unchanged.

        A timeline page asks for its events and then for its month strip with
        the same filter: the second question reuses the plan (and the counts)
        of the first.
        """
        from kb.index.search import Search

        conn = self.reader()
        version = conn.execute("PRAGMA data_version").fetchone()[0]
        cached = getattr(self._local, "search", None)
        if cached is not None and cached[0] == criteria and cached[1] == version and cached[2].conn is conn:
            return cached[2]
        search = Search(conn, criteria)
        self._local.search = (criteria, version, search)
        return search

    def find(self, criteria, *, limit: int = 50, offset: int = 0, newest_first: bool = False):
        """``Page``: the IRIs of one page of matching events in time order, and how many match."""
        from kb.index.search import Page, iris_of_events

        search = self.search(criteria)
        ids = search.page(limit, offset, newest_first)
        total = search.total() if (offset or len(ids) >= limit) else offset + len(ids)
        return Page(iris_of_events(search.conn, ids), total)

    def count(self, criteria) -> int:
        return self.search(criteria).total()

    def months(self, criteria) -> list[tuple[str, str, int]]:
        """(YYYY-MM, family, events) of the matching dated events."""
        return self.search(criteria).months()

    def top_actors(self, limit: int) -> list[tuple[str, int]]:
        from kb.index.search import top_terms

        return top_terms(self.reader(), "actor_totals", "actor", limit)

    def top_places(self, limit: int) -> list[tuple[str, int]]:
        from kb.index.search import top_terms

        return top_terms(self.reader(), "place_totals", "place", limit)

    # -- the write journal ------------------------------------------------------------------
    def mark_pending(self, graphs: Iterable[str]) -> None:
        """Note, durably, that these graphs are about to change in the store."""
        with self._lock:
            self._writer.executemany("INSERT OR IGNORE INTO pending (graph) VALUES (?)", [(g,) for g in graphs])

    def clear_pending(self, graphs: Iterable[str]) -> None:
        with self._lock:
            self._writer.executemany("DELETE FROM pending WHERE graph = ?", [(g,) for g in graphs])

    # -- writing --------------------------------------------------------------------------
    def transaction(self):
        """A write transaction (kb.index.writes.Transaction): commits at the end of a ``with``, or rolls back."""
        from kb.index.writes import Transaction

        return Transaction(self)

    def put_graph(self, facts: GraphFacts, *, shared_edges: dict[str, set[tuple[str, str]]] | None = None) -> None:
        """Replace everything ``facts.graph`` contributed with ``facts``; add ``shared_edges`` (graph -> edges)."""
        with self.transaction() as tx:
            tx.put_graph(facts)
            for graph, edges in (shared_edges or {}).items():
                tx.add_edges(graph, edges)
            tx.clear_pending([facts.graph])

    def remove_graph(self, graph: str) -> None:
        with self.transaction() as tx:
            tx.remove_graph(graph)
            tx.clear_pending([graph])

    def ancestors(self, conn: sqlite3.Connection | None = None) -> dict[int, tuple[int, ...]]:
        """Place id -> the place and every place containing it (from place_edges), cached."""
        cached = self._ancestors
        if cached is not None:
            return cached
        conn = conn or self.reader()
        parents: dict[int, set[int]] = {}
        for child, parent in conn.execute("SELECT DISTINCT child, parent FROM place_edges"):
            parents.setdefault(child, set()).add(parent)
        closure = {place: walk_up(place, parents) for place in parents}
        self._ancestors = closure
        return closure


def walk_up(place: int, parents: dict[int, set[int]]) -> tuple[int, ...]:
    seen = [place]
    known = {place}
    todo = [place]
    while todo:  # breadth first, cycles stop at places already seen
        for parent in sorted(parents.get(todo.pop(0), ())):
            if parent not in known:
                known.add(parent)
                seen.append(parent)
                todo.append(parent)
    return tuple(seen)


def ids_of(text: str | None) -> list[int]:
    return [int(part) for part in text.split()] if text else []


def join_ids(ids: list[int]) -> str | None:
    return " ".join(str(i) for i in ids) if ids else None


def place_closure(places: Iterable[int], ancestors: dict[int, tuple[int, ...]]) -> list[int]:
    """The places and every place containing them, each once."""
    found: dict[int, None] = {}
    for place in places:
        for step in ancestors.get(place, (place,)):
            found.setdefault(step, None)
    return list(found)

