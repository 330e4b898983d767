"""The time limit's machinery: the embedded store run by a supervised child process.

``SupervisedStore`` must stop a query that passes its limit (by stopping the
process doing the work), keep serving afterwards, run other reads caught by
the stop again, and never leave a process behind that holds the store.
"""

from __future__ import annotations

import io
import os
import subprocess
import sys
import threading
import time

import pytest

from kb.store import GraphWrite, StoreError
from kb.store.base import QueryDataset, QuerySyntaxError, QueryTimeout
from kb.store.embedded import EmbeddedStore
from kb.store.supervised import SupervisedStore
from tests.test_sparql_protocol import RUNAWAY

GRAPH = "http://example.org/numbers"
# Three-way cross product of 200 triples: 8 million rows, about a second of work.
# True for no row, and no index can tell: every row of the product is looked at.
NEVER_TRUE = "ASK { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i . ?j ?k ?l FILTER(STRLEN(STR(?c)) + STRLEN(STR(?l)) > 1000) }"
MEDIUM = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def numbers(count: int) -> str:
    return "".join(f"<http://example.org/n/{i}> <http://example.org/value> {i} .\n" for i in range(count))


@pytest.fixture
def store(tmp_path):
    with EmbeddedStore(tmp_path / "store") as embedded:
        embedded.write(GraphWrite(GRAPH, numbers(200)))
    supervised = SupervisedStore(tmp_path / "store", query_timeout=30)
    yield supervised
    supervised.close()


def alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return subprocess.run(["ps", "-o", "stat=", "-p", str(pid)], capture_output=True, text=True).stdout.strip()[:1] not in ("Z", "")


def test_reads_give_what_the_embedded_store_gives(store, tmp_path):
    assert store.ask("ASK { <http://example.org/n/7> ?p 7 }")
    rows = store.select("SELECT ?s WHERE { ?s ?p ?o FILTER(?o < 3) } ORDER BY ?o")
    assert [r["s"] for r in rows] == [f"http://example.org/n/{i}" for i in range(3)]
    output = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", result_format="csv")
    assert output.kind == "solutions" and output.body.decode().splitlines() == ["n", "200"]
    graph = store.query("CONSTRUCT WHERE { <http://example.org/n/1> ?p ?o }", rdf_format="nt")
    assert graph.kind == "graph" and b"<http://example.org/value>" in graph.body


def test_errors_keep_their_kind_across_the_process_boundary(store):
    with pytest.raises(QuerySyntaxError):
        store.select("SELECT * WHERE {")
    with pytest.raises(StoreError, match="SELECT"):
        store.select("ASK {}")


def test_a_dataset_reaches_the_child(store):
    other = QueryDataset(default_graphs=("http://example.org/other",))
    assert store.ask("ASK { ?s ?p ?o }")
    assert not store.ask("ASK { ?s ?p ?o }", dataset=other)
    assert store.ask("ASK { ?s ?p ?o }", dataset=QueryDataset(default_graphs=(GRAPH,)))


def test_a_query_past_its_limit_is_stopped_and_the_store_serves_on(store):
    child = store.child_pid
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match="time limit of 0.5 s"):
        store.select(RUNAWAY, timeout=0.5)
    assert time.monotonic() - started < 0.5 + 5
    deadline = time.monotonic() + 5
    while alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not alive(child)  # the work really stopped
    assert store.child_pid != child
    assert len(store.select("SELECT ?s WHERE { ?s ?p ?o }")) == 200  # nothing lost


def test_the_default_limit_applies_to_every_read(tmp_path):
    with EmbeddedStore(tmp_path / "store") as embedded:
        embedded.write(GraphWrite(GRAPH, numbers(200)))
    limited = SupervisedStore(tmp_path / "store", query_timeout=0.5)
    try:
        for read in (lambda: limited.select(RUNAWAY), lambda: limited.query(RUNAWAY),
                     lambda: limited.ask(NEVER_TRUE)):
            with pytest.raises(QueryTimeout):
                read()
        assert limited.ask("ASK {}")
    finally:
        limited.close()


def test_reads_caught_by_another_reads_stop_are_run_again(store):
    answers, errors = [], []

    def medium():
        try:
            answers.append(store.select(MEDIUM)[0]["n"])
        except Exception as error:  # recorded for the assertion below
            errors.append(error)

    others = [threading.Thread(target=medium) for _ in range(2)]
    for thread in others:
        thread.start()
    time.sleep(0.2)  # the medium queries are running in the child now
    with pytest.raises(QueryTimeout):
        store.select(RUNAWAY, timeout=0.3)
    for thread in others:
        thread.join(60)
    assert errors == [] and answers == [str(200**3)] * 2


def test_writes_and_dumps_go_through_the_child(store):
    store.write(GraphWrite("http://example.org/g2", "<http://example.org/a> <http://example.org/b> \"c\" .\n"))
    assert store.ask('ASK { GRAPH <http://example.org/g2> { ?s ?p "c" } }')
    out = io.BytesIO()
    store.dump(out, "nq")
    assert out.getvalue().count(b"\n") == 201
    store.remove_graph("http://example.org/g2")
    assert not store.ask('ASK { ?s ?p "c" }')


def test_a_large_dump_arrives_in_chunks(tmp_path):
    with EmbeddedStore(tmp_path / "store") as embedded:
        embedded.write(GraphWrite(GRAPH, numbers(20_000)))
    store = SupervisedStore(tmp_path / "store")
    writes = []

    class Recorder(io.RawIOBase):
        def write(self, data):
            writes.append(len(data))
            return len(data)

    try:
        store.dump(Recorder(), "nq")
    finally:
        store.close()
    assert len(writes) > 10 and max(writes) < sum(writes) / 5


def test_a_locked_folder_is_one_clear_error(tmp_path):
    holder = EmbeddedStore(tmp_path / "store")
    try:
        with pytest.raises(StoreError, match="cannot open the store"):
            SupervisedStore(tmp_path / "store")
    finally:
        holder.close()


def test_the_child_stops_when_its_parent_dies(tmp_path):
    script = (
        "import os, sys\n"
        "from kb.store.supervised import SupervisedStore\n"
        f"store = SupervisedStore({str(tmp_path / 'store')!r})\n"
        "print(store.child_pid, flush=True)\n"
        "os.kill(os.getpid(), 9)\n"
    )
    parent = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=60)
    child = int(parent.stdout.split()[0])
    deadline = time.monotonic() + 10
    while alive(child) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not alive(child)
    with EmbeddedStore(tmp_path / "store") as reopened:  # the folder lock was released
        assert reopened.is_empty()


def test_close_stops_the_child_and_releases_the_folder(tmp_path):
    store = SupervisedStore(tmp_path / "store")
    child = store.child_pid
    store.close()
    assert not alive(child)
    with EmbeddedStore(tmp_path / "store"):
        pass
    with pytest.raises(StoreError, match="closed"):
        store.ask("ASK {}")
