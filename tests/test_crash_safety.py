"""Crash safety and idempotency: ``kill -9`` during ``kb ingest`` or ``kb load`` loses nothing.

The kills are real: ``kb`` runs as a child process and gets SIGKILL at moments
spread over its run (while starting, between and during article writes), a few
times over. After each kill the store must open and conform to the shapes;
after a final complete run it must hold exactly the quads of a clean run
(blank nodes aside: only the ontology has any).
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from kb.config import Settings
from kb.ingest import ingest
from kb.store import open_store
from kb.validate_store import validate_store

PLACES = ["Kabul", "Kandahar", "Ghazni", "Kunduz", "Herat", "Jalalabad", "Helmand", "Farah"]
GROUPS = ["the Taliban", "Islamic State militants", "gunmen", "insurgents"]
ARTICLES = 24
TARGETS = ["a police checkpoint", "an army base", "a government office", "a market"]


def article_text(i: int) -> str:
    """A short wire report, different for every ``i`` (place, group, figures, day)."""
    rng = random.Random(i)
    place, group, target = rng.choice(PLACES), rng.choice(GROUPS), rng.choice(TARGETS)
    killed, injured = rng.randint(2, 20), rng.randint(1, 30)
    day = rng.choice(["Monday", "Tuesday", "Wednesday", "Thursday"])
    return (
        f"{place.upper()}, Afghanistan — {group.capitalize()} attacked {target} in {place} on {day}, "
        f"killing {killed} people and wounding {injured} others, officials said.\n\n"
        f"The Taliban claimed responsibility for the attack in a statement.\n\n"
        f"Officials said talks with Taliban representatives in Doha would resume next week.\n"
    )


def write_corpus(folder: Path, count: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "wire.jsonl"
    rows = [{"id": f"wire-{i}", "text": article_text(i), "published": f"2019-03-{1 + i % 28:02d}"} for i in range(count)]
    path.write_text("".join(json.dumps(row) + "\n" for row in rows), encoding="utf-8")
    return path


def kb_command(*args: str) -> list[str]:
    return [sys.executable, "-m", "kb", *args]


def quads_of(store_path: Path) -> list[str]:
    import io

    out = io.BytesIO()
    with open_store(str(store_path)) as store:
        store.dump(out, "nq")
    return sorted(line for line in out.getvalue().decode().splitlines() if line and "_:" not in line)


def assert_opens_and_conforms(store_path: Path) -> None:
    with open_store(str(store_path)) as store:
        report = validate_store(store)
    assert report.conforms, report.text


def kill_during(command: list[str], delay: float) -> bool:
    """Run ``command``, SIGKILL it after ``delay`` seconds; False if it had already finished."""
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        child.wait(timeout=delay)
        return False
    except subprocess.TimeoutExpired:
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        return True


def kill_after_progress(command: list[str], delay: float) -> bool:
    """Run ``command`` and SIGKILL it ``delay`` seconds after its first progress line.

    The progress lines (``ingest: 5/24``) are written while articles are being
    stored, so the kill lands among the writes. False if it had already finished.
    """
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    with child.stderr:
        for line in child.stderr:
            if re.match(r"ingest: \d+/\d+", line):
                break
        time.sleep(delay)
        if child.poll() is not None:
            return False
        os.kill(child.pid, signal.SIGKILL)
    child.wait()
    return True


def run_to_completion(command: list[str]) -> subprocess.CompletedProcess:
    result = subprocess.run(command, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    return result


def timed(command: list[str]) -> float:
    started = time.monotonic()
    run_to_completion(command)
    return time.monotonic() - started


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("corpus"), ARTICLES)


@pytest.fixture(scope="module")
def clean_ingest(corpus, tmp_path_factory):
    """A clean run's store, and how long a whole ``kb ingest`` process took."""
    store = tmp_path_factory.mktemp("clean") / "store"
    seconds = timed(kb_command("ingest", str(corpus), "--store", str(store), "-q"))
    return store, seconds


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> Path:
    return write_corpus(tmp_path_factory.mktemp("corpus"), ARTICLES)


@pytest.fixture(scope="module")
def clean_ingest(corpus, tmp_path_factory):
    """A clean run's store, and how long a whole ``kb ingest`` process took."""
    store = tmp_path_factory.mktemp("clean") / "store"
    seconds = timed(kb_command("ingest", str(corpus), "--store", str(store), "-q"))
    return store, seconds


def kill_points(seconds: float, seed: int) -> list[float]:
    """Moments across a run of ``seconds``: one while it starts, the rest while it writes.

    A ``kb`` process spends its first half or more starting (imports, spaCy,
    shapes); articles are written after that, so most kills aim there.
    """
    rng = random.Random(seed)
    return [seconds * (fraction + rng.uniform(-0.04, 0.04)) for fraction in (0.3, 0.66, 0.8, 0.92)]


def article_graphs(store_path: Path) -> int:
    with open_store(str(store_path)) as store:
        rows = store.select("SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?a a <https://schema.org/NewsArticle> } }")
    return int(rows[0]["n"])


def after_kill(store: Path) -> int:
    """The store must open and conform; returns how many article graphs it holds."""
    if not store.exists():
        return 0
    assert_opens_and_conforms(store)
    return article_graphs(store)


def test_kill_9_during_ingest_leaves_a_valid_store_and_a_rerun_completes_it(corpus, clean_ingest, tmp_path):
    clean_store, seconds = clean_ingest
    store = tmp_path / "store"
    command = kb_command("ingest", str(corpus), "--store", str(store))
    found = []
    # Once while it starts (before or while the ontology is written), then three
    # times among the article writes, each run resuming the one killed before it.
    if kill_during(command, seconds * 0.2):
        found.append(after_kill(store))
    for delay in (0.05, 0.25, 0.1):
        if kill_after_progress(command, delay):
            found.append(after_kill(store))
    assert any(0 < n < ARTICLES for n in found), f"no kill landed while articles were written: {found}"
    run_to_completion(command)
    assert quads_of(store) == quads_of(clean_store)


LOAD_ARTICLES = 100


@pytest.fixture(scope="module")
def extracted(tmp_path_factory) -> Path:
    """``kb extract`` output for many articles, made without spaCy (the design's Ghazni graph, renamed)."""
    from kb.pipeline import build_result
    from tests.conftest import build_ghazni_extraction

    iris = Settings().iris
    path = tmp_path_factory.mktemp("extracted") / "corpus.nq"
    with open(path, "w", encoding="utf-8") as out:
        for i in range(LOAD_ARTICLES):
            out.write(build_result(build_ghazni_extraction(identifier=f"report-{i}"), iris, validate=False).nquads())
    return path


def test_kill_9_during_load_leaves_a_valid_store_and_a_rerun_completes_it(extracted, tmp_path):
    clean_store = tmp_path / "clean"
    seconds = timed(kb_command("load", str(extracted), "--store", str(clean_store), "-q"))
    store = tmp_path / "store"
    command = kb_command("load", str(extracted), "--store", str(store), "-q")
    rng = random.Random(2)
    found = []
    for fraction in (0.2, 0.55, 0.7, 0.85):  # start-up, then among the writes
        if kill_during(command, seconds * (fraction + rng.uniform(-0.04, 0.04))):
            found.append(after_kill(store))
    assert any(0 < n < LOAD_ARTICLES for n in found), f"no kill landed while graphs were written: {found}"
    run_to_completion(command)
    assert quads_of(store) == quads_of(clean_store)


# -- idempotency (in this process: one spaCy load for all) ----------------------------------


def test_reingesting_unchanged_articles_changes_nothing(corpus, clean_ingest, tmp_path):
    clean_store, _ = clean_ingest
    before = quads_of(clean_store)
    with open_store(str(clean_store)) as store:
        summary = ingest([corpus], store, Settings(store=str(clean_store)), show_progress=False)
    assert (summary.written, summary.unchanged) == (0, ARTICLES)
    assert quads_of(clean_store) == before


def test_a_changed_article_replaces_its_graph_and_nothing_else(tmp_path):
    folder = tmp_path / "in"
    write_corpus(folder, 3)
    store_path, settings = tmp_path / "store", Settings(store=str(tmp_path / "store"))
    with open_store(str(store_path)) as store:
        ingest([folder], store, settings, show_progress=False)
    before = quads_of(store_path)

    rows = [json.loads(line) for line in (folder / "wire.jsonl").read_text().splitlines()]
    rows[1]["text"] = rows[1]["text"].replace("talks with Taliban representatives", "a ceasefire with the Taliban")
    (folder / "wire.jsonl").write_text("".join(json.dumps(row) + "\n" for row in rows))
    with open_store(str(store_path)) as store:
        summary = ingest([folder], store, settings, show_progress=False)
    assert (summary.written, summary.unchanged) == (1, 2)
    after = quads_of(store_path)

    changed = "<https://w3id.org/annals/id/article/wire-1> ."
    entities = "<https://w3id.org/annals/id/graph/entities> ."

    def other_articles(quads):
        # Merged events are derived from every article and may change with this one.
        return [q for q in quads if not q.endswith((changed, entities)) and "/graph/events/" not in q]

    # Every other article graph is untouched; the changed one holds the new text, not the old.
    assert other_articles(after) == other_articles(before)
    new_graph = "\n".join(q for q in after if q.endswith(changed))
    assert "a ceasefire with the Taliban" in new_graph and "talks with Taliban representatives" not in new_graph
    assert_opens_and_conforms(store_path)


def test_forcing_a_reingest_writes_the_same_triples(corpus, clean_ingest, tmp_path):
    clean_store, _ = clean_ingest
    store_path = tmp_path / "store"
    with open_store(str(store_path)) as store:
        ingest([corpus], store, Settings(store=str(store_path)), show_progress=False)
        summary = ingest([corpus], store, Settings(store=str(store_path)), force=True, show_progress=False)
    assert summary.written == ARTICLES
    assert quads_of(store_path) == quads_of(clean_store)
