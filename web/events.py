"""Finding events: the one seam between the pages and how events are looked up.

Every list of events the site shows (timeline, its CSV/JSON, the month strip,
the event graph, an actor's or a place's events, the filter menus) comes from
the functions in this module, which take an ``EventFilter`` and return plain
rows:

    find_events(store, filter, limit=, offset=, newest_first=) -> (rows, total)
    month_counts(store, filter) -> [MonthCount]
    actor_choices(store, limit) / place_choices(store, limit) -> [Choice]

Two ways to answer, with the same results:

* **the timeline index** (``kb.index``), when the store given is an
  ``IndexedStore`` (what ``web.app`` opens by default): a SQLite file derived
  from the store, in which every page, total, month strip and menu is an index
  range (milliseconds at a million events);
* **SPARQL** on the store otherwise (the index turned off with
  ``KB_INDEX=off``, or a plain store passed to the app): exact, but a sort of
  every matching event per page, seconds at a million events.

Either way ``web.event_details.get_events`` fills in the page's events from
the store, by IRI, so the store stays the source of what is shown. Tests
(tests/test_timeline_index.py) check that both ways agree on every filter.

Which events: each real-world event once. Merging (``kb.merge``) derives one
*canonical event* from every article-level event (a "mention") and the
reports of the same incident in other articles; only canonical events carry
``kb:sourceCount`` (the number of articles reporting them), and every list
here is of canonical events (``kb.merge.queries.CANONICAL_PATTERN`` on the
SPARQL path; the index holds nothing else). Their label, date, place, roles
and casualty figures are the merged ones; their sources and quotes are every
article's. A mention's own page links to its canonical event.

Filter semantics (the same for every backend):

* ``types``: class local names; an event matches if it has any of them
  (events carry their whole class chain, so ``Attack`` matches a bombing).
* ``actor``: the actor takes part in any role (``sem:hasActor``).
* ``place``: the event's place is that place or lies inside it
  (``schema:containedInPlace`` followed any number of times).
* ``start`` / ``end``: the event may have begun within the window: its latest
  possible begin is on or after ``start`` and its earliest possible begin on
  or before ``end``. Events without time bounds match no date filter.
* ``text``: case-insensitive substring of the title or of a quoted sentence.
* ``source``: the event was derived from that article (a canonical event is
  ``prov:wasDerivedFrom`` every article that reports it).

Order: by ``sem:hasTimeStamp``; events without a time stamp (undated articles
with no time in the text) sort before all others, oldest first, after them
newest first; equal stamps keep the store's order, which is stable (the
index orders them by a hash of the event IRI, the same after any rebuild).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from kb.index import Criteria, index_of
from kb.merge.queries import CANONICAL_PATTERN
from kb.model import EVENT_CLASSES
from kb.store import Store
from kb.vocab import PREFIXES as NAMESPACES
from web.sparql_terms import date_literal, iri_ref, is_iri, string_literal

PREFIXES = "".join(f"PREFIX {prefix}: <{namespace}>\n" for prefix, namespace in NAMESPACES.items())
KB_NS = NAMESPACES["kb"]
FAMILIES = ("Attack", "Negotiation")


@dataclass(frozen=True)
class EventFilter:
    """What to show. Every field is optional; the fields combine with AND."""

    types: tuple[str, ...] = ()  # class local names (kb.model.EVENT_CLASSES)
    actor: str | None = None  # actor IRI
    place: str | None = None  # place IRI (places inside it included)
    start: date | None = None  # the "from" date, inclusive
    end: date | None = None  # the "to" date, inclusive
    text: str | None = None  # words to find in the title or a quote
    source: str | None = None  # article IRI

    def __post_init__(self) -> None:
        unknown = [t for t in self.types if t not in EVENT_CLASSES]
        if unknown:
            raise ValueError(f"unknown event type(s): {', '.join(unknown)}")

    @property
    def is_empty(self) -> bool:
        return self == EventFilter()


def criteria_of(flt: EventFilter) -> Criteria:
    """The filter in the index's terms (the same fields, the same meaning)."""
    return Criteria(flt.types, flt.actor, flt.place, flt.start, flt.end, flt.text, flt.source)


@dataclass(frozen=True)
class MonthCount:
    month: str  # YYYY-MM
    family: str  # Attack or Negotiation
    count: int


@dataclass(frozen=True)
class Choice:
    iri: str
    label: str
    count: int


def _where(flt: EventFilter) -> str:
    """The graph pattern binding ?e to every canonical event the filter lets through.

    Oxigraph joins in the order written, so the most selective pattern comes
    first and ``CANONICAL_PATTERN`` (``?e kb:sourceCount ?sources``: a join
    with every canonical event) last, where ?e is already bound, unless there
    is no other pattern.
    """
    parts = []
    if flt.source:
        parts.append(f"?e prov:wasDerivedFrom {iri_ref(flt.source)} .")
    if flt.actor:
        parts.append(f"?e sem:hasActor {iri_ref(flt.actor)} .")
    if flt.place:
        # The places inside first (walked back from the bound end), then their events.
        parts.append(
            f"{{ SELECT DISTINCT ?filterPlace WHERE {{ ?filterPlace schema:containedInPlace* {iri_ref(flt.place)} }} }}"
            " ?e sem:hasPlace ?filterPlace ."
        )
    if flt.types:
        values = " ".join(f"kb:{name}" for name in flt.types)
        parts.append(f"VALUES ?filterType {{ {values} }} ?e a ?filterType .")
    if flt.start:
        parts.append(f"?e sem:hasLatestBeginTimeStamp ?filterLatest . FILTER(?filterLatest >= {date_literal(flt.start)})")
    if flt.end:
        parts.append(
            f"?e sem:hasEarliestBeginTimeStamp ?filterEarliest . FILTER(?filterEarliest <= {date_literal(flt.end)})"
        )
    if flt.text:
        # A UNION joined on ?e, not FILTER EXISTS: Oxigraph evaluates EXISTS
        # without ?e bound, a full scan per event (40 s at 10,000 events).
        # With no other pattern, the canonical events come first, so that the
        # label branch reads events' labels only (not those of actors and places).
        if not parts:
            parts.append(CANONICAL_PATTERN)
        needle = string_literal(flt.text.lower())
        parts.append(
            "{ ?e rdfs:label ?filterText } UNION { ?e kb:evidence/nif:anchorOf ?filterText }"
            f" FILTER(CONTAINS(LCASE(STR(?filterText)), {needle}))"
        )
    if CANONICAL_PATTERN not in parts:
        parts.append(CANONICAL_PATTERN)
    return "\n  ".join(parts)


def count_events(store: Store, flt: EventFilter) -> int:
    index = index_of(store)
    if index is not None:
        return index.count(criteria_of(flt))
    rows = store.select(PREFIXES + f"SELECT (COUNT(DISTINCT ?e) AS ?n) WHERE {{\n  {_where(flt)}\n}}")
    return int(rows[0]["n"]) if rows else 0


def find_event_iris(
    store: Store, flt: EventFilter, *, limit: int = 50, offset: int = 0, newest_first: bool = False
) -> list[str]:
    """One page of matching event IRIs, in time order."""
    index = index_of(store)
    if index is not None:
        return index.find(criteria_of(flt), limit=limit, offset=offset, newest_first=newest_first).iris
    # No tie-breaker on ?e: it triples the cost of the sort in Oxigraph, and the
    # order of equal stamps is still the same on every run (same data, same plan).
    order = "DESC(?stamp)" if newest_first else "?stamp"
    rows = store.select(
        PREFIXES
        + f"""SELECT DISTINCT ?e ?stamp WHERE {{
  {_where(flt)}
  OPTIONAL {{ ?e sem:hasTimeStamp ?stamp }}
}}
ORDER BY {order}
LIMIT {int(limit)} OFFSET {int(offset)}"""
    )
    seen: dict[str, None] = {}
    for row in rows:
        seen.setdefault(row["e"], None)  # an event with two stamps would appear twice
    return list(seen)


def find_events(store: Store, flt: EventFilter, *, limit: int = 50, offset: int = 0, newest_first: bool = False):
    """``(rows, total)``: one page of matching events with their details, and how many match."""
    from web.event_details import get_events

    index = index_of(store)
    if index is not None:
        page = index.find(criteria_of(flt), limit=limit, offset=offset, newest_first=newest_first)
        return get_events(store, page.iris), page.total
    iris = find_event_iris(store, flt, limit=limit, offset=offset, newest_first=newest_first)
    total = count_events(store, flt) if (offset or len(iris) >= limit) else offset + len(iris)
    return get_events(store, iris), total


def month_counts(store: Store, flt: EventFilter) -> list[MonthCount]:
    """Matching events per month (of their time stamp) and family, in month order."""
    index = index_of(store)
    if index is not None:
        return [MonthCount(month, family, n) for month, family, n in index.months(criteria_of(flt))]
    rows = store.select(
        PREFIXES
        + f"""SELECT ?month ?family (COUNT(DISTINCT ?e) AS ?n) WHERE {{
  {_where(flt)}
  ?e sem:hasTimeStamp ?stamp .
  VALUES ?family {{ kb:Attack kb:Negotiation }}
  ?e a ?family .
  BIND(SUBSTR(STR(?stamp), 1, 7) AS ?month)
}}
GROUP BY ?month ?family ORDER BY ?month ?family"""
    )
    return [MonthCount(row["month"], row["family"].removeprefix(KB_NS), int(row["n"])) for row in rows]


def actor_choices(store: Store, limit: int = 100) -> list[Choice]:
    """The actors in the most events, for the filter menu."""
    index = index_of(store)
    if index is not None:
        return _indexed_choices(store, index.top_actors(limit), "actor")
    rows = store.select(
        PREFIXES
        + f"""SELECT ?actor (SAMPLE(?name) AS ?label) ?n WHERE {{
  {{ SELECT ?actor (COUNT(DISTINCT ?e) AS ?n) WHERE {{ ?e sem:hasActor ?actor . {CANONICAL_PATTERN} }}
    GROUP BY ?actor ORDER BY DESC(?n) LIMIT {int(limit)} }}
  OPTIONAL {{ ?actor rdfs:label ?name }}
}} GROUP BY ?actor ?n"""
    )
    return _choices(rows, "actor")


def place_choices(store: Store, limit: int = 100) -> list[Choice]:
    """The places with the most events in or inside them, for the filter menu."""
    index = index_of(store)
    if index is not None:
        return _indexed_choices(store, index.top_places(limit), "place")
    rows = store.select(
        PREFIXES
        + f"""SELECT ?place (SAMPLE(?name) AS ?label) ?n WHERE {{
  {{ SELECT ?place (COUNT(DISTINCT ?e) AS ?n) WHERE {{
       ?e sem:hasPlace ?where . {CANONICAL_PATTERN} ?where schema:containedInPlace* ?place }}
    GROUP BY ?place ORDER BY DESC(?n) LIMIT {int(limit)} }}
  OPTIONAL {{ ?place rdfs:label ?name }}
}} GROUP BY ?place ?n"""
    )
    return _choices(rows, "place")


def _indexed_choices(store: Store, counted: list[tuple[str, int]], key: str) -> list[Choice]:
    """The index's most frequent actors or places, with their labels from the store."""
    named = [iri for iri, _ in counted if is_iri(iri)]  # a blank node has no label to fetch
    if not named:
        return _choices([{key: iri, "n": str(n)} for iri, n in counted], key)
    values = " ".join(iri_ref(iri) for iri in named)
    rows = store.select(
        PREFIXES + f"SELECT ?{key} (MIN(?name) AS ?label) WHERE {{ VALUES ?{key} {{ {values} }} ?{key} rdfs:label ?name }}"
        f" GROUP BY ?{key}"
    )
    labels = {row[key]: row["label"] for row in rows if "label" in row}
    return _choices([{key: iri, "label": labels.get(iri, iri), "n": str(n)} for iri, n in counted], key)


def _choices(rows: list[dict[str, str]], key: str) -> list[Choice]:
    choices = [Choice(row[key], row.get("label") or row[key], int(row["n"])) for row in rows]
    return sorted(choices, key=lambda c: c.label.casefold())
