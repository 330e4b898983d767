"""``kb load``: streamed or staged, validated per graph, the same store as ``kb ingest``; and progress display.

The N-Quads come from the RDF builder on hand-built extractions (no spaCy), in
the layout ``kb extract`` writes; other layouts are made by reordering lines.
"""

from __future__ import annotations

import io
import random
from pathlib import Path

import pyoxigraph as ox
import pytest

from kb.config import Settings
from kb.store.writer import StoreWriter
from kb.load import load_files, scan, stream_units, to_graph_write
from kb.pipeline import build_result
from kb.progress import Progress
from kb.store import open_store
from tests.conftest import build_ghazni_extraction

ARTICLES = 6


def extract_layout_nquads(count: int = ARTICLES) -> str:
    """What ``kb extract`` writes for ``count`` articles: each graph, then its entity triples."""
    iris = Settings().iris
    parts = []
    for i in range(count):
        extraction = build_ghazni_extraction(identifier=f"report-{i}")
        result = build_result(extraction, iris)
        assert result.problem is None, result.problem
        parts.append(result.nquads())
    return "".join(parts)


@pytest.fixture(scope="module")
def nquads() -> str:
    return extract_layout_nquads()


def write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def load(path: Path, store_path: Path, **options):
    settings = Settings(store=str(store_path))
    with open_store(str(store_path)) as store:
        return load_files([path], store, settings, show_progress=False, **options)


def exported(store_path: Path) -> list[str]:
    """Sorted N-Quads of the store without blank-node lines (the ontology's)."""
    out = io.BytesIO()
    with open_store(str(store_path)) as store:
        store.dump(out, "nq")
    return sorted(line for line in out.getvalue().decode().splitlines() if "_:" not in line)


def graph_count(store_path: Path) -> int:
    with open_store(str(store_path)) as store:
        rows = store.select("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?a a <https://schema.org/NewsArticle> } }")
    return int(rows[0]["n"])


def test_the_extract_layout_is_streamed(tmp_path, nquads):
    layout = scan(write(tmp_path, "a.nq", nquads), ox.RdfFormat.N_QUADS, Settings(), show_progress=False)
    assert layout.streamable, layout.reason
    assert layout.quads == nquads.count("\n")


def test_a_streamed_load_stores_every_graph_and_validates(tmp_path, nquads):
    summary = load(write(tmp_path, "a.nq", nquads), tmp_path / "s")
    assert summary.ok, summary.problems
    assert (summary.graphs, summary.staged_files) == (ARTICLES, 0)
    assert graph_count(tmp_path / "s") == ARTICLES
    from kb.validate_store import validate_store

    with open_store(str(tmp_path / "s")) as store:
        assert validate_store(store).conforms


def test_lines_in_any_order_load_to_the_same_store(tmp_path, nquads):
    lines = nquads.splitlines(keepends=True)
    random.Random(7).shuffle(lines)
    shuffled = write(tmp_path, "shuffled.nq", "".join(lines))
    assert not scan(shuffled, ox.RdfFormat.N_QUADS, Settings(), show_progress=False).streamable
    load(write(tmp_path, "a.nq", nquads), tmp_path / "streamed")
    summary = load(shuffled, tmp_path / "staged")
    assert summary.ok and summary.staged_files == 1, summary.problems
    assert exported(tmp_path / "staged") == exported(tmp_path / "streamed")


def test_a_staged_load_keeps_entity_descriptions_no_article_refers_to(tmp_path, nquads):
    entities = "<https://w3id.org/annals/id/graph/entities>"
    lonely = "<https://w3id.org/annals/id/actor/lonely-group>"
    extra = (
        f"{lonely} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://semanticweb.cs.vu.nl/2009/11/sem/Actor> {entities} .\n"
        f"{lonely} <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <https://w3id.org/annals/ns#ArmedGroup> {entities} .\n"
        f'{lonely} <http://www.w3.org/2000/01/rdf-schema#label> "Lonely Group" {entities} .\n'
    )
    summary = load(write(tmp_path, "a.nq", extra + nquads), tmp_path / "s")
    assert summary.ok and summary.staged_files == 1, summary.problems
    with open_store(str(tmp_path / "s")) as store:
        assert store.select('SELECT ?a WHERE { ?a <http://www.w3.org/2000/01/rdf-schema#label> "Lonely Group" }')


def test_an_export_loads_back_into_an_identical_store(tmp_path, nquads):
    load(write(tmp_path, "a.nq", nquads), tmp_path / "first")
    out = io.BytesIO()
    with open_store(str(tmp_path / "first")) as store:
        store.dump(out, "trig")
    export = tmp_path / "export.trig"
    export.write_bytes(out.getvalue())
    summary = load(export, tmp_path / "second")
    assert summary.ok, summary.problems
    assert exported(tmp_path / "second") == exported(tmp_path / "first")


def test_loading_twice_changes_nothing(tmp_path, nquads):
    path = write(tmp_path, "a.nq", nquads)
    load(path, tmp_path / "s")
    before = exported(tmp_path / "s")
    load(path, tmp_path / "s")
    assert exported(tmp_path / "s") == before


def test_a_graph_that_does_not_conform_is_reported_and_the_others_load(tmp_path, nquads):
    broken_graph = "https://w3id.org/annals/id/article/report-2"
    # Drop the article's publication metadata type: an article without its class.
    lines = [
        line for line in nquads.splitlines(keepends=True)
        if not (line.endswith(f"<{broken_graph}> .\n") and "<http://semanticweb.cs.vu.nl/2009/11/sem/Event>" in line)
    ]
    summary = load(write(tmp_path, "a.nq", "".join(lines)), tmp_path / "s")
    assert summary.graphs == ARTICLES - 1
    assert len(summary.problems) == 1 and broken_graph in summary.problems[0]
    assert "does not conform" in summary.problems[0]


def test_without_validation_a_nonconforming_graph_is_loaded_as_is(tmp_path, nquads):
    lines = [line for line in nquads.splitlines(keepends=True) if "<http://semanticweb.cs.vu.nl/2009/11/sem/Event>" not in line]
    summary = load(write(tmp_path, "a.nq", "".join(lines)), tmp_path / "s", validate=False)
    assert summary.ok and summary.graphs == ARTICLES


def test_a_file_with_a_syntax_error_loads_nothing(tmp_path, nquads):
    path = write(tmp_path, "a.nq", nquads + '<http://example.org/s> <http://example.org/p> "unterminated .\n')
    summary = load(path, tmp_path / "s")
    assert summary.graphs == 0
    assert len(summary.problems) == 1 and "cannot parse, nothing loaded" in summary.problems[0]


def test_triples_outside_named_graphs_are_reported_not_loaded(tmp_path, nquads):
    path = write(tmp_path, "a.nq", nquads + '<http://example.org/s> <http://example.org/p> "o" .\n')
    summary = load(path, tmp_path / "s")
    assert summary.graphs == ARTICLES
    assert summary.problems == [f"{path}: 1 triple(s) outside any named graph were not loaded"]


def test_missing_files_and_unknown_formats_are_one_line_each(tmp_path):
    (tmp_path / "data.ttl").write_text("")
    summary = load(tmp_path / "data.ttl", tmp_path / "s")
    assert summary.problems == [f"{tmp_path / 'data.ttl'}: unknown format '.ttl' (use .nq or .trig)"]
    summary = load(tmp_path / "absent.nq", tmp_path / "s")
    assert summary.problems == [f"{tmp_path / 'absent.nq'}: no such file"]


# -- progress -------------------------------------------------------------------------


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_progress_in_a_log_is_plain_lines_every_tenth():
    log = io.StringIO()
    progress = Progress(50, "ingest", stream=log, quiet_start=0)
    for _ in range(50):
        progress.advance()
    progress.close()
    lines = log.getvalue().splitlines()
    assert len(lines) == 10 and "\r" not in log.getvalue()
    assert lines[0].startswith("ingest: 5/50") and lines[-1].startswith("ingest: 50/50")


def test_progress_on_a_terminal_is_one_redrawn_bar():
    screen = Terminal()
    progress = Progress(4, "load", stream=screen)
    for _ in range(4):
        progress.advance(note="article")
    progress.close()
    text = screen.getvalue()
    assert text.count("\n") == 1 and text.startswith("\rload [")
    assert "4/4" in text.rsplit("\r", 1)[-1]


def test_a_short_task_writes_no_progress_lines_to_a_log():
    log = io.StringIO()
    progress = Progress(3, "check", stream=log)
    for _ in range(3):
        progress.advance()
    progress.close()
    assert log.getvalue() == ""


def test_progress_in_bytes_shows_megabytes():
    log = io.StringIO()
    with Progress(None, "export", stream=log, unit="bytes", quiet_start=0) as progress:
        progress.advance(3_500_000)
    assert log.getvalue().startswith("export: 3.5 MB")


def test_a_dump_written_through_a_counting_writer_reports_its_size(tmp_path, nquads):
    from kb.progress import CountingWriter

    load(write(tmp_path, "a.nq", nquads), tmp_path / "s")
    log, out = io.StringIO(), io.BytesIO()
    with open_store(str(tmp_path / "s")) as store, Progress(None, "export", stream=log, unit="bytes", quiet_start=0) as progress:
        store.dump(CountingWriter(out, progress), "nq")
    assert out.getvalue().count(b"\n") > ARTICLES * 50
    assert log.getvalue().splitlines()[-1].startswith(f"export: {len(out.getvalue()) / 1e6:.1f} MB")


def test_an_embedded_store_is_flushed_every_so_many_quads(tmp_path, nquads, monkeypatch):
    """RocksDB's memory tables are written out regularly, so a long load's memory stays flat."""
    per_article = nquads.count("\n") // ARTICLES
    monkeypatch.setattr(StoreWriter, "FLUSH_QUADS", per_article + 1)  # every second article
    entities = Settings().iris.entities_graph
    with open_store(str(tmp_path / "s")) as store:
        writer = StoreWriter(store)
        flushes = []
        flush = writer._flush
        writer._flush = lambda: (flushes.append(1), flush())
        for unit in stream_units(ox.parse(nquads.encode(), format=ox.RdfFormat.N_QUADS), entities):
            writer.write(to_graph_write(unit, entities))
    assert len(flushes) == ARTICLES // 2
