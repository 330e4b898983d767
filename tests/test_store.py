"""The embedded Oxigraph store: one graph per article, replaced atomically, union queries."""

from __future__ import annotations

import io
import json

import pytest
from rdflib import Dataset, Graph

from kb.store import GraphWrite, StoreError, open_store
from kb.store.base import QuerySyntaxError

G1, G2, ENT = "http://example.org/g1", "http://example.org/g2", "http://example.org/entities"


def triples(*pairs):
    return "".join(f'<http://example.org/{s}> <http://example.org/p> "{o}" .\n' for s, o in pairs)


@pytest.fixture
def store(tmp_path):
    with open_store(str(tmp_path / "store")) as store:
        yield store


def test_queries_see_the_union_of_all_named_graphs(store):
    store.write(GraphWrite(G1, triples(("a", "1"))))
    store.write(GraphWrite(G2, triples(("b", "2"))))
    rows = store.select("SELECT ?s ?o WHERE { ?s <http://example.org/p> ?o } ORDER BY ?o")
    assert [r["o"] for r in rows] == ["1", "2"]


def test_rewriting_a_graph_replaces_it_without_duplicates(store):
    store.write(GraphWrite(G1, triples(("a", "old"), ("b", "kept"))))
    store.write(GraphWrite(G1, triples(("a", "new"), ("b", "kept"))))
    store.write(GraphWrite(G1, triples(("a", "new"), ("b", "kept"))))
    rows = store.select("SELECT ?o WHERE { GRAPH ?g { ?s ?p ?o } } ORDER BY ?o")
    assert [r["o"] for r in rows] == ["kept", "new"]


def test_shared_triples_are_stored_once_however_often_written(store):
    store.write(GraphWrite(G1, triples(("a", "1")), {ENT: triples(("taliban", "Taliban"))}))
    store.write(GraphWrite(G2, triples(("b", "2")), {ENT: triples(("taliban", "Taliban"))}))
    rows = store.select('SELECT ?s WHERE { ?s ?p "Taliban" }')
    assert len(rows) == 1


def test_a_failed_write_changes_nothing(store):
    store.write(GraphWrite(G1, triples(("a", "1"))))
    with pytest.raises(StoreError):
        store.write(GraphWrite(G1, '<http://example.org/a> <http://example.org/p> "unterminated .\n'))
    assert [r["o"] for r in store.select("SELECT ?o WHERE { ?s ?p ?o }")] == ["1"]


def test_remove_graph(store):
    store.write(GraphWrite(G1, triples(("a", "1"))))
    store.remove_graph(G1)
    assert store.is_empty()


def test_query_results_in_every_sparql_format(store):
    store.write(GraphWrite(G1, triples(("a", "1"))))
    q = "SELECT ?o WHERE { ?s ?p ?o }"
    data = json.loads(store.query(q, "json").body)
    assert data["results"]["bindings"][0]["o"]["value"] == "1"
    assert store.query(q, "csv").body.splitlines()[0] == b"o"
    assert b"<sparql" in store.query(q, "xml").body
    assert store.query(q, "tsv").body.splitlines()[0] == b"?o"
    assert store.query("ASK { ?s ?p ?o }").kind == "boolean"
    graph = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", rdf_format="ttl")
    assert graph.kind == "graph" and len(Graph().parse(data=graph.body, format="turtle")) == 1


def test_a_malformed_query_is_a_syntax_error(store):
    with pytest.raises(QuerySyntaxError):
        store.select("SELECT WHERE {")


@pytest.mark.parametrize("fmt,rdflib_format", [("trig", "trig"), ("nq", "nquads"), ("jsonld", "json-ld")])
def test_dataset_dumps_keep_named_graphs(store, fmt, rdflib_format):
    store.write(GraphWrite(G1, triples(("a", "1"))))
    store.write(GraphWrite(G2, triples(("b", "2"))))
    out = io.BytesIO()
    store.dump(out, fmt)
    dataset = Dataset()
    dataset.parse(data=out.getvalue(), format=rdflib_format)
    names = {str(g.identifier) for g in dataset.graphs() if len(g)}
    assert {G1, G2} <= names


def test_a_second_writer_gets_a_clear_error(tmp_path):
    with open_store(str(tmp_path / "s")):
        with pytest.raises(StoreError, match="another process"):
            open_store(str(tmp_path / "s"))
