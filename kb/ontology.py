"""The Annals ontology (``kb/ontology.ttl``) as an rdflib graph.

The store keeps it in its own named graph, ``ONTOLOGY_GRAPH``, beside the one
graph per article. Validation does not use it (see ``kb.validate``): events,
actors and places carry their types explicitly.
"""

from __future__ import annotations

from functools import cache
from importlib.resources import files

from rdflib import Graph, URIRef

from kb.vocab import PREFIXES

ONTOLOGY_GRAPH = "https://w3id.org/annals/graph/ontology"
ONTOLOGY_IRI = "https://w3id.org/annals/ns"


@cache
def ontology_turtle() -> str:
    """The ontology's Turtle source, read once from the installed package."""
    return (files("kb") / "ontology.ttl").read_text(encoding="utf-8")


@cache
def _parsed() -> Graph:
    graph = Graph()
    graph.parse(data=ontology_turtle(), format="turtle")
    return graph


def load_ontology() -> Graph:
    """The ontology as a graph named ``ONTOLOGY_GRAPH``.

    The file is parsed once per process; each call returns a fresh copy (about
    550 triples, some 5 ms), so a caller that changes its graph cannot corrupt
    the next caller's.
    """
    graph = Graph(identifier=URIRef(ONTOLOGY_GRAPH))
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace)
    for triple in _parsed():
        graph.add(triple)
    return graph
