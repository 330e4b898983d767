"""The event graph: events and their actors as a network, laid out server-side.

Nodes are events and actors; an edge joins an event to each actor with the
role it played. networkx's ForceAtlas2 layout (a fixed seed, so the same data
always gives the same picture) places them; the SVG template draws it. A
picture of more than a few hundred nodes is unreadable (and slow to lay out),
so the view caps the number of events and says so.
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from web.event_details import EventRow

WIDTH, HEIGHT, MARGIN = 960, 640, 60
MAX_NODES = 480
LAYOUT_ROUNDS = 150  # enough to settle a few hundred nodes; the cost grows with rounds x nodes squared


@dataclass(frozen=True)
class Node:
    iri: str
    kind: str  # "event" or "actor"
    label: str
    x: float
    y: float
    family: str | None = None  # events: Attack / Negotiation
    event_class: str | None = None
    date: str | None = None
    degree: int = 0
    sources: int | None = None  # events: how many articles report it

    @property
    def label_left(self) -> bool:
        """Near the right edge the label goes on the left, so it is not cut off."""
        return self.x > WIDTH - 220


@dataclass(frozen=True)
class Edge:
    source: str  # event IRI
    target: str  # actor IRI
    role: str
    x1: float
    y1: float
    x2: float
    y2: float


@dataclass
class Network:
    nodes: list[Node]
    edges: list[Edge]
    width: int = WIDTH
    height: int = HEIGHT


def fit_events(events: list[EventRow], max_nodes: int = MAX_NODES) -> list[EventRow]:
    """As many of the events (in order) as fit in ``max_nodes`` with their actors."""
    kept, actors = [], set()
    for event in events:
        new = {a.iri for a in event.actors()} - actors
        if len(kept) + 1 + len(actors) + len(new) > max_nodes:
            break
        kept.append(event)
        actors |= new
    return kept


def build_network(events: list[EventRow]) -> Network:
    graph = nx.Graph()
    labels: dict[str, str] = {}
    for event in events:
        graph.add_node(event.iri)
        for role, actors in event.roles.items():
            for actor in actors:
                labels[actor.iri] = actor.label
                graph.add_node(actor.iri)
                graph.add_edge(event.iri, actor.iri, role=role)
    if not graph:
        return Network([], [])
    # ForceAtlas2 with gravity keeps separate components (one article's events
    # and actors) near the middle instead of flinging them to the edges, and
    # node sizes keep the actors' squares apart.
    sizes = {node: (3.0 if node in labels else 1.0) for node in graph}
    positions = nx.forceatlas2_layout(
        graph, seed=7, max_iter=LAYOUT_ROUNDS, gravity=2.0, scaling_ratio=4.0, node_size=sizes, distributed_action=True
    )
    xs = [float(p[0]) for p in positions.values()]
    ys = [float(p[1]) for p in positions.values()]

    def scale(value: float, low: float, high: float, size: int) -> float:
        if high - low < 1e-9:
            return size / 2
        return round(float(MARGIN + (value - low) / (high - low) * (size - 2 * MARGIN)), 1)

    where = {iri: (scale(x, min(xs), max(xs), WIDTH), scale(y, min(ys), max(ys), HEIGHT))
             for iri, (x, y) in positions.items()}
    nodes = [
        Node(e.iri, "event", e.label, *where[e.iri], e.family, e.event_class, e.day or None, graph.degree(e.iri),
             e.source_count)
        for e in events
    ]
    nodes += [Node(iri, "actor", label, *where[iri], degree=graph.degree(iri)) for iri, label in labels.items()]
    event_iris = {e.iri for e in events}
    edges = []
    for a, b, data in graph.edges(data=True):
        event, actor = (a, b) if a in event_iris else (b, a)
        edges.append(Edge(event, actor, data["role"], *where[event], *where[actor]))
    return Network(nodes, edges)
