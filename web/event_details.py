"""Everything a page shows about a handful of events, fetched by IRI.

``get_events(store, iris)`` answers with a few small queries bound by
``VALUES`` (properties, sources, evidence, casualty reports, place context),
so its cost depends on the page size, never on the size of the store.

A canonical event (``kb.merge``: ``source_count`` set) comes with every
article reporting it as a source and every article's quotes, and its
casualty figures are the merged ``kb:killed``/``kb:injured`` (the lowest any
source gives), not each source's reports summed or listed: the event page
shows those side by side (``kb.merge.queries.event_sources``). An event as one
article reports it (a mention) comes with ``canonical``, the event it is part of.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from kb.model import ATTACK_CLASSES, NEGOTIATION_CLASSES, OUTCOMES, RELATIONS, ROLES
from kb.store import Store
from web.events import KB_NS, PREFIXES
from web.places import PlaceInfo, place_context
from web.sparql_terms import iri_list

OUTCOME_ORDER = list(OUTCOMES)  # killed, injured, kidnapped: the order people read figures in
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"
SEM_NS = "http://semanticweb.cs.vu.nl/2009/11/sem/"
SCALARS = {
    RDFS_LABEL: "label",
    SEM_NS + "hasTimeStamp": "stamp",
    SEM_NS + "hasEarliestBeginTimeStamp": "earliest",
    SEM_NS + "hasLatestBeginTimeStamp": "latest",
    KB_NS + "timePrecision": "precision",
    KB_NS + "timeExpression": "time_expression",
    KB_NS + "status": "status",
    KB_NS + "confidence": "confidence",
}


@dataclass(frozen=True)
class Ref:
    """A linked resource and its label."""

    iri: str
    label: str


@dataclass(frozen=True)
class Source:
    article: str
    title: str | None = None
    publisher: str | None = None
    url: str | None = None
    published: str | None = None


@dataclass(frozen=True)
class Evidence:
    quote: str
    article: str | None
    begin: int | None
    end: int | None


@dataclass(frozen=True)
class Casualty:
    outcome: str  # Killed, Injured, Kidnapped
    count: int
    qualifier: str  # Exact, AtLeast, AtMost, Approximately
    victim_group: str | None = None
    victim: Ref | None = None

    @property
    def text(self) -> str:
        """"at least 12 injured (others)"."""
        words = {"AtLeast": "at least ", "AtMost": "at most ", "Approximately": "about "}.get(self.qualifier, "")
        group = f" ({self.victim.label if self.victim else self.victim_group})" if (
            self.victim or self.victim_group
        ) else ""
        return f"{words}{self.count} {self.outcome.lower()}{group}"


@dataclass
class EventRow:
    iri: str
    label: str = ""
    types: set[str] = field(default_factory=set)  # kb: class local names
    stamp: str | None = None
    earliest: str | None = None
    latest: str | None = None
    precision: str | None = None
    time_expression: str | None = None
    status: str | None = None
    confidence: str | None = None
    killed: int | None = None
    injured: int | None = None
    place: Ref | None = None
    place_info: PlaceInfo | None = None
    roles: dict[str, list[Ref]] = field(default_factory=dict)  # role local name -> actors
    related: list[tuple[str, Ref]] = field(default_factory=list)
    sources: list[Source] = field(default_factory=list)
    evidence: list[Evidence] = field(default_factory=list)
    casualties: list[Casualty] = field(default_factory=list)
    source_count: int | None = None  # kb:sourceCount: set on canonical events only
    canonical: Ref | None = None  # for a mention: the canonical event it is part of

    @property
    def is_canonical(self) -> bool:
        return self.source_count is not None

    @property
    def event_class(self) -> str:
        """The most specific class: "Bombing" rather than "Attack"."""
        specific = [t for t in (*ATTACK_CLASSES, *NEGOTIATION_CLASSES) if t in self.types]
        if specific:
            return specific[0]
        return self.family or "Event"

    @property
    def family(self) -> str | None:
        return next((f for f in ("Attack", "Negotiation") if f in self.types), None)

    @property
    def status_name(self) -> str | None:
        return self.status.removeprefix(KB_NS) if self.status else None

    @property
    def day(self) -> str:
        """YYYY-MM-DD for ``<time datetime>``, or ""."""
        return (self.stamp or "")[:10]

    def actors(self) -> list[Ref]:
        seen: dict[str, Ref] = {}
        for refs in self.roles.values():
            for ref in refs:
                seen.setdefault(ref.iri, ref)
        return list(seen.values())

    def casualty_summary(self) -> list[str]:
        """"7 killed", "at least 12 injured": an article's reports if any, else the totals.

        A canonical event's reports are those of all its sources, which may
        disagree: it shows the merged totals (the lowest figure any source gives).
        """
        if self.casualties and not self.is_canonical:
            return [c.text for c in self.casualties]
        parts = []
        if self.killed is not None:
            parts.append(f"{self.killed} killed")
        if self.injured is not None:
            parts.append(f"{self.injured} injured")
        return parts


def get_events(store: Store, iris: list[str]) -> list[EventRow]:
    """The events with these IRIs, in the same order, with everything a page shows."""
    if not iris:
        return []
    events = {iri: EventRow(iri) for iri in iris}
    values = iri_list(events)
    _add_properties(store, events, values)
    _add_sources(store, events, values)
    _add_evidence(store, events, values)
    # A canonical event shows its merged totals: its sources' reports are for its page's columns.
    reported = {iri: event for iri, event in events.items() if not event.is_canonical}
    if reported:
        _add_casualties(store, reported, iri_list(reported))
    places = place_context(store, {e.place.iri for e in events.values() if e.place})
    for event in events.values():
        if event.place:
            event.place_info = places.get(event.place.iri)
    return [events[iri] for iri in iris]


def _add_properties(store: Store, events: dict[str, EventRow], values: str) -> None:
    # FILTER(?p IN ...) rather than VALUES ?p: 25 times faster in Oxigraph.
    wanted = ", ".join(
        ["rdf:type", *(f"<{p}>" for p in SCALARS), "kb:killed", "kb:injured", "sem:hasPlace", "kb:sourceCount",
         "kb:canonicalEvent"]
        + [f"kb:{r}" for r in (*ROLES, *RELATIONS)]
    )
    rows = store.select(
        PREFIXES
        + f"""SELECT ?e ?p ?o ?oLabel WHERE {{
  VALUES ?e {{ {values} }}
  ?e ?p ?o .
  FILTER(?p IN ({wanted}))
  OPTIONAL {{ ?o rdfs:label ?oLabel }}
}}"""
    )
    rows.sort(key=lambda row: (row["p"], row.get("oLabel", "").casefold(), row["o"]))
    role_names = {KB_NS + r: r for r in ROLES}
    relation_names = {KB_NS + r: r for r in RELATIONS}
    grouped: dict[str, dict[str, list[Ref]]] = defaultdict(lambda: defaultdict(list))
    seen = set()
    for row in rows:
        event, predicate, value = events[row["e"]], row["p"], row["o"]
        if (event.iri, predicate, value) in seen:  # an object with two labels
            continue
        seen.add((event.iri, predicate, value))
        label = row.get("oLabel") or value
        if predicate == RDF_TYPE:
            if value.startswith(KB_NS):
                event.types.add(value.removeprefix(KB_NS))
        elif predicate in SCALARS:
            setattr(event, SCALARS[predicate], value)
        elif predicate == KB_NS + "killed":
            event.killed = int(value)
        elif predicate == KB_NS + "injured":
            event.injured = int(value)
        elif predicate == KB_NS + "sourceCount":
            event.source_count = int(value)
        elif predicate == KB_NS + "canonicalEvent":
            event.canonical = Ref(value, label)
        elif predicate == SEM_NS + "hasPlace":
            event.place = Ref(value, label)
        elif predicate in role_names:
            grouped[event.iri][role_names[predicate]].append(Ref(value, label))
        elif predicate in relation_names:
            event.related.append((relation_names[predicate], Ref(value, label)))
    for iri, by_role in grouped.items():
        events[iri].roles = {role: by_role[role] for role in ROLES if role in by_role}


def _add_sources(store: Store, events: dict[str, EventRow], values: str) -> None:
    rows = store.select(
        PREFIXES
        + f"""SELECT ?e ?article (SAMPLE(?t) AS ?title) (SAMPLE(?pub) AS ?publisher)
       (SAMPLE(?u) AS ?url) (SAMPLE(?d) AS ?published) WHERE {{
  VALUES ?e {{ {values} }}
  ?e prov:wasDerivedFrom ?article .
  OPTIONAL {{ ?article dcterms:title ?t }}
  OPTIONAL {{ ?article schema:publisher ?pub }}
  OPTIONAL {{ ?article schema:url ?u }}
  OPTIONAL {{ ?article schema:datePublished ?d }}
}} GROUP BY ?e ?article ORDER BY ?e ?published ?article"""
    )
    for row in rows:
        events[row["e"]].sources.append(
            Source(row["article"], row.get("title"), row.get("publisher"), row.get("url"), row.get("published"))
        )


def _add_evidence(store: Store, events: dict[str, EventRow], values: str) -> None:
    rows = store.select(
        PREFIXES
        + f"""SELECT ?e ?quote ?article ?begin ?end WHERE {{
  VALUES ?e {{ {values} }}
  ?e kb:evidence ?evidence .
  ?evidence nif:anchorOf ?quote .
  OPTIONAL {{ ?evidence nif:beginIndex ?begin }}
  OPTIONAL {{ ?evidence nif:endIndex ?end }}
  OPTIONAL {{ ?evidence nif:referenceContext ?context . ?e prov:wasDerivedFrom ?article . ?article kb:context ?context }}
}} ORDER BY ?e ?article ?begin"""
    )
    for row in rows:
        begin, end = row.get("begin"), row.get("end")
        events[row["e"]].evidence.append(
            Evidence(row["quote"], row.get("article"), int(begin) if begin else None, int(end) if end else None)
        )


def _add_casualties(store: Store, events: dict[str, EventRow], values: str) -> None:
    rows = store.select(
        PREFIXES
        + f"""SELECT ?e ?report ?outcome ?count ?qualifier ?group ?victim ?victimLabel WHERE {{
  VALUES ?e {{ {values} }}
  ?e kb:casualties ?report .
  ?report kb:outcome ?outcome ; kb:count ?count .
  OPTIONAL {{ ?report kb:countQualifier ?qualifier }}
  OPTIONAL {{ ?report kb:victimGroup ?group }}
  OPTIONAL {{ ?report kb:victim ?victim . OPTIONAL {{ ?victim rdfs:label ?victimLabel }} }}
}} ORDER BY ?e ?report"""
    )
    rows.sort(key=lambda row: OUTCOME_ORDER.index(row["outcome"].removeprefix(KB_NS))
              if row["outcome"].removeprefix(KB_NS) in OUTCOME_ORDER else len(OUTCOME_ORDER))
    seen = set()
    for row in rows:
        if (row["e"], row["report"]) in seen:
            continue
        seen.add((row["e"], row["report"]))
        victim = Ref(row["victim"], row.get("victimLabel") or row["victim"]) if "victim" in row else None
        events[row["e"]].casualties.append(
            Casualty(
                row["outcome"].removeprefix(KB_NS),
                int(row["count"]),
                row.get("qualifier", KB_NS + "Exact").removeprefix(KB_NS),
                row.get("group"),
                victim,
            )
        )


def labels_of(store: Store, iris) -> dict[str, str]:
    """A readable name for each IRI: its rdfs:label, an article's title, else nothing."""
    iris = sorted(set(iris))
    if not iris:
        return {}
    rows = store.select(
        PREFIXES
        + f"""SELECT ?s (SAMPLE(?name) AS ?label) WHERE {{
  VALUES ?s {{ {iri_list(iris)} }}
  {{ ?s rdfs:label ?name }} UNION {{ ?s dcterms:title ?name }}
}} GROUP BY ?s"""
    )
    return {row["s"]: row["label"] for row in rows if "label" in row}
