"""``kb validate``: SHACL over everything in a store.

Each article graph is validated with the actor and place descriptions it refers
to (from the shared entities graph), exactly as it was validated at ingest time,
so the cost grows with the number of articles, not with their square.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rdflib import Graph

from kb.config import Settings
from kb.validate import entity_closure
from kb.progress import Progress
from kb.store import Store


@dataclass
class StoreReport:
    conforms: bool = True
    graphs: int = 0
    failures: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        head = f"{len(self.failures)} of {self.graphs} graph(s) do not conform to the shapes:\n"
        return head + "\n".join(self.failures)


def fetch_graph(store: Store, graph_iri: str | None = None) -> Graph:
    where = f"GRAPH <{graph_iri}> {{ ?s ?p ?o }}" if graph_iri else "?s ?p ?o"
    output = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ {where} }}", rdf_format="nt")
    return Graph().parse(data=output.body.decode("utf-8"), format="nt")


def article_graphs(store: Store) -> list[str]:
    rows = store.select(
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?a a <https://schema.org/NewsArticle> } } ORDER BY ?g"
    )
    return [row["g"] for row in rows]


def validate_store(store: Store, settings: Settings | None = None, *, show_progress: bool = False) -> StoreReport:
    from kb.validate import validate

    iris = (settings or Settings.from_env()).iris
    report = StoreReport()
    entities = fetch_graph(store, iris.entities_graph)
    graphs = article_graphs(store)
    progress = Progress(len(graphs) + 1, "validate", enabled=show_progress)

    def check(graph_iri: str, data: Graph) -> None:
        progress.advance()
        report.graphs += 1
        result = validate(data)
        if not result.conforms:
            report.conforms = False
            report.failures.append(f"graph <{graph_iri}>:\n{result.text}")

    # The entities graph alone: actors and places must conform wherever they are used.
    check(iris.entities_graph, entities)
    for graph_iri in graphs:  # one article graph in memory at a time
        article = fetch_graph(store, graph_iri)
        check(graph_iri, article + entity_closure(article, entities, iris.is_entity))
    progress.close()
    # The merged (canonical) events, each with the articles and entities it refers to.
    from kb.merge.validation import validate_all_canonical

    checked, failures = validate_all_canonical(store, iris)
    report.graphs += checked
    for graph_iri, text in failures:
        report.conforms = False
        report.failures.append(f"graph <{graph_iri}>:\n{text}")
    return report
