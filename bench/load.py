"""``kb load`` throughput in quads per second, validated and not, embedded and over HTTP.

    python bench/load.py [--events 10000] [--work /tmp/annals-bench]

Writes synthetic N-Quads (``bench/synthetic.py``) in the ``kb extract`` layout
and times whole ``kb load`` processes into fresh stores:

* embedded store, each graph validated with SHACL (the default);
* embedded store, ``--no-validate``;
* embedded store, the same data with every entity described once (a layout
  ``kb load`` cannot stream, so it stages the file on disk first);
* ``oxigraph serve`` on loopback through the Graph Store Protocol,
  ``--no-validate`` (skipped when the ``oxigraph`` binary is not installed).

Quads per second count the quads of the file (entity triples repeated per
article included, as ``kb load`` reads and writes them); peak memory is the
process's resident maximum.
"""

from __future__ import annotations

import argparse
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from common import kb, machine, run_measured, table
from synthetic import write_synthetic


def fresh(path: Path) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    return path


def oxigraph_server(folder: Path):
    binary = Path(sys.executable).with_name("oxigraph")
    if not binary.exists():
        return None, None
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    process = subprocess.Popen(
        [str(binary), "serve", "--location", str(folder), "--bind", f"127.0.0.1:{port}"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    for _ in range(100):
        try:
            urllib.request.urlopen(f"{base}/query?query=ASK%7B%7D", timeout=1).close()
            return process, base
        except OSError:
            time.sleep(0.1)
    process.kill()
    return None, None


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--work", type=Path, default=Path("/tmp/annals-bench"))
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    print(f"machine: {machine()}")
    streamed = args.work / f"load-{args.events}.nq"
    staged = args.work / f"load-{args.events}-entities-once.nq"
    articles, quads = write_synthetic(args.events, streamed)
    _, staged_quads = write_synthetic(args.events, staged, entities_once=True)
    print(f"{args.events} events in {articles} articles: {quads} quads ({staged_quads} with each entity once)")

    runs = [
        ("embedded, validated (streamed)", streamed, quads, ["--store", str(args.work / "load-store")]),
        ("embedded, --no-validate (streamed)", streamed, quads, ["--store", str(args.work / "load-store"), "--no-validate"]),
        ("embedded, --no-validate (staged: entities once)", staged, staged_quads,
         ["--store", str(args.work / "load-store"), "--no-validate"]),
    ]
    server, base = oxigraph_server(fresh(args.work / "load-server"))
    if server is not None:
        runs.append((
            "oxigraph serve over HTTP (GSP), --no-validate", streamed, quads,
            ["--store", f"{base}/query?union-default-graph", "--update-url", f"{base}/update",
             "--gsp-url", f"{base}/store", "--no-validate"],
        ))
    rows = []
    try:
        for name, data, count, options in runs:
            fresh(args.work / "load-store")
            run = run_measured(kb("load", str(data), "-q", *options))
            if run.returncode != 0:
                raise SystemExit(f"kb load ({name}) failed:\n{run.stderr}")
            rows.append([name, f"{count}", f"{run.seconds:.1f}", f"{count / run.seconds:,.0f}", f"{run.peak_rss_mb:.0f}"])
            print(f"  {name}: {run.stderr.strip().splitlines()[-1]}", flush=True)
    finally:
        if server is not None:
            server.kill()
            server.wait()
    print(table(["kb load", "quads", "seconds", "quads/s", "peak RSS MB"], rows))


if __name__ == "__main__":
    main()
