"""``/sparql``: the SPARQL 1.1 Protocol endpoint, and a query page for people.

Requests are read and checked by ``web.sparql_protocol`` before the store is
asked anything; the store runs the query with the configured time limit
(``Settings.query_timeout``) and the dataset the request gives. A browser gets
an HTML page with an editor, example queries, the results as a table and
download links; programs get the negotiated format.
"""

from __future__ import annotations

import json
from functools import cache
from importlib.resources import files
from urllib.parse import urlencode

from flask import Blueprint, Response, render_template, request, url_for
from rdflib import Graph

from kb.store import StoreError
from kb.store.base import QuerySyntaxError, QueryTimeout
from web.app import get_settings, get_store
from web.errors import error_response
from web.negotiation import prefers_html
from web.sparql_protocol import GRAPH_TYPES, SOLUTION_TYPES, ProtocolError, choose_answer, read_request

sparql = Blueprint("sparql", __name__)

SHOWN_ROWS = 1000


@cache
def examples() -> list[tuple[str, str]]:
    """(description, query) of every ``web/examples/*.rq``, the comment lines as description."""
    found = []
    for entry in sorted(files("web").joinpath("examples").iterdir(), key=lambda f: f.name):
        if entry.name.endswith(".rq"):
            text = entry.read_text(encoding="utf-8")
            about = " ".join(line.lstrip("# ").strip() for line in text.splitlines() if line.startswith("#"))
            found.append((about, text))
    return found


def _is_browser() -> bool:
    return prefers_html(request.headers.get("Accept"), list(SOLUTION_TYPES) + list(GRAPH_TYPES))


@sparql.route("/sparql", methods=["GET", "POST"])
def endpoint():
    try:
        req = read_request(request)
        if req.query is None:
            return query_page("", status=200)
        answer = choose_answer(request.headers.get("Accept"), req.format_param, req.shape)
    except ProtocolError as error:
        if _is_browser() and error.status in (400, 403, 406):
            return query_page(request.values.get("query", ""), error=error.message, status=error.status)
        return _vary(error_response(error.status, error.message, error.headers))
    if answer.html:
        return query_page(req.query, dataset=req.dataset, run=True)
    name = answer.store_format
    graph_names = set(GRAPH_TYPES.values())
    try:
        output = get_store().query(
            with_base(req.query),
            result_format=name if name in {"json", "xml", "csv", "tsv"} else "json",
            rdf_format=name if name in graph_names else "ttl",
            dataset=req.dataset,
            timeout=get_settings().query_timeout,
        )
    except QuerySyntaxError as error:
        return _vary(error_response(400, f"400 Bad Request: the query does not parse: {error}"))
    except QueryTimeout as error:
        return _vary(error_response(503, f"503 Service Unavailable: {error}", {"Retry-After": "10"}))
    except StoreError as error:
        return _vary(error_response(500, f"500 Internal Server Error: the query failed: {error}"))
    # The type the client asked for (an alias such as application/json included)
    # when it names what was produced; the store's own type otherwise.
    table = GRAPH_TYPES if output.kind == "graph" else SOLUTION_TYPES
    media_type = answer.media_type if table.get(answer.media_type) == name else output.media_type
    charset = "; charset=utf-8" if media_type.startswith("text/") else ""
    response = Response(output.body, content_type=media_type + charset)
    if request.values.get("download"):
        extension = {"ttl": "ttl", "nt": "nt", "jsonld": "jsonld", "json": "json", "xml": "xml",
                     "csv": "csv", "tsv": "tsv"}[name]
        response.headers["Content-Disposition"] = f'attachment; filename="query-results.{extension}"'
    return _vary(response)


def with_base(query: str) -> str:
    """The query with this endpoint as its base IRI, as the protocol allows, so that
    relative IRIs (``<s>``) resolve. A BASE in the query itself comes later and wins."""
    return f"BASE <{url_for('sparql.endpoint', _external=True)}> {query}"


def _vary(response: Response) -> Response:
    response.headers["Vary"] = "Accept"
    return response


def query_page(query: str, *, dataset=None, run: bool = False, error: str | None = None, status: int = 200):
    results = None
    if run and not error:
        try:
            results = _run_for_page(query, dataset)
        except QuerySyntaxError as failure:
            error, status = f"The query does not parse: {failure}", 400
        except QueryTimeout as failure:
            error, status = str(failure), 503
        except StoreError as failure:
            error, status = f"The query failed: {failure}", 500
    body = render_template(
        "sparql.html", query=query, examples=examples(), results=results, error=error,
        timeout=get_settings().query_timeout, downloads=_downloads(query, results),
        example_url=lambda text: url_for("sparql.endpoint") + "?" + urlencode({"query": text}),
    )
    return _vary(Response(body, status=status, mimetype="text/html"))


def _run_for_page(query: str, dataset) -> dict:
    output = get_store().query(with_base(query), result_format="json", rdf_format="nt", dataset=dataset,
                               timeout=get_settings().query_timeout)
    if output.kind == "graph":
        graph = Graph().parse(data=output.body.decode("utf-8"), format="nt")
        triples = sorted(graph, key=lambda t: (str(t[0]), str(t[1]), str(t[2])))
        rows = [[_cell_of_term(term) for term in triple] for triple in triples[:SHOWN_ROWS]]
        return {"kind": "graph", "columns": ["subject", "predicate", "object"], "rows": rows, "count": len(triples)}
    data = json.loads(output.body)
    if "boolean" in data:
        return {"kind": "boolean", "value": data["boolean"]}
    columns = data["head"]["vars"]
    bindings = data["results"]["bindings"]
    rows = [[_cell(binding.get(name)) for name in columns] for binding in bindings[:SHOWN_ROWS]]
    return {"kind": "solutions", "columns": columns, "rows": rows, "count": len(bindings)}


def _cell(value: dict | None) -> dict | None:
    if value is None:
        return None
    return {"text": value["value"], "iri": value["type"] == "uri",
            "note": value.get("xml:lang") or (value.get("datatype", "").rsplit("#", 1)[-1] or None)}


def _cell_of_term(term) -> dict:
    from rdflib import Literal, URIRef

    if isinstance(term, URIRef):
        return {"text": str(term), "iri": True, "note": None}
    if isinstance(term, Literal):
        return {"text": str(term), "iri": False,
                "note": term.language or (str(term.datatype).rsplit("#", 1)[-1] if term.datatype else None)}
    return {"text": f"_:{term}", "iri": False, "note": None}


def _downloads(query: str, results: dict | None) -> list[tuple[str, str]]:
    if not query or not results:
        return []
    names = ["ttl", "nt", "jsonld", "xml"] if results["kind"] == "graph" else (
        ["json", "xml"] if results["kind"] == "boolean" else ["csv", "tsv", "json", "xml"])
    labels = {"ttl": "Turtle", "nt": "N-Triples", "jsonld": "JSON-LD", "xml": "XML" if results["kind"] != "graph"
              else "RDF/XML", "csv": "CSV", "tsv": "TSV", "json": "JSON"}
    base = url_for("sparql.endpoint")
    return [(labels[name], base + "?" + urlencode({"query": query, "format": name, "download": "1"}))
            for name in names]
