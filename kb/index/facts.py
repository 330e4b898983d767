"""What the timeline index keeps about each event, read from RDF triples.

Pure functions over plain strings: ``graph_facts`` turns one graph's triples
(the N-Triples of a ``GraphWrite``, or a graph read back from the store) into
``GraphFacts``; ``EventFacts.add`` takes one (predicate, value) at a time, so a
rebuild that streams one predicate over the whole store fills the same objects.

Choices where the design is silent:

* The timeline lists each real-world event once (issue 7): an event the index
  keeps is a subject typed ``sem:Event`` **with** ``kb:sourceCount`` in the
  same graph, that is a canonical event of ``kb.merge`` (its own graph
  ``{base}graph/events/{id}``). The events of an article graph are what one
  article said (mentions): the index keeps the graph's content hash and
  containment statements, not its events; the article stays findable as a
  source, because its canonical events are ``prov:wasDerivedFrom`` it.
* An event's facts are the triples about it in the same graph. Its quoted
  sentences are the ``nif:anchorOf`` of its ``kb:evidence`` nodes, which live
  in the articles' graphs, not in the canonical event's: ``graph_facts``
  takes the anchors found among the triples it reads, and
  ``GraphFacts.unquoted_evidence`` / ``add_anchors`` let the caller supply
  the others (kb.index.indexed_store reads them from the store).
* One value where SPARQL could see several: the earliest ``sem:hasTimeStamp``
  orders the event; the earliest ``hasEarliestBeginTimeStamp`` and the latest
  ``hasLatestBeginTimeStamp`` decide date filters (exactly what SPARQL's
  "some value passes" means for them); the smallest label is kept for show (text search looks in all).
* Dates are compared as YYYYMMDD integers of their lexical form's first ten
  characters; a stamp that is not a date sorts with the undated events.
* Only what the timeline sorts and filters on is kept. Everything a page
  shows (precision, status, casualties, roles...) is read from the store for
  the page's events, so the index cannot show a stale figure.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date
from typing import Iterable

from kb.model import ATTACK_CLASSES, EVENT_CLASSES, NEGOTIATION_CLASSES

KB = "https://w3id.org/annals/ns#"
SEM = "http://semanticweb.cs.vu.nl/2009/11/sem/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
PROV_DERIVED = "http://www.w3.org/ns/prov#wasDerivedFrom"
NIF_ANCHOR = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#anchorOf"
CONTAINED_IN = "https://schema.org/containedInPlace"
SEM_EVENT = SEM + "Event"
HAS_TIME_STAMP = SEM + "hasTimeStamp"
HAS_EARLIEST = SEM + "hasEarliestBeginTimeStamp"
HAS_LATEST = SEM + "hasLatestBeginTimeStamp"
HAS_PLACE = SEM + "hasPlace"
HAS_ACTOR = SEM + "hasActor"
CONTENT_HASH = KB + "contentHash"
EVIDENCE = KB + "evidence"
SOURCE_COUNT = KB + "sourceCount"  # only canonical events carry it (kb.merge.terms)

# One bit per kb: event class; an event's mask has a bit for every class it is typed with.
TYPE_BITS = {name: 1 << i for i, name in enumerate(EVENT_CLASSES)}
FAMILY_BITS = {"Attack": TYPE_BITS["Attack"], "Negotiation": TYPE_BITS["Negotiation"]}
SPECIFIC_CLASSES = (*ATTACK_CLASSES, *NEGOTIATION_CLASSES)
NO_STAMP = -1  # sort key of an event without a time stamp: before every dated one
# Time windows up to this many days (a year, a leap year, a little slack) are
# "regular": a date filter finds them in a range of begin dates. Longer or
# half-open windows are few and read apart.
SHORT_SPAN = 400

_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")



def day_number(lexical: str | None) -> int | None:
    """20180531 for "2018-05-31" (and "2018-05-31T10:00:00Z"); None when it is not a date."""
    if not lexical or not _DATE.match(lexical):
        return None
    number = int(lexical[0:4] + lexical[5:7] + lexical[8:10])
    if not (1 <= number // 100 % 100 <= 12 and 1 <= number % 100 <= 31):
        return None
    return number


def to_date(number: int) -> date | None:
    try:
        return date(number // 10000, number // 100 % 100, number % 100)
    except ValueError:
        return None


def days_between(earliest: int | None, latest: int | None) -> int | None:
    first, last = (to_date(earliest) if earliest else None), (to_date(latest) if latest else None)
    if first is None or last is None:
        return None
    return (last - first).days


def type_mask(types: Iterable[str]) -> int:
    """The bits of these class local names (unknown names have none)."""
    mask = 0
    for name in types:
        mask |= TYPE_BITS.get(name, 0)
    return mask


@dataclass(slots=True)
class EventFacts:
    """One event as the index sees it."""

    iri: str
    graph: str | None = None  # the graph that states it
    types: int = 0
    labels: list[str] = field(default_factory=list)
    stamp: str | None = None
    earliest: int | None = None
    latest: int | None = None
    places: set[str] = field(default_factory=set)
    actors: set[str] = field(default_factory=set)
    sources: set[str] = field(default_factory=set)
    quotes: list[str] = field(default_factory=list)
    source_count: int | None = None  # kb:sourceCount: set on canonical events only
    evidence: set[str] = field(default_factory=set)  # kb:evidence nodes (their anchors are the quotes)

    def add(self, predicate: str, value: str) -> None:
        """Take one triple about this event (predicates it does not use are ignored)."""
        take = TAKERS.get(predicate)
        if take is not None:
            take(self, value)

    def take_type(self, value: str) -> None:
        if value.startswith(KB):
            self.types |= TYPE_BITS.get(value[len(KB):], 0)

    def take_label(self, value: str) -> None:
        self.labels.append(value)

    def take_stamp(self, value: str) -> None:
        if self.stamp is None or _earlier_stamp(value, self.stamp):
            self.stamp = value

    def take_earliest(self, value: str) -> None:
        day = day_number(value)
        if day is not None and (self.earliest is None or day < self.earliest):
            self.earliest = day

    def take_latest(self, value: str) -> None:
        day = day_number(value)
        if day is not None and (self.latest is None or day > self.latest):
            self.latest = day

    def take_place(self, value: str) -> None:
        self.places.add(value)

    def take_actor(self, value: str) -> None:
        self.actors.add(value)

    def take_source(self, value: str) -> None:
        self.sources.add(value)

    def take_source_count(self, value: str) -> None:
        try:
            count = int(value)
        except ValueError:
            return
        self.source_count = count if self.source_count is None else max(self.source_count, count)

    @property
    def canonical(self) -> bool:
        return self.source_count is not None

    @property
    def label(self) -> str | None:
        return min(self.labels) if self.labels else None

    @property
    def sort_key(self) -> int:
        day = day_number(self.stamp)
        return NO_STAMP if day is None else day

    @property
    def span(self) -> int | None:
        return days_between(self.earliest, self.latest)

    @property
    def irregular(self) -> bool:
        span = self.span
        return span is None or span < 0 or span > SHORT_SPAN

    @property
    def event_class(self) -> str | None:
        """The most specific class ("Bombing" rather than "Attack")."""
        for name in (*SPECIFIC_CLASSES, "Attack", "Negotiation"):
            if self.types & TYPE_BITS[name]:
                return name
        return None

    @property
    def family(self) -> str | None:
        return next((name for name, bit in FAMILY_BITS.items() if self.types & bit), None)

    def texts(self) -> list[str]:
        """What text search looks in: every label and every quoted sentence."""
        return sorted(set(self.labels)) + self.quotes


def _earlier_stamp(a: str, b: str) -> bool:
    day_a, day_b = day_number(a), day_number(b)
    if day_a is None or day_b is None:
        return day_a is not None or (day_b is None and a < b)
    return day_a < day_b


# What EventFacts.add does with each predicate it reads (a rebuild queries each of them over the store).
TAKERS = {
    RDF_TYPE: EventFacts.take_type,
    RDFS_LABEL: EventFacts.take_label,
    HAS_TIME_STAMP: EventFacts.take_stamp,
    HAS_EARLIEST: EventFacts.take_earliest,
    HAS_LATEST: EventFacts.take_latest,
    HAS_PLACE: EventFacts.take_place,
    HAS_ACTOR: EventFacts.take_actor,
    PROV_DERIVED: EventFacts.take_source,
    SOURCE_COUNT: EventFacts.take_source_count,
}
EVENT_PREDICATES = tuple(TAKERS)


@dataclass
class GraphFacts:
    """What one graph contributes to the index."""

    graph: str
    content_hash: str | None = None
    events: list[EventFacts] = field(default_factory=list)  # canonical events only
    edges: set[tuple[str, str]] = field(default_factory=set)  # (place, containing place)
    _anchored: set[str] = field(default_factory=set, repr=False)  # evidence nodes whose quotes are taken

    @property
    def source_count(self) -> int | None:
        """The fingerprint of a canonical event graph: its events' source counts summed (None: none)."""
        counts = [event.source_count for event in self.events if event.source_count is not None]
        return sum(counts) if counts else None

    def unquoted_evidence(self) -> set[str]:
        """Evidence nodes of the events whose anchors were not among the graph's triples."""
        return {node for event in self.events for node in event.evidence} - self._anchored

    def add_anchors(self, anchors: dict[str, list[str]]) -> None:
        """Take the quoted sentences of evidence nodes read elsewhere (the articles' graphs)."""
        for event in self.events:
            for node in sorted(event.evidence - self._anchored):
                event.quotes.extend(anchors.get(node, ()))
        self._anchored |= set(anchors)


def graph_facts(graph: str, triples: Iterable[tuple[str, str, str]]) -> GraphFacts:
    """The events, containment statements and content hash in one graph's triples.

    ``triples`` are (subject, predicate, object) lexical values; the graph is
    read in one pass, keeping only what the index needs.
    """
    about: dict[str, list[tuple[str, str]]] = {}
    anchors: dict[str, list[str]] = {}
    found = GraphFacts(graph)
    events: list[str] = []
    for subject, predicate, value in triples:
        if predicate == RDF_TYPE and value == SEM_EVENT:
            events.append(subject)
        elif predicate == NIF_ANCHOR:
            anchors.setdefault(subject, []).append(value)
            continue
        elif predicate == CONTAINED_IN:
            found.edges.add((subject, value))
            continue
        elif predicate == CONTENT_HASH:
            if found.content_hash is None or value < found.content_hash:
                found.content_hash = value
            continue
        about.setdefault(subject, []).append((predicate, value))
    for iri in dict.fromkeys(events):
        event = EventFacts(iri, graph)
        for predicate, value in about.get(iri, ()):
            if predicate == EVIDENCE:
                event.evidence.add(value)
            else:
                event.add(predicate, value)
        if not event.canonical:
            continue  # what one article said: not a timeline row (see the module docstring)
        for node in sorted(event.evidence):
            if node in anchors:
                event.quotes.extend(anchors[node])
                found._anchored.add(node)
        found.events.append(event)
    return found


# What graph_facts reads: everything else in a graph (the article's text, its
# evidence offsets, casualty reports...) is skipped before it is parsed.
WANTED_PREDICATES = frozenset(
    f"<{p}>" for p in (*TAKERS, NIF_ANCHOR, CONTAINED_IN, CONTENT_HASH, EVIDENCE)
)


def ntriples_values(text: str, *, only: frozenset[str] | None = WANTED_PREDICATES) -> Iterable[tuple[str, str, str]]:
    """(subject, predicate, object) lexical values of N-Triples text, parsed by Oxigraph.

    With ``only`` (predicates as ``<IRI>``), lines whose predicate is not among
    them are dropped before parsing, which is most of an article graph's bytes.
    """
    import pyoxigraph as ox

    if not text.strip():
        return
    if only is not None:
        kept = []
        for line in text.splitlines():
            parts = line.strip().split(" ", 2)
            # "<s> <p> ..." or "_:b <p> ...": IRIs and blank node labels hold no spaces.
            if len(parts) < 3 or parts[1] in only or not parts[1].startswith("<"):
                kept.append(line)
        text = "\n".join(kept)
    for triple in ox.parse(text.encode("utf-8"), format=ox.RdfFormat.N_TRIPLES):
        yield triple.subject.value, triple.predicate.value, triple.object.value


def quad_values(quads) -> dict[str, list[tuple[str, str, str]]]:
    """Oxigraph quads grouped by named graph as lexical triples (default-graph quads are left out)."""
    import pyoxigraph as ox

    by_graph: dict[str, list[tuple[str, str, str]]] = {}
    for quad in quads:
        if isinstance(quad.graph_name, ox.NamedNode):
            by_graph.setdefault(quad.graph_name.value, []).append(
                (quad.subject.value, quad.predicate.value, quad.object.value)
            )
    return by_graph
