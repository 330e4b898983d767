"""Reading a SPARQL 1.1 Protocol request: the query, its dataset, the answer's format.

The rules, after the W3C SPARQL 1.1 Protocol and its test suite, and what
Fuseki and Oxigraph's server do where the protocol leaves a choice:

* ``GET`` with ``query=``; ``POST`` with an ``application/x-www-form-urlencoded``
  body holding ``query=``; ``POST`` with an ``application/sparql-query`` body
  (UTF-8; any other charset is refused with 415). Other methods: 405. Other
  POST bodies (or none named): 415. More than one query: 400.
* ``default-graph-uri`` and ``named-graph-uri`` (repeatable, from the URL or
  the form) give the dataset and override the query's FROM / FROM NAMED.
* Read-only: ``update=``, an ``application/sparql-update`` body, or update
  text sent as a query are refused with 403 before any store sees them.
* ``SERVICE`` is refused with 403 before any store sees it (see
  ``web.sparql_text``), so the endpoint never connects to another server.
* The answer's format: ``format`` or ``output`` (a short name such as ``json``,
  ``csv``, ``ttl``, or a media type) wins over ``Accept``, which is
  negotiated with q-values and wildcards; a client that accepts none of the
  formats for its query form gets 406, except a browser, which gets the query
  page. Unknown parameters are ignored.
"""

from __future__ import annotations

from dataclasses import dataclass

from flask import Request

from kb.store.base import QueryDataset
from web.negotiation import best_type, prefers_html
from web.sparql_terms import is_iri
from web.sparql_text import RequestShape, inspect_request

# Media types offered, in the server's order of preference, and the store's name for each.
SOLUTION_TYPES = {
    "application/sparql-results+json": "json",
    "application/sparql-results+xml": "xml",
    "text/csv": "csv",
    "text/tab-separated-values": "tsv",
    "application/json": "json",
    "application/xml": "xml",
    "text/xml": "xml",
}
BOOLEAN_TYPES = {k: v for k, v in SOLUTION_TYPES.items() if v in ("json", "xml")}
GRAPH_TYPES = {
    "text/turtle": "ttl",
    "application/n-triples": "nt",
    "application/ld+json": "jsonld",
    "application/rdf+xml": "xml",
    "application/x-turtle": "ttl",
    "text/plain": "nt",
    "application/json": "jsonld",
    "application/xml": "xml",
    "text/xml": "xml",
}
SHORT_NAMES = {
    "solutions": {"json": "json", "srj": "json", "xml": "xml", "srx": "xml", "csv": "csv", "tsv": "tsv"},
    "graph": {"ttl": "ttl", "turtle": "ttl", "nt": "nt", "ntriples": "nt", "n-triples": "nt", "jsonld": "jsonld",
              "json-ld": "jsonld", "json": "jsonld", "xml": "xml", "rdfxml": "xml", "rdf": "xml"},
}
READ_ONLY = "403 Forbidden: this endpoint is read-only; SPARQL updates are refused"


class ProtocolError(Exception):
    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


@dataclass(frozen=True)
class SparqlRequest:
    query: str | None  # None: no query at all (show the query page)
    dataset: QueryDataset | None
    shape: RequestShape | None
    format_param: str | None


def _params(request: Request) -> dict[str, list[str]]:
    """Every parameter, from the URL and (for a form POST) from the body."""
    params: dict[str, list[str]] = {}
    for source in (request.args, request.form if request.method == "POST" else {}):
        for key in source:
            params.setdefault(key, []).extend(source.getlist(key))
    return params


def _direct_query(request: Request) -> str:
    charset = request.mimetype_params.get("charset", "utf-8").lower()
    if charset not in ("utf-8", "utf8"):
        raise ProtocolError(415, f"415 Unsupported Media Type: a query must be sent as UTF-8, not {charset}")
    try:
        return request.get_data(cache=False).decode("utf-8")
    except UnicodeDecodeError:
        raise ProtocolError(400, "400 Bad Request: the query is not valid UTF-8") from None


def read_request(request: Request) -> SparqlRequest:
    if request.method not in ("GET", "HEAD", "POST"):
        raise ProtocolError(405, "405 Method Not Allowed: use GET or POST", {"Allow": "GET, HEAD, POST"})
    queries: list[str] = []
    if request.method == "POST":
        kind = request.mimetype
        if kind == "application/sparql-update":
            raise ProtocolError(403, READ_ONLY)
        if kind == "application/sparql-query":
            queries.append(_direct_query(request))
        elif kind != "application/x-www-form-urlencoded":
            named = f"{kind!r}" if kind else "none"
            raise ProtocolError(
                415,
                "415 Unsupported Media Type: POST a query as application/x-www-form-urlencoded (query=...) "
                f"or as application/sparql-query; Content-Type was {named}",
            )
    params = _params(request)
    if params.get("update"):
        raise ProtocolError(403, READ_ONLY)
    queries += params.get("query", [])
    if len(queries) > 1:
        raise ProtocolError(400, "400 Bad Request: give exactly one query, not several")
    dataset = _dataset(params)
    format_param = next(iter(params.get("format", []) + params.get("output", [])), None)
    if not queries:
        return SparqlRequest(None, dataset, None, format_param)
    query = queries[0]
    shape = inspect_request(query)
    if shape.is_update:
        raise ProtocolError(403, READ_ONLY)
    if shape.uses_service:
        raise ProtocolError(
            403, "403 Forbidden: SERVICE (federated query) is not allowed here: this endpoint does not "
            "contact other servers"
        )
    if dataset is None and shape.declares_dataset:
        dataset = QueryDataset()  # the query's own FROM / FROM NAMED
    return SparqlRequest(query, dataset, shape, format_param)


def _dataset(params: dict[str, list[str]]) -> QueryDataset | None:
    default = [g.strip() for g in params.get("default-graph-uri", []) if g.strip()]
    named = [g.strip() for g in params.get("named-graph-uri", []) if g.strip()]
    for graph in default + named:
        if not is_iri(graph):
            raise ProtocolError(400, f"400 Bad Request: not an absolute IRI for a graph: {graph!r}")
    if not default and not named:
        return None
    return QueryDataset(tuple(dict.fromkeys(default)), tuple(dict.fromkeys(named)))


@dataclass(frozen=True)
class Answer:
    """How to answer: ``html`` (the query page) or a store format for this query form."""

    html: bool
    store_format: str | None = None
    media_type: str | None = None


def choose_answer(accept: str | None, format_param: str | None, shape: RequestShape | None) -> Answer:
    if shape is None or shape.form is None:
        kinds = ("solutions", "graph")
    else:
        kinds = ("graph",) if shape.gives_graph else ("solutions",)
    offered = {}
    for kind in kinds:
        table = GRAPH_TYPES if kind == "graph" else (BOOLEAN_TYPES if shape and shape.form == "ASK" else SOLUTION_TYPES)
        for media_type, name in table.items():
            offered.setdefault(media_type, name)
    if format_param:
        wanted = format_param.strip().lower()
        if wanted == "html":
            return Answer(True)
        for kind in kinds:
            name = SHORT_NAMES[kind].get(wanted)
            if name and (kind == "graph" or shape is None or shape.form != "ASK" or name in ("json", "xml")):
                return Answer(False, name, _media_type_of(name, kind))
        if wanted in offered:
            return Answer(False, offered[wanted], wanted)
        raise ProtocolError(406, f"406 Not Acceptable: cannot answer this query as {format_param!r}; "
                                 f"available: {', '.join(dict.fromkeys(offered))}")
    if prefers_html(accept, list(offered)):
        return Answer(True)
    chosen = best_type(accept, list(offered))
    if chosen is None:
        raise ProtocolError(406, f"406 Not Acceptable: the answer to this query is available as "
                                 f"{', '.join(dict.fromkeys(offered))}")
    return Answer(False, offered[chosen], chosen)


def _media_type_of(name: str, kind: str) -> str:
    table = GRAPH_TYPES if kind == "graph" else SOLUTION_TYPES
    return next(media for media, short in table.items() if short == name)
