"""What the resource pages show about an actor, a place, an article or anything else.

Each function reads one resource with a few small queries; lists of events
come from ``web.events.find_events`` like the timeline's.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Graph

from kb.store import Store
from kb.vocab import PREFIXES as NAMESPACES
from web.event_details import Ref
from web.events import KB_NS, PREFIXES
from web.places import PlaceInfo, place_context
from web.sparql_terms import iri_ref, string_literal

WIKIDATA = "http://www.wikidata.org/entity/"
GEONAMES = "https://sws.geonames.org/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def exists(store: Store, iri: str) -> bool:
    node = iri_ref(iri)
    return store.ask(f"ASK {{ {{ {node} ?p ?o }} UNION {{ ?s ?p {node} }} }}")


def describe_query(iri: str) -> str:
    """The resource's own triples and those of the nodes named ``<iri>#…`` it links to
    (an event's evidence and casualty reports, an article's text, a place's geometry),
    and of the evidence and casualty reports it links to under other names (a
    canonical event's are its sources', ``kb.merge``), so its quotes and figures come with it."""
    node = iri_ref(iri)
    return f"""PREFIX kb: <{KB_NS}>
CONSTRUCT {{ ?s ?p ?o }} WHERE {{
  {{ BIND({node} AS ?s) ?s ?p ?o }}
  UNION
  {{ {node} ?link ?s . FILTER(isIRI(?s) && STRSTARTS(STR(?s), {string_literal(iri + "#")})) ?s ?p ?o }}
  UNION
  {{ {node} kb:evidence|kb:casualties ?s . ?s ?p ?o }}
}}"""


def describe(store: Store, iri: str) -> Graph:
    output = store.query(describe_query(iri), rdf_format="nt")
    graph = Graph()
    for prefix, namespace in NAMESPACES.items():
        graph.bind(prefix, namespace)
    graph.parse(data=output.body.decode("utf-8"), format="nt")
    return graph


def _values(rows: list[dict[str, str]], key: str) -> list[str]:
    return list(dict.fromkeys(row[key] for row in rows if key in row))


def _properties(store: Store, iri: str) -> dict[str, list[str]]:
    """Property IRI -> values (lexical forms), for a resource's own triples."""
    found: dict[str, list[str]] = {}
    for row in store.select(f"SELECT ?p ?o WHERE {{ {iri_ref(iri)} ?p ?o }} ORDER BY ?p ?o"):
        found.setdefault(row["p"], [])
        if row["o"] not in found[row["p"]]:
            found[row["p"]].append(row["o"])
    return found


def _refs(store: Store, sparql: str) -> list[Ref]:
    rows = store.select(PREFIXES + sparql)
    return sorted(
        {Ref(row["x"], row.get("label") or row["x"]) for row in rows}, key=lambda r: r.label.casefold()
    )


@dataclass
class ActorPage:
    iri: str
    label: str
    kinds: list[str]
    aliases: list[str]
    same_as: list[str]
    job_titles: list[str]
    member_of: list[Ref]
    members: list[Ref]
    roles: list[tuple[str, int]]  # role local name, number of (merged) events

    @property
    def wikidata(self) -> list[str]:
        return [iri for iri in self.same_as if iri.startswith(WIKIDATA)]


def actor_page(store: Store, iri: str) -> ActorPage:
    props = _properties(store, iri)
    node = iri_ref(iri)
    label = NAMESPACES["rdfs"] + "label"
    roles = store.select(
        PREFIXES
        + f"""SELECT ?role (COUNT(DISTINCT ?e) AS ?n) WHERE {{
  ?e ?role {node} . FILTER(STRSTARTS(STR(?role), STR(kb:)))
  ?e kb:sourceCount ?sources .
}} GROUP BY ?role ORDER BY DESC(?n) ?role"""
    )
    return ActorPage(
        iri=iri,
        label=(props.get(label) or [iri])[0],
        kinds=[t.rsplit("/", 1)[-1].rsplit("#", 1)[-1] for t in props.get(RDF_TYPE, [])
               if not t.endswith("sem/Actor")],
        aliases=props.get(NAMESPACES["skos"] + "altLabel", []),
        same_as=props.get(NAMESPACES["owl"] + "sameAs", []),
        job_titles=props.get("https://schema.org/jobTitle", []),
        member_of=_refs(store, f"SELECT ?x ?label WHERE {{ {node} schema:memberOf|schema:affiliation ?x . "
                               "OPTIONAL { ?x rdfs:label ?label } }"),
        members=_refs(store, f"SELECT ?x ?label WHERE {{ ?x schema:memberOf|schema:affiliation {node} . "
                             "OPTIONAL { ?x rdfs:label ?label } }"),
        roles=[(row["role"].removeprefix(KB_NS), int(row["n"])) for row in roles],
    )


@dataclass
class PlacePage:
    iri: str
    info: PlaceInfo
    same_as: list[str]
    inside: list[Ref] = field(default_factory=list)  # places directly inside this one

    @property
    def geonames(self) -> list[str]:
        return [iri for iri in self.same_as if iri.startswith(GEONAMES)]


def place_page(store: Store, iri: str) -> PlacePage:
    info = place_context(store, {iri}).get(iri) or PlaceInfo(iri, iri)
    props = _properties(store, iri)
    inside = _refs(
        store, f"SELECT ?x ?label WHERE {{ ?x schema:containedInPlace {iri_ref(iri)} . OPTIONAL {{ ?x rdfs:label ?label }} }}"
    )
    return PlacePage(iri, info, props.get(NAMESPACES["owl"] + "sameAs", []), inside)


@dataclass
class ArticlePage:
    iri: str
    title: str | None
    published: str | None
    url: str | None
    publisher: str | None
    identifier: str | None
    text: str | None
    spans: list[dict[str, str]]  # event, label, begin, end, quote


def article_page(store: Store, iri: str) -> ArticlePage:
    node = iri_ref(iri)
    rows = store.select(
        PREFIXES
        + f"""SELECT ?title ?published ?url ?publisher ?identifier ?text WHERE {{
  OPTIONAL {{ {node} dcterms:title ?title }}
  OPTIONAL {{ {node} schema:datePublished ?published }}
  OPTIONAL {{ {node} schema:url ?url }}
  OPTIONAL {{ {node} schema:publisher ?publisher }}
  OPTIONAL {{ {node} schema:identifier ?identifier }}
  OPTIONAL {{ {node} kb:context/nif:isString ?text }}
}} LIMIT 1"""
    )
    row = rows[0] if rows else {}
    # The article's own events only: a canonical event links the same evidence
    # nodes from its own graph (kb.merge), and is reached through its mentions.
    spans = store.select(
        PREFIXES
        + f"""SELECT ?e ?label ?begin ?end ?quote WHERE {{
  {node} kb:context ?context .
  ?evidence nif:referenceContext ?context ; nif:beginIndex ?begin ; nif:endIndex ?end .
  GRAPH {node} {{ ?e kb:evidence ?evidence }}
  OPTIONAL {{ ?evidence nif:anchorOf ?quote }}
  OPTIONAL {{ ?e rdfs:label ?label }}
}} ORDER BY ?begin ?end ?e"""
    )
    return ArticlePage(
        iri, row.get("title"), row.get("published"), row.get("url"), row.get("publisher"),
        row.get("identifier"), row.get("text"), spans,
    )


def triples_about(store: Store, iri: str) -> list[tuple[str, str, bool]]:
    """(property, value, value is an IRI) for a resource with no page of its own."""
    rows = store.select(f"SELECT ?p ?o (isIRI(?o) AS ?link) WHERE {{ {iri_ref(iri)} ?p ?o }} ORDER BY ?p ?o LIMIT 1000")
    return [(row["p"], row["o"], row.get("link") == "true") for row in rows]
