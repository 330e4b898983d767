"""The `kb` command line, run as a user runs it: a real process, a real store folder."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from rdflib import Dataset, Graph

from tests.conftest import GHAZNI_TEXT, SEEDS

GOOD = "---\ntitle: Good report\npublished: 2019-03-13\nid: good-report\n---\n" + GHAZNI_TEXT


def kb(*args: str, stdin: str | None = None, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "kb", *args],
        input=stdin,
        capture_output=True,
        text=True,
        cwd=cwd,
        timeout=300,
    )


@pytest.fixture(scope="module")
def ingested(tmp_path_factory):
    """One store with the seeds plus a folder of good and bad files, ingested once."""
    root = tmp_path_factory.mktemp("cli")
    inbox = root / "inbox"
    inbox.mkdir()
    (inbox / "good.md").write_text(GOOD, encoding="utf-8")
    (inbox / "empty.txt").write_text("", encoding="utf-8")
    (inbox / "binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (inbox / "latin1.txt").write_bytes("Caf\xe9 bombing in Kabul".encode("latin-1"))
    (inbox / "broken.md").write_text("---\ntitle: never closed\n\nText of the report.\n", encoding="utf-8")
    lines = [
        json.dumps({"id": "line-1", "text": "Gunmen stormed a police post in Kunduz on Monday, killing two officers.", "published": "2019-04-02"}),
        '{"id": "line-2", "text": ',
        json.dumps({"id": "line-3", "text": "Talks between the government and the rebels resumed in Doha.", "published": "2019-04-02"}),
    ]
    (inbox / "wire.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (inbox / "notes.docx").write_bytes(b"PK\x03\x04")
    (inbox / "huge.txt").write_text("word " * 300_000, encoding="utf-8")
    laughs = (
        '<?xml version="1.0"?>\n<!DOCTYPE lolz [<!ENTITY lol "lol">'
        '<!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">'
        '<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>\n'
        "<rss><channel><title>&lol3;</title></channel></rss>\n"
    )
    (inbox / "laughs.rss").write_text(laughs, encoding="utf-8")
    store = root / "store"
    result = kb(
        "ingest", str(SEEDS), str(inbox), str(inbox / "notes.docx"), "--store", str(store), "--max-bytes", "1000000"
    )
    return store, result


def test_ingest_reports_each_bad_file_in_one_line_and_exits_non_zero(ingested):
    _, result = ingested
    assert result.returncode == 1
    problems = [line for line in result.stderr.splitlines() if line.startswith("kb ingest:") and "note:" not in line]
    named = {name: [p for p in problems if name in p] for name in (
        "empty.txt", "binary.txt", "latin1.txt", "broken.md", "wire.jsonl:2", "notes.docx", "huge.txt", "laughs.rss"
    )}
    for name, lines in named.items():
        assert len(lines) == 1, (name, problems)
    assert "Traceback" not in result.stderr


def test_ingest_still_stores_the_good_files_and_lines(ingested):
    store, _ = ingested
    result = kb(
        "query",
        "SELECT ?id WHERE { ?a a <https://schema.org/NewsArticle> ; <https://schema.org/identifier> ?id } ORDER BY ?id",
        "--store", str(store), "--format", "csv",
    )
    ids = set(result.stdout.split())
    assert {"good-report", "line-1", "line-3", "000_c6dc9904ae642ca3"} <= ids
    assert "line-2" not in ids


def test_the_ingested_store_validates(ingested):
    store, _ = ingested
    result = kb("validate", "--store", str(store))
    assert result.returncode == 0, result.stdout + result.stderr
    assert "conforms" in result.stdout


def test_reingesting_the_same_files_changes_nothing(ingested, tmp_path):
    store, _ = ingested
    before = kb("export", "--store", str(store), "--format", "nq").stdout
    again = kb("ingest", str(SEEDS), "--store", str(store))
    assert again.returncode == 0, again.stderr
    assert "0 article(s)" in again.stderr.splitlines()[-1]
    after = kb("export", "--store", str(store), "--format", "nq").stdout
    assert sorted(before.splitlines()) == sorted(after.splitlines())


@pytest.mark.parametrize("fmt,parser", [("trig", "trig"), ("nq", "nquads"), ("jsonld", "json-ld")])
def test_export_of_datasets_parses_back_with_rdflib(ingested, fmt, parser):
    store, _ = ingested
    result = kb("export", "--store", str(store), "--format", fmt)
    assert result.returncode == 0
    dataset = Dataset()
    dataset.parse(data=result.stdout, format=parser)
    assert len(list(dataset.graphs())) > 3


@pytest.mark.parametrize("fmt,parser", [("ttl", "turtle"), ("nt", "nt"), ("xml", "xml")])
def test_export_of_the_union_graph_parses_back_with_rdflib(ingested, fmt, parser):
    store, _ = ingested
    result = kb("export", "--store", str(store), "--format", fmt)
    assert result.returncode == 0
    assert len(Graph().parse(data=result.stdout, format=parser)) > 100


def test_export_to_a_file(ingested, tmp_path):
    store, _ = ingested
    out = tmp_path / "kb.trig"
    result = kb("export", "--store", str(store), "-o", str(out))
    assert result.returncode == 0 and out.stat().st_size > 1000


def test_query_answers_w3c_sparql_json(ingested):
    store, _ = ingested
    result = kb(
        "query", "SELECT (COUNT(?e) AS ?n) WHERE { ?e a <http://semanticweb.cs.vu.nl/2009/11/sem/Event> }",
        "--store", str(store),
    )
    data = json.loads(result.stdout)
    assert data["head"]["vars"] == ["n"]
    assert int(data["results"]["bindings"][0]["n"]["value"]) > 5


def test_query_reads_stdin_and_constructs_turtle(ingested):
    store, _ = ingested
    result = kb(
        "query", "-", "--store", str(store), "--format", "ttl",
        stdin="CONSTRUCT { ?a a ?t } WHERE { ?a a ?t } LIMIT 5",
    )
    assert result.returncode == 0
    assert len(Graph().parse(data=result.stdout, format="turtle")) == 5


def test_a_malformed_query_is_one_clear_line(ingested):
    store, _ = ingested
    result = kb("query", "SELECT WHERE {", "--store", str(store))
    assert result.returncode == 1
    assert result.stderr.startswith("kb query: the query does not parse")
    assert "Traceback" not in result.stderr


def test_an_undated_article_is_ingested_and_the_cli_says_so_once(tmp_path):
    (tmp_path / "a.txt").write_text("Gunmen attacked a checkpoint in Kandahar on Monday, killing three soldiers.\n")
    (tmp_path / "b.txt").write_text("A roadside bomb killed two policemen in Helmand yesterday.\n")
    result = kb("ingest", str(tmp_path / "a.txt"), str(tmp_path / "b.txt"), "--store", str(tmp_path / "s"))
    assert result.returncode == 0, result.stderr
    notes = [line for line in result.stderr.splitlines() if "no publication date" in line]
    assert len(notes) == 1 and "2 article(s)" in notes[0]


def test_published_option_dates_articles_without_a_date(tmp_path):
    (tmp_path / "a.txt").write_text("Gunmen attacked a checkpoint in Kandahar on Monday, killing three soldiers.\n")
    store = str(tmp_path / "s")
    result = kb("ingest", str(tmp_path / "a.txt"), "--store", store, "--published", "2019-04-03")
    assert result.returncode == 0, result.stderr
    out = kb("query", "SELECT ?d WHERE { ?a <https://schema.org/datePublished> ?d }", "--store", store, "--format", "csv")
    assert "2019-04-03" in out.stdout


def test_a_second_writer_gets_one_clear_line(tmp_path):
    from kb.store import open_store

    with open_store(str(tmp_path / "s")):
        result = kb("query", "ASK {}", "--store", str(tmp_path / "s"))
    assert result.returncode == 1
    assert "another process" in result.stderr and "Traceback" not in result.stderr


def test_extract_then_load_gives_the_same_graphs_as_ingest(ingested, tmp_path):
    out = tmp_path / "seeds.nq"
    extracted = kb("extract", str(SEEDS), "-o", str(out))
    assert extracted.returncode == 0, extracted.stderr
    loaded_store = tmp_path / "loaded"
    loaded = kb("load", str(out), "--store", str(loaded_store))
    assert loaded.returncode == 0, loaded.stderr
    direct_store = tmp_path / "direct"
    assert kb("ingest", str(SEEDS), "--store", str(direct_store)).returncode == 0
    query = "SELECT ?e ?p ?o WHERE { ?e a <http://semanticweb.cs.vu.nl/2009/11/sem/Event> ; ?p ?o } ORDER BY ?e ?p ?o"
    a = kb("query", query, "--store", str(loaded_store), "--format", "csv").stdout
    b = kb("query", query, "--store", str(direct_store), "--format", "csv").stdout
    assert a == b and a.count("\n") > 20


def test_timex_prints_json_offsets(tmp_path):
    result = kb("timex", "--dct", "2018-05-31", stdin="On Wednesday, militants launched an assault.")
    rows = json.loads(result.stdout)
    assert {"start": 3, "end": 12, "text": "Wednesday", "type": "DATE", "value": "2018-05-30"} in rows


def test_help_reads_like_documentation():
    result = kb("--help")
    for command in ("ingest", "query", "export", "validate", "extract", "load", "timex", "serve", "eval"):
        assert command in result.stdout
    assert "kb ingest seeds/" in result.stdout
