"""SPARQL latency of typical queries on synthetic stores of 10k, 200k (and 1M) events.

    python bench/sparql.py [--events 10000 200000 1000000] [--runs 20] [--work /tmp/annals-bench]

For each size: write the synthetic N-Quads (``bench/synthetic.py``, entity
descriptions once), bulk-load them into a fresh on-disk Oxigraph store (the
build time is printed: at 1M events it takes minutes), then run each query
once to warm the caches and ``--runs`` times more through ``EmbeddedStore``
(what ``kb query`` and the web app use: default graph = union of all graphs),
and print p50 and p95 in milliseconds. Queries that pass ``SLOW_LIMIT`` seconds
on their warm-up run are run three times only, and those past
``VERY_SLOW_LIMIT`` only once (that run is then the figure), so big stores are
measured in minutes, not hours. The stores are kept under ``--work`` for reuse (``--reuse``).
"""

from __future__ import annotations

import argparse
import shutil
import time
from pathlib import Path

import pyoxigraph as ox

from common import machine, percentile, table
from synthetic import BASE, write_synthetic

from kb.store.embedded import EmbeddedStore

SLOW_LIMIT = 2.0
VERY_SLOW_LIMIT = 10.0
PREFIXES = """PREFIX kb: <https://w3id.org/annals/ns#>
PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/>
PREFIX schema: <https://schema.org/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""
TIMELINE = """SELECT ?e ?date ?label ?place WHERE {{
  ?e a sem:Event ; sem:hasTimeStamp ?date ; rdfs:label ?label .
  OPTIONAL {{ ?e sem:hasPlace ?place }}
  {filter}
}} ORDER BY DESC(?date) ?e LIMIT 50"""

QUERIES = {
    "timeline, newest 50": TIMELINE.format(filter=""),
    "timeline, type kb:Bombing": TIMELINE.format(filter="?e a kb:Bombing ."),
    "timeline, one actor": TIMELINE.format(filter=f"?e sem:hasActor <{BASE}actor/armedgroup-0> ."),
    "timeline, places in a province": TIMELINE.format(
        filter=f"?e sem:hasPlace ?p . ?p schema:containedInPlace* <{BASE}place/100001> ."
    ),
    "timeline, one month": TIMELINE.format(
        filter='FILTER(?date >= "2010-03-01"^^xsd:date && ?date < "2010-04-01"^^xsd:date)'
    ),
    "timeline, text 'Bombing 2'": TIMELINE.format(filter='FILTER(CONTAINS(LCASE(?label), "bombing 2"))'),
    "one event's triples": f"SELECT ?p ?o WHERE {{ <{BASE}event/EVENT> ?p ?o }}",
    "events per type": "SELECT ?type (COUNT(?e) AS ?n) WHERE { ?e a sem:Event , ?type } GROUP BY ?type ORDER BY DESC(?n)",
    "killed per country and year": """SELECT ?country ?year (SUM(?k) AS ?killed) WHERE {
  ?e kb:killed ?k ; sem:hasTimeStamp ?d ; sem:hasPlace/schema:containedInPlace/schema:containedInPlace ?country .
  BIND(YEAR(?d) AS ?year) } GROUP BY ?country ?year ORDER BY DESC(?killed) LIMIT 20""",
}


def build(events: int, work: Path, reuse: bool) -> tuple[Path, float | None]:
    folder = work / f"store-{events}"
    if reuse and folder.exists():
        return folder, None
    shutil.rmtree(folder, ignore_errors=True)
    data = work / f"synthetic-{events}.nq"
    started = time.monotonic()
    write_synthetic(events, data, entities_once=True)
    store = ox.Store(str(folder))
    store.bulk_load(path=str(data), format=ox.RdfFormat.N_QUADS)
    store.optimize()
    del store
    data.unlink()
    return folder, time.monotonic() - started


def measure(store: EmbeddedStore, sparql: str, runs: int) -> tuple[list[float], int]:
    """Timings of ``runs`` runs after a warm-up (fewer for slow queries: see the module docstring)."""
    started = time.monotonic()
    rows = len(store.select(sparql))
    first = time.monotonic() - started
    if first > VERY_SLOW_LIMIT:
        return [first], rows  # one cold run tells enough, and the next would take as long
    if first > SLOW_LIMIT:
        runs = 3
    timings = []
    for _ in range(runs):
        started = time.monotonic()
        store.select(sparql)
        timings.append(time.monotonic() - started)
    return timings, rows


def _ms(seconds: float) -> str:
    return f"{seconds * 1000:.1f}" if seconds < 0.01 else f"{seconds * 1000:.0f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, nargs="+", default=[10_000, 200_000])
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--work", type=Path, default=Path("/tmp/annals-bench"))
    parser.add_argument("--reuse", action="store_true", help="reuse stores built by an earlier run")
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    print(f"machine: {machine()}")
    columns = []
    results: dict[str, list[str]] = {name: [] for name in QUERIES}
    for events in args.events:
        folder, seconds = build(events, args.work, args.reuse)
        store = EmbeddedStore(folder, read_only=True)
        quads = len(store.oxigraph)
        built = f"built in {seconds:.0f} s" if seconds is not None else "reused"
        print(f"{events} events: {quads} quads, {built}, {sum(f.stat().st_size for f in folder.iterdir()) / 1e6:.0f} MB on disk")
        event = store.select("PREFIX sem: <http://semanticweb.cs.vu.nl/2009/11/sem/> SELECT ?e WHERE { ?e a sem:Event } LIMIT 1")
        event_id = event[0]["e"].rsplit("/", 1)[-1]
        for name, sparql in QUERIES.items():
            timings, rows = measure(store, PREFIXES + sparql.replace("EVENT", event_id), args.runs)
            results[name].append(f"{_ms(percentile(timings, 0.5))} / {_ms(percentile(timings, 0.95))}")
            print(f"  {name}: {rows} rows, p50 {percentile(timings, 0.5) * 1000:.1f} ms, "
                  f"p95 {percentile(timings, 0.95) * 1000:.1f} ms over {len(timings)} runs", flush=True)
        columns.append(f"{events:,} events: p50 / p95 ms")
        store.close()
    print()
    print(table(["query"] + columns, [[name] + cells for name, cells in results.items()]))


if __name__ == "__main__":
    main()
