"""The remote store against a real ``oxigraph serve`` on loopback: what only it does.

The behaviours every store shares run against it in ``test_store.py``. One
server process serves the session (started from the ``oxigraph`` package of
the test extra, ``tests.servers``); every test starts from an empty dataset.
The store is exercised in both write modes: Graph Store Protocol and SPARQL
Update only.
"""

from __future__ import annotations

import http.server
import io
import subprocess
import sys
import threading
import time

import pytest

from kb.store import GraphWrite, StoreError, open_store
from kb.store.base import QueryDataset, QueryTimeout
from kb.store.remote import RemoteStore, query_form
from tests.conftest import SEEDS
from tests.servers import free_port

G1, G2 = "http://example.org/g1", "http://example.org/g2"


def triples(*pairs):
    return "".join(f'<http://example.org/{s}> <http://example.org/p> "{o}" .\n' for s, o in pairs)


@pytest.fixture(scope="module")
def server(oxigraph_server):
    return oxigraph_server


@pytest.fixture(params=["gsp", "update"])
def store(request, server):
    server.clear()
    with open_store(server.query_url, **server.urls(request.param)) as store:
        yield store


# -- what only the remote store does (the rest: test_store.py, over every kind of store) -----


def test_a_rejected_write_reports_the_servers_status(store):
    with pytest.raises(StoreError, match="400"):
        store.write(GraphWrite(G1, '<http://example.org/a> <http://example.org/p> "unterminated .\n'))


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
