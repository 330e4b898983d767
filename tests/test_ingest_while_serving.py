"""Every ``kb`` command while ``kb serve`` holds the same embedded store goes through the server.

Real processes throughout: ``kb serve`` on a free loopback port over a copy of
the seeded store, and ``kb ingest`` / ``query`` / ``export`` / ``validate`` /
``index`` / ``remove`` run as a user would, with ``--store`` naming the same
folder. The server keeps running (same process) while the timeline picks the
changes up. The tests run in file order: the last one stops the server.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from kb.ids import Iris
from kb.store.served import SERVER_FILE, read_server_file
from tests.web_helpers import free_port

ROOT = Path(__file__).resolve().parents[1]
ARTICLE_ID = "test-kunduz-police-bombing-2021-07-14"
ARTICLE = f"""---
title: Car bomb kills nine at police headquarters in Kunduz
published: 2021-07-14
source: Test Wire
id: {ARTICLE_ID}
---
KUNDUZ, Afghanistan — A suicide car bomber struck the police headquarters in Kunduz city on Tuesday, killing nine
police officers and wounding at least 20 others, provincial officials said.

The Taliban claimed responsibility for the attack.
"""
ARTICLE_IRI = Iris().article_for_id(ARTICLE_ID)
NO_PROXY = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def kb(*args: str, check_rc: int | None = 0) -> subprocess.CompletedProcess:
    done = subprocess.run(
        [sys.executable, "-m", "kb", *args], capture_output=True, text=True, cwd=ROOT, timeout=120
    )
    if check_rc is not None:
        assert done.returncode == check_rc, done.stderr
    return done


def http(url: str, *, method: str = "GET", data: bytes | None = None, headers: dict | None = None):
    """(status, body text) of one request, errors included."""
    request = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with NO_PROXY.open(request, timeout=30) as answer:
            return answer.status, answer.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


class Server:
    """``kb serve`` over ``store`` in its own process."""

    def __init__(self, store: Path) -> None:
        self.store = store
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        self.log = open(store.parent / "serve.log", "w+b")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kb", "serve", "--store", str(store), "--port", str(self.port), "--threads", "4"],
            stdout=self.log, stderr=subprocess.STDOUT, cwd=ROOT,
        )
        deadline = time.monotonic() + 60
        while read_server_file(store) is None:
            if self.process.poll() is not None or time.monotonic() > deadline:
                self.log.seek(0)
                pytest.fail(f"kb serve did not start: {self.log.read().decode(errors='replace')}")
            time.sleep(0.1)

    @property
    def token(self) -> str:
        return read_server_file(self.store).token

    def events(self) -> list[dict]:
        status, body = http(self.url + "?format=json")
        assert status == 200, body
        return json.loads(body)["events"]

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()  # SIGTERM, as systemd or docker stop would
            try:
                self.process.wait(15)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


@pytest.fixture(scope="module")
def served(seeded_store_path, tmp_path_factory):
    folder = tmp_path_factory.mktemp("served")
    store = folder / "kb"
    shutil.copytree(seeded_store_path, store)
    server = Server(store)
    yield server
    server.stop()


@pytest.fixture(scope="module")
def new_articles(tmp_path_factory) -> Path:
    folder = tmp_path_factory.mktemp("new-articles")
    (folder / "kunduz.md").write_text(ARTICLE, encoding="utf-8")
    return folder


def events_of_article(events: list[dict]) -> list[dict]:
    return [event for event in events if any(source["article"] == ARTICLE_IRI for source in event["sources"])]


def test_ingest_goes_through_the_running_server_and_the_timeline_shows_it_without_a_restart(served, new_articles):
    assert served.process.poll() is None
    assert oct((served.store / SERVER_FILE).stat().st_mode & 0o777) == "0o600"
    assert not events_of_article(served.events())

    done = kb("ingest", str(new_articles), "--store", str(served.store), "-q")

    assert done.stderr.count("going through it") == 1, done.stderr
    assert f"kb serve (pid {served.process.pid})" in done.stderr
    assert "ingested 1 article(s)" in done.stderr
    assert served.process.poll() is None  # the same server, never restarted
    found = events_of_article(served.events())
    assert found, "the new article's events are not on the timeline"
    status, page = http(served.url)
    assert status == 200
    for event in found:
        assert f'datetime="{event["event_date"]}"' in page


def test_query_export_validate_and_index_work_through_the_server_meanwhile(served, tmp_path):
    store = str(served.store)
    done = kb("query", f"ASK {{ GRAPH <{ARTICLE_IRI}> {{ ?s ?p ?o }} }}", "--store", store)
    assert json.loads(done.stdout)["boolean"] is True
    assert "going through it" in done.stderr

    done = kb("query", "SELEC nonsense", "--store", store, check_rc=1)
    assert done.stderr.count("does not parse") == 1, done.stderr

    exported = tmp_path / "all.nq"
    kb("export", "--store", store, "--format", "nq", "-o", str(exported))
    assert f"<{ARTICLE_IRI}> ." in exported.read_text(encoding="utf-8")

    done = kb("validate", "--store", store)
    assert "conforms" in done.stdout

    done = kb("index", "--store", store)
    assert "up to date" in done.stderr

    done = kb("serve", "--store", store, "--port", str(free_port()), check_rc=1)
    assert f"already serves it at {served.url}" in done.stderr


def test_a_second_writer_waits_for_the_first_and_a_removal_reaches_the_timeline(served):
    headers = {"Authorization": f"Bearer {served.token}", "Content-Type": "application/json"}
    status, body = http(
        served.url + "internal/writer", method="POST", headers=headers,
        data=json.dumps({"pid": os.getpid(), "command": "the test"}).encode(),
    )
    assert status == 201, body
    lease = json.loads(body)["lease"]

    done = kb("remove", ARTICLE_ID, "--store", str(served.store), check_rc=1)
    assert done.stderr.strip().splitlines()[-1].startswith("kb remove: cannot write to")
    assert f"the test (pid {os.getpid()}) is writing to it through kb serve" in done.stderr
    assert events_of_article(served.events())

    status, _ = http(served.url + "internal/writer", method="DELETE", headers=headers | {"X-Annals-Writer": lease})
    assert status == 204
    kb("remove", ARTICLE_ID, "--store", str(served.store))
    assert not events_of_article(served.events())


def test_the_write_endpoint_refuses_requests_without_the_right_token_or_relayed_by_a_proxy(served):
    write = served.url + "internal/write"
    body = json.dumps({"graph": "http://example.org/g", "triples": "", "shared": {}}).encode()
    json_type = {"Content-Type": "application/json"}

    assert http(write, method="POST", data=body, headers=json_type)[0] == 401
    assert http(write, method="POST", data=body, headers=json_type | {"Authorization": "Bearer wrong"})[0] == 401
    assert http(write, method="POST", data=body, headers=json_type | {"Authorization": "Basic dXNlcjpwYXNz"})[0] == 401
    relayed = json_type | {"Authorization": f"Bearer {served.token}", "X-Forwarded-For": "203.0.113.9"}
    assert http(write, method="POST", data=body, headers=relayed)[0] == 403
    graph_put = served.url + "internal/store?" + urllib.parse.urlencode({"graph": "http://example.org/g"})
    assert http(graph_put, method="PUT", data=b"<a> <b> <c> .", headers={"Content-Type": "text/turtle"})[0] == 401
    # What reaches the store must be N-Triples and nothing else.
    smuggled = json.dumps({"graph": "http://example.org/g", "triples": "} ; DROP ALL ; INSERT DATA {"}).encode()
    status, message = http(write, method="POST", data=smuggled, headers=json_type | {"Authorization": f"Bearer {served.token}"})
    assert status == 400, message
    assert json.loads(kb("query", "ASK { ?s ?p ?o }", "--store", str(served.store)).stdout)["boolean"] is True


def test_the_public_sparql_endpoint_still_refuses_updates(served):
    form = urllib.parse.urlencode({"update": "DROP ALL"}).encode()
    assert http(served.url + "sparql", method="POST", data=form,
                headers={"Content-Type": "application/x-www-form-urlencoded"})[0] == 403
    assert http(served.url + "sparql", method="POST", data=b"DROP ALL",
                headers={"Content-Type": "application/sparql-update"})[0] == 403


def test_the_internal_endpoints_answer_this_machine_only_and_only_in_kb_serve(tmp_path):
    from kb.config import Settings
    from kb.store.embedded import EmbeddedStore
    from web import create_app
    from web.views.internal import enable_internal_endpoints

    settings = Settings(store=str(tmp_path / "kb"))
    with EmbeddedStore(settings.store) as store:
        app = create_app(settings, store=store)
        token = {"Authorization": "Bearer secret"}
        assert app.test_client().get("/internal/ping", headers=token).status_code == 404  # not turned on

        enable_internal_endpoints(app, token="secret", listening=["0.0.0.0"])
        client = app.test_client()
        assert client.get("/internal/ping", headers=token, environ_base={"REMOTE_ADDR": "127.0.0.1"}).status_code == 200
        assert client.get("/internal/ping", headers=token, environ_base={"REMOTE_ADDR": "::1"}).status_code == 200
        answer = client.get("/internal/ping", headers=token, environ_base={"REMOTE_ADDR": "192.0.2.7"})
        assert answer.status_code == 403
        assert "this machine only" in answer.get_data(as_text=True)


@pytest.fixture
def unserved_store(seeded_store_path, tmp_path) -> Path:
    store = tmp_path / "kb"
    shutil.copytree(seeded_store_path, store)
    return store


def test_a_store_another_command_holds_still_gives_the_one_line_error(unserved_store):
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys; from kb.store.embedded import EmbeddedStore; s = EmbeddedStore(sys.argv[1]); "
         "print('open', flush=True); sys.stdin.read()", str(unserved_store)],
        stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, cwd=ROOT,
    )
    try:
        assert holder.stdout.readline().strip() == "open"
        done = kb("query", "ASK {}", "--store", str(unserved_store), check_rc=1)
    finally:
        holder.stdin.close()
        holder.wait(10)
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert "another process" in lines[0] and "has it open for writing" in lines[0]


def test_a_stale_server_file_is_ignored(unserved_store):
    gone = subprocess.Popen([sys.executable, "-c", "pass"])
    gone.wait()
    for pid in (gone.pid, os.getpid()):  # a dead process; a live one that is no kb serve
        (unserved_store / SERVER_FILE).write_text(json.dumps({
            "url": f"http://127.0.0.1:{free_port()}", "pid": pid, "token": "old", "store": str(unserved_store.resolve()),
        }))
        done = kb("query", "ASK { ?s ?p ?o }", "--store", str(unserved_store))
        assert json.loads(done.stdout)["boolean"] is True
        assert "going through" not in done.stderr


def test_stopping_the_server_removes_its_file_and_frees_the_store(served):
    served.stop()
    assert served.process.returncode == 0
    assert not (served.store / SERVER_FILE).exists()
    done = kb("query", "ASK { ?s ?p ?o }", "--store", str(served.store))
    assert "going through" not in done.stderr
