"""The remote store against a real ``oxigraph serve`` on loopback: the embedded store's behaviours, over HTTP.

One server process serves the whole module (started from the ``oxigraph``
package of the test extra); every test starts from an empty dataset. The store
is exercised in both write modes: Graph Store Protocol and SPARQL Update only.
"""

from __future__ import annotations

import http.server
import io
import json
import shutil
import socket
import subprocess
import sys
import threading
import time
import urllib.request
from pathlib import Path

import pytest
from rdflib import Dataset, Graph

from kb.store import GraphWrite, StoreError, open_store
from kb.store.base import QueryDataset, QuerySyntaxError, QueryTimeout
from kb.store.remote import RemoteStore, query_form
from tests.conftest import SEEDS

G1, G2, ENT = "http://example.org/g1", "http://example.org/g2", "http://example.org/entities"


def triples(*pairs):
    return "".join(f'<http://example.org/{s}> <http://example.org/p> "{o}" .\n' for s, o in pairs)


def oxigraph_binary() -> str | None:
    beside = Path(sys.executable).with_name("oxigraph")
    return str(beside) if beside.exists() else shutil.which("oxigraph")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class OxigraphServer:
    """``oxigraph serve`` on a free loopback port, in its own folder."""

    def __init__(self, folder: Path) -> None:
        binary = oxigraph_binary()
        if binary is None:
            pytest.skip("the oxigraph server is not installed (pip install -e '.[test]' brings it)")
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        self.process = subprocess.Popen(
            [binary, "serve", "--location", str(folder), "--bind", f"127.0.0.1:{self.port}"],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.PIPE,
        )
        self._wait_until_it_answers()

    def _wait_until_it_answers(self) -> None:
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"oxigraph serve exited: {self.process.stderr.read().decode()}")
            try:
                urllib.request.urlopen(f"{self.base}/query?query=ASK%7B%7D", timeout=1).close()
                return
            except OSError:
                time.sleep(0.1)
        self.stop()
        raise RuntimeError("oxigraph serve did not answer within 20 s")

    @property
    def query_url(self) -> str:
        return f"{self.base}/query?union-default-graph"

    def urls(self, mode: str) -> dict:
        urls = {"update_url": f"{self.base}/update"}
        if mode == "gsp":
            urls["gsp_url"] = f"{self.base}/store"
        return urls

    def clear(self) -> None:
        RemoteStore(self.query_url, update_url=f"{self.base}/update")._run_update("DROP ALL")

    def stop(self) -> None:
        self.process.kill()
        self.process.wait()


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    server = OxigraphServer(tmp_path_factory.mktemp("oxigraph") / "db")
    yield server
    server.stop()


@pytest.fixture(params=["gsp", "update"])
def store(request, server):
    server.clear()
    with open_store(server.query_url, **server.urls(request.param)) as store:
        yield store


# -- the embedded store's behaviours ------------------------------------------------


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
    with pytest.raises(StoreError, match="400"):
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


def test_a_malformed_query_is_a_syntax_error_with_the_servers_message(store):
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


def test_bulk_load_sends_nquads_in_batches(store, monkeypatch):
    monkeypatch.setattr("kb.store.remote.LOAD_BATCH_QUADS", 7)
    lines = "".join(f'<http://example.org/s{i}> <http://example.org/p> "{i}" <{G1 if i % 2 else G2}> .\n' for i in range(30))
    store.load(io.BytesIO(lines.encode()), "application/n-quads")
    count = store.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
    assert count == [{"n": "30"}]


# -- configuration and failures ---------------------------------------------------


def test_without_the_union_setting_the_first_read_says_how_to_fix_it(server):
    server.clear()
    writer = RemoteStore(server.query_url, **server.urls("gsp"))
    writer.write(GraphWrite(G1, triples(("a", "1"))))
    plain = RemoteStore(f"{server.base}/query")
    with pytest.raises(StoreError, match="--union-default-graph"):
        plain.select("SELECT * WHERE { ?s ?p ?o }")


def test_a_store_without_update_urls_is_read_only(server):
    with pytest.raises(StoreError, match="read-only.*--update-url"):
        RemoteStore(server.query_url).write(GraphWrite(G1, triples(("a", "1"))))


def test_connection_refused_is_one_clear_error():
    store = RemoteStore(f"http://127.0.0.1:{free_port()}/query")
    with pytest.raises(StoreError, match="connection refused \\(is the SPARQL server running\\?\\)"):
        store.ask("ASK {}")


def test_a_wrong_endpoint_path_names_the_url(server):
    with pytest.raises(StoreError, match=f"nothing at {server.base}/nowhere"):
        RemoteStore(f"{server.base}/nowhere").ask("ASK {}")


class _Handler(http.server.BaseHTTPRequestHandler):
    seen: list = []

    def do_POST(self):  # noqa: N802 - the stdlib's name
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        _Handler.seen.append(dict(self.headers))
        if self.path.startswith("/slow"):
            time.sleep(3)
        body = b"storage exploded: disk full"
        self.send_response(500)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass


@pytest.fixture
def misbehaving_server():
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_server_error_is_reported_with_the_servers_message(misbehaving_server):
    store = RemoteStore(f"{misbehaving_server}/query", update_url=f"{misbehaving_server}/update")
    with pytest.raises(StoreError, match="answered 500 .*storage exploded: disk full"):
        store.write(GraphWrite(G1, triples(("a", "1"))))


def test_a_slow_answer_past_the_time_limit_is_a_query_timeout(misbehaving_server):
    store = RemoteStore(f"{misbehaving_server}/slow")
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match="did not answer within 0.5 s"):
        store.select("SELECT * WHERE { ?s ?p ?o }", dataset=QueryDataset(), timeout=0.5)
    assert time.monotonic() - started < 2.5


def test_credentials_in_the_url_are_sent_and_never_shown(misbehaving_server):
    url = misbehaving_server.replace("http://", "http://annals:s3cret@") + "/query"
    store = RemoteStore(url)
    with pytest.raises(StoreError) as raised:
        store.select("SELECT * WHERE { ?s ?p ?o }", dataset=QueryDataset())
    assert "s3cret" not in str(raised.value) and "s3cret" not in store.location
    assert _Handler.seen[-1]["Authorization"] == "Basic YW5uYWxzOnMzY3JldA=="


@pytest.mark.parametrize(
    "sparql,form",
    [
        ("PREFIX ask: <http://example.org/select#> CONSTRUCT WHERE { ?s ?p ?o }", "CONSTRUCT"),
        ("# SELECT in a comment\nASK { ?s ?p 'DESCRIBE' }", "ASK"),
        ("base <http://e/> describe <x>", "DESCRIBE"),
        ("select * { }", "SELECT"),
    ],
)
def test_the_query_form_is_read_past_prefixes_comments_and_strings(sparql, form):
    assert query_form(sparql) == form


# -- the command line against the server ---------------------------------------------


def kb(*args: str, stdin: str | None = None) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "kb", *args], input=stdin, capture_output=True, text=True, timeout=300)


def sorted_quads(nquads: str) -> list[str]:
    """N-Quads lines, sorted, without blank-node lines (the ontology's, renamed on every copy)."""
    return sorted(line for line in nquads.splitlines() if line.strip() and "_:" not in line)


@pytest.fixture(scope="module")
def remote_ingest(server):
    """The seeds ingested into the server through the CLI, with the Graph Store Protocol."""
    server.clear()
    options = ["--store", server.query_url, "--update-url", f"{server.base}/update", "--gsp-url", f"{server.base}/store"]
    result = kb("ingest", str(SEEDS), *options)
    return options, result


def test_cli_ingest_into_a_remote_store_gives_the_embedded_stores_quads(remote_ingest, seeded_store_path):
    options, result = remote_ingest
    assert result.returncode == 0, result.stderr
    remote = kb("export", "--format", "nq", *options)
    assert remote.returncode == 0, remote.stderr
    embedded = kb("export", "--format", "nq", "--store", str(seeded_store_path))
    assert sorted_quads(remote.stdout) == sorted_quads(embedded.stdout)


def test_cli_validate_query_and_reingest_against_a_remote_store(remote_ingest):
    options, _ = remote_ingest
    validated = kb("validate", *options)
    assert validated.returncode == 0 and "conforms" in validated.stdout, validated.stdout + validated.stderr
    query = "SELECT (COUNT(?e) AS ?n) WHERE { ?e a <http://semanticweb.cs.vu.nl/2009/11/sem/Event> }"
    answer = kb("query", query, "--format", "csv", *options)
    assert answer.returncode == 0 and int(answer.stdout.splitlines()[1]) > 5
    again = kb("ingest", str(SEEDS), *options)
    assert again.returncode == 0 and "ingested 0 article(s)" in again.stderr


def test_cli_load_into_a_remote_store_without_gsp(server, tmp_path, remote_ingest):
    options, _ = remote_ingest
    dump = tmp_path / "kb.nq"
    assert kb("export", "--format", "nq", "-o", str(dump), *options).returncode == 0
    server.clear()
    loaded = kb("load", str(dump), "--store", server.query_url, "--update-url", f"{server.base}/update")
    assert loaded.returncode == 0, loaded.stderr
    again = kb("export", "--format", "nq", "--store", server.query_url)
    assert sorted_quads(again.stdout) == sorted_quads(dump.read_text())


def test_cli_against_a_server_that_is_not_running_is_one_clear_line():
    result = kb("query", "ASK {}", "--store", f"http://127.0.0.1:{free_port()}/query")
    assert result.returncode == 1
    assert result.stderr.strip().count("\n") == 0 and "connection refused" in result.stderr
