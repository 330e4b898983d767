"""``kb serve`` under load: 16 concurrent clients for 60 s on loopback, a mix of what people ask.

    python bench/load_serve.py [--events 200000] [--workdir bench/out] [--store PATH]
                               [--clients 16] [--duration 60] [--warmup 10] [--threads 8]

Starts a real ``kb serve`` (waitress, the store run by its supervised child
process, the timeline index beside the store) on a free loopback port, over
the store ``bench/timeline.py`` builds for ``--events`` (built here if missing)
or over ``--store``. Then ``--clients`` threads, each with its own keep-alive
HTTP connection (``http.client``), send requests back to back for
``--warmup`` seconds (not counted) and ``--duration`` seconds (counted), and
stop by themselves. The mix, by weight:

* timeline pages: ``/`` at a random page of the first 100, oldest or newest first (30);
* filtered timelines: a random type, actor, place (countries and provinces
  too, so the places inside count) or month, page 1 (35);
* event pages: ``/id/event/...`` of a random event as the timeline links it:
  a merged (canonical) event with its sources side by side (20);
* SPARQL queries on ``/sparql`` (JSON results): each bounded (LIMIT, one
  event, or one actor) and under the server's time limit (15).

Prints throughput, p50 and p99 per kind and overall, the errors (any answer
but 200, or no answer), and the resident memory of the server (``kb serve``
and its store process, from /proc) when the load starts, every 10 s, and at
the end. Targets (issue 6): no errors, p99 < 1 s at 200,000 events, memory flat.
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import subprocess
import sys
import threading
import time
import urllib.parse
from collections import defaultdict
from pathlib import Path

from common import REPO, PYTHON, machine, percentile, table
from synthetic import KB, SEM

WEIGHTS = {"timeline": 30, "filter": 35, "event": 20, "sparql": 15}
SAMPLE_EVENTS = 2000
CLASSES = ["Bombing", "Airstrike", "Shelling", "ArmedAssault", "ArmedClash", "Takeover", "Kidnapping",
           "Assassination", "Arson", "Attack", "Talks", "PeaceProposal", "Ceasefire", "PeaceAgreement", "Negotiation"]


# -- the server ------------------------------------------------------------------------------


def free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Server:
    """``kb serve`` as a user starts it, on a free loopback port."""

    def __init__(self, store: str, threads: int, log: Path) -> None:
        self.port = free_port()
        self.log = open(log, "w+b")
        started = time.monotonic()
        self.process = subprocess.Popen(
            [PYTHON, "-m", "kb", "serve", "--store", store, "--port", str(self.port), "--threads", str(threads)],
            stdout=self.log, stderr=subprocess.STDOUT, cwd=REPO,
        )
        self._wait_ready()
        self.start_seconds = time.monotonic() - started

    def _wait_ready(self, seconds: float = 1800) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.log.seek(0)
                raise SystemExit(f"kb serve exited: {self.log.read().decode(errors='replace')}")
            try:
                status, _ = request(self.connection(), "GET", "/sparql?query=" + urllib.parse.quote("ASK {}"))
                if status == 200:
                    return
            except OSError:
                time.sleep(0.2)
        raise SystemExit("kb serve did not start in time")

    def connection(self) -> http.client.HTTPConnection:
        return http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)

    def rss_mb(self) -> tuple[float, float]:
        """Resident memory in MB of kb serve itself, and of the processes under it (the store's child)."""
        pids = _tree(self.process.pid)
        return _rss_kb(pids[0]) / 1024, sum(_rss_kb(pid) for pid in pids[1:]) / 1024

    def cpu_seconds(self) -> tuple[float, float]:
        """CPU time used so far by kb serve itself, and by the processes under it."""
        pids = _tree(self.process.pid)
        return _cpu(pids[0]), sum(_cpu(pid) for pid in pids[1:])

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()


def _tree(pid: int) -> list[int]:
    found, todo = [], [pid]
    while todo:
        current = todo.pop()
        found.append(current)
        for task in Path(f"/proc/{current}/task").glob("*/children"):
            try:
                todo += [int(child) for child in task.read_text().split()]
            except OSError:
                pass
    return found


def _rss_kb(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


def _cpu(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    except (OSError, IndexError, ValueError):
        return 0.0


def request(conn: http.client.HTTPConnection, method: str, path: str, headers: dict | None = None) -> tuple[int, bytes]:
    conn.request(method, path, headers=headers or {})
    response = conn.getresponse()
    return response.status, response.read()


# -- what to ask -----------------------------------------------------------------------------------


def sparql_json(server: Server, query: str) -> list[dict]:
    status, body = request(server.connection(), "GET", "/sparql?query=" + urllib.parse.quote(query),
                           {"Accept": "application/sparql-results+json"})
    if status != 200:
        raise SystemExit(f"cannot read the store through /sparql ({status}): {body[:300]!r}")
    return [{k: v["value"] for k, v in row.items()} for row in json.loads(body)["results"]["bindings"]]


class Workload:
    """The pools requests are drawn from, read from the server once before the load."""

    def __init__(self, server: Server) -> None:
        # The events the timeline lists and links: merged events (kb:sourceCount), not each article's report.
        sample = f"SELECT ?e WHERE {{ ?e <{KB}sourceCount> ?n }} LIMIT {SAMPLE_EVENTS}"
        self.events = [row["e"] for row in sparql_json(server, sample)]
        if not self.events:
            raise SystemExit("the store has no merged events to ask about (run kb merge --rebuild)")
        self.actors = [row["a"] for row in sparql_json(server, f"SELECT DISTINCT ?a WHERE {{ ?a a <{SEM}Actor> }} LIMIT 400")]
        places = f"SELECT DISTINCT ?p WHERE {{ ?p <https://schema.org/containedInPlace> ?q }} LIMIT 400"
        containers = f"SELECT DISTINCT ?q WHERE {{ ?p <https://schema.org/containedInPlace> ?q }} LIMIT 400"
        self.places = [r["p"] for r in sparql_json(server, places)] + [r["q"] for r in sparql_json(server, containers)]
        stamps = sparql_json(server, f"SELECT ?d WHERE {{ <{self.events[0]}> <{SEM}hasTimeStamp> ?d }}")
        year = int(stamps[0]["d"][:4]) if stamps else 2015
        self.years = range(max(1, year - 10), year + 10)
        self.base = self.events[0].split("/event/")[0] + "/"
        if not (self.events and self.actors and self.places):
            raise SystemExit("the store has no events, actors or places to ask about")

    def path(self, kind: str, rng: random.Random) -> tuple[str, dict]:
        if kind == "timeline":
            order = rng.choice(["oldest", "newest"])
            return f"/?order={order}&page={rng.randint(1, 100)}", {}
        if kind == "filter":
            which = rng.choice(["type", "actor", "place", "month"])
            if which == "type":
                return f"/?type={rng.choice(CLASSES)}", {}
            if which == "actor":
                return "/?actor=" + urllib.parse.quote(rng.choice(self.actors), safe=""), {}
            if which == "place":
                return "/?place=" + urllib.parse.quote(rng.choice(self.places), safe=""), {}
            year, month = rng.choice(self.years), rng.randint(1, 12)
            last = 28 if month == 2 else 30 if month in (4, 6, 9, 11) else 31
            return f"/?from={year}-{month:02d}-01&to={year}-{month:02d}-{last}", {}
        if kind == "event":
            return "/id/" + rng.choice(self.events).removeprefix(self.base), {}
        return "/sparql?query=" + urllib.parse.quote(self.sparql(rng)), {"Accept": "application/sparql-results+json"}

    def sparql(self, rng: random.Random) -> str:
        event, actor = f"<{rng.choice(self.events)}>", f"<{rng.choice(self.actors)}>"
        label = "<http://www.w3.org/2000/01/rdf-schema#label>"
        return rng.choice([
            f"SELECT ?e ?label WHERE {{ ?e a <{KB}{rng.choice(CLASSES)}> ; {label} ?label }} LIMIT 20",
            f"SELECT ?e ?d WHERE {{ ?e <{SEM}hasActor> {actor} ; <{SEM}hasTimeStamp> ?d }} ORDER BY DESC(?d) LIMIT 20",
            f"SELECT ?p ?o WHERE {{ {event} ?p ?o }}",
            f"SELECT (COUNT(?e) AS ?n) WHERE {{ ?e <{SEM}hasActor> {actor} }}",
            f"ASK {{ {event} a <{SEM}Event> }}",
            f"SELECT ?place ?label WHERE {{ {event} <{SEM}hasPlace>/<https://schema.org/containedInPlace>* ?place . "
            f"?place {label} ?label }}",
        ])


# -- the load ------------------------------------------------------------------------------------------


class Results:
    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.times: dict[str, list[float]] = defaultdict(list)
        self.errors: dict[str, list[str]] = defaultdict(list)

    def add(self, kind: str, seconds: float, error: str | None) -> None:
        with self.lock:
            self.times[kind].append(seconds)
            if error:
                self.errors[kind].append(error)


def client(server: Server, workload: Workload, seed: int, until: float, results: Results | None) -> None:
    rng = random.Random(seed)
    kinds, weights = list(WEIGHTS), list(WEIGHTS.values())
    conn = server.connection()
    while time.monotonic() < until:
        kind = rng.choices(kinds, weights)[0]
        path, headers = workload.path(kind, rng)
        started = time.perf_counter()
        error = None
        try:
            status, _ = request(conn, "GET", path, headers)
            if status != 200:
                error = f"{status} {path[:120]}"
        except (OSError, http.client.HTTPException) as problem:
            error = f"{type(problem).__name__}: {problem} {path[:120]}"
            conn.close()
            conn = server.connection()
        if results is not None:
            results.add(kind, time.perf_counter() - started, error)
    conn.close()


def run_load(server: Server, workload: Workload, clients: int, seconds: float, results: Results | None, seed: int):
    until = time.monotonic() + seconds
    threads = [
        threading.Thread(target=client, args=(server, workload, seed * 1000 + i, until, results), daemon=True)
        for i in range(clients)
    ]
    for thread in threads:
        thread.start()
    return threads


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=200_000, help="size of the bench/timeline.py store to serve")
    parser.add_argument("--workdir", type=Path, default=Path(__file__).resolve().parent / "out")
    parser.add_argument("--store", help="serve this store instead")
    parser.add_argument("--clients", type=int, default=16)
    parser.add_argument("--duration", type=float, default=60.0, help="seconds of counted load")
    parser.add_argument("--warmup", type=float, default=10.0, help="seconds of load before counting")
    parser.add_argument("--threads", type=int, default=8, help="kb serve --threads")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()

    print(f"machine: {machine()}")
    if args.store:
        store = args.store
    else:
        from timeline import build

        store = build(args.events, args.workdir)["store"]
    log = args.workdir / "load_serve-server.log"
    args.workdir.mkdir(parents=True, exist_ok=True)
    server = Server(store, args.threads, log)
    try:
        print(f"kb serve on port {server.port} ({args.threads} threads) over {store}: ready in {server.start_seconds:.1f} s "
              f"(log: {log})")
        workload = Workload(server)
        memory = [("ready", server.rss_mb())]
        for thread in run_load(server, workload, args.clients, args.warmup, None, args.seed + 1):
            thread.join()
        memory.append(("after warm-up (load starts)", server.rss_mb()))
        results = Results()
        cpu_before = server.cpu_seconds()
        started = time.monotonic()
        threads = run_load(server, workload, args.clients, args.duration, results, args.seed)
        next_sample = started + 10
        while any(thread.is_alive() for thread in threads):
            time.sleep(0.2)
            if time.monotonic() >= next_sample and time.monotonic() < started + args.duration:
                memory.append((f"{next_sample - started:.0f} s", server.rss_mb()))
                next_sample += 10
        elapsed = time.monotonic() - started
        cpu_after = server.cpu_seconds()
        memory.append(("end", server.rss_mb()))
    finally:
        server.stop()

    rows = []
    everything, all_errors = [], []
    for kind in WEIGHTS:
        times, errors = results.times[kind], results.errors[kind]
        everything += times
        all_errors += errors
        if times:
            rows.append([kind, len(times), f"{len(times) / elapsed:.1f}", f"{percentile(times, 0.5) * 1000:.0f}",
                         f"{percentile(times, 0.99) * 1000:.0f}", f"{max(times) * 1000:.0f}", len(errors)])
    rows.append(["all", len(everything), f"{len(everything) / elapsed:.1f}",
                 f"{percentile(everything, 0.5) * 1000:.0f}", f"{percentile(everything, 0.99) * 1000:.0f}",
                 f"{max(everything) * 1000:.0f}", len(all_errors)])
    print()
    print(f"{args.clients} clients for {elapsed:.0f} s (after {args.warmup:g} s of warm-up), keep-alive HTTP/1.1 on loopback")
    print(table(["requests", "count", "per second", "p50 (ms)", "p99 (ms)", "max (ms)", "errors"], rows))
    print()
    print(table(
        ["server memory (RSS, MB)", "kb serve", "store process", "total"],
        [[when, f"{web:,.0f}", f"{child:,.0f}", f"{web + child:,.0f}"] for when, (web, child) in memory],
    ))
    web_cpu, child_cpu = (after - before for after, before in zip(cpu_after, cpu_before))
    print(f"\nCPU during the counted load: kb serve {web_cpu:.0f} s ({web_cpu / elapsed:.0%} of one core), "
          f"store process {child_cpu:.0f} s ({child_cpu / elapsed:.0%}); "
          f"{web_cpu / max(1, len(everything)) * 1000:.0f} ms of kb serve CPU per request")
    for error in all_errors[:10]:
        print(f"error: {error}")
    if len(all_errors) > 10:
        print(f"... and {len(all_errors) - 10} more errors")
    sys.exit(0)


if __name__ == "__main__":
    main()
