"""Timeline latency with and without the timeline index, at 10k, 200k and 1M synthetic events.

    python bench/timeline.py [--sizes 10000,200000,1000000] [--workdir bench/out]
                             [--rounds 30] [--sparql-rounds 5] [--budget-minutes 20]

For each size, a store is built once and kept under ``--workdir`` (git-ignored)
for later runs: synthetic N-Quads (``bench/synthetic.py``, each actor and place
described once) and the merged (canonical) event of each of their events, the
only events the timeline lists (issue 7), bulk-loaded into an on-disk Oxigraph
store with the ontology graph, then its timeline index built from the store as
``kb serve`` would on first start (``kb.index.with_index``). The build times
are measured and printed.

The merged events are written directly, one per event, in the shape
``kb.merge`` gives an event reported once
(``tests.web_helpers.singleton_canonical_quads``): running the merge over the
store takes about 3.4 ms per event on this machine (34 s at 10k, an hour at 1M),
and on this data it joins almost nothing (2 pairs of 10,000 events: the events
are drawn independently over 3,000 cities), so every event is its own merged
event with one source. A size whose build would not fit in ``--budget-minutes`` (estimated
from the size before it, scaled linearly) is skipped with a note.

Then the timeline page ``/`` is requested through the Flask test client, the
whole request (index or SPARQL for the page, the total and the month strip,
SPARQL for the 50 events' details, rendering), unfiltered and filtered by
type, actor, place (a country: the places inside it included) and month,
over the store as ``kb serve`` opens it (run by a supervised child process):

* **index**: the app's default, ``--rounds`` requests per page after one warm-up;
* **SPARQL**: the same store without its index (what ``KB_INDEX=off`` serves),
  ``--sparql-rounds`` requests per page, 2 when a page takes over ``SLOW_SECONDS``
  (tens of seconds each at 1M events); p95 of 2 is their maximum.

Prints p50 and p95 in milliseconds per page and path, the number of events the
filter matches, the machine and its load.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import time
from pathlib import Path

import pyoxigraph as ox

from common import REPO, machine, percentile, table
from synthetic import BASE, write_synthetic

from kb.config import Settings
from kb.index import index_of, with_index
from kb.store.embedded import EmbeddedStore
from kb.store.supervised import SupervisedStore

GENERATOR = "bench/synthetic.py seed 1, entities once, one merged event per event"
STORE_VERSION = "2"  # bump when the way stores are built changes, to build them again (2: merged events)
SPARQL_TIME_LIMIT = 600.0  # seconds: without the index, the pages' queries take long at 1M events
SLOW_SECONDS = 10.0  # a page slower than this is timed twice only (SPARQL at 1M events: minutes per page)

PAGES = {
    "timeline, page 1": "/",
    "type Bombing": "/?type=Bombing",
    "actor (armed group 0)": f"/?actor={BASE}actor/armedgroup-0",
    "place (country 0, inside included)": f"/?place={BASE}place/100000",
    "month (2012-06)": "/?from=2012-06-01&to=2012-06-30",
    "timeline, newest first, page 40": "/?order=newest&page=40",
}
TARGETS = list(PAGES)[:5]  # the pages issue 6 sets targets for


def parse_sizes(text: str) -> list[int]:
    sizes = []
    for part in text.split(","):
        part = part.strip().lower().replace("_", "")
        scale = {"k": 1_000, "m": 1_000_000}.get(part[-1:], 1)
        sizes.append(int(float(part.rstrip("km")) * scale))
    return sorted(sizes)


def human(n: int) -> str:
    return f"{n // 1_000_000}M" if n >= 1_000_000 and n % 1_000_000 == 0 else f"{n // 1000}k" if n % 1000 == 0 else str(n)


def folder_size(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file())


# -- building ------------------------------------------------------------------------------


def build(events: int, workdir: Path) -> dict:
    """The store (and its index) for ``events``, built unless a complete one is already there."""
    folder = workdir / f"timeline-{events}-v{STORE_VERSION}"
    record = folder / "build.json"
    if record.exists():
        built = json.loads(record.read_text())
        built["reused"] = True
        return built
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    store_path = folder / "store"
    data = folder / "events.nq"
    print(f"building {events:,} events in {folder} ...", file=sys.stderr, flush=True)
    started = time.monotonic()
    articles, quads = write_synthetic(events, data, seed=1, entities_once=True)
    merged = data.with_name("merged-events.nq")
    merged_quads = write_merged_events(data, merged)
    generated = time.monotonic()
    store = ox.Store(str(store_path))
    store.bulk_load(path=str(data), format=ox.RdfFormat.N_QUADS)
    store.bulk_load(path=str(merged), format=ox.RdfFormat.N_QUADS)
    from kb.ontology import ONTOLOGY_GRAPH, load_ontology

    ontology = load_ontology().serialize(format="nt", encoding="utf-8")
    store.bulk_load(ontology, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(ONTOLOGY_GRAPH))
    store.flush()
    del store
    data.unlink()
    merged.unlink()
    loaded = time.monotonic()
    indexed = with_index(EmbeddedStore(store_path), Settings(store=str(store_path)))
    indexed.close()
    finished = time.monotonic()
    built = {
        "events": events,
        "articles": articles,
        "quads": quads + merged_quads,
        "generate_s": round(generated - started, 1),
        "bulk_load_s": round(loaded - generated, 1),
        "index_s": round(finished - loaded, 1),
        "store_bytes": folder_size(store_path),
        "index_bytes": folder_size(Path(str(store_path) + ".index.sqlite")),
        "store": str(store_path),
    }
    record.write_text(json.dumps(built, indent=2))
    built["reused"] = False
    return built


def write_merged_events(articles: Path, out: Path) -> int:
    """The merged event of each event of the N-Quads file ``articles``, written to ``out``; returns the quads."""
    sys.path.insert(0, str(REPO))  # the shape is shared with the tests' synthetic stores
    from tests.web_helpers import singleton_canonical_quads

    from kb.ids import Iris

    written = 0
    with open(articles, encoding="utf-8") as lines, open(out, "w", encoding="utf-8") as target:
        for quad in singleton_canonical_quads(lines, Iris(BASE)):
            target.write(quad)
            written += 1
    return written


def build_seconds(built: dict) -> float:
    return built["generate_s"] + built["bulk_load_s"] + built["index_s"]


# -- measuring -----------------------------------------------------------------------------


def timed_requests(client, url: str, rounds: int) -> list[float]:
    """``rounds`` timings after a warm-up request; 2 only when the warm-up took over SLOW_SECONDS."""
    started = time.perf_counter()
    response = client.get(url)  # warm-up: caches, the menus' first computation
    if response.status_code != 200:
        raise SystemExit(f"{url}: HTTP {response.status_code}: {response.get_data(as_text=True)[:300]}")
    if time.perf_counter() - started > SLOW_SECONDS:
        rounds = min(rounds, 2)
    times = []
    for _ in range(rounds):
        started = time.perf_counter()
        response = client.get(url)
        times.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200
    return times


def matched(client, url: str) -> str:
    import re

    html = client.get(url).get_data(as_text=True)
    found = re.search(r"of ([\d,]+) events?", html)
    return found.group(1) if found else "?"


def measure(built: dict, rounds: int, sparql_rounds: int) -> tuple[list[list[object]], float]:
    from web import create_app

    store_path = built["store"]
    settings = Settings(store=store_path, query_timeout=SPARQL_TIME_LIMIT)
    started = time.monotonic()
    indexed = with_index(SupervisedStore(store_path, query_timeout=SPARQL_TIME_LIMIT), settings)
    check = time.monotonic() - started
    assert index_of(indexed) is not None
    plain = indexed.inner  # the same store without its index: the app then answers with SPARQL
    rows = []
    try:
        fast = create_app(settings, store=indexed).test_client()
        slow = create_app(settings, store=plain).test_client()
        for name, url in PAGES.items():
            with_index_ms = timed_requests(fast, url, rounds)
            without_ms = timed_requests(slow, url, sparql_rounds) if sparql_rounds else []
            rows.append([
                human(built["events"]), name, matched(fast, url),
                f"{percentile(with_index_ms, 0.5):.0f}", f"{percentile(with_index_ms, 0.95):.0f}",
                f"{percentile(without_ms, 0.5):.0f}" if without_ms else "-",
                f"{percentile(without_ms, 0.95):.0f}" if without_ms else "-",
            ])
            print(f"  {human(built['events'])} {name}: index p50 {rows[-1][3]} ms, SPARQL p50 {rows[-1][5]} ms",
                  file=sys.stderr, flush=True)
    finally:
        indexed.close()
    return rows, check


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="10000,200000,1000000", help="event counts (10k, 200k, 1M also work)")
    parser.add_argument("--workdir", type=Path, default=Path(__file__).resolve().parent / "out")
    parser.add_argument("--rounds", type=int, default=30, help="timed requests per page with the index")
    parser.add_argument("--sparql-rounds", type=int, default=5, help="timed requests per page without it (0: skip)")
    parser.add_argument("--budget-minutes", type=float, default=20.0, help="skip a size whose build would take longer")
    args = parser.parse_args()

    print(f"machine: {machine()}")
    print(f"data: {GENERATOR}; stores in {args.workdir}")
    builds, results, previous = [], [], None
    for events in parse_sizes(args.sizes):
        folder_done = (args.workdir / f"timeline-{events}-v{STORE_VERSION}" / "build.json").exists()
        if previous is not None and not folder_done:
            estimate = build_seconds(previous) * events / previous["events"]
            if estimate > args.budget_minutes * 60:
                print(f"skipping {events:,} events: building would take about {estimate / 60:.0f} min "
                      f"(over --budget-minutes {args.budget_minutes:g})")
                continue
        built = build(events, args.workdir)
        previous = built
        rows, check = measure(built, args.rounds, args.sparql_rounds)
        built["check_s"] = check
        builds.append(built)
        results += rows

    print()
    print(table(
        ["events", "quads", "N-Quads (s)", "bulk load (s)", "store (MB)", "index build (s)", "index (MB)",
         "index check on open (s)", "reused"],
        [[human(b["events"]), f"{b['quads']:,}", b["generate_s"], b["bulk_load_s"], f"{b['store_bytes'] / 1e6:,.0f}",
          b["index_s"], f"{b['index_bytes'] / 1e6:,.0f}", f"{b['check_s']:.1f}", "yes" if b["reused"] else "no"]
         for b in builds],
    ))
    print()
    print(f"timeline page `/` in ms (Flask test client, whole request; {args.rounds} requests per page with the "
          f"index, {args.sparql_rounds} without (2 when a page takes over {SLOW_SECONDS:g} s); "
          "targets: p50 < 100 ms at 200k, < 200 ms at 1M)")
    print(table(["events", "page", "matching events", "index p50", "index p95", "SPARQL p50", "SPARQL p95"], results))
    print(f"\nload average at the end: {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
