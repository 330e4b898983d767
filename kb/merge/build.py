"""The canonical event of a group of mentions: one node with every source kept.

Rules (where the issue leaves a choice, the choice made):

* **IRI**: ``{base}event/{id}`` with ``id`` a hash of the *anchor*, the member
  first reported (earliest publication date, then smallest IRI). It depends
  only on the group, so ingest order does not change it, and later reports
  joining an event keep its IRI; only a report published earlier, or the
  removal of the anchor's article, gives the event a new one.
* **Class**: the specific class most members give (a member giving only the
  family does not vote); a tie goes to the anchor's class if tied, else to the
  first in ``kb.model.EVENT_CLASSES``. The full type chain is asserted.
* **Label**: that of the member that best represents the event (its class,
  then the event's place, then the most roles, then first reported).
* **Time**: the intersection of the bounds of the members dated by the text
  (members dated only by their article's day count only when no member is
  dated by the text), at the finest precision among them, with that member's
  time expression; when the bounds do not intersect (an undated report joined
  on its article's day) the finest member's bounds. ``sem:hasTimeStamp`` is the
  first day.
* **Place**: the most specific member place (site > district > city >
  province > country, then the deepest, then the most reported).
* **Status**: that of the latest report (an event planned in one report and
  held in a later one occurred), ties by the most reported status.
* **Figures**: ``kb:killed``/``kb:injured`` are the lowest total any source
  gives (ACLED's rule: the most conservative figure). Every source's
  ``kb:CasualtyReport`` is linked from the event (``kb:casualties``), each with
  its own ``prov:wasDerivedFrom``: competing figures are kept, not overwritten.
* **Roles**: the union of the members' roles, with canonical actor IRIs
  (``ActorResolver.canonical``), each also as ``sem:hasActor``.
* **Evidence and sources**: every member's ``kb:evidence`` node and article
  (``prov:wasDerivedFrom``), ``kb:sourceCount`` the number of articles.
* **Confidence**: 1 - prod(1 - c) over members: independent reports raise it.
* **Links**: each member ``kb:canonicalEvent`` the event; a relation between
  members (``kb:partOf``: a gunfight inside an assault) becomes the same
  relation between their canonical events, so sub-events stay linked, not
  merged.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from rdflib import Graph, Literal, URIRef

from kb.ids import Iris
from kb.merge.actors import ActorResolver
from kb.merge.mentions import PRECISION_ORDER, Mention, World
from kb.merge.terms import CANONICAL_EVENT, SOURCE_COUNT, canonical_event_iri, canonical_graph_iri, canonical_id
from kb.model import EVENT_CLASSES, STATUSES, EventTime, event_family
from kb.rdf import PRECISION_TERMS, add_actor, add_event_time, kb_term
from kb.vocab import KB, PROV, RDF, RDFS, SEM, SKOS, XSD


@dataclass
class CanonicalEvent:
    iri: str
    graph: str
    members: list[Mention]
    event_class: str
    label: str
    status: str
    confidence: float
    time: EventTime
    place: str | None
    roles: list[tuple[str, str]]
    killed: int | None
    injured: int | None
    related: list[tuple[str, str]]  # (relation, canonical event IRI)

    @property
    def articles(self) -> list[str]:
        return sorted({m.article for m in self.members})



def bare_graph() -> Graph:
    # Canonical graphs are written as N-Triples, which has no prefixes: binding
    # them (as kb.rdf.new_graph does for readable output) cost a millisecond a graph.
    return Graph(bind_namespaces="none")

def first_reported(members: list[Mention]) -> Mention:
    return min(members, key=lambda m: (m.published or date.max, m.iri))


def build_event(members: list[Mention], world: World, actors: ActorResolver, iris: Iris,
                canonical_for: Callable[[str], str | None] = lambda iri: None) -> CanonicalEvent:
    """The canonical event of one group of mentions (see the module docstring)."""
    members = sorted(members, key=lambda m: (m.published or date.max, m.iri))
    anchor = members[0]
    event_id = canonical_id(anchor.iri)
    event_class = _class(members, anchor)
    place = _place(members, world)
    rep = min(members, key=lambda m: (m.event_class != event_class, m.place != place, -len(m.roles),
                                      m.published or date.max, m.iri))
    iri = canonical_event_iri(iris, event_id)
    related = sorted({(rel, canonical_for(other)) for m in members for rel, other in m.related
                      if canonical_for(other) and canonical_for(other) != iri})
    return CanonicalEvent(
        iri=iri,
        graph=canonical_graph_iri(iris, event_id),
        members=members,
        event_class=event_class,
        label=rep.label,
        status=_status(members),
        confidence=_confidence(members),
        time=merged_time(members),
        place=place,
        roles=sorted({(role, actors.canonical(actor)) for m in members for role, actor in m.roles}),
        killed=min((m.killed for m in members if m.killed is not None), default=None),
        injured=min((m.injured for m in members if m.injured is not None), default=None),
        related=related,
    )


def _class(members: list[Mention], anchor: Mention) -> str:
    votes = Counter(m.event_class for m in members if not m.generic)
    if not votes:
        return anchor.family
    best = max(votes.values())
    tied = [c for c in EVENT_CLASSES if votes.get(c) == best]
    return anchor.event_class if anchor.event_class in tied else tied[0]


def _place(members: list[Mention], world: World) -> str | None:
    votes = Counter(m.place for m in members if m.place)
    if not votes:
        return None
    return min(votes, key=lambda p: (tuple(-x for x in world.specificity(p)), -votes[p], p))


def _status(members: list[Mention]) -> str:
    latest = max((m.published or date.min) for m in members)
    last = [m.status for m in members if (m.published or date.min) == latest]
    votes = Counter(last)
    best = max(votes.values())
    return next(s for s in STATUSES if votes.get(s) == best)


def _confidence(members: list[Mention]) -> float:
    doubt = 1.0
    for m in members:
        doubt *= 1.0 - min(max(m.confidence, 0.0), 1.0)
    return round(1.0 - doubt, 3)


def merged_time(members: list[Mention]) -> EventTime:
    dated = [m for m in members if m.dated]
    if not dated:
        return EventTime("unanchored")
    anchored = [m for m in dated if m.precision != "unanchored"] or dated
    finest = min(anchored, key=lambda m: (PRECISION_ORDER[m.precision], m.latest - m.earliest,
                                          m.published or date.max, m.iri))
    low, high = max(m.earliest for m in anchored), min(m.latest for m in anchored)
    if low > high:
        low, high = finest.earliest, finest.latest
    return EventTime(finest.precision, low, high, low, finest.expression)


def to_graph(event: CanonicalEvent) -> Graph:
    """The triples of the canonical event's own graph."""
    graph = bare_graph()
    node = URIRef(event.iri)
    for cls in {event.event_class, event_family(event.event_class)}:
        graph.add((node, RDF.type, kb_term(cls)))
    graph.add((node, RDF.type, SEM.Event))
    graph.add((node, RDFS.label, Literal(event.label)))
    graph.add((node, KB.status, kb_term(event.status)))
    graph.add((node, KB.confidence, Literal(Decimal(str(event.confidence)), datatype=XSD.decimal)))
    graph.add((node, SOURCE_COUNT, Literal(len(event.articles), datatype=XSD.integer)))
    add_event_time(graph, node, _Timed(event.time))
    if event.place:
        graph.add((node, SEM.hasPlace, URIRef(event.place)))
    for role, actor in event.roles:
        graph.add((node, kb_term(role), URIRef(actor)))
        graph.add((node, SEM.hasActor, URIRef(actor)))
    if event.killed is not None:
        graph.add((node, KB.killed, Literal(event.killed, datatype=XSD.integer)))
    if event.injured is not None:
        graph.add((node, KB.injured, Literal(event.injured, datatype=XSD.integer)))
    for article in event.articles:
        graph.add((node, PROV.wasDerivedFrom, URIRef(article)))
    for m in event.members:
        graph.add((URIRef(m.iri), CANONICAL_EVENT, node))
        for report in m.casualties:
            graph.add((node, KB.casualties, URIRef(report)))
        for evidence in m.evidence:
            graph.add((node, KB.evidence, URIRef(evidence)))
    for rel, other in event.related:
        graph.add((node, kb_term(rel), URIRef(other)))
    return graph


@dataclass
class _Timed:
    """Adapter: ``kb.rdf.add_event_time`` reads ``event.time``."""

    time: EventTime


assert set(PRECISION_TERMS) >= set(PRECISION_ORDER)


def state_descriptions(event: CanonicalEvent, actors: ActorResolver, iris: Iris) -> Graph:
    """Descriptions of the governments that canonical roles name in place of a country,
    with the country's names as alternative labels (for the shared entities graph)."""
    from kb.extract.lexicon import get_lexicon

    graph = bare_graph()
    for m in event.members:
        for _, actor in m.roles:
            code = actors.state(actor)
            canonical = actors.canonical(actor)
            if not code or canonical == actor:
                continue
            entry = get_lexicon().government(code)
            if entry is None:
                continue
            add_actor(graph, entry.to_actor(), iris)
            info = actors.actors.get(actor)
            if info is not None:
                for name in (info.label, *info.alt_labels):
                    if name != entry.label:
                        graph.add((URIRef(canonical), SKOS.altLabel, Literal(name)))
    return graph
