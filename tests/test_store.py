"""What every store does, embedded or remote: one graph per article, replaced atomically, union queries.

Each test runs against the embedded Oxigraph store and against a real
``oxigraph serve`` on loopback through the remote store, in both of its write
modes (Graph Store Protocol, and SPARQL Update only). What only one kind does
is in ``test_remote_store.py`` and at the end of this file.
"""

from __future__ import annotations

import io
import json

import pytest
from rdflib import Dataset, Graph

from kb.store import GraphWrite, StoreError, open_store
from kb.store.base import QueryDataset, QuerySyntaxError

G1, G2, ENT = "http://example.org/g1", "http://example.org/g2", "http://example.org/entities"


def triples(*pairs):
    return "".join(f'<http://example.org/{s}> <http://example.org/p> "{o}" .\n' for s, o in pairs)


@pytest.fixture(params=["embedded", "remote-gsp", "remote-update"])
def store(request, tmp_path):
    if request.param == "embedded":
        with open_store(str(tmp_path / "store")) as store:
            yield store
        return
    server = request.getfixturevalue("oxigraph_server")
    server.clear()
    with open_store(server.query_url, **server.urls(request.param.removeprefix("remote-"))) as store:
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
    rows = store.select('SELECT ?s ?g WHERE { GRAPH ?g { ?s ?p "Taliban" } }')
    assert rows == [{"s": "http://example.org/taliban", "g": ENT}]


def test_a_failed_write_changes_nothing(store):
    store.write(GraphWrite(G1, triples(("a", "1"))))
    with pytest.raises(StoreError):
        store.write(GraphWrite(G1, '<http://example.org/a> <http://example.org/p> "unterminated .\n'))
    assert [r["o"] for r in store.select("SELECT ?o WHERE { ?s ?p ?o }")] == ["1"]


def test_remove_graph_and_removing_an_absent_graph(store):
    store.write(GraphWrite(G1, triples(("a", "1"))))
    store.remove_graph(G1)
    store.remove_graph(G2)
    assert store.is_empty()


def test_named_graphs_and_content_hashes_are_listed(store):
    store.write(GraphWrite(G1, f'<{G1}> <https://w3id.org/annals/ns#contentHash> "sha256:1" .\n'))
    store.write(GraphWrite(G2, triples(("b", "2"))))
    assert store.named_graphs() == [G1, G2]
    assert dict(store.iter_graph_hashes()) == {G1: "sha256:1"}


def test_query_results_in_every_sparql_format(store):
    store.write(GraphWrite(G1, triples(("a", "1"))))
    q = "SELECT ?o WHERE { ?s ?p ?o }"
    data = json.loads(store.query(q, "json").body)
    assert data["results"]["bindings"][0]["o"]["value"] == "1"
    assert store.query(q, "csv").body.splitlines()[0] == b"o"
    assert b"<sparql" in store.query(q, "xml").body
    assert store.query(q, "tsv").body.splitlines()[0] == b"?o"
    ask = store.query("PREFIX ex: <http://example.org/#select> ASK { ?s ?p ?o }")
    assert ask.kind == "boolean" and json.loads(ask.body)["boolean"] is True
    for fmt, parser in (("ttl", "turtle"), ("nt", "nt"), ("xml", "xml")):
        graph = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", rdf_format=fmt)
        assert graph.kind == "graph" and len(Graph().parse(data=graph.body, format=parser)) == 1


def test_a_malformed_query_is_a_syntax_error_with_the_parsers_message(store):
    with pytest.raises(QuerySyntaxError, match="expected"):
        store.select("SELECT WHERE {")


def test_a_query_dataset_limits_what_the_query_sees(store):
    store.write(GraphWrite(G1, triples(("a", "1"))))
    store.write(GraphWrite(G2, triples(("b", "2"))))
    rows = store.select("SELECT ?o WHERE { ?s ?p ?o }", dataset=QueryDataset(default_graphs=(G2,)))
    assert rows == [{"o": "2"}]


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


def test_a_union_dump_holds_every_graphs_triples(store):
    store.write(GraphWrite(G1, triples(("a", "1"))))
    store.write(GraphWrite(G2, triples(("b", "2"))))
    out = io.BytesIO()
    store.dump(out, "ttl")
    assert len(Graph().parse(data=out.getvalue(), format="turtle")) == 2


def test_blank_nodes_of_two_graphs_stay_apart_in_a_dump(store):
    node = '_:b0 <http://example.org/p> "{}" .\n<http://example.org/x> <http://example.org/q> _:b0 .\n'
    store.write(GraphWrite(G1, node.format("1")))
    store.write(GraphWrite(G2, node.format("2")))
    out = io.BytesIO()
    store.dump(out, "nq")
    dataset = Dataset()
    dataset.parse(data=out.getvalue(), format="nquads")
    blank_nodes = {s for s, p, o, g in dataset.quads((None, None, None, None)) if str(p).endswith("/p")}
    assert len(blank_nodes) == 2


# -- the embedded store only ---------------------------------------------------------


def test_a_second_writer_gets_a_clear_error(tmp_path):
    with open_store(str(tmp_path / "s")):
        with pytest.raises(StoreError, match="another process"):
            open_store(str(tmp_path / "s"))
