"""``/sparql`` against the W3C SPARQL 1.1 Protocol test cases, and the endpoint's own rules.

The W3C protocol suite (rdf-tests ``sparql/sparql11/protocol/manifest.ttl``)
names each case; the tests below repeat its requests (paths, bodies, headers)
on Flask's test client, with the four data graphs the suite assumes loaded
into the store. Update cases are turned around: this endpoint is read-only, so
each must be refused with a 4xx and leave the store exactly as it was.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import socket
import threading
import time
import xml.etree.ElementTree as ET
from urllib.parse import quote, urlencode

import pytest
from rdflib import Graph

from kb.config import Settings
from kb.store import GraphWrite
from kb.store.embedded import EmbeddedStore
from tests.conftest import build_ghazni_extraction
from tests.web_helpers import write_store
from web import create_app

DATA = "http://kasei.us/2009/09/sparql/data/data{}.rdf"
FOAF_DOCUMENT = "http://xmlns.com/foaf/0.1/Document"
SRX = "{http://www.w3.org/2005/sparql-results#}"
# Slow on any store: a four-way cross product of every triple.
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l }"


@pytest.fixture(scope="module")
def store_path(tmp_path_factory):
    path = write_store(tmp_path_factory.mktemp("protocol") / "store", [build_ghazni_extraction()])
    with EmbeddedStore(path) as store:
        for i in range(4):
            store.write(GraphWrite(DATA.format(i), f"<{DATA.format(i)}> a <{FOAF_DOCUMENT}> .\n"))
    return path


@pytest.fixture(scope="module")
def app(store_path):
    app = create_app(Settings(store=str(store_path), query_timeout=1.0))
    yield app
    app.extensions["kb_store"].close()


@pytest.fixture(scope="module")
def client(app):
    return app.test_client()


def fingerprint(app) -> str:
    """A hash of every quad in the store, to show that nothing changed."""
    out = io.BytesIO()
    app.extensions["kb_store"].dump(out, "nq")
    return hashlib.sha256(b"".join(sorted(out.getvalue().splitlines()))).hexdigest()


def boolean(response) -> bool:
    assert response.status_code == 200, response.get_data(as_text=True)
    if response.mimetype.endswith("json"):
        return response.get_json()["boolean"]
    return ET.fromstring(response.data).find(f"{SRX}boolean").text == "true"


def direct(client, path, body, content_type="application/sparql-query", **headers):
    return client.post(path, data=body.encode("utf-8"), headers={"Content-Type": content_type, **headers})


def form(client, path, body, **headers):
    return client.post(path, data=body, headers={"Content-Type": "application/x-www-form-urlencoded", **headers})


# ---------------------------------------------------------------------------
# W3C positive cases


def test_query_get(client):
    assert boolean(client.get(f"/sparql?query=ASK%20%7B%7D&default-graph-uri={quote(DATA.format(0), safe='')}"))


def test_query_post_form(client):
    assert boolean(form(client, f"/sparql?default-graph-uri={quote(DATA.format(0), safe='')}", "query=ASK%20%7B%7D"))


def test_query_post_direct(client):
    assert boolean(direct(client, "/sparql", "ASK {}"))


def dataset_query(*graphs, kind="default"):
    return "&".join(f"{kind}-graph-uri={quote(DATA.format(g), safe='')}" for g in graphs)


def test_query_dataset_default_graphs_get(client):
    query = f"ASK {{ <{DATA.format(1)}> a ?type . <{DATA.format(2)}> a ?type . }}"
    assert boolean(client.get(f"/sparql?query={quote(query)}&{dataset_query(1, 2)}"))
    assert not boolean(client.get(f"/sparql?query={quote(query)}&{dataset_query(1)}"))


def test_query_dataset_default_graphs_post(client):
    query = f"ASK {{ <{DATA.format(1)}> a ?type . <{DATA.format(2)}> a ?type . }}"
    assert boolean(direct(client, f"/sparql?{dataset_query(1, 2)}", query))


def test_query_dataset_named_graphs_post_and_get(client):
    query = (f"ASK {{ GRAPH ?g1 {{ <{DATA.format(1)}> a ?type }} GRAPH ?g2 {{ <{DATA.format(2)}> a ?type }} }}")
    assert boolean(direct(client, f"/sparql?{dataset_query(1, 2, kind='named')}", query))
    assert boolean(client.get(f"/sparql?query={quote(query)}&{dataset_query(1, 2, kind='named')}"))
    # Only the named graphs given are visible to GRAPH.
    assert not boolean(client.get(f"/sparql?query={quote(query)}&{dataset_query(1, kind='named')}"))


def test_query_dataset_full(client):
    query = (f"ASK {{ <{DATA.format(3)}> a ?type GRAPH ?g1 {{ <{DATA.format(1)}> a ?type }}"
             f" GRAPH ?g2 {{ <{DATA.format(2)}> a ?type }} }}")
    assert boolean(direct(client, f"/sparql?{dataset_query(3)}&{dataset_query(1, 2, kind='named')}", query))


def test_query_multiple_dataset_protocol_overrides_from(client):
    query = (f"ASK FROM <{DATA.format(3)}> {{ GRAPH ?g1 {{ <{DATA.format(1)}> a ?type }}"
             f" GRAPH ?g2 {{ <{DATA.format(2)}> a ?type }} }}")
    assert boolean(direct(client, f"/sparql?{dataset_query(1, 2, kind='named')}", query))


def test_a_query_with_from_and_no_protocol_dataset_uses_its_own_dataset(client):
    own = f"ASK FROM <{DATA.format(1)}> {{ <{DATA.format(1)}> a ?type }}"
    other = f"ASK FROM <{DATA.format(1)}> {{ <{DATA.format(2)}> a ?type }}"
    assert boolean(client.get(f"/sparql?query={quote(own)}"))
    assert not boolean(client.get(f"/sparql?query={quote(other)}"))


def test_without_a_dataset_the_default_graph_is_the_union_of_all_graphs(client):
    query = f"ASK {{ <{DATA.format(0)}> a ?t . <{DATA.format(3)}> a ?t . ?e a <http://semanticweb.cs.vu.nl/2009/11/sem/Event> }}"
    assert boolean(client.get(f"/sparql?query={quote(query)}"))


SELECT_TYPES = {"application/sparql-results+xml", "application/sparql-results+json", "text/csv",
                "text/tab-separated-values"}
GRAPH_TYPES = {"text/turtle", "application/n-triples", "application/rdf+xml", "application/ld+json"}


@pytest.mark.parametrize(
    "query, allowed",
    [
        ("SELECT (1 AS ?value) {}", SELECT_TYPES),
        ("ASK {}", {"application/sparql-results+xml", "application/sparql-results+json"}),
        ("DESCRIBE <http://example.org/>", GRAPH_TYPES),
        ("CONSTRUCT { <s> <p> 1 } WHERE {}", GRAPH_TYPES),
    ],
)
def test_query_content_type(client, query, allowed):
    response = direct(client, f"/sparql?{dataset_query(0)}", query)
    assert response.status_code == 200 and response.mimetype in allowed


# ---------------------------------------------------------------------------
# W3C negative cases


@pytest.mark.parametrize("method", ["put", "delete", "patch"])
def test_bad_query_method(client, method):
    response = getattr(client, method)("/sparql?query=ASK%20%7B%7D")
    assert response.status_code == 405 and "GET" in response.headers["Allow"]


def test_bad_multiple_queries(client):
    response = client.get("/sparql?query=ASK%20%7B%7D&query=SELECT%20%2A%20%7B%7D")
    assert response.status_code == 400


def test_bad_query_wrong_media_type(client):
    assert direct(client, "/sparql", "ASK {}", content_type="text/plain").status_code == 415


def test_bad_query_missing_form_type(client):
    response = client.post("/sparql", data=b"query=ASK%20%7B%7D", headers={"Content-Type": ""})
    assert response.status_code == 415


def test_bad_query_missing_direct_type(client):
    response = client.post("/sparql", data=b"ASK {}", headers={"Content-Type": ""})
    assert response.status_code == 415


def test_bad_query_non_utf8(client):
    response = client.post("/sparql", data="ASK {}".encode("utf-16"),
                           headers={"Content-Type": "application/sparql-query; charset=UTF-16"})
    assert response.status_code == 415
    invalid = client.post("/sparql", data=b"ASK { \xff }", headers={"Content-Type": "application/sparql-query"})
    assert invalid.status_code == 400


def test_bad_query_syntax(client):
    response = client.get("/sparql?query=ASK%20%7B", headers={"Accept": "*/*"})
    assert response.status_code == 400
    assert response.get_data(as_text=True).startswith("400 Bad Request: the query does not parse")


# ---------------------------------------------------------------------------
# Read-only: every way of sending an update is refused and changes nothing


UPDATE = "CLEAR ALL ; INSERT DATA { <http://example.org/s> <http://example.org/p> 1 }"


@pytest.mark.parametrize(
    "send",
    [
        lambda c: c.get(f"/sparql?update={quote(UPDATE)}"),  # bad_update_get
        lambda c: form(c, "/sparql", urlencode({"update": UPDATE})),  # update_post_form
        lambda c: direct(c, "/sparql", UPDATE, content_type="application/sparql-update"),  # update_post_direct
        lambda c: form(c, "/sparql", "update=CLEAR%20NAMED&update=CLEAR%20DEFAULT"),  # bad_multiple_updates
        lambda c: direct(c, f"/sparql?using-graph-uri={quote(DATA.format(1))}", UPDATE,
                         content_type="application/sparql-update"),  # update_dataset_default_graph
        lambda c: c.get(f"/sparql?query={quote(UPDATE)}"),  # an update sent as a query
        lambda c: direct(c, "/sparql", "DELETE WHERE { ?s ?p ?o }"),
        lambda c: form(c, "/sparql", urlencode({"query": "DROP ALL"})),
        lambda c: c.put("/sparql", data=UPDATE, headers={"Content-Type": "application/sparql-update"}),
        lambda c: c.delete("/sparql"),
    ],
)
def test_updates_are_refused_by_every_method_and_change_nothing(app, client, send):
    before = fingerprint(app)
    response = send(client)
    assert 400 <= response.status_code < 500
    assert fingerprint(app) == before


def test_the_refusal_says_the_endpoint_is_read_only(client):
    response = direct(client, "/sparql", UPDATE, content_type="application/sparql-update")
    assert response.status_code == 403 and "read-only" in response.get_data(as_text=True)


# ---------------------------------------------------------------------------
# No SERVICE: refused before any connection is made


@pytest.fixture
def listener():
    """A TCP server that records every connection it gets."""
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    server.settimeout(0.2)
    connections: list = []
    stop = threading.Event()

    def accept():
        while not stop.is_set():
            try:
                conn, address = server.accept()
                connections.append(address)
                conn.close()
            except OSError:
                continue

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.getsockname()[1]}/sparql", connections
    stop.set()
    thread.join()
    server.close()


def service_queries(url: str) -> list[str]:
    return [
        f"SELECT * WHERE {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"select * where {{ service silent <{url}> {{ ?s ?p ?o }} }}",
        f"SELECT * WHERE {{ ?x ?y ?z . \\u0053ERVICE <{url}> {{ ?s ?p ?o }} }}",
        f"PREFIX remote: <{url.rsplit('/', 1)[0]}/>\nSELECT * WHERE {{ SERVICE remote:sparql {{ ?s ?p ?o }} }}",
        f"ASK {{ SERVICE <{url}> {{ ?s ?p ?o }} }}",
    ]


def test_service_is_refused_without_any_connection_to_the_named_server(client, listener):
    url, connections = listener
    for query in service_queries(url):
        for response in (
            client.get(f"/sparql?query={quote(query)}"),
            form(client, "/sparql", urlencode({"query": query})),
            direct(client, "/sparql", query),
        ):
            assert response.status_code == 403, query
            assert "SERVICE" in response.get_data(as_text=True)
    time.sleep(0.5)  # give a stray connection time to arrive
    assert connections == []


def test_the_listener_does_see_a_real_connection(listener):
    """The SERVICE test's listener works: a plain connection is recorded."""
    url, connections = listener
    with socket.create_connection(("127.0.0.1", int(url.split(":")[2].split("/")[0]))):
        pass
    deadline = time.monotonic() + 3
    while not connections and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(connections) == 1


def test_words_that_only_look_like_service_are_fine(client):
    query = 'PREFIX service: <http://example.org/service#> SELECT ?service WHERE { ?service service:x "SERVICE" }'
    assert client.get(f"/sparql?query={quote(query)}").status_code == 200


# ---------------------------------------------------------------------------
# Formats and content negotiation


SELECT = "SELECT ?label WHERE { ?a a <http://semanticweb.cs.vu.nl/2009/11/sem/Actor> ; <http://www.w3.org/2000/01/rdf-schema#label> ?label } ORDER BY ?label"
CONSTRUCT = "CONSTRUCT { ?a <http://www.w3.org/2000/01/rdf-schema#label> ?l } WHERE { ?a a <http://semanticweb.cs.vu.nl/2009/11/sem/Actor> ; <http://www.w3.org/2000/01/rdf-schema#label> ?l }"
LABELS = ["Afghan National Army", "Government of Afghanistan", "Taliban"]


def labels_from(response) -> list[str]:
    body = response.get_data(as_text=True)
    kind = response.mimetype
    if kind in ("application/sparql-results+json", "application/json"):
        return [b["label"]["value"] for b in json.loads(body)["results"]["bindings"]]
    if kind in ("application/sparql-results+xml", "application/xml", "text/xml"):
        return [b.find(f"{SRX}literal").text for b in ET.fromstring(body).iter(f"{SRX}binding")]
    if kind == "text/csv":
        return [row["label"] for row in csv.DictReader(io.StringIO(body))]
    if kind == "text/tab-separated-values":
        return [line.strip('"') for line in body.splitlines()[1:]]
    raise AssertionError(kind)


@pytest.mark.parametrize(
    "accept, media_type",
    [
        (None, "application/sparql-results+json"),
        ("application/sparql-results+json", "application/sparql-results+json"),
        ("application/sparql-results+xml", "application/sparql-results+xml"),
        ("text/csv", "text/csv"),
        ("text/tab-separated-values", "text/tab-separated-values"),
        ("application/json", "application/json"),
        ("application/xml", "application/xml"),
        ("text/csv;q=0.5, text/tab-separated-values;q=0.8", "text/tab-separated-values"),
        ("application/sparql-results+xml;q=0.9, application/sparql-results+json;q=0.4", "application/sparql-results+xml"),
        ("text/*", "text/csv"),
        ("*/*;q=0.1, text/tab-separated-values", "text/tab-separated-values"),
        ("application/sparql-results+json;q=0, */*", "application/sparql-results+xml"),
    ],
)
def test_select_results_by_content_negotiation(client, accept, media_type):
    headers = {"Accept": accept} if accept else {}
    response = client.get(f"/sparql?query={quote(SELECT)}", headers=headers)
    assert response.status_code == 200
    assert response.mimetype == media_type
    assert labels_from(response) == LABELS
    assert "Accept" in response.headers["Vary"]


@pytest.mark.parametrize(
    "accept, media_type, rdflib_format",
    [
        (None, "text/turtle", "turtle"),
        ("application/n-triples", "application/n-triples", "nt"),
        ("application/ld+json", "application/ld+json", "json-ld"),
        ("application/rdf+xml", "application/rdf+xml", "xml"),
        ("application/rdf+xml;q=0.5, text/turtle;q=0.7", "text/turtle", "turtle"),
    ],
)
def test_graph_results_by_content_negotiation(client, accept, media_type, rdflib_format):
    headers = {"Accept": accept} if accept else {}
    response = direct(client, "/sparql", CONSTRUCT, **headers)
    assert response.status_code == 200 and response.mimetype == media_type
    graph = Graph().parse(data=response.get_data(as_text=True), format=rdflib_format)
    assert sorted(str(o) for o in graph.objects()) == LABELS


@pytest.mark.parametrize(
    "params, media_type",
    [
        ("format=json", "application/sparql-results+json"),
        ("format=xml", "application/sparql-results+xml"),
        ("output=csv", "text/csv"),
        ("format=tsv", "text/tab-separated-values"),
        ("format=text%2Fcsv", "text/csv"),
    ],
)
def test_format_and_output_parameters_win_over_accept(client, params, media_type):
    response = client.get(f"/sparql?query={quote(SELECT)}&{params}", headers={"Accept": "application/sparql-results+xml"})
    assert response.mimetype == media_type and labels_from(response) == LABELS


def test_format_parameter_for_graphs(client):
    response = client.get(f"/sparql?query={quote(CONSTRUCT)}&format=nt")
    assert response.mimetype == "application/n-triples"
    assert len(Graph().parse(data=response.get_data(as_text=True), format="nt")) == 3


def test_unknown_parameters_are_ignored(client):
    response = client.get(f"/sparql?query={quote(SELECT)}&timeout=5&debug=1&stylesheet=x", headers={"Accept": "text/csv"})
    assert response.status_code == 200 and labels_from(response) == LABELS


def test_unsupported_types_get_406(client):
    assert client.get(f"/sparql?query={quote(SELECT)}", headers={"Accept": "image/png"}).status_code == 406
    assert client.get(f"/sparql?query={quote(SELECT)}&format=ttl").status_code == 406
    assert client.get("/sparql?query=ASK%7B%7D&format=csv").status_code == 406
    assert direct(client, "/sparql", CONSTRUCT, Accept="text/csv").status_code == 406


BROWSER = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"


def test_a_browser_gets_the_query_page_with_results_as_a_table(client):
    response = client.get(f"/sparql?query={quote(SELECT)}", headers={"Accept": BROWSER})
    assert response.status_code == 200 and response.mimetype == "text/html"
    html = response.get_data(as_text=True)
    assert "<table" in html and all(f"<td>{label}</td>" in html for label in LABELS)
    assert "format=csv" in html and "download=1" in html  # download links
    construct = client.get(f"/sparql?query={quote(CONSTRUCT)}", headers={"Accept": BROWSER}).get_data(as_text=True)
    assert "<th>subject</th>" in construct and 'href="/id/actor/taliban"' in construct


def test_the_query_page_offers_an_editor_and_examples_that_run(client, app):
    html = client.get("/sparql", headers={"Accept": BROWSER}).get_data(as_text=True)
    assert "<textarea" in html and html.count("<details>") >= 3
    from web.views.sparql import examples

    for about, text in examples():
        response = client.get(f"/sparql?query={quote(text)}", headers={"Accept": "application/sparql-results+json"})
        assert response.status_code == 200, (about, response.get_data(as_text=True))
    rows = json.loads(client.get(f"/sparql?query={quote(examples()[0][1])}").data)["results"]["bindings"]
    assert any(row["title"]["value"].startswith("Suicide car bombing") for row in rows)


def test_a_browser_sees_errors_on_the_query_page(client):
    response = client.get("/sparql?query=ASK%20%7B", headers={"Accept": BROWSER})
    assert response.status_code == 400 and "does not parse" in response.get_data(as_text=True)
    assert "<textarea" in response.get_data(as_text=True)


def test_download_parameter_names_a_file(client):
    response = client.get(f"/sparql?query={quote(SELECT)}&format=csv&download=1")
    assert response.headers["Content-Disposition"] == 'attachment; filename="query-results.csv"'


# ---------------------------------------------------------------------------
# The time limit


def test_a_runaway_query_is_stopped_at_the_limit_and_the_endpoint_keeps_serving(app, client):
    store = app.extensions["kb_store"]
    child = store.child_pid
    started = time.monotonic()
    response = client.get(f"/sparql?query={quote(RUNAWAY)}")
    elapsed = time.monotonic() - started
    assert response.status_code == 503
    assert "time limit of 1 s" in response.get_data(as_text=True)
    assert elapsed < 1 + 5  # the limit, plus starting a new store process
    assert store.child_pid != child  # the process doing the work was stopped ...
    assert boolean(client.get("/sparql?query=ASK%20%7B%7D"))  # ... and a new one serves
    assert client.get("/").status_code == 200
