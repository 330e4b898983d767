"""Build the RDF graph of one article from its ``Extraction``.

This stage knows the vocabulary and nothing of spaCy: it reads the plain
dataclasses of ``kb.model`` and writes triples in the data model of DESIGN.md.

Choices where the design leaves room:

* Evidence and casualty reports are IRIs under their event
  (``…/event/ID#evidence-0``) rather than blank nodes, so that ingesting the
  same article twice yields exactly the same triples and nodes can be linked.
* An event without any date (no time in the text and no publication date) has
  ``kb:timePrecision kb:Unanchored`` and no time stamps: unknown stays absent.
* Every actor and place an event mentions is described in the article's graph
  (label, type, links), so each graph is self-contained and validates alone.
"""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal

from rdflib import Graph, Literal, URIRef

from kb.ids import Iris
from kb.model import (
    ACTOR_KINDS,
    Actor,
    Article,
    Event,
    Extraction,
    Place,
)
from kb.vocab import (
    DCTERMS,
    GEO,
    KB,
    NIF,
    OWL,
    PREFIXES,
    PROV,
    RDF,
    RDFS,
    SCHEMA,
    SEM,
    SKOS,
    TIME,
    WGS,
    XSD,
)

PRECISION_TERMS = {
    "day": TIME.unitDay,
    "week": TIME.unitWeek,
    "month": TIME.unitMonth,
    "year": TIME.unitYear,
    "unanchored": KB.Unanchored,
}

ACTOR_CLASSES = {
    "Person": SCHEMA.Person,
    "Organization": SCHEMA.Organization,
    "ArmedGroup": KB.ArmedGroup,
    "Government": KB.Government,
    "Country": KB.Country,
    "SecurityForce": KB.SecurityForce,
}
assert set(ACTOR_CLASSES) == set(ACTOR_KINDS)

WIKIDATA = "http://www.wikidata.org/entity/"
GEONAMES = "https://sws.geonames.org/"


def kb_term(local_name: str) -> URIRef:
    """The ``kb:`` term for a local name, failing loudly for an unknown one."""
    return getattr(KB, local_name)


def new_graph() -> Graph:
    graph = Graph()
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    return graph


def decimal(value: float, places: int = 6) -> Literal:
    return Literal(Decimal(str(round(value, places))), datatype=XSD.decimal)


def to_rdf(extraction: Extraction, iris: Iris | None = None) -> Graph:
    """The triples of one article: the article, its text, events, actors, places."""
    iris = iris or Iris()
    graph = new_graph()
    article = extraction.article
    article_iri = add_article(graph, article, iris)

    event_iris = [URIRef(iris.event(article, event)) for event in extraction.events]
    for event, event_iri in zip(extraction.events, event_iris):
        add_event(graph, event, event_iri, article, article_iri, iris)
        for relation, index in event.related:
            graph.add((event_iri, kb_term(relation), event_iris[index]))

    for actor in extraction.actors.values():
        add_actor(graph, actor, iris)
    for place in extraction.places.values():
        add_place(graph, place, iris)
    return graph


def add_article(graph: Graph, article: Article, iris: Iris) -> URIRef:
    node = URIRef(iris.article(article))
    context = URIRef(iris.context(article))
    graph.add((node, RDF.type, SCHEMA.NewsArticle))
    graph.add((node, SCHEMA.identifier, Literal(article.identifier)))
    graph.add((node, KB.contentHash, Literal(article.content_hash)))
    graph.add((node, KB.context, context))
    if article.title:
        graph.add((node, DCTERMS.title, Literal(article.title)))
    if article.published is not None:
        graph.add((node, SCHEMA.datePublished, date_literal(article.published)))
    if article.url:
        graph.add((node, SCHEMA.url, URIRef(article.url)))
    if article.publisher:
        graph.add((node, SCHEMA.publisher, Literal(article.publisher)))
    graph.add((context, RDF.type, NIF.Context))
    graph.add((context, NIF.isString, Literal(article.text)))
    return node


def date_literal(value: date | datetime) -> Literal:
    if isinstance(value, datetime):
        return Literal(value.isoformat(), datatype=XSD.dateTime)
    return Literal(value.isoformat(), datatype=XSD.date)


def add_event(
    graph: Graph,
    event: Event,
    node: URIRef,
    article: Article,
    article_iri: URIRef,
    iris: Iris,
) -> None:
    # The full type chain, so that queries for kb:Attack work without a reasoner.
    for cls in {event.event_class, event.family}:
        graph.add((node, RDF.type, kb_term(cls)))
    graph.add((node, RDF.type, SEM.Event))
    graph.add((node, RDFS.label, Literal(event.label)))
    graph.add((node, KB.status, kb_term(event.status)))
    graph.add((node, KB.confidence, decimal(event.confidence, 3)))
    graph.add((node, PROV.wasDerivedFrom, article_iri))

    add_event_time(graph, node, event)

    if event.place:
        graph.add((node, SEM.hasPlace, URIRef(iris.place(event.place))))
    for role, keys in event.roles.items():
        for key in keys:
            actor = URIRef(iris.actor(key))
            graph.add((node, kb_term(role), actor))
            graph.add((node, SEM.hasActor, actor))

    if event.killed is not None:
        graph.add((node, KB.killed, Literal(event.killed, datatype=XSD.integer)))
    if event.injured is not None:
        graph.add((node, KB.injured, Literal(event.injured, datatype=XSD.integer)))
    for i, figure in enumerate(event.casualties):
        report = URIRef(f"{node}#casualties-{i}")
        graph.add((node, KB.casualties, report))
        graph.add((report, RDF.type, KB.CasualtyReport))
        graph.add((report, KB.outcome, kb_term(figure.outcome)))
        graph.add((report, KB.count, Literal(figure.count, datatype=XSD.integer)))
        graph.add((report, KB.countQualifier, kb_term(figure.qualifier)))
        graph.add((report, PROV.wasDerivedFrom, article_iri))
        if figure.victim_group:
            graph.add((report, KB.victimGroup, Literal(figure.victim_group)))
        if figure.victim:
            graph.add((report, KB.victim, URIRef(iris.actor(figure.victim))))

    context = URIRef(iris.context(article))
    for i, span in enumerate(event.evidence):
        evidence = URIRef(f"{node}#evidence-{i}")
        graph.add((node, KB.evidence, evidence))
        graph.add((evidence, RDF.type, NIF.String))
        graph.add((evidence, NIF.anchorOf, Literal(span.text)))
        graph.add((evidence, NIF.beginIndex, Literal(span.start, datatype=XSD.nonNegativeInteger)))
        graph.add((evidence, NIF.endIndex, Literal(span.end, datatype=XSD.nonNegativeInteger)))
        graph.add((evidence, NIF.referenceContext, context))


def add_event_time(graph: Graph, node: URIRef, event: Event) -> None:
    time = event.time
    graph.add((node, KB.timePrecision, PRECISION_TERMS[time.precision]))
    if time.stamp is not None:
        graph.add((node, SEM.hasTimeStamp, date_literal(time.stamp)))
    if time.earliest is not None:
        graph.add((node, SEM.hasEarliestBeginTimeStamp, date_literal(time.earliest)))
    if time.latest is not None:
        graph.add((node, SEM.hasLatestBeginTimeStamp, date_literal(time.latest)))
    if time.expression:
        graph.add((node, KB.timeExpression, Literal(time.expression)))


def add_actor(graph: Graph, actor: Actor, iris: Iris) -> None:
    node = URIRef(iris.actor(actor.key))
    graph.add((node, RDF.type, SEM.Actor))
    graph.add((node, RDF.type, ACTOR_CLASSES[actor.kind]))
    graph.add((node, RDFS.label, Literal(actor.label)))
    for alias in actor.aliases:
        if alias != actor.label:
            graph.add((node, SKOS.altLabel, Literal(alias)))
    if actor.wikidata:
        graph.add((node, OWL.sameAs, URIRef(WIKIDATA + actor.wikidata)))
    if actor.member_of:
        graph.add((node, SCHEMA.memberOf, URIRef(iris.actor(actor.member_of))))
    if actor.job_title:
        graph.add((node, SCHEMA.jobTitle, Literal(actor.job_title)))


def add_place(graph: Graph, place: Place, iris: Iris) -> None:
    node = URIRef(iris.place(place.key))
    graph.add((node, RDF.type, SEM.Place))
    graph.add((node, RDF.type, SCHEMA.Place))
    graph.add((node, RDFS.label, Literal(place.label)))
    graph.add((node, KB.placeType, kb_term(place.place_type)))
    if place.contained_in:
        graph.add((node, SCHEMA.containedInPlace, URIRef(iris.place(place.contained_in))))
    if place.geonames_id is not None:
        graph.add((node, OWL.sameAs, URIRef(f"{GEONAMES}{place.geonames_id}/")))
    if place.lat is not None and place.long is not None:
        graph.add((node, WGS.lat, decimal(place.lat)))
        graph.add((node, WGS.long, decimal(place.long)))
        geometry = URIRef(f"{node}#geometry")
        graph.add((node, GEO.hasGeometry, geometry))
        graph.add((geometry, GEO.asWKT, Literal(f"POINT({place.long} {place.lat})", datatype=GEO.wktLiteral)))
