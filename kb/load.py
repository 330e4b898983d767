"""``kb load``: bulk-load N-Quads or TriG, typically the output of ``kb extract``.

With validation (the default) each article graph is checked with SHACL together
with the actor and place descriptions it refers to, and written in one
transaction that replaces any earlier version of that graph. A graph that does
not conform is reported and skipped; the others are loaded.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Sequence

import pyoxigraph as ox
from rdflib import Graph

from kb.config import Settings
from kb.progress import Progress
from kb.store import GraphWrite, Store, StoreError

FORMATS = {
    ".nq": (ox.RdfFormat.N_QUADS, "application/n-quads"),
    ".nquads": (ox.RdfFormat.N_QUADS, "application/n-quads"),
    ".trig": (ox.RdfFormat.TRIG, "application/trig"),
}


@dataclass
class LoadSummary:
    graphs: int = 0
    quads: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def load_files(
    files: Sequence[str | Path], store: Store, settings: Settings, *, validate: bool = True, show_progress: bool = True
) -> LoadSummary:
    summary = LoadSummary()
    for name in files:
        path = Path(name)
        fmt = FORMATS.get(path.suffix.lower())
        if not path.is_file():
            summary.problems.append(f"{path}: no such file")
        elif fmt is None:
            summary.problems.append(f"{path}: unknown format {path.suffix!r} (use .nq or .trig)")
        elif validate:
            load_validated(path, fmt[0], store, settings, summary, show_progress)
        else:
            try:
                with open(path, "rb") as data:
                    store.load(data, fmt[1])
            except StoreError as error:
                summary.problems.append(f"{path}: {error}")
                continue
            summary.quads += count_quads(path, fmt[0])
            summary.graphs += len(graph_names(path, fmt[0]))
    return summary


def read_grouped(path: Path, fmt: ox.RdfFormat) -> dict[str, list[str]]:
    """N-Triples lines of the file, grouped by the graph they belong to."""
    groups: dict[str, list[str]] = defaultdict(list)
    with open(path, "rb") as data:
        for quad in ox.parse(data, format=fmt):
            graph = quad.graph_name.value if isinstance(quad.graph_name, ox.NamedNode) else ""
            groups[graph].append(f"{quad.triple} .")
    return groups


def graph_names(path: Path, fmt: ox.RdfFormat) -> set[str]:
    with open(path, "rb") as data:
        return {q.graph_name.value for q in ox.parse(data, format=fmt) if isinstance(q.graph_name, ox.NamedNode)}


def count_quads(path: Path, fmt: ox.RdfFormat) -> int:
    with open(path, "rb") as data:
        return sum(1 for _ in ox.parse(data, format=fmt))


def entity_closure(article: Graph, entities: Graph, is_entity) -> Graph:
    """The entity triples an article graph refers to, following links between entities."""
    closure = Graph()
    todo = {o for o in article.objects() if is_entity(str(o))}
    seen = set()
    while todo:
        node = todo.pop()
        seen.add(node)
        for p, o in entities.predicate_objects(node):
            closure.add((node, p, o))
            if is_entity(str(o)) and o not in seen:
                todo.add(o)
    return closure


def load_validated(
    path: Path, fmt: ox.RdfFormat, store: Store, settings: Settings, summary: LoadSummary, show_progress: bool
) -> None:
    from kb.validate import validate

    iris = settings.iris
    try:
        groups = read_grouped(path, fmt)
    except (SyntaxError, ValueError, OSError) as error:
        summary.problems.append(f"{path}: cannot parse: {error}")
        return
    shared_lines = groups.pop(iris.entities_graph, [])
    entities = Graph().parse(data="\n".join(shared_lines), format="nt") if shared_lines else Graph()
    default = groups.pop("", [])
    if default:
        summary.problems.append(f"{path}: {len(default)} triple(s) outside any named graph were not loaded")

    progress = Progress(len(groups), f"load {path.name}", enabled=show_progress)
    try:
        for graph_iri, lines in groups.items():
            progress.advance()
            triples = "\n".join(lines) + "\n"
            article = Graph().parse(data=triples, format="nt")
            closure = entity_closure(article, entities, iris.is_entity)
            report = validate(article + closure)
            if not report.conforms:
                summary.problems.append(f"{path}: graph <{graph_iri}> does not conform:\n{report.text}")
                continue
            shared = closure.serialize(format="nt", encoding="utf-8").decode("utf-8")
            store.write(GraphWrite(graph_iri, triples, {iris.entities_graph: shared} if len(closure) else {}))
            summary.graphs += 1
            summary.quads += len(lines) + len(closure)
    finally:
        progress.close()
