"""Ingest throughput against a bare spaCy parse, the SHACL share, and peak memory.

    python bench/ingest.py [--articles 1000] [--memory-articles 10000] [--work /tmp/annals-bench]

1. Writes ``--articles`` realistic synthetic reports (``bench/articles.py``).
2. Times two whole processes on the same texts: ``kb ingest`` into a fresh
   embedded store, and ``bench/spacy_parse.py`` (the same spaCy model, every
   pipe, nothing else). Prints articles per second and their ratio
   (target: ingest <= 2.0 x the bare parse).
3. Runs the ingest once more with a stopwatch per stage
   (``bench/ingest_profile.py``) and prints where the time goes, SHACL's share
   included (target <= 15 %).
4. With ``--memory-articles N`` (0 to skip), ingests N articles in one
   process and prints its peak resident memory (target < 2 GB for 10,000).

Peak memory is the kernel's figure for the process (``wait4``'s ``ru_maxrss``).
Timings are wall-clock on whatever else the machine is doing: the load
average at the start is printed with the machine.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
from pathlib import Path

from articles import write_articles
from common import PYTHON, REPO, kb, machine, run_measured, table


def fresh(path: Path) -> Path:
    shutil.rmtree(path, ignore_errors=True)
    return path


def throughput(count: int, work: Path) -> None:
    folder = work / f"articles-{count}"
    fresh(folder)
    write_articles(count, folder)
    words = sum(len(json.loads(line)["text"].split()) for f in folder.glob("*.jsonl") for line in f.open())
    print(f"{count} articles, {words / count:.0f} words each on average")

    parse = run_measured([PYTHON, str(REPO / "bench" / "spacy_parse.py"), str(folder)])
    ingest = run_measured(kb("ingest", str(folder), "--store", str(fresh(work / "ingest-store")), "-q"))
    for name, run in (("bare spaCy parse", parse), ("kb ingest", ingest)):
        if run.returncode != 0:
            raise SystemExit(f"{name} failed:\n{run.stderr}")
    print(ingest.stderr.strip().splitlines()[-1])
    rows = [
        ["bare spaCy parse (same model, all pipes)", f"{parse.seconds:.1f}", f"{count / parse.seconds:.2f}", f"{parse.peak_rss_mb:.0f}"],
        ["kb ingest (--jobs 1, embedded store)", f"{ingest.seconds:.1f}", f"{count / ingest.seconds:.2f}", f"{ingest.peak_rss_mb:.0f}"],
    ]
    print(table(["whole process", "seconds", "articles/s", "peak RSS MB"], rows))
    print(f"ratio kb ingest / bare parse: {ingest.seconds / parse.seconds:.2f} (target <= 2.0)\n")


def stage_table(count: int, work: Path) -> None:
    folder = work / f"articles-{count}"
    output = subprocess.run(
        [PYTHON, str(REPO / "bench" / "ingest_profile.py"), str(folder), str(fresh(work / "profile-store"))],
        capture_output=True, text=True, cwd=REPO, check=True,
    )
    spent = json.loads(output.stdout.strip().splitlines()[-1])
    total = spent.pop("total")
    spent.pop("articles")
    known = sum(spent.values())
    spent["other (progress, hashes, Python)"] = total - known
    rows = [[stage, f"{seconds:.1f}", f"{100 * seconds / total:.1f} %", f"{1000 * seconds / count:.1f}"]
            for stage, seconds in spent.items()]
    rows.append(["total (one process)", f"{total:.1f}", "100 %", f"{1000 * total / count:.1f}"])
    print(table(["stage of kb ingest", "seconds", "share", "ms per article"], rows))
    print(f"SHACL share of ingest time: {100 * spent.get('SHACL', 0) / total:.1f} % (target <= 15 %)\n")


def memory(count: int, work: Path) -> None:
    folder = work / f"articles-{count}"
    fresh(folder)
    write_articles(count, folder, seed=2)
    run = run_measured(kb("ingest", str(folder), "--store", str(fresh(work / "memory-store")), "-q"))
    if run.returncode != 0:
        raise SystemExit(f"kb ingest failed:\n{run.stderr}")
    print(run.stderr.strip().splitlines()[-1])
    print(f"peak memory of kb ingest of {count} articles (one process): {run.peak_rss_mb:.0f} MB "
          f"in {run.seconds:.0f} s ({count / run.seconds:.2f} articles/s) (target < 2048 MB)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=1000, help="for throughput and stage shares (0 to skip)")
    parser.add_argument("--memory-articles", type=int, default=10_000, metavar="N")
    parser.add_argument("--work", type=Path, default=Path("/tmp/annals-bench"))
    args = parser.parse_args()
    args.work.mkdir(parents=True, exist_ok=True)
    print(f"machine: {machine()}")
    if args.articles:
        throughput(args.articles, args.work)
        stage_table(args.articles, args.work)
    if args.memory_articles:
        memory(args.memory_articles, args.work)


if __name__ == "__main__":
    main()
