"""SPARQL for reading events back out of the store, shared by the views.

Queries select a page of events first, then fetch their actors and sources for
just those events (``VALUES``), which keeps every query small.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field

from kb.store import Store

PREFIXES = """\
PREFIX kb: <https://w3id.org/annals/ns#>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX schema: <https://schema.org/>
"""

ROLE_NAMES = ("perpetrator", "claimedBy", "allegedPerpetrator", "target",
              "participant", "proposer", "addressee", "mediator")


@dataclass
class EventRow:
    iri: str
    label: str
    cls: str
    stamp: str | None
    precision: str | None
    status: str | None
    place: str | None = None
    place_label: str | None = None
    killed: int | None = None
    injured: int | None = None
    time_expression: str | None = None
    roles: dict[str, list[tuple[str, str]]] = field(default_factory=lambda: defaultdict(list))
    sources: list[dict[str, str]] = field(default_factory=list)


def iri_list(iris) -> str:
    return " ".join(f"<{iri}>" for iri in iris)


def list_events(store: Store, *, limit: int = 50, offset: int = 0, newest_first: bool = False) -> list[EventRow]:
    order = "DESC(?stamp)" if newest_first else "?stamp"
    rows = store.select(
        PREFIXES
        + f"""
SELECT ?e ?label ?stamp ?precision ?status ?expr ?place ?placeLabel ?killed ?injured
       (SAMPLE(?specific) AS ?cls) (SAMPLE(?family) AS ?fam)
WHERE {{
  ?e a sem:Event ; rdfs:label ?label .
  OPTIONAL {{ ?e sem:hasTimeStamp ?stamp }}
  OPTIONAL {{ ?e kb:timePrecision ?precision }}
  OPTIONAL {{ ?e kb:status ?status }}
  OPTIONAL {{ ?e kb:timeExpression ?expr }}
  OPTIONAL {{ ?e sem:hasPlace ?place . OPTIONAL {{ ?place rdfs:label ?placeLabel }} }}
  OPTIONAL {{ ?e kb:killed ?killed }}
  OPTIONAL {{ ?e kb:injured ?injured }}
  OPTIONAL {{ ?e a ?family . VALUES ?family {{ kb:Attack kb:Negotiation }} }}
  OPTIONAL {{ ?e a ?specific . ?specific rdfs:subClassOf ?parent .
             FILTER(?specific NOT IN (kb:Attack, kb:Negotiation, sem:Event)) }}
}}
GROUP BY ?e ?label ?stamp ?precision ?status ?expr ?place ?placeLabel ?killed ?injured
ORDER BY {order} ?e
LIMIT {int(limit)} OFFSET {int(offset)}
"""
    )
    events = [
        EventRow(
            iri=row["e"],
            label=row.get("label", ""),
            cls=row.get("cls") or row.get("fam") or "",
            stamp=row.get("stamp"),
            precision=row.get("precision"),
            status=row.get("status"),
            place=row.get("place"),
            place_label=row.get("placeLabel"),
            killed=int(row["killed"]) if "killed" in row else None,
            injured=int(row["injured"]) if "injured" in row else None,
            time_expression=row.get("expr"),
        )
        for row in rows
    ]
    add_details(store, events)
    return events


def add_details(store: Store, events: list[EventRow]) -> None:
    """Fill in roles and sources for a page of events."""
    if not events:
        return
    by_iri = {event.iri: event for event in events}
    values = iri_list(by_iri)
    for row in store.select(
        PREFIXES
        + f"""
SELECT ?e ?role ?actor ?actorLabel WHERE {{
  VALUES ?e {{ {values} }}
  VALUES ?role {{ {" ".join("kb:" + r for r in ROLE_NAMES)} }}
  ?e ?role ?actor . OPTIONAL {{ ?actor rdfs:label ?actorLabel }}
}} ORDER BY ?e ?role ?actorLabel"""
    ):
        role = row["role"].rsplit("#", 1)[-1]
        by_iri[row["e"]].roles[role].append((row["actor"], row.get("actorLabel", row["actor"])))
    for row in store.select(
        PREFIXES
        + f"""
SELECT ?e ?article ?title ?publisher ?url ?quote WHERE {{
  VALUES ?e {{ {values} }}
  ?e prov:wasDerivedFrom ?article .
  OPTIONAL {{ ?article dcterms:title ?title }}
  OPTIONAL {{ ?article schema:publisher ?publisher }}
  OPTIONAL {{ ?article schema:url ?url }}
  OPTIONAL {{ ?e kb:evidence ?ev . ?ev nif:anchorOf ?quote ; nif:referenceContext ?ctx .
             ?article kb:context ?ctx }}
}} ORDER BY ?e ?article ?quote"""
    ):
        by_iri[row["e"]].sources.append(row)
