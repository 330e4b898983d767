"""SHACL for the derived graphs: a canonical event validates like any event.

A canonical event's graph refers to nodes described elsewhere: its articles,
evidence and casualty reports (in the article graphs), its actors and places
(in the entities graph). ``canonical_closure`` gathers exactly those
descriptions, so the graph is validated with what it points to, as
``kb validate`` validates an article graph with its entities.
"""

from __future__ import annotations

from rdflib import Graph

from kb.ids import Iris
from kb.merge import fetch
from kb.merge.terms import events_graph_prefix
from kb.store import Store
from kb.vocab import BASE_IRI, KB, NIF, PROV


def graph_of(store: Store, graph_iri: str) -> Graph:
    output = store.query(f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph_iri}> {{ ?s ?p ?o }} }}", rdf_format="nt")
    return Graph().parse(data=output.body.decode("utf-8"), format="nt")


def describe(store: Store, subjects: set[str]) -> Graph:
    graph = Graph()
    for batch in fetch._batches(subjects):
        values = " ".join(f"<{s}>" for s in batch)
        output = store.query(
            f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ VALUES ?s {{ {values} }} ?s ?p ?o }}", rdf_format="nt")
        graph.parse(data=output.body.decode("utf-8"), format="nt")
    return graph


def canonical_closure(store: Store, graph: Graph, iris: Iris, entities: Graph | None = None) -> Graph:
    """The descriptions a canonical event graph needs to be checked on its own."""
    # Related events are checked too (they are events in the data), so they come with what they point to.
    described, seen = Graph(), set()
    while True:
        events = graph + described
        related = {str(o) for p in (KB.relatedEvent, KB.partOf, KB.inResponseTo) for o in events.objects(None, p)}
        related -= seen
        if not related:
            break
        seen |= related
        described += describe(store, related)
    nodes = {str(o) for p in (KB.evidence, KB.casualties, PROV.wasDerivedFrom) for o in events.objects(None, p)}
    described += describe(store, nodes)
    contexts = {str(o) for o in described.objects(None, NIF.referenceContext)}
    described += describe(store, contexts) if contexts else Graph()
    if entities is None:
        entities = graph_of(store, iris.entities_graph)
    from kb.validate import entity_closure  # pyshacl loads with it: only when validating

    return described + entity_closure(graph + described, entities, iris.is_entity)


def validate_canonical(store: Store, graph_iri: str, iris: Iris | None = None, entities: Graph | None = None):
    """The SHACL report of one canonical event graph (with what it refers to)."""
    from kb.validate import validate

    iris = iris or Iris(BASE_IRI)
    graph = graph_of(store, graph_iri)
    return validate(graph + canonical_closure(store, graph, iris, entities))


def validate_all_canonical(store: Store, iris: Iris | None = None) -> tuple[int, list[tuple[str, str]]]:
    """How many canonical event graphs were checked, and (graph, report text) for each
    one that does not conform."""
    iris = iris or Iris(BASE_IRI)
    failures = []
    entities = graph_of(store, iris.entities_graph)
    graphs = fetch.graphs_with_prefix(store, events_graph_prefix(iris))
    for graph_iri in graphs:
        report = validate_canonical(store, graph_iri, iris, entities)
        if not report.conforms:
            failures.append((graph_iri, report.text))
    return len(graphs), failures
