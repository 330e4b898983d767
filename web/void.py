"""The VoID description of the knowledge base (``/.well-known/void``).

Counts come from the store at request time: ``void:triples`` counts distinct
triples of the union of all graphs, ``void:classPartition`` gives each class
with its number of instances, and the links name this server's SPARQL
endpoint and dumps (absolute URLs built from the request).
"""

from __future__ import annotations

from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, XSD

from kb.store import Store
from kb.vocab import PREFIXES, VOID

VOCABULARIES = ("kb", "sem", "schema", "prov", "nif", "time", "wgs", "geo", "owl", "skos", "dcterms")
DUMPS = ("trig", "nq", "ttl", "jsonld")


def void_graph(store: Store, root: str, base_iri: str) -> Graph:
    """``root``: the server's URL ending in "/"."""
    graph = Graph()
    graph.bind("void", str(VOID._NS))
    dataset = URIRef(root + ".well-known/void#annals")
    graph.add((dataset, RDF.type, VOID.Dataset))
    graph.add((dataset, DCTERMS.title, Literal("Annals")))
    graph.add((dataset, DCTERMS.description, Literal(
        "Events of armed conflict and peace processes (attacks, negotiations, ceasefires, peace deals) "
        "extracted from news articles, each with its source sentence, validated with SHACL.")))
    graph.add((dataset, VOID.sparqlEndpoint, URIRef(root + "sparql")))
    for extension in DUMPS:
        graph.add((dataset, VOID.dataDump, URIRef(f"{root}export.{extension}")))
    graph.add((dataset, VOID.uriSpace, Literal(base_iri)))
    for prefix in VOCABULARIES:
        graph.add((dataset, VOID.vocabulary, URIRef(PREFIXES[prefix])))

    triples = store.select("SELECT (COUNT(*) AS ?n) WHERE { SELECT DISTINCT ?s ?p ?o WHERE { ?s ?p ?o } }")
    graph.add((dataset, VOID.triples, Literal(int(triples[0]["n"]) if triples else 0, datatype=XSD.integer)))
    classes = store.select("SELECT ?class (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?class } GROUP BY ?class ORDER BY ?class")
    graph.add((dataset, VOID.classes, Literal(len(classes), datatype=XSD.integer)))
    void_class = URIRef(str(VOID._NS) + "class")
    for row in classes:
        partition = BNode()
        graph.add((dataset, VOID.classPartition, partition))
        graph.add((partition, void_class, URIRef(row["class"])))
        graph.add((partition, VOID.entities, Literal(int(row["n"]), datatype=XSD.integer)))
    for row in store.select(
        "SELECT ?e WHERE { ?e a <http://semanticweb.cs.vu.nl/2009/11/sem/Event> } ORDER BY ?e LIMIT 3"
    ):
        graph.add((dataset, VOID.exampleResource, URIRef(row["e"])))
    return graph
