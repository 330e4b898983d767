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


class QueryTimeout(StoreError):
    """A query ran past its time limit and was stopped."""


@dataclass(frozen=True)
class QueryDataset:
    """The RDF dataset one query runs over, when it is not the usual one.

    Without a ``QueryDataset`` (``dataset=None``) a query sees the union of all
    graphs as its default graph: the project's rule. The SPARQL Protocol's
    ``default-graph-uri`` / ``named-graph-uri`` parameters give one instead:
    ``default_graphs`` are merged into the default graph and ``named_graphs``
    are the only graphs ``GRAPH`` can reach.

    An empty ``QueryDataset()`` means "the dataset the query itself declares
    with FROM / FROM NAMED" (SPARQL's own rule); the protocol never produces it
    (a parameter names at least one graph), so it cannot be confused with one.
    """

    default_graphs: tuple[str, ...] = ()
    named_graphs: tuple[str, ...] = ()

    @property
    def declared_by_query(self) -> bool:
        return not self.default_graphs and not self.named_graphs


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
    # Every read takes two optional keywords: ``dataset`` (a QueryDataset, see
    # there; None = the union of all graphs) and ``timeout`` (seconds; None =
    # no limit). A store that can stop a running query raises QueryTimeout when
    # the limit passes; one that cannot says so in its docstring.

    @abstractmethod
    def query(
        self,
        sparql: str,
        result_format: str = "json",
        rdf_format: str = "ttl",
        *,
        dataset: QueryDataset | None = None,
        timeout: float | None = None,
    ) -> QueryOutput:
        """Run a SPARQL query over the union of all graphs and serialise the answer.

        SELECT/ASK answers use ``result_format`` (a key of RESULT_FORMATS),
        CONSTRUCT/DESCRIBE answers ``rdf_format`` (a key of RDF_FORMATS).
        """

    @abstractmethod
    def select(
        self, sparql: str, *, dataset: QueryDataset | None = None, timeout: float | None = None
    ) -> list[dict[str, str]]:
        """Rows of a SELECT as {variable: lexical value}; unbound variables absent."""

    @abstractmethod
    def ask(self, sparql: str, *, dataset: QueryDataset | None = None, timeout: float | None = None) -> bool: ...

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
