"""The default store: an embedded, on-disk Oxigraph (RocksDB) database.

One process may open it for writing at a time (Oxigraph holds a lock on the
folder); a second writer gets a clear StoreError instead of a traceback.

Reads accept ``timeout`` for the interface's sake but cannot honour it:
pyoxigraph 0.5 has no way to stop a running query from Python and a thread
cannot be killed. Where a limit must hold (the web app's SPARQL endpoint), use
``kb.store.supervised.SupervisedStore``, which runs this store in a child
process it can stop.
"""

from __future__ import annotations

from pathlib import Path
from typing import BinaryIO

import pyoxigraph as ox

from kb.store.base import (
    RDF_FORMATS,
    RESULT_FORMATS,
    GraphWrite,
    QueryDataset,
    QueryOutput,
    QuerySyntaxError,
    Store,
    StoreError,
)
from kb.store.formats import OX_RDF_FORMATS, OX_RESULT_FORMATS

_MEDIA_TYPES = {
    "application/n-quads": ox.RdfFormat.N_QUADS,
    "application/trig": ox.RdfFormat.TRIG,
    "application/n-triples": ox.RdfFormat.N_TRIPLES,
    "text/turtle": ox.RdfFormat.TURTLE,
}


def _dataset_options(dataset: QueryDataset | None) -> dict:
    """pyoxigraph keywords for a QueryDataset (None: the union of all graphs)."""
    if dataset is None:
        return {"use_default_graph_as_union": True}
    if dataset.declared_by_query:
        return {}  # Oxigraph then applies the query's FROM / FROM NAMED
    return {
        "default_graph": [ox.NamedNode(iri) for iri in dataset.default_graphs],
        "named_graphs": [ox.NamedNode(iri) for iri in dataset.named_graphs],
    }


def term_value(term) -> str:
    """The lexical form of an Oxigraph term (IRI, literal or blank node id)."""
    return term.value


class EmbeddedStore(Store):
    def __init__(self, path: str | Path, *, read_only: bool = False) -> None:
        self.location = str(path)
        try:
            if read_only:
                self._store = ox.Store.read_only(str(path))
            else:
                Path(path).mkdir(parents=True, exist_ok=True)
                self._store = ox.Store(str(path))
        except (OSError, RuntimeError) as error:
            # RuntimeError: RocksDB reports e.g. "Corruption" when a read-only open
            # races a writer; OSError: the folder is locked or unreadable.
            reason = str(error)
            if "lock" in reason.lower():
                reason = "another process (kb ingest or kb serve?) has it open for writing"
            raise StoreError(f"cannot open the store {path}: {reason}") from None

    @property
    def oxigraph(self) -> ox.Store:
        """The underlying pyoxigraph store, for code that needs its native API."""
        return self._store

    # -- writing -------------------------------------------------------------
    def write(self, write: GraphWrite) -> None:
        # One SPARQL update is one Oxigraph transaction: the old graph is never
        # visible half-replaced and a crash leaves either the old or the new one.
        parts = [f"DROP SILENT GRAPH <{write.graph}> ;", f"INSERT DATA {{ GRAPH <{write.graph}> {{\n{write.triples}\n}}"]
        for graph, triples in write.shared.items():
            if triples.strip():
                parts.append(f"GRAPH <{graph}> {{\n{triples}\n}}")
        parts.append("}")
        self._update("\n".join(parts))

    def remove_graph(self, graph: str) -> None:
        self._update(f"DROP SILENT GRAPH <{graph}>")

    def load(self, data: BinaryIO, media_type: str) -> None:
        fmt = _MEDIA_TYPES.get(media_type)
        if fmt is None:
            raise StoreError(f"cannot load {media_type}: use N-Quads or TriG")
        try:
            self._store.load(data, format=fmt)
        except (SyntaxError, ValueError) as error:
            raise StoreError(f"cannot load the data: {error}") from None

    def _update(self, update: str) -> None:
        try:
            self._store.update(update)
        except SyntaxError as error:
            raise StoreError(f"the store refused an update: {error}") from None

    # -- reading -------------------------------------------------------------
    def _run(self, sparql: str, dataset: QueryDataset | None = None):
        try:
            return self._store.query(sparql, **_dataset_options(dataset))
        except SyntaxError as error:
            raise QuerySyntaxError(str(error)) from None
        except (OSError, ValueError, RuntimeError) as error:
            raise StoreError(f"query failed: {error}") from None

    def query(
        self,
        sparql: str,
        result_format: str = "json",
        rdf_format: str = "ttl",
        *,
        dataset: QueryDataset | None = None,
        timeout: float | None = None,
    ) -> QueryOutput:
        result = self._run(sparql, dataset)
        try:
            if isinstance(result, ox.QueryTriples):
                body = result.serialize(format=OX_RDF_FORMATS[rdf_format])
                return QueryOutput("graph", RDF_FORMATS[rdf_format], body)
            body = result.serialize(format=OX_RESULT_FORMATS[result_format])
        except (OSError, ValueError, RuntimeError) as error:
            raise StoreError(f"query failed: {error}") from None
        kind = "boolean" if isinstance(result, ox.QueryBoolean) else "solutions"
        return QueryOutput(kind, RESULT_FORMATS[result_format], body)

    def select(
        self, sparql: str, *, dataset: QueryDataset | None = None, timeout: float | None = None
    ) -> list[dict[str, str]]:
        solutions = self._run(sparql, dataset)
        if not isinstance(solutions, ox.QuerySolutions):
            raise StoreError("select() needs a SELECT query")
        names = [v.value for v in solutions.variables]
        rows = []
        for solution in solutions:
            row = {}
            for name in names:
                term = solution[name]
                if term is not None:
                    row[name] = term_value(term)
            rows.append(row)
        return rows

    def ask(self, sparql: str, *, dataset: QueryDataset | None = None, timeout: float | None = None) -> bool:
        return bool(self._run(sparql, dataset))

    def dump(self, output: BinaryIO, rdf_format: str = "nq") -> None:
        fmt = OX_RDF_FORMATS[rdf_format]
        if fmt.supports_datasets:
            self._store.dump(output, format=fmt)
        else:
            # Triple formats get the union of all graphs, as queries see it.
            triples = self._store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", use_default_graph_as_union=True)
            triples.serialize(output, format=fmt)

    def close(self) -> None:
        # Dropping the last reference closes RocksDB and releases the folder lock.
        self._store = None
