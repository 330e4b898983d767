"""Real SPARQL clients against a live ``kb serve``, as users would point them at it.

The server is a subprocess started on a free port (``python -m kb serve``,
waitress, the supervised store). SPARQLWrapper with its defaults (XML results,
GET), JSON and POST, and rdflib's ``SPARQLStore`` must get exactly the rows the
embedded store gives for the same query.
"""

from __future__ import annotations

import time
import urllib.error
import urllib.request
from urllib.parse import quote

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, POST, SPARQLWrapper, TURTLE, XML

from kb.store.embedded import EmbeddedStore
from tests.conftest import build_ghazni_extraction
from tests.test_sparql_protocol import RUNAWAY
from tests.web_helpers import LiveServer, hostile_extraction, write_store

EVENTS = """PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX kb: <https://w3id.org/annals/ns#>
SELECT ?e ?label ?stamp ?killed WHERE {
  ?e a sem:Event ; kb:sourceCount ?sources ; rdfs:label ?label ; sem:hasTimeStamp ?stamp .
  OPTIONAL { ?e kb:killed ?killed }
} ORDER BY ?stamp ?label"""


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    return write_store(tmp_path_factory.mktemp("live") / "store", [build_ghazni_extraction(), hostile_extraction()])


@pytest.fixture(scope="module")
def expected(store_path):
    """What the embedded store itself answers (asked before the server holds the folder)."""
    with EmbeddedStore(store_path) as store:
        return [tuple(row.get(k) for k in ("e", "label", "stamp", "killed")) for row in store.select(EVENTS)]


@pytest.fixture(scope="module")
def server(store_path, expected):
    with LiveServer(store_path, timeout=1.5) as live:
        yield live


def wrapper_rows(results, kind: str) -> list[tuple]:
    if kind == "xml":
        rows = []
        for result in results.getElementsByTagName("result"):
            values = {}
            for binding in result.getElementsByTagName("binding"):
                node = binding.firstChild if binding.firstChild.nodeType == 1 else binding.childNodes[1]
                values[binding.getAttribute("name")] = node.firstChild.nodeValue
            rows.append(values)
    else:
        rows = [{k: v["value"] for k, v in b.items()} for b in results["results"]["bindings"]]
    return [tuple(row.get(k) for k in ("e", "label", "stamp", "killed")) for row in rows]


def test_sparqlwrapper_with_its_defaults_gets_xml_and_the_same_rows(server, expected):
    client = SPARQLWrapper(server.url + "sparql")
    client.setQuery(EVENTS)
    result = client.query()
    assert result.info()["content-type"].startswith("application/sparql-results+xml")
    assert wrapper_rows(result.convert(), "xml") == expected
    assert len(expected) == 4


def test_sparqlwrapper_json(server, expected):
    client = SPARQLWrapper(server.url + "sparql", returnFormat=JSON)
    client.setQuery(EVENTS)
    assert wrapper_rows(client.queryAndConvert(), "json") == expected


def test_sparqlwrapper_post(server, expected):
    client = SPARQLWrapper(server.url + "sparql", returnFormat=JSON)
    client.setMethod(POST)
    client.setQuery(EVENTS)
    assert wrapper_rows(client.queryAndConvert(), "json") == expected
    client.setRequestMethod("postdirectly")
    assert wrapper_rows(client.queryAndConvert(), "json") == expected


def test_sparqlwrapper_construct_and_ask(server, store_path):
    client = SPARQLWrapper(server.url + "sparql", returnFormat=TURTLE)
    client.setQuery("CONSTRUCT { ?a <http://www.w3.org/2000/01/rdf-schema#label> ?l } WHERE "
                    "{ ?a a <http://semanticweb.cs.vu.nl/2009/11/sem/Actor> ; <http://www.w3.org/2000/01/rdf-schema#label> ?l }")
    graph = Graph().parse(data=client.queryAndConvert(), format="turtle")
    assert (URIRef("https://w3id.org/annals/id/actor/taliban"), None, Literal("Taliban")) in graph
    client = SPARQLWrapper(server.url + "sparql", returnFormat=XML)
    client.setQuery("ASK { ?e a <https://w3id.org/annals/ns#Bombing> }")
    assert client.queryAndConvert().getElementsByTagName("boolean")[0].firstChild.nodeValue == "true"


def test_rdflib_sparqlstore_gets_the_same_rows(server, expected):
    store = SPARQLStore(server.url + "sparql")
    rows = [tuple(str(v) if v is not None else None for v in row) for row in store.query(EVENTS)]
    assert rows == expected
    graph = Graph(store=SPARQLStore(server.url + "sparql", method="POST"))
    assert len(list(graph.query(EVENTS))) == len(expected)


def test_sparqlwrapper_sees_a_syntax_error_as_a_bad_query(server):
    from SPARQLWrapper.SPARQLExceptions import QueryBadFormed

    client = SPARQLWrapper(server.url + "sparql")
    client.setQuery("SELECT * WHERE {")
    with pytest.raises(QueryBadFormed):
        client.query()


def test_the_live_server_stops_a_runaway_query_and_keeps_serving(server):
    started = time.monotonic()
    with pytest.raises(urllib.error.HTTPError) as failure:
        urllib.request.urlopen(server.url + "sparql?query=" + quote(RUNAWAY), timeout=30)
    assert failure.value.code == 503
    assert "time limit" in failure.value.read().decode("utf-8")
    assert time.monotonic() - started < 1.5 + 5
    with urllib.request.urlopen(server.url + "sparql?query=ASK%7B%7D", timeout=10) as answer:
        assert answer.status == 200
    with urllib.request.urlopen(server.url, timeout=10) as answer:
        assert b"Suicide car bombing" in answer.read()


def test_the_live_server_streams_exports(server):
    with urllib.request.urlopen(server.url + "export.nq", timeout=30) as answer:
        assert answer.headers["Transfer-Encoding"] == "chunked"  # no Content-Length: built as it goes
        body = answer.read().decode("utf-8")
    assert "<https://w3id.org/annals/id/graph/entities> ." in body
