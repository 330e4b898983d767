"""``kb load``: bulk-load N-Quads or TriG, typically the output of ``kb extract``.

A file is loaded as *units*: each named graph other than the shared entities
graph (an article's graph, or any other graph such as the ontology), together
with the actor and place triples it refers to. Each unit is validated with
SHACL (unless ``--no-validate``) and written with ``Store.write``: one
transaction that replaces any earlier version of that graph. So a load killed
at any moment leaves whole units only, re-running it ends with the same
triples, and a graph that does not conform is reported and skipped while the
others load.

Two passes over each file, both streaming:

1. **Check** (``scan``): parse the whole file once, counting quads and
   catching syntax errors before anything is written (a file that does not
   parse loads nothing), and find out whether it has the layout ``kb extract``
   writes: every article graph in one contiguous run, directly followed by
   entity triples that describe every actor and place the article refers to,
   transitively. Memory: the current article's references, and one integer per
   graph seen (a hash, to notice a graph that comes back).
2. **Load**, in one of two ways:
   * *streamed* (the ``kb extract`` layout): unit by unit as the file is read;
     an article's unit carries the entity block that follows it, exactly the
     ``GraphWrite`` that ``kb ingest`` would have made. Memory holds one unit.
   * *staged* (any other order, e.g. ``kb export`` output with the entities
     graph in one block): the file is bulk-loaded into a temporary on-disk
     Oxigraph store, then each graph is read back with the closure of the
     entity triples it refers to. Entity triples that no graph refers to are
     validated and loaded last. Slower (the data is written twice) but memory
     stays bounded here too: one unit, and one entry per actor or place. The staging folder is removed at the
     end (a run killed with SIGKILL leaves it in the temporary folder).

Choices: triples outside any named graph are reported and not loaded (every
fact belongs to the article that states it). Blank nodes are scoped to their
unit: a blank node label shared by two graphs of one file becomes two nodes.
"""

from __future__ import annotations

import io
import shutil
import sys
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Iterator, Sequence

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef

from kb.config import Settings
from kb.progress import CountingReader, Progress
from kb.store import GraphWrite, Store, StoreError

FORMATS = {
    ".nq": (ox.RdfFormat.N_QUADS, "application/n-quads"),
    ".nquads": (ox.RdfFormat.N_QUADS, "application/n-quads"),
    ".trig": (ox.RdfFormat.TRIG, "application/trig"),
}
# Entity triples no graph refers to are validated and written in groups of this many subjects.
LEFTOVER_SUBJECTS = 200
_XSD_STRING = ox.NamedNode("http://www.w3.org/2001/XMLSchema#string")


@dataclass
class LoadSummary:
    graphs: int = 0
    quads: int = 0
    staged_files: int = 0
    problems: list[str] = field(default_factory=list)
    merge: object | None = None  # kb.merge.update.MergeSummary when anything was merged

    @property
    def ok(self) -> bool:
        return not self.problems


@dataclass
class Unit:
    """One named graph and the shared entity triples that travel with it."""

    graph: str
    quads: list[ox.Quad] = field(default_factory=list)
    shared: list[ox.Quad] = field(default_factory=list)


@dataclass
class Layout:
    """What the check pass found in one file."""

    quads: int = 0
    outside_graphs: int = 0  # triples in the default graph
    streamable: bool = True
    reason: str = ""  # why not, for the log


def load_files(
    files: Sequence[str | Path], store: Store, settings: Settings, *, validate: bool = True, show_progress: bool = True
) -> LoadSummary:
    from kb.ingest import ensure_ontology

    summary = LoadSummary()
    checked = []
    for name in files:
        path = Path(name)
        fmt = FORMATS.get(path.suffix.lower())
        if not path.is_file():
            summary.problems.append(f"{path}: no such file")
        elif fmt is None:
            summary.problems.append(f"{path}: unknown format {path.suffix!r} (use .nq or .trig)")
        else:
            checked.append((path, fmt[0]))
    if checked:
        ensure_ontology(store)  # as kb ingest does: a loaded store has the ontology graph too
    for path, fmt in checked:
        load_file(path, fmt, store, settings, summary, validate=validate, show_progress=show_progress)
    if checked:
        # Merge what was loaded (and anything an interrupted run left unmerged):
        # the articles whose events have no canonical event yet.
        from kb.merge import update_merged_events
        from kb.merge.update import articles_needing_merge

        to_merge = articles_needing_merge(store)
        if to_merge:
            summary.merge = update_merged_events(store, to_merge, settings.iris)
    return summary


def load_file(
    path: Path,
    fmt: ox.RdfFormat,
    store: Store,
    settings: Settings,
    summary: LoadSummary,
    *,
    validate: bool = True,
    show_progress: bool = True,
) -> None:
    from kb.store.writer import StoreWriter
    from kb.merge.terms import events_graph_prefix, persons_graph_prefix

    iris = settings.iris
    writer = StoreWriter(store)
    try:
        layout = scan(path, fmt, settings, show_progress=show_progress)
    except (SyntaxError, ValueError, OSError) as error:
        summary.problems.append(f"{path}: cannot parse, nothing loaded: {error}")
        return
    if layout.outside_graphs:
        summary.problems.append(f"{path}: {layout.outside_graphs} triple(s) outside any named graph were not loaded")

    derived = (events_graph_prefix(iris), persons_graph_prefix(iris))

    def write(unit: Unit) -> None:
        if unit.graph.startswith(derived):
            return  # merged events and person resolution are recomputed after the load
        if validate:
            report = validate_unit(unit)
            if not report.conforms:
                summary.problems.append(f"{path}: graph <{unit.graph}> does not conform:\n{report.text}")
                return
        writer.write(to_graph_write(unit, iris.entities_graph))
        summary.graphs += 1
        summary.quads += len(unit.quads) + len(unit.shared)

    if layout.streamable:
        load_streamed(path, fmt, iris.entities_graph, write, show_progress)
        return
    summary.staged_files += 1
    if show_progress:
        print(f"load {path.name}: {layout.reason}; staging it on disk first", file=sys.stderr, flush=True)
    try:
        leftovers = load_staged(path, fmt, iris, write, show_progress)
    except (SyntaxError, ValueError, OSError) as error:
        summary.problems.append(f"{path}: cannot stage: {error}")
        return
    for unit in leftovers:
        if validate:
            report = validate_unit(unit)
            if not report.conforms:
                summary.problems.append(f"{path}: entity descriptions do not conform:\n{report.text}")
                continue
        store.load(_nquads_bytes(unit.shared), "application/n-quads")
        summary.quads += len(unit.shared)


def load_streamed(
    path: Path, fmt: ox.RdfFormat, entities_graph: str, write: Callable[[Unit], None], show_progress: bool
) -> None:
    """Read the file once, writing each unit as soon as it is complete."""
    with open(path, "rb") as raw, Progress(
        path.stat().st_size, f"load {path.name}", enabled=show_progress, unit="bytes"
    ) as progress:
        for unit in stream_units(ox.parse(CountingReader(raw, progress), format=fmt), entities_graph):
            write(unit)


def load_staged(path: Path, fmt: ox.RdfFormat, iris, write: Callable[[Unit], None], show_progress: bool) -> list[Unit]:
    """Bulk-load the file into a temporary store, write it unit by unit; return the unused entity triples.

    The leftovers (entity descriptions no graph refers to) are returned as
    units of up to ``LEFTOVER_SUBJECTS`` subjects each, with what they refer to.
    """
    staging_dir = tempfile.mkdtemp(prefix="annals-load-")
    try:
        staging = ox.Store(staging_dir)
        staging.bulk_load(path=str(path), format=fmt)
        staged = StagedFile(staging, iris.entities_graph, iris.is_entity)
        with Progress(staged.count_graphs(), f"load {path.name}", enabled=show_progress) as progress:
            for unit in staged.units():
                write(unit)
                progress.advance(note=unit.graph.rsplit("/", 1)[-1])
        leftovers = list(staged.leftover_entities(LEFTOVER_SUBJECTS))
        del staging, staged  # close RocksDB before removing its folder
        return leftovers
    finally:
        shutil.rmtree(staging_dir, ignore_errors=True)


# -- the check pass ------------------------------------------------------------------


def scan(path: Path, fmt: ox.RdfFormat, settings: Settings, *, show_progress: bool = True) -> Layout:
    """Parse ``path`` once: count quads, raise on bad syntax, decide whether it can be streamed."""
    iris = settings.iris
    entities = iris.entities_graph
    article_prefix = f"{iris.base}article/"
    layout = Layout()
    seen: set[int] = set()
    previous: str | None = None  # graph of the previous quad ("" = default graph)
    last_unit: str | None = None  # the graph the entity block being read belongs to
    needed: set[str] = set()  # entity IRIs the current article (and its block) refer to
    described: set[str] = set()  # entity IRIs its block describes

    def not_streamable(reason: str) -> None:
        if layout.streamable:
            layout.streamable, layout.reason = False, reason

    def close_article() -> None:
        missing = needed - described
        if missing:
            not_streamable(f"the entity triples after <{last_unit}> do not describe <{min(missing)}>")
        needed.clear()
        described.clear()

    with open(path, "rb") as raw, Progress(
        path.stat().st_size, f"check {path.name}", enabled=show_progress, unit="bytes"
    ) as progress:
        for quad in ox.parse(CountingReader(raw, progress), format=fmt):
            layout.quads += 1
            graph_name = quad.graph_name
            if not isinstance(graph_name, ox.NamedNode):
                layout.outside_graphs += 1
                continue
            graph = graph_name.value
            obj = quad.object
            if graph != previous:
                if graph == entities:
                    if last_unit is None or not last_unit.startswith(article_prefix):
                        not_streamable("entity triples come before or apart from the article that uses them")
                else:
                    if last_unit is not None and last_unit.startswith(article_prefix):
                        close_article()
                    needed.clear()
                    described.clear()
                    key = hash(graph)
                    if key in seen:
                        not_streamable(f"the graph <{graph}> comes in more than one part")
                    seen.add(key)
                    last_unit = graph
                previous = graph
            if not layout.streamable:
                continue  # keep parsing: syntax errors must still stop the load
            if graph == entities:
                described.add(quad.subject.value)
            if isinstance(obj, ox.NamedNode) and iris.is_entity(obj.value):
                needed.add(obj.value)
        if layout.streamable and last_unit is not None and last_unit.startswith(article_prefix):
            close_article()
    return layout


# -- the two ways of loading ------------------------------------------------------------


def stream_units(quads: Iterable[ox.Quad], entities_graph: str) -> Iterator[Unit]:
    """Units of a file in the ``kb extract`` layout, one at a time, in file order."""
    unit: Unit | None = None
    for quad in quads:
        if not isinstance(quad.graph_name, ox.NamedNode):
            continue
        graph = quad.graph_name.value
        if graph == entities_graph:
            unit.shared.append(quad)  # the check pass guarantees an article came first
        elif unit is not None and graph == unit.graph and not unit.shared:
            unit.quads.append(quad)
        else:
            if unit is not None:
                yield unit
            unit = Unit(graph, [quad])
    if unit is not None:
        yield unit


class StagedFile:
    """A file bulk-loaded into a temporary Oxigraph store, read back unit by unit."""

    def __init__(self, staging: ox.Store, entities_graph: str, is_entity: Callable[[str], bool]) -> None:
        self.staging = staging
        self.entities = ox.NamedNode(entities_graph)
        self.is_entity = is_entity
        self.used: set[str] = set()  # entity IRIs some unit carried

    def count_graphs(self) -> int:
        return sum(1 for g in self.staging.named_graphs() if g != self.entities)

    def units(self) -> Iterator[Unit]:
        for graph in self.staging.named_graphs():
            if graph == self.entities:
                continue
            quads = list(self.staging.quads_for_pattern(None, None, None, graph))
            refs = {q.object.value for q in quads if isinstance(q.object, ox.NamedNode) and self.is_entity(q.object.value)}
            yield Unit(graph.value, quads, self.closure(refs))

    def closure(self, start: Iterable[str]) -> list[ox.Quad]:
        """Entity triples about ``start`` and every entity they lead to."""
        todo, seen, found = list(start), set(start), []
        while todo:
            node = todo.pop()
            for quad in self.staging.quads_for_pattern(ox.NamedNode(node), None, None, self.entities):
                found.append(quad)
                obj = quad.object
                if isinstance(obj, ox.NamedNode) and self.is_entity(obj.value) and obj.value not in seen:
                    seen.add(obj.value)
                    todo.append(obj.value)
        self.used.update(seen)
        return found

    def leftover_entities(self, subjects_per_unit: int) -> Iterator[Unit]:
        """Entity triples no unit carried, grouped by subject, with what they refer to."""
        group: list[str] = []
        last = None
        for quad in self.staging.quads_for_pattern(None, None, None, self.entities):
            subject = quad.subject
            if subject == last or not isinstance(subject, ox.NamedNode) or subject.value in self.used:
                continue
            last = subject
            group.append(subject.value)
            if len(group) >= subjects_per_unit:
                yield Unit(self.entities.value, [], self.closure(group))
                group = []
        if group:
            yield Unit(self.entities.value, [], self.closure(group))


# -- validating and writing a unit -------------------------------------------------------------


def validate_unit(unit: Unit):
    from kb.validate import validate

    graph = Graph()
    for quad in (*unit.quads, *unit.shared):
        graph.add((rdflib_term(quad.subject), rdflib_term(quad.predicate), rdflib_term(quad.object)))
    return validate(graph)


def to_graph_write(unit: Unit, entities_graph: str) -> GraphWrite:
    triples = "".join(f"{q.triple} .\n" for q in unit.quads)
    shared = "".join(f"{q.triple} .\n" for q in unit.shared)
    return GraphWrite(unit.graph, triples, {entities_graph: shared} if shared else {})


def rdflib_term(term):
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        if term.datatype == _XSD_STRING:
            return Literal(term.value)  # as the RDF builder makes them (RDF 1.1: the same literal)
        return Literal(term.value, datatype=URIRef(term.datatype.value))
    raise StoreError(f"unsupported RDF term: {term!r}")


def _nquads_bytes(quads: list[ox.Quad]) -> io.BytesIO:
    return io.BytesIO("".join(f"{q} .\n" for q in quads).encode("utf-8"))
