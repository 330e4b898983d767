"""SHACL validation of article graphs against the shapes in ``shapes/``.

``validate(graph)`` runs pyshacl and returns a ``ValidationReport`` whose
``text`` a person can act on: what is wrong, where, the shape's message, and
in brackets the exact failure (one line per problem, wrapped here)::

    Does not conform: 1 violation.
    event <https://w3id.org/annals/id/event/c41d02>: sem:hasEarliestBeginTimeStamp:
        sem:hasEarliestBeginTimeStamp is the earliest day the event can have begun: ...
        (2019-03-25 > sem:hasLatestBeginTimeStamp 2019-03-24)

Choices where the design leaves room:

* **No ontology, no inference.** pyshacl runs with ``inference="none"`` and
  without ``ont_graph``. Events carry their whole class chain and actors and
  places their types explicitly, so nothing needs to be inferred; mixing the
  ontology in would make pyshacl copy the data graph on every call and would
  let ``sh:class``/``sh:targetClass`` follow ``rdfs:subClassOf``, hiding a
  missing ``sem:Event``/``sem:Actor`` type instead of reporting it. Measured
  on the design's Ghazni graph (125 triples): 13 ms without the ontology,
  43 ms with it as ``ont_graph``.
* **Shapes are parsed once per process** from the installed ``shapes``
  package (every ``*.ttl`` in it) and reused for every call.
* **A Dataset is validated as the union of its graphs**, as pyshacl does and as
  queries see the store; each result names the graph(s) its focus node is
  described in. To check that each article graph is self-contained, validate
  the graphs one by one.
* Severity: every shape is a ``sh:Violation``; nothing is downgraded.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from pathlib import Path

import pyshacl
from rdflib import BNode, Dataset, Graph, Literal, Namespace, URIRef
from rdflib.paths import InvPath, Path as PropertyPath, SequencePath
from rdflib.term import Node

from kb.ontology import ONTOLOGY_GRAPH, load_ontology
from kb.vocab import KB, NIF, PREFIXES, RDF, SCHEMA, SEM

__all__ = [
    "validate", "ValidationReport", "Violation", "shapes_graph", "shape_files",
    "ONTOLOGY_GRAPH", "load_ontology",
]

SH = Namespace("http://www.w3.org/ns/shacl#")
SHAPES_PACKAGE = "shapes"
SHAPES_NAMESPACE = "https://w3id.org/annals/shapes#"

# What a focus node is called in the report, by the first of its types found here.
_NODE_KINDS = (
    (SEM.Event, "event"),
    (KB.CasualtyReport, "casualty report"),
    (NIF.Context, "article text"),
    (NIF.String, "evidence"),
    (SCHEMA.NewsArticle, "article"),
    (SEM.Actor, "actor"),
    (SEM.Place, "place"),
)
_PREFIXES = sorted(((p, ns) for p, ns in {**PREFIXES, "kbsh": SHAPES_NAMESPACE}.items()),
                   key=lambda item: -len(item[1]))


@dataclass(frozen=True)
class Violation:
    """One SHACL result: what is wrong, where, and which rule says so."""

    focus_node: Node
    # The property (a URIRef); for an sh:alternativePath, the alternative that
    # holds the value; for an inverse path, an rdflib path such as ~KB.casualties.
    path: URIRef | PropertyPath | None
    value: Node | None
    component: str  # local name, e.g. "MinCountConstraintComponent"
    source_shape: Node
    message: str
    severity: str  # "Violation", "Warning" or "Info"
    line: str = ""  # the readable line for this result in ValidationReport.text
    graphs: tuple[str, ...] = field(default=())  # named graphs describing the focus node


@dataclass(frozen=True)
class ValidationReport:
    conforms: bool
    results: list[Violation]
    text: str


# ---------------------------------------------------------------------------
# Shapes


def shape_files() -> list[Path]:
    """The ``*.ttl`` files of the installed ``shapes`` package, sorted by name."""
    root = files(SHAPES_PACKAGE)
    found = [Path(str(f)) for f in root.iterdir() if f.name.endswith(".ttl")]
    return sorted(found, key=lambda f: f.name)


@cache
def shapes_graph() -> Graph:
    """All shapes, parsed once per process. Treat it as read-only.

    Kept in rdflib's context-free ``SimpleMemory`` store: pyshacl reads the
    shapes graph thousands of times per validation, and this store answers
    about a fifth faster than the default one.
    """
    graph = Graph(store="SimpleMemory")
    for path in shape_files():
        graph.parse(path, format="turtle")
    if not any(graph.subjects(RDF.type, SH.NodeShape)):
        raise RuntimeError(f"no SHACL shapes found in the {SHAPES_PACKAGE!r} package")
    # Reading the shapes once here fails early on a malformed shape, and adds
    # the two triples pyshacl adds to every shapes graph, so that later calls
    # (possibly from several threads) no longer change this graph.
    pyshacl.ShapesGraph(graph).shapes  # noqa: B018
    _use_a_set_for_constraint_lookup()
    return graph


def _use_a_set_for_constraint_lookup() -> None:
    """Let pyshacl look constraint parameters up in a set instead of a list.

    For every predicate of every shape it evaluates, pyshacl asks whether the
    predicate is one of ~35 constraint parameters, by ``in`` on a list (35
    URIRef comparisons each time): about a fifth of our validation time. It
    caches that list on its ``shape`` module as ``CONSTRAINT_PARAMS``; handing
    it the same parameters as a frozenset makes each lookup one hash. Only the
    non-"advanced", non-JS path reads it without copying it, and that is the
    only path used here (pyshacl is pinned; the shape tests guard the reports).
    """
    from pyshacl import shape as shape_module
    from pyshacl.constraints import ALL_CONSTRAINT_PARAMETERS, CONSTRAINT_PARAMETERS_MAP

    shape_module.CONSTRAINT_PARAMS = (frozenset(ALL_CONSTRAINT_PARAMETERS), CONSTRAINT_PARAMETERS_MAP)


# ---------------------------------------------------------------------------
# Validation


def entity_closure(article: Graph, entities: Graph, is_entity) -> Graph:
    """The entity triples an article graph refers to, following links between entities (rdflib graphs):
    what a graph is validated with, since its actors and places live in the shared entities graph."""
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


def validate(data: Graph | Dataset) -> ValidationReport:
    """Validate one article graph (or a whole Dataset, as one union) against the shapes."""
    if not isinstance(data, Graph):
        raise TypeError(f"validate() takes an rdflib Graph or Dataset, not {type(data).__name__}")
    union = _union_view(data)
    was_union = data.default_union if isinstance(data, Dataset) else None
    try:
        conforms, report_graph, _ = pyshacl.validate(
            data,
            shacl_graph=shapes_graph(),
            inference="none",
            abort_on_first=False,
            allow_infos=False,
            allow_warnings=False,
        )
    finally:
        if was_union is not None:  # pyshacl switches a Dataset to union mode in place
            data.default_union = was_union
    if conforms:
        return ValidationReport(True, [], "Conforms: no violations.")
    results = sorted(
        (_violation(report_graph, r, union, data) for r in report_graph.subjects(RDF.type, SH.ValidationResult)),
        key=lambda v: (v.line, v.component),
    )
    # Two comparisons failing on one value give two results with the same line.
    lines = list(dict.fromkeys(v.line for v in results))
    text = "\n".join([f"Does not conform: {len(results)} violation{'s' if len(results) != 1 else ''}."] + lines)
    return ValidationReport(False, results, text)


def _union_view(data: Graph | Dataset) -> Graph:
    """A read view in which a Dataset's named graphs are all visible."""
    if isinstance(data, Dataset):
        return Dataset(store=data.store, default_union=True)
    return data


def _violation(report: Graph, result: Node, union: Graph, data: Graph | Dataset) -> Violation:
    focus = report.value(result, SH.focusNode)
    value = report.value(result, SH.value)
    path = _concrete_path(report, report.value(result, SH.resultPath), focus, value, union)
    component = str(report.value(result, SH.sourceConstraintComponent)).rsplit("#", 1)[-1]
    shape = report.value(result, SH.sourceShape)
    message = str(report.value(result, SH.resultMessage) or "")
    severity = str(report.value(result, SH.resultSeverity)).rsplit("#", 1)[-1]
    graphs: tuple[str, ...] = ()
    if isinstance(data, Dataset):
        graphs = tuple(sorted({str(getattr(g, "identifier", g)) for *_, g in data.quads((focus, None, None, None))}))

    where = _describe(focus, union) + (f": {_path_text(path)}" if path is not None else "")
    detail = _detail(component, focus, path, value, shape, union)
    line = f"{where}: {message}" + (f" ({detail})" if detail else "")
    if graphs:
        line += f" [in graph {', '.join(f'<{g}>' for g in graphs)}]"
    return Violation(focus, path, value, component, shape, message, severity, line, graphs)


def _concrete_path(report: Graph, path: Node | None, focus: Node, value: Node | None, data: Graph):
    """The result path as a property, or an rdflib path (``~p``, ``p1 / p2``).

    For an ``sh:alternativePath`` (one shape checks all roles of an event) it
    is the alternative that links the focus node to the offending value.
    """
    if not isinstance(path, BNode):
        return path
    inverse = report.value(path, SH.inversePath)
    if isinstance(inverse, URIRef):
        return InvPath(inverse)
    if report.value(path, RDF.first) is not None:
        steps = list(report.items(path))
        if all(isinstance(step, URIRef) for step in steps):
            return SequencePath(*steps)
    alternatives = report.value(path, SH.alternativePath)
    if alternatives is not None:
        options = [p for p in report.items(alternatives) if isinstance(p, URIRef)]
        holding = [p for p in options if value is not None and (focus, p, value) in data]
        # Prefer a specific role to sem:hasActor, which every role repeats.
        holding.sort(key=lambda p: p == SEM.hasActor)
        if holding:
            return holding[0]
    return path


# ---------------------------------------------------------------------------
# Making a result readable


def short(node: Node | None) -> str:
    """``kb:Occurred`` for a known namespace, ``<iri>`` otherwise, literals by value."""
    if node is None:
        return "nothing"
    if isinstance(node, URIRef):
        iri = str(node)
        for prefix, namespace in _PREFIXES:
            local = iri[len(namespace):]
            if iri.startswith(namespace) and local and all(c.isalnum() or c in "_-." for c in local):
                return f"{prefix}:{local}"
        return f"<{iri}>"
    if isinstance(node, Literal):
        text = str(node)
        if len(text) > 60:
            text = text[:57] + "..."
        if node.datatype is None:
            return f'"{text}"' + (f"@{node.language}" if node.language else "")
        return f'"{text}"^^{short(node.datatype)}'
    return f"_:{node}"


def _value_text(node: Node | None) -> str:
    """A value as a person reads it: numbers and dates bare, the rest via ``short``."""
    if isinstance(node, Literal) and node.datatype is not None and not node.ill_typed:
        local = str(node.datatype).rsplit("#", 1)[-1]
        if local in {"integer", "nonNegativeInteger", "decimal", "date", "dateTime"}:
            return str(node)
    return short(node)


def _kind(node: Node, graph: Graph) -> str:
    types = set(graph.objects(node, RDF.type))
    return next((name for cls, name in _NODE_KINDS if cls in types), "node")


def _describe(node: Node, graph: Graph) -> str:
    """``event <iri>``, or for a blank node the link that reaches it."""
    kind = _kind(node, graph)
    if not isinstance(node, BNode):
        return f"{kind} {short(node)}"
    for subject, predicate in graph.subject_predicates(node):
        if not isinstance(subject, BNode):
            return f"{kind} [{short(predicate)} of {_kind(subject, graph)} {short(subject)}]"
    return f"{kind} {short(node)}"


def _path_text(path) -> str:
    if isinstance(path, InvPath):
        return f"^{short(path.arg)}"
    if isinstance(path, SequencePath):
        return "/".join(short(step) for step in path.args)
    if isinstance(path, BNode):
        return "(a property path)"
    return short(path)


def _values(graph: Graph, focus: Node, path) -> list[Node]:
    """The focus node's values for a property or an rdflib path (``~p``, ``p1 / p2``)."""
    if not isinstance(path, (URIRef, PropertyPath)):
        return []
    return sorted(graph.objects(focus, path), key=str)


def _in_order(value: Node | None, other: Node, strict: bool) -> bool:
    try:
        return bool(value < other) if strict else bool(value <= other)  # type: ignore[operator]
    except TypeError:
        return False


def _detail(component: str, focus: Node, path, value: Node | None, shape: Node, data: Graph) -> str:
    """What exactly failed, in words, from the result and the shape's parameters."""
    shapes = shapes_graph()

    def param(name: str) -> Node | None:
        return shapes.value(shape, SH[name])

    if component == "MinCountConstraintComponent":
        given = _values(data, focus, path)
        return "missing" if not given else f"{len(given)} given, at least {param('minCount')} needed"
    if component == "MaxCountConstraintComponent":
        given = _values(data, focus, path)
        shown = ", ".join(_value_text(v) for v in given[:3]) + (", ..." if len(given) > 3 else "")
        return f"{len(given)} given: {shown}; at most {param('maxCount')} allowed"
    if component == "DatatypeConstraintComponent":
        return f"{short(value)} is not an {short(param('datatype'))}"
    if component == "MinInclusiveConstraintComponent":
        return f"{_value_text(value)} < {_value_text(param('minInclusive'))}"
    if component == "MaxInclusiveConstraintComponent":
        return f"{_value_text(value)} > {_value_text(param('maxInclusive'))}"
    if component == "InConstraintComponent":
        return f"{short(value)} is not one of the allowed values"
    if component == "ClassConstraintComponent":
        subject = "it" if value == focus else short(value)
        return f"{subject} is not typed {short(param('class'))} in this graph"
    if component in {"LessThanOrEqualsConstraintComponent", "LessThanConstraintComponent"}:
        strict = component == "LessThanConstraintComponent"
        clashes = []
        for other_path in shapes.objects(shape, SH.lessThan if strict else SH.lessThanOrEquals):
            for other in _values(data, focus, other_path):
                if not _in_order(value, other, strict):
                    clashes.append(f"{_value_text(value)} {'>=' if strict else '>'} {short(other_path)} {_value_text(other)}")
        return "; ".join(clashes) or f"value {_value_text(value)}"
    if component == "HasValueConstraintComponent":
        return f"{short(param('hasValue'))} missing"
    if component == "NodeKindConstraintComponent":
        return f"{short(value)} is a {'blank node' if isinstance(value, BNode) else 'literal' if isinstance(value, Literal) else 'IRI'}"
    if component == "PatternConstraintComponent":
        return f"{short(value)} does not match {param('pattern')}"
    if component == "MinLengthConstraintComponent":
        return f"{short(value)} is too short"
    if component in {"QualifiedMinCountConstraintComponent", "QualifiedMaxCountConstraintComponent"}:
        types = sorted(data.objects(focus, RDF.type), key=str)
        return "types: " + (", ".join(short(t) for t in types) or "none")
    if value is not None and value != focus:
        return f"value {_value_text(value)}"
    return ""
