"""The RDF vocabularies of the data model, as typed namespaces.

Every term the code uses is declared here, so a misspelt term fails at import
(rdflib's ``DefinedNamespace`` raises ``AttributeError`` for undeclared names)
instead of silently minting a new IRI. The namespaces are fixed by DESIGN.md.
"""

from __future__ import annotations

from rdflib import Namespace, URIRef
from rdflib.namespace import (
    DCTERMS,
    GEO,
    OWL,
    PROV,
    RDF,
    RDFS,
    SDO as SCHEMA,
    SKOS,
    TIME,
    XSD,
    DefinedNamespace,
)

__all__ = [
    "KB", "SEM", "NIF", "SCHEMA", "PROV", "TIME", "WGS", "GEO", "OWL", "SKOS",
    "DCTERMS", "RDF", "RDFS", "XSD", "VOID", "PREFIXES", "BASE_IRI",
]


class KB(DefinedNamespace):
    """Annals' own ontology (declared with labels and definitions in kb/ontology.ttl)."""

    _NS = Namespace("https://w3id.org/annals/ns#")
    _fail = True

    # Event classes: the attack family ...
    Attack: URIRef
    Bombing: URIRef
    Airstrike: URIRef
    Shelling: URIRef
    ArmedAssault: URIRef
    ArmedClash: URIRef
    Takeover: URIRef
    Kidnapping: URIRef
    Assassination: URIRef
    Arson: URIRef
    # ... and the peace-process family.
    Negotiation: URIRef
    Talks: URIRef
    PeaceProposal: URIRef
    Ceasefire: URIRef
    PeaceAgreement: URIRef

    # Actor classes.
    ArmedGroup: URIRef
    Government: URIRef
    Country: URIRef
    SecurityForce: URIRef

    # Structured values.
    CasualtyReport: URIRef
    Status: URIRef
    Outcome: URIRef
    CountQualifier: URIRef
    PlaceType: URIRef

    # Individuals: precision, place types, outcomes, qualifiers, statuses.
    Unanchored: URIRef
    CountryPlace: URIRef
    Province: URIRef
    City: URIRef
    District: URIRef
    Site: URIRef
    Killed: URIRef
    Injured: URIRef
    Kidnapped: URIRef
    Exact: URIRef
    AtLeast: URIRef
    AtMost: URIRef
    Approximately: URIRef
    Occurred: URIRef
    Ongoing: URIRef
    Attempted: URIRef
    Planned: URIRef
    Proposed: URIRef
    Hypothetical: URIRef
    Denied: URIRef

    # Event properties.
    perpetrator: URIRef
    target: URIRef
    claimedBy: URIRef
    allegedPerpetrator: URIRef
    participant: URIRef
    mediator: URIRef
    proposer: URIRef
    addressee: URIRef
    timePrecision: URIRef
    timeExpression: URIRef
    killed: URIRef
    injured: URIRef
    casualties: URIRef
    outcome: URIRef
    count: URIRef
    countQualifier: URIRef
    victimGroup: URIRef
    victim: URIRef
    status: URIRef
    confidence: URIRef
    evidence: URIRef
    relatedEvent: URIRef
    inResponseTo: URIRef
    partOf: URIRef
    # Cross-article merging (kb/merge): article-level event -> canonical event.
    canonicalEvent: URIRef
    sourceCount: URIRef

    # Place and article properties.
    placeType: URIRef
    contentHash: URIRef
    context: URIRef


class SEM(DefinedNamespace):
    """Simple Event Model (the subset Annals uses)."""

    _NS = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
    _fail = True

    Event: URIRef
    Actor: URIRef
    Place: URIRef
    hasActor: URIRef
    hasPlace: URIRef
    hasTimeStamp: URIRef
    hasEarliestBeginTimeStamp: URIRef
    hasLatestBeginTimeStamp: URIRef


class NIF(DefinedNamespace):
    """NLP Interchange Format core (the subset Annals uses)."""

    _NS = Namespace("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#")
    _fail = True

    Context: URIRef
    String: URIRef
    isString: URIRef
    anchorOf: URIRef
    beginIndex: URIRef
    endIndex: URIRef
    referenceContext: URIRef


class WGS(DefinedNamespace):
    """W3C Basic Geo (WGS84 lat/long). Declared here because rdflib's ``WGS``
    uses an https IRI, while the vocabulary (and DESIGN.md) uses http."""

    _NS = Namespace("http://www.w3.org/2003/01/geo/wgs84_pos#")
    _fail = True

    lat: URIRef
    long: URIRef


class VOID(DefinedNamespace):
    """Vocabulary of Interlinked Datasets (for /.well-known/void)."""

    _NS = Namespace("http://rdfs.org/ns/void#")
    _fail = True

    Dataset: URIRef
    triples: URIRef
    entities: URIRef
    classes: URIRef
    classPartition: URIRef
    sparqlEndpoint: URIRef
    dataDump: URIRef
    vocabulary: URIRef
    uriSpace: URIRef
    exampleResource: URIRef


BASE_IRI = "https://w3id.org/annals/id/"

# Prefixes bound in every serialisation and offered to SPARQL users.
PREFIXES: dict[str, str] = {
    "kb": str(KB._NS),
    "sem": str(SEM._NS),
    "schema": str(SCHEMA._NS),
    "prov": str(PROV._NS),
    "nif": str(NIF._NS),
    "time": str(TIME._NS),
    "wgs": str(WGS._NS),
    "geo": str(GEO._NS),
    "owl": str(OWL._NS),
    "skos": str(SKOS._NS),
    "dcterms": str(DCTERMS._NS),
    "rdf": str(RDF._NS),
    "rdfs": str(RDFS._NS),
    "xsd": str(XSD._NS),
}
