"""The ``kb`` command line (also ``python -m kb``).

Each subcommand is a small function that parses nothing itself: argparse does the
parsing, the work lives in the modules the function calls. Messages for people go
to stderr, data to stdout, and every failure is one clear line, never a traceback.
"""

from __future__ import annotations

import argparse
import json
import sys
from datetime import date
from pathlib import Path

from kb import __version__
from kb.config import Settings
from kb.store import StoreError
from kb.store.base import DATASET_FORMATS, RDF_FORMATS, RESULT_FORMATS, QuerySyntaxError

DESCRIPTION = """\
Annals: turn news articles into a validated RDF knowledge base of events
(attacks, negotiations, ceasefires, peace deals) and serve it as a timeline.

Typical session:
  kb ingest seeds/                      read, extract, validate and store articles
  kb query 'SELECT (COUNT(*) AS ?n) WHERE { ?e a <http://semanticweb.cs.vu.nl/2009/11/sem/Event> }'
  kb export --format trig -o annals.trig
  kb serve                              the timeline on http://127.0.0.1:5000

The store is an embedded Oxigraph folder (default data/kb, or KB_STORE), or a remote
SPARQL 1.1 endpoint given as an http(s) URL with --update-url and --gsp-url.
"""


class UsageError(Exception):
    """A problem with what the user asked for; printed as one line."""


def parse_date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {text!r}") from None


def positive_int(text: str) -> int:
    try:
        value = int(text)
    except ValueError:
        value = 0
    if value < 1:
        raise argparse.ArgumentTypeError(f"expected a whole number of at least 1, got {text!r}")
    return value


def add_store_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("store")
    group.add_argument(
        "--store",
        metavar="S",
        help="an embedded store folder, or the URL of a SPARQL 1.1 query endpoint (default: $KB_STORE or data/kb)",
    )
    group.add_argument("--update-url", metavar="URL", help="SPARQL update endpoint of a remote store ($KB_UPDATE_URL)")
    group.add_argument("--gsp-url", metavar="URL", help="Graph Store Protocol endpoint of a remote store ($KB_GSP_URL)")


def settings_from(args: argparse.Namespace) -> Settings:
    return Settings.from_env().with_options(
        store=getattr(args, "store", None),
        update_url=getattr(args, "update_url", None),
        gsp_url=getattr(args, "gsp_url", None),
        max_bytes=getattr(args, "max_bytes", None),
        query_timeout=getattr(args, "timeout", None),
    )


def store_from(settings: Settings, *, read_only: bool = False, writer: bool = False):
    """The store; an embedded one that a running ``kb serve`` holds is reached through that server.

    See ``kb.store.served``: the command then says so once on stderr, and
    ``writer`` (the command will write) takes the server's writer lease.
    """
    from kb.store.served import open_or_reach

    return open_or_reach(settings, read_only=read_only, writer=writer, notify=say)


def writing_store(settings: Settings):
    """The store, with its timeline index (when it has one) kept in step with every write."""
    from kb.index import with_index
    from kb.store.served import ServedStore

    store = store_from(settings, writer=True)
    if isinstance(store, ServedStore):
        return store  # the server keeps its own index in step with what goes through it
    return with_index(store, settings, check=False)


def say(message: str) -> None:
    print(message, file=sys.stderr)


# ---------------------------------------------------------------------------
# Commands


def cmd_ingest(args: argparse.Namespace) -> int:
    from kb.ingest import ingest

    settings = settings_from(args)
    with writing_store(settings) as store:
        summary = ingest(
            args.paths,
            store,
            settings,
            published=args.published,
            jobs=args.jobs,
            force=args.force,
            show_progress=not args.quiet,
        )
    for problem in summary.problems:
        say(f"kb ingest: {problem}")
    if summary.undated:
        say(
            f"kb ingest: note: {summary.undated} article(s) had no publication date; their relative dates "
            "are left unresolved and marked kb:Unanchored (give one with --published YYYY-MM-DD)"
        )
    if summary.merge:
        say(f"merged events: {summary.merge.describe()}")
    say(
        f"ingested {summary.written} article(s) with {summary.events} event(s) from {summary.files} file(s) "
        f"into {settings.store}; {summary.unchanged} unchanged, {len(summary.problems)} problem(s)"
    )
    return 0 if summary.ok else 1


def read_query_text(text: str) -> str:
    return sys.stdin.read() if text == "-" else text


def cmd_query(args: argparse.Namespace) -> int:
    sparql = read_query_text(args.sparql)
    fmt = args.format
    result_format = fmt if fmt in RESULT_FORMATS else "json"
    rdf_format = fmt if fmt in RDF_FORMATS else "ttl"
    with store_from(settings_from(args), read_only=False) as store:
        try:
            output = store.query(sparql, result_format=result_format, rdf_format=rdf_format)
        except QuerySyntaxError as error:
            raise UsageError(f"the query does not parse: {error}") from None
    if output.kind != "graph" and fmt not in RESULT_FORMATS:
        raise UsageError(f"--format {fmt} is for CONSTRUCT/DESCRIBE; use json, csv, tsv or xml for SELECT/ASK")
    sys.stdout.buffer.write(output.body)
    if not output.body.endswith(b"\n"):
        sys.stdout.buffer.write(b"\n")
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    with store_from(settings_from(args)) as store:
        if args.output in (None, "-"):
            store.dump(sys.stdout.buffer, args.format)
        else:
            from kb.progress import CountingWriter, Progress

            with open(args.output, "wb") as out, Progress(None, "export", unit="bytes") as progress:
                store.dump(CountingWriter(out, progress), args.format)
            say(f"exported the knowledge base as {args.format} to {args.output}")
    return 0


def cmd_validate(args: argparse.Namespace) -> int:
    from kb.validate_store import validate_store

    with store_from(settings_from(args)) as store:
        report = validate_store(store, show_progress=True)
    if report.conforms:
        print(f"the store conforms to the shapes ({report.graphs} graph(s) checked)")
        return 0
    print(report.text)
    return 1


def cmd_remove(args: argparse.Namespace) -> int:
    from kb.merge.update import remove_articles

    settings = settings_from(args)
    iris = settings.iris
    with writing_store(settings) as store:
        stored = {graph for graph, _ in store.iter_graph_hashes()}
        graphs, unknown = [], []
        for name in args.articles:
            graph = name if name.startswith(("http://", "https://")) else iris.article_for_id(name)
            (graphs if graph in stored else unknown).append(graph)
        for graph in unknown:
            say(f"kb remove: no article <{graph}> in {settings.store}")
        summary = remove_articles(store, graphs, iris) if graphs else None
    changed = f"; {summary.describe()}" if summary else ""
    say(f"removed {len(graphs)} article(s){changed}")
    return 1 if unknown else 0


def cmd_merge(args: argparse.Namespace) -> int:
    from kb.merge import rebuild_merged_events, update_merged_events
    from kb.merge.update import articles_needing_merge

    settings = settings_from(args)
    with writing_store(settings) as store:
        if args.rebuild:
            summary = rebuild_merged_events(store, settings.iris)
        else:
            summary = update_merged_events(store, articles_needing_merge(store), settings.iris)
    say(f"merged events are up to date: {summary.describe()}")
    return 0


def cmd_index(args: argparse.Namespace) -> int:
    from kb.index.command import run
    from kb.store.served import ServedStore

    settings = settings_from(args)
    with store_from(settings) as store:
        if isinstance(store, ServedStore) and args.path is None:
            # The server has the index open: only it may check or replace the file.
            say(store.check_index(rebuild=args.rebuild))
            return 0
        return run(args, settings, store)


def cmd_extract(args: argparse.Namespace) -> int:
    from kb.dask_runner import DaskUnavailable
    from kb.nquads import extract_to_nquads

    settings = settings_from(args)
    try:
        summary = extract_to_nquads(
            args.paths,
            args.output,
            settings,
            published=args.published,
            jobs=args.jobs,
            dask=args.dask,
            show_progress=not args.quiet,
        )
    except DaskUnavailable as error:
        raise UsageError(str(error)) from None
    for problem in summary.problems:
        say(f"kb extract: {problem}")
    say(f"extracted {summary.written} article(s) with {summary.events} event(s) to {args.output}")
    return 0 if summary.ok else 1


def cmd_load(args: argparse.Namespace) -> int:
    from kb.load import load_files

    settings = settings_from(args)
    with writing_store(settings) as store:
        summary = load_files(args.files, store, settings, validate=not args.no_validate, show_progress=not args.quiet)
    for problem in summary.problems:
        say(f"kb load: {problem}")
    say(f"loaded {summary.graphs} graph(s), {summary.quads} quad(s); {len(summary.problems)} problem(s)")
    return 0 if summary.ok else 1


def cmd_timex(args: argparse.Namespace) -> int:
    from kb.timex import tag

    text = sys.stdin.read()
    found = tag(text, args.dct)
    rows = [{"start": t.start, "end": t.end, "text": t.text, "type": t.type, "value": t.value} for t in found]
    print(json.dumps(rows, ensure_ascii=False, indent=2))
    return 0


def cmd_serve(args: argparse.Namespace) -> int:
    from kb.serve import serve

    settings = settings_from(args)
    serve(settings, host=args.host, port=args.port, threads=args.threads)
    return 0


def cmd_eval(args: argparse.Namespace) -> int:
    from kb.evaluate import EvaluationError, evaluate, format_report

    gold = Path(args.gold)
    if not gold.is_dir():
        raise UsageError(f"{gold}: no such folder of gold articles")
    try:
        result = evaluate(gold)
    except EvaluationError as error:
        raise UsageError(str(error)) from None
    print(format_report(result))
    return 0


# ---------------------------------------------------------------------------
# The parser


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="kb", description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--version", action="version", version=f"kb {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")

    def command(name: str, help_text: str, description: str, handler) -> argparse.ArgumentParser:
        sub = commands.add_parser(
            name, help=help_text, description=description, formatter_class=argparse.RawDescriptionHelpFormatter
        )
        sub.set_defaults(handler=handler)
        return sub

    p = command(
        "ingest",
        "read articles and add them to the store",
        "Read article files or folders (.txt/.md with optional front matter, .jsonl, .html,\n"
        ".xml/.rss/.atom feeds), extract their events, validate each article's graph with\n"
        "SHACL and store it as one named graph (replacing an earlier version of the same\n"
        "article). A bad file gets one line naming it and why; the rest are still ingested\n"
        "and the exit status is 1.\n\n"
        "  kb ingest seeds/\n  kb ingest report.txt --published 2018-05-31",
        cmd_ingest,
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    p.add_argument("--published", type=parse_date, metavar="DATE", help="publication date for articles that give none")
    p.add_argument("--jobs", type=positive_int, default=1, metavar="N", help="worker processes for extraction")
    p.add_argument("--max-bytes", type=positive_int, metavar="N", help="largest file to read (default 5 MB)")
    p.add_argument("--force", action="store_true", help="re-extract articles even when unchanged")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress display")
    add_store_options(p)

    p = command(
        "query",
        "run a SPARQL 1.1 query",
        "Run a SPARQL query over the whole knowledge base (the default graph is the\n"
        "union of all named graphs). SELECT/ASK answer in json (W3C SPARQL results\n"
        "JSON), csv, tsv or xml; CONSTRUCT/DESCRIBE in ttl, nt or xml (RDF/XML).\n\n"
        "  kb query 'SELECT ?e ?label WHERE { ?e a <https://w3id.org/annals/ns#Attack> ; "
        "<http://www.w3.org/2000/01/rdf-schema#label> ?label }' --format csv\n"
        "  kb query - < question.rq",
        cmd_query,
    )
    p.add_argument("sparql", metavar="SPARQL", help="the query text, or - to read it from stdin")
    p.add_argument(
        "--format", default="json", choices=["json", "csv", "tsv", "xml", "ttl", "nt"], help="output format"
    )
    add_store_options(p)

    p = command(
        "export",
        "write the whole knowledge base as RDF",
        "Write every graph of the store. Dataset formats (trig, nq, jsonld) keep the\n"
        "named graphs; ttl, nt and xml hold the union of all graphs.\n\n  kb export --format trig -o annals.trig",
        cmd_export,
    )
    p.add_argument("--format", default="trig", choices=sorted(RDF_FORMATS), help="RDF format (default trig)")
    p.add_argument("-o", "--output", metavar="FILE", help="output file (default stdout)")
    add_store_options(p)

    p = command(
        "validate",
        "check the store against the SHACL shapes",
        "Validate every article graph (with the actors and places it refers to)\n"
        "against the shapes in shapes/. Exit 0 if all conform, 1 with a report if not.",
        cmd_validate,
    )
    add_store_options(p)

    p = command(
        "remove",
        "delete articles and everything derived from them",
        "Remove articles (by id, as given in their front matter or file name, or by\n"
        "IRI) and bring the merged events in step: an event whose last source is\n"
        "removed disappears.\n\n  kb remove seed-eid-ceasefire-2018-06-09",
        cmd_remove,
    )
    p.add_argument("articles", nargs="+", metavar="ARTICLE", help="article ids or IRIs")
    add_store_options(p)

    p = command(
        "merge",
        "bring the merged (canonical) events in step",
        "Ingest and load keep the canonical events (one per real-world incident, with\n"
        "every source) in step by themselves. Run this after an interrupted ingest, or\n"
        "with --rebuild to recompute every merged event from the article graphs.",
        cmd_merge,
    )
    p.add_argument("--rebuild", action="store_true", help="recompute every merged event")
    add_store_options(p)

    from kb.index import command as index_command

    p = command("index", index_command.HELP, index_command.DESCRIPTION, cmd_index)
    index_command.add_arguments(p)
    add_store_options(p)

    p = command(
        "extract",
        "articles to N-Quads, without a store",
        "The pure extraction step: read articles, extract and validate them, and write\n"
        "N-Quads (one graph per article, plus the shared entities graph) that `kb load`\n"
        "bulk-loads into any store. Use it to spread extraction over cores or machines.\n\n"
        "  kb extract corpus/ -o corpus.nq --jobs 8\n"
        "  kb extract corpus/ -o corpus.nq --dask tcp://scheduler:8786",
        cmd_extract,
    )
    p.add_argument("paths", nargs="+", metavar="PATH", help="files or folders")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="N-Quads file to write (- for stdout)")
    p.add_argument("--jobs", type=positive_int, default=1, metavar="N", help="worker processes")
    p.add_argument(
        "--dask",
        metavar="ADDRESS",
        help="run extraction on the Dask cluster whose scheduler is at ADDRESS (tcp://host:8786); "
        "needs the extra annals-kb[dask]",
    )
    p.add_argument("--published", type=parse_date, metavar="DATE", help="publication date for articles that give none")
    p.add_argument("--max-bytes", type=positive_int, metavar="N", help="largest file to read (default 5 MB)")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress display")

    p = command(
        "load",
        "bulk-load N-Quads or TriG",
        "Load N-Quads (.nq) or TriG (.trig) files, typically from `kb extract`. Each\n"
        "article graph is validated and replaces any earlier version, unless --no-validate\n"
        "(then the data is bulk-loaded as is, which is faster).",
        cmd_load,
    )
    p.add_argument("files", nargs="+", metavar="FILE")
    p.add_argument("--no-validate", action="store_true", help="skip SHACL validation")
    p.add_argument("-q", "--quiet", action="store_true", help="no progress display")
    add_store_options(p)

    p = command(
        "timex",
        "tag time expressions in text read from stdin",
        "Print a JSON array of {start, end, text, type, value} time expressions with\n"
        "TIMEX3 values resolved against the document creation date.\n\n"
        "  echo 'On Wednesday, militants launched an assault.' | kb timex --dct 2018-05-31",
        cmd_timex,
    )
    p.add_argument("--dct", type=parse_date, required=True, metavar="DATE", help="document creation date")

    p = command(
        "serve",
        "serve the timeline, SPARQL endpoint and linked data",
        "Serve the web app on a production WSGI server (waitress).\n\n  kb serve --port 5000",
        cmd_serve,
    )
    p.add_argument("--host", default="127.0.0.1", help="interface to listen on (default 127.0.0.1)")
    p.add_argument("--port", type=positive_int, default=5000, help="port (default 5000)")
    p.add_argument("--threads", type=positive_int, default=8, help="worker threads (default 8)")
    p.add_argument(
        "--timeout", type=float, metavar="SECONDS", help="time limit of a SPARQL query (default 10, or $KB_QUERY_TIMEOUT)"
    )
    add_store_options(p)

    p = command(
        "eval",
        "score extraction against gold articles",
        "Extract every article in GOLD (NAME.md beside NAME.json with the expected\n"
        "events) and print precision, recall and F1 per field.\n\n  kb eval tests/gold",
        cmd_eval,
    )
    p.add_argument("gold", metavar="GOLD", help="folder of gold articles")
    return parser


def main(argv: list[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        return args.handler(args)
    except (UsageError, StoreError) as error:
        say(f"kb {args.command}: {error}")
        return 1
    except KeyboardInterrupt:
        say(f"kb {args.command}: interrupted")
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    raise SystemExit(main())
