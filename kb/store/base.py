"""The store interface every backend implements.

Stores speak SPARQL and N-Triples/N-Quads only: everything above them (CLI, web)
goes through these methods, so the embedded Oxigraph store and a remote SPARQL
1.1 server are interchangeable.
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from dataclasses import dataclass, field
from typing import BinaryIO, Iterator

# SPARQL result formats and RDF formats by short name (CLI --format, HTTP ?format=).
RESULT_FORMATS = {
    "json": "application/sparql-results+json",
    "xml": "application/sparql-results+xml",
    "csv": "text/csv",
    "tsv": "text/tab-separated-values",
}
RDF_FORMATS = {
    "ttl": "text/turtle",
    "nt": "application/n-triples",
    "nq": "application/n-quads",
    "trig": "application/trig",
    "jsonld": "application/ld+json",
    "xml": "application/rdf+xml",
}
DATASET_FORMATS = ("nq", "trig", "jsonld")


class StoreError(Exception):
    """A store could not be opened, queried or written; the message says why."""


class QuerySyntaxError(StoreError):
    """The SPARQL text does not parse."""


@dataclass
class GraphWrite:
    """One atomic write: replace ``graph`` with ``triples`` and add ``shared``.

    ``triples`` and the values of ``shared`` are N-Triples text. ``shared`` maps
    a graph IRI (the entities graph) to triples added to it (set semantics, so
    the same actor described by many articles is stored once).
    """

    graph: str
    triples: str
    shared: dict[str, str] = field(default_factory=dict)


@dataclass
class QueryOutput:
    """A query's serialised result. ``kind`` is ``"solutions"``, ``"boolean"`` or ``"graph"``."""

    kind: str
    media_type: str
    body: bytes


class Store(ABC):
    """A SPARQL 1.1 dataset with one named graph per article."""

    location: str

    # -- writing -------------------------------------------------------------
    @abstractmethod
    def write(self, write: GraphWrite) -> None:
        """Apply one ``GraphWrite`` atomically: all of it or nothing."""

    @abstractmethod
    def remove_graph(self, graph: str) -> None:
        """Drop one named graph (absent is fine)."""

    @abstractmethod
    def load(self, data: BinaryIO, media_type: str) -> None:
        """Bulk-add N-Quads or TriG (graphs as named in the data)."""

    # -- reading -------------------------------------------------------------
    @abstractmethod
    def query(self, sparql: str, result_format: str = "json", rdf_format: str = "ttl") -> QueryOutput:
        """Run a SPARQL query over the union of all graphs and serialise the answer.

        SELECT/ASK answers use ``result_format`` (a key of RESULT_FORMATS),
        CONSTRUCT/DESCRIBE answers ``rdf_format`` (a key of RDF_FORMATS).
        """

    @abstractmethod
    def select(self, sparql: str) -> list[dict[str, str]]:
        """Rows of a SELECT as {variable: lexical value}; unbound variables absent."""

    @abstractmethod
    def ask(self, sparql: str) -> bool: ...

    @abstractmethod
    def dump(self, output: BinaryIO, rdf_format: str = "nq") -> None:
        """Write the whole dataset (every graph) to ``output``."""

    def named_graphs(self) -> list[str]:
        return [row["g"] for row in self.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { } } ORDER BY ?g")]

    def iter_graph_hashes(self) -> Iterator[tuple[str, str]]:
        """(graph IRI, content hash) for every article graph, to skip unchanged input."""
        rows = self.select(
            "PREFIX kb: <https://w3id.org/annals/ns#>\n"
            "SELECT ?g ?h WHERE { GRAPH ?g { ?a kb:contentHash ?h } }"
        )
        for row in rows:
            yield row["g"], row["h"]

    def is_empty(self) -> bool:
        return not self.ask("ASK { GRAPH ?g { ?s ?p ?o } }")

    def close(self) -> None:  # noqa: B027 - optional for backends without resources
        """Release the store (files, connections)."""

    def __enter__(self) -> "Store":
        return self

    def __exit__(self, *exc) -> None:
        self.close()
