"""Answering the timeline from the index: one page of events, the total, the month strip, the menus.

The rules are those of ``web.events`` (a filter's fields combine with AND;
types match any class of the chain; a place includes the places inside it;
dates match events that may have begun in the window; text is a
case-insensitive substring of a label or a quote), and so is the order: by
time stamp, undated events first, equal stamps by event id.

How a query is answered (the plan), chosen per request from exact counts the
index keeps or can read cheaply:

* **No filter, or types only**: walk ``events_by_time`` (time order, the type
  mask in the index entry) until the page is full; the total and the month
  strip come from ``month_totals``, whatever the size.
* **An actor, a place or a source**: each has a table of its events in time
  order (``event_actors``, ``event_places`` with every enclosing place,
  ``event_sources``), so the page is a walk of one index range. With several,
  the one with the fewest events drives and the others are checked per row.
  Totals come from ``actor_totals``/``place_totals``.
* **Dates or text** (no ordered table): the candidates come from the range of
  begin dates (``events_by_start``, plus the few irregular windows) or from
  the trigram index, and are sorted, unless they are so many that walking the
  whole time order finds a page sooner.

The cost of a page is then about the number of events the driving dimension
holds (counting and the month strip read them once), never the whole store.
"""

from __future__ import annotations

import sqlite3
from dataclasses import dataclass
from datetime import date, timedelta

from kb.index.facts import FAMILY_BITS, NO_STAMP, SHORT_SPAN, type_mask



@dataclass(frozen=True)
class Criteria:
    """What to show; the fields mean what ``web.events.EventFilter``'s do."""

    types: tuple[str, ...] = ()
    actor: str | None = None
    place: str | None = None
    start: date | None = None
    end: date | None = None
    text: str | None = None
    source: str | None = None


@dataclass(frozen=True)
class Page:
    iris: list[str]
    total: int


def _day(value: date) -> int:
    return value.year * 10000 + value.month * 100 + value.day


def trigram_query(needle: str) -> str | None:
    """An FTS5 query matching texts that hold every trigram of ``needle`` (None: too short)."""
    if len(needle) < 3:
        return None
    grams = dict.fromkeys(needle[i : i + 3] for i in range(len(needle) - 2))
    return " AND ".join('"' + gram.replace('"', '""') + '"' for gram in grams)


class Search:
    """One filter over one read connection: ``page``, ``total``, ``months``."""

    def __init__(self, conn: sqlite3.Connection, criteria: Criteria) -> None:
        self.conn = conn
        self.c = criteria
        self.mask = type_mask(criteria.types)
        self.params: dict[str, object] = {"mask": self.mask}
        self.empty = False
        self.ordered: list[tuple[int, str, str, str]] = []  # (events, table, key column, parameter)
        for table, column, iri, name, totals in (
            ("event_actors", "actor", criteria.actor, "actor", "actor_totals"),
            ("event_places", "place", criteria.place, "place", "place_totals"),
            ("event_sources", "article", criteria.source, "source", None),
        ):
            if iri is None:
                continue
            term = self._term(iri)
            if term is None:
                self.empty = True
                continue
            self.params[name] = term
            self.ordered.append((self._ordered_count(table, column, term, totals), table, column, name))
        self.ordered.sort()
        if criteria.start:
            self.params["start"] = _day(criteria.start)
            near = criteria.start - timedelta(days=SHORT_SPAN) if criteria.start > date.min + timedelta(SHORT_SPAN) else date.min
            self.params["near_start"] = _day(near)
        if criteria.end:
            self.params["end"] = _day(criteria.end)
        if criteria.text:
            self.params["needle"] = criteria.text.lower()
            self.params["match"] = trigram_query(criteria.text.lower())
        self._total: int | None = None
        self._plan: tuple[str, str, str, list[str]] | None = None
        self._grouped: list[tuple[int, list[int], int]] | None = None

    # -- counts -----------------------------------------------------------------------------
    def _term(self, iri: str) -> int | None:
        row = self.conn.execute("SELECT id FROM terms WHERE iri = ?", (iri,)).fetchone()
        return row[0] if row else None

    def _ordered_count(self, table: str, column: str, term: int, totals: str | None) -> int:
        if totals:
            row = self.conn.execute(f"SELECT n FROM {totals} WHERE {column} = ?", (term,)).fetchone()
            return row[0] if row else 0
        return self.conn.execute(f"SELECT COUNT(*) FROM {table} WHERE {column} = ?", (term,)).fetchone()[0]

    @property
    def has_dates(self) -> bool:
        return self.c.start is not None or self.c.end is not None

    def _count_capped(self, candidates: str, cap: int) -> int:
        sql = f"SELECT COUNT(*) FROM (SELECT 1 FROM ({candidates}) LIMIT {int(cap)})"
        return self.conn.execute(sql, self.params).fetchone()[0]

    def all_events(self) -> int:
        return self.conn.execute("SELECT COALESCE(SUM(n), 0) FROM month_totals").fetchone()[0]

    # -- candidate sets without an order ------------------------------------------------------
    # Candidate rows carry what the plans read (id, sort_key, types, earliest,
    # latest), straight from covering indexes where they can.
    _COLUMNS = "row, id, sort_key, types, earliest, latest"

    def date_candidates(self) -> str:
        """The events whose window meets [start, end] (the SQL of a sub-select)."""
        if self.c.start is not None:
            # A regular window (at most SHORT_SPAN days) that reaches ``start`` begins
            # after ``near_start``: one range of begin dates. The rest are irregular.
            upper = "AND earliest <= :end" if self.c.end is not None else ""
            return (
                f"SELECT {self._COLUMNS} FROM events INDEXED BY events_by_start"
                f" WHERE earliest >= :near_start {upper} AND latest >= :start"
                f" UNION ALL SELECT {self._COLUMNS} FROM events INDEXED BY irregular_events"
                f" WHERE irregular = 1 AND latest >= :start AND (earliest IS NULL OR earliest < :near_start) {upper}"
            )
        return f"SELECT {self._COLUMNS} FROM events INDEXED BY events_by_start WHERE earliest <= :end"

    def text_candidates(self) -> str:
        columns = ", ".join(f"e.{name}" for name in self._COLUMNS.split(", "))
        match = "t.texts MATCH :match AND " if self.params["match"] is not None else ""
        return (
            f"SELECT {columns} FROM texts t CROSS JOIN events e ON e.row = t.rowid"
            f" WHERE {match}folded_contains(t.text, :needle)"
        )

    # -- conditions checked per row -------------------------------------------------------------
    def _checks(self, alias: str, event: str, *, skip: str | None, row_has_dates: bool) -> list[str]:
        """SQL conditions for every filter but the driving one, on rows of ``alias``.

        ``row_has_dates``: the rows are events (or candidates) with their bounds and
        row number; else they are rows of an ordered table, and those are looked up.
        """
        checks = []
        if self.mask:
            checks.append(f"({alias}.types & :mask) != 0")
        for _, table, column, name in self.ordered:
            if name != skip:
                checks.append(
                    f"EXISTS (SELECT 1 FROM {table} x WHERE x.{column} = :{name}"
                    f" AND x.sort_key = {alias}.sort_key AND x.event = {event})"
                )
        if self.has_dates and skip != "dates":
            conditions = []
            if self.c.start is not None:
                conditions.append("{a}.latest >= :start")
            if self.c.end is not None:
                conditions.append("{a}.earliest <= :end")
            if row_has_dates:
                checks += [cond.format(a=alias) for cond in conditions]
            else:
                checks.append(
                    "EXISTS (SELECT 1 FROM events y WHERE y.id = " + event + " AND "
                    + " AND ".join(cond.format(a="y") for cond in conditions) + ")"
                )
        if self.c.text and skip != "text":
            row = f"{alias}.row" if row_has_dates else f"(SELECT y.row FROM events y WHERE y.id = {event})"
            checks.append(f"folded_contains((SELECT t.text FROM texts t WHERE t.rowid = {row}), :needle)")
        return checks

    # -- plans --------------------------------------------------------------------------------
    def plan(self) -> tuple[str, str, str, list[str]]:
        """(kind, FROM clause, event column, conditions): how to read the matching events.

        kind is "walk" (rows come in time order) or "sort" (candidates to sort).
        """
        if self._plan is None:
            self._plan = self._make_plan()
        return self._plan

    def _make_plan(self) -> tuple[str, str, str, list[str]]:
        best = self.ordered[0] if self.ordered else None
        unordered = []
        if self.has_dates:
            unordered.append(("dates", self.date_candidates()))
        if self.c.text:
            unordered.append(("text", self.text_candidates()))
        chosen = None
        if best is None and len(unordered) == 1:
            chosen = unordered[0]  # nothing to choose between: no need to count first
        else:
            cap = best[0] if best else self.all_events()
            for name, candidates in unordered:
                count = self._count_capped(candidates, cap + 1)
                if count <= cap:
                    cap, chosen = count, (name, candidates)
        if chosen is None and best is not None:
            _, table, column, name = best
            where = [f"d.{column} = :{name}"] + self._checks("d", "d.event", skip=name, row_has_dates=False)
            return "walk", f"{table} AS d", "d.event", where
        if chosen is None:
            where = self._checks("d", "d.id", skip=None, row_has_dates=True)
            return "walk", "events AS d INDEXED BY events_by_time", "d.id", where
        name, candidates = chosen
        where = self._checks("d", "d.id", skip=name, row_has_dates=True)
        return "sort", f"({candidates}) AS d", "d.id", where

    def _types_only(self) -> bool:
        return not (self.ordered or self.has_dates or self.c.text)

    def _by_month(self) -> list[tuple[int, list[int], int]]:
        """(month, events per family, matching events) of every match, in one pass (month 0: undated).

        The total and the month strip of a filtered timeline both come from
        this one reading of the matching rows.
        """
        if self._grouped is None:
            families = ", ".join(f"SUM((types & {bit}) != 0)" for bit in FAMILY_BITS.values())
            _, source, _, where = self.plan()
            conditions = " WHERE " + " AND ".join(where) if where else ""
            sql = (
                f"SELECT month, {families}, COUNT(*) FROM"
                f" (SELECT CASE WHEN d.sort_key < 0 THEN 0 ELSE d.sort_key / 100 END AS month, d.types AS types"
                f" FROM {source}{conditions}) GROUP BY month ORDER BY month"
            )
            self._grouped = [(row[0], list(row[1:-1]), row[-1]) for row in self.conn.execute(sql, self.params)]
        return self._grouped

    # -- answers ------------------------------------------------------------------------------
    def total(self) -> int:
        if self._total is not None:
            return self._total
        if self.empty:
            self._total = 0
        elif self._types_only():
            sql = "SELECT COALESCE(SUM(n), 0) FROM month_totals" + (" WHERE (types & :mask) != 0" if self.mask else "")
            self._total = self.conn.execute(sql, self.params).fetchone()[0]
        elif len(self.ordered) == 1 and not (self.mask or self.has_dates or self.c.text):
            self._total = self.ordered[0][0]
        else:
            self._total = sum(count for _, _, count in self._by_month())
        return self._total

    def page(self, limit: int, offset: int = 0, newest_first: bool = False) -> list[int]:
        """Event ids of one page, in time order."""
        if self.empty or limit <= 0:
            return []
        kind, source, event, where = self.plan()
        if kind == "sort" and self._walk_is_cheaper(limit, offset):
            where = self._checks("d", "d.id", skip=None, row_has_dates=True)
            source, event = "events AS d INDEXED BY events_by_time", "d.id"
        direction = " DESC" if newest_first else ""
        sql = (
            f"SELECT {event} FROM {source}" + (" WHERE " + " AND ".join(where) if where else "")
            + f" ORDER BY d.sort_key{direction}, {event}{direction} LIMIT {int(limit)} OFFSET {int(offset)}"
        )
        return [row[0] for row in self.conn.execute(sql, self.params)]

    def _walk_is_cheaper(self, limit: int, offset: int) -> bool:
        """Walking the time order reads about (offset + limit) / share rows; sorting reads every match."""
        matches = self.total()
        if not matches:
            return False
        share = matches / max(1, self.all_events())
        return (offset + limit) / share < matches

    def months(self) -> list[tuple[str, str, int]]:
        """(YYYY-MM, family, events) for the dated matching events, in month order."""
        if self.empty:
            return []
        names = list(FAMILY_BITS)
        if self._types_only():
            sums = ", ".join(f"SUM(CASE WHEN (types & {bit}) != 0 THEN n ELSE 0 END)" for bit in FAMILY_BITS.values())
            where = "month > 0" + (" AND (types & :mask) != 0" if self.mask else "")
            sql = f"SELECT month, {sums} FROM month_totals WHERE {where} GROUP BY month ORDER BY month"
            rows = [(row[0], list(row[1:])) for row in self.conn.execute(sql, self.params)]
        else:
            rows = [(month, counts) for month, counts, _ in self._by_month() if month > 0]
        found = []
        for month, counts in rows:
            label = f"{month // 100:04d}-{month % 100:02d}"
            found += [(label, family, n) for family, n in zip(names, counts) if n]
        return found


def iris_of_events(conn: sqlite3.Connection, ids: list[int]) -> list[str]:
    if not ids:
        return []
    marks = ",".join("?" * len(ids))
    found = dict(conn.execute(f"SELECT id, iri FROM events WHERE id IN ({marks})", ids).fetchall())
    return [found[i] for i in ids if i in found]


def top_terms(conn: sqlite3.Connection, totals: str, column: str, limit: int) -> list[tuple[str, int]]:
    """The actors (or places) in the most events, most first, ties by IRI."""
    sql = (
        f"SELECT t.iri, x.n FROM {totals} x JOIN terms t ON t.id = x.{column}"
        f" ORDER BY x.n DESC, t.iri LIMIT {int(limit)}"
    )
    return [(iri, n) for iri, n in conn.execute(sql)]
