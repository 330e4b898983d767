"""``/internal/…``: what other ``kb`` commands on this machine use while ``kb serve`` holds the store.

An embedded store has one writer, the serving process, so ``kb ingest``,
``kb query`` and the rest reach it through these endpoints
(``kb.store.served.ServedStore``; docs/serving.md tells the whole story).
Every write goes through the app's store, the ``IndexedStore``, so the
timeline index, and with it the timeline, sees it at once.

Who may call them (checked before anything else, in this order):

1. ``kb serve`` turned them on for this app (``enable_internal_endpoints``,
   with the token it publishes in the store folder); otherwise 404, as for
   any app made by ``create_app`` alone (tests, embedding).
2. The request comes from this machine: a loopback address, or the very
   address the server listens on (a program here connecting to this host's
   own address), and carries no ``Forwarded`` / ``X-Forwarded-For`` header
   (a request relayed by a proxy came from elsewhere). Otherwise 403.
3. ``Authorization: Bearer <token>`` with the token (compared in constant
   time). Missing: 401; wrong: 401 with ``error="invalid_token"`` (RFC 6750).

The endpoints:

* ``GET /internal/ping``: the store folder and the process id, so a command
  can tell the server file is live and is about this store.
* ``GET|POST /internal/sparql``: SPARQL 1.1 Protocol queries, read-only like
  ``/sparql`` but without its time limit (merging and validation run big
  queries; the caller's own limit comes in ``X-Annals-Timeout``).
* ``/internal/store``: the Graph Store Protocol. ``GET`` the whole dataset
  (N-Quads or TriG, or the union as a triple format, by ``Accept``) or one
  ``?graph=``; ``PUT`` replaces a graph, ``POST`` adds to one (or, without
  ``graph``, loads N-Quads / TriG), ``DELETE`` drops one. There is no default
  graph (``?default`` is refused): every triple belongs to a named graph.
* ``POST /internal/write``: one ``GraphWrite`` as JSON (``graph``,
  ``triples``, ``shared``: N-Triples), applied in one transaction, the way
  ``kb ingest`` writes an article with its actors and places.
* ``POST|DELETE /internal/writer``: the writer lease. One writing command at
  a time, as with the embedded store's lock: while a command holds it, writes
  from anyone else get 409 with a line naming it. A lease whose process has
  died is freed.
* ``POST /internal/index``: check (``{"rebuild": true}``: rebuild) this
  server's timeline index, for ``kb index``; the summary comes back.

No SPARQL Update: the timeline index follows whole-graph writes, and an
arbitrary update does not say which graphs it touches.

Writes are applied one at a time (a lock), so the index takes them in the
order the store did. A write caught by the store process's restart (after a
public query passed its time limit) is tried once more: every write here is
idempotent (a graph replaced, triples added as a set).
"""

from __future__ import annotations

import hmac
import io
import ipaddress
import os
import secrets
import threading
from dataclasses import dataclass, field
from typing import Callable, Iterable

import pyoxigraph as ox
from flask import Blueprint, Response, current_app, jsonify, request

from kb.store import GraphWrite, StoreError
from kb.store.base import RDF_FORMATS, QuerySyntaxError, QueryTimeout
from kb.store.served import SYNTAX_ERROR_PREFIX, TIMEOUT_HEADER, WRITER_HEADER, pid_alive, store_key
from web.app import get_settings, get_store
from web.errors import error_response
from web.negotiation import best_type
from web.sparql_protocol import GRAPH_TYPES, ProtocolError, choose_answer, read_request
from web.sparql_terms import is_iri
from web.streaming import stream_dump

internal = Blueprint("internal", __name__, url_prefix="/internal")

CONFIG_KEY = "KB_INTERNAL"
# Reads here have no practical limit, as when a command opens the store itself.
UNLIMITED_READ_SECONDS = 24 * 3600.0
_TRIPLE_FORMATS = {"text/turtle": ox.RdfFormat.TURTLE, "application/n-triples": ox.RdfFormat.N_TRIPLES}
_DATASET_FORMATS = ("application/n-quads", "application/trig")
# What a dataset GET offers, N-Quads first (the answer when Accept says nothing).
_DUMP_TYPES = {RDF_FORMATS[name]: name for name in ("nq", "trig", "ttl", "nt", "jsonld", "xml")}


# -- turning them on ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Holder:
    lease: str
    pid: int
    command: str


class WriterLease:
    """One writing command at a time; a holder whose process has died holds nothing."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._holder: Holder | None = None

    def _current(self) -> Holder | None:
        if self._holder is not None and not pid_alive(self._holder.pid):
            self._holder = None
        return self._holder

    def take(self, pid: int, command: str) -> tuple[Holder | None, Holder | None]:
        """(the lease granted, None) or (None, the holder in the way)."""
        with self._lock:
            holder = self._current()
            if holder is not None and holder.pid != pid:
                return None, holder
            if holder is None:
                self._holder = holder = Holder(secrets.token_urlsafe(16), pid, command)
            return holder, None

    def give_back(self, lease: str | None) -> None:
        with self._lock:
            if self._holder is not None and lease and hmac.compare_digest(self._holder.lease, lease):
                self._holder = None

    def in_the_way(self, lease: str | None) -> Holder | None:
        """The holder, unless it is the caller (or nobody holds the lease)."""
        with self._lock:
            holder = self._current()
            if holder is None or (lease and hmac.compare_digest(holder.lease, lease)):
                return None
            return holder


@dataclass
class Access:
    token: str
    local_addresses: frozenset
    lease: WriterLease = field(default_factory=WriterLease)
    write_lock: threading.Lock = field(default_factory=threading.Lock)

    def is_local(self, address: str | None) -> bool:
        ip = _ip(address)
        return ip is not None and (ip.is_loopback or ip in self.local_addresses)


def _ip(address: str | None):
    try:
        ip = ipaddress.ip_address((address or "").split("%")[0])
    except ValueError:
        return None
    mapped = getattr(ip, "ipv4_mapped", None)  # ::ffff:127.0.0.1 is 127.0.0.1
    return mapped or ip


def enable_internal_endpoints(app, *, token: str, listening: Iterable[str] = ()) -> None:
    """Answer ``/internal/…`` with this token; ``listening``: the addresses the server is bound to."""
    addresses = {_ip(host) for host in listening}
    local = frozenset(ip for ip in addresses if ip is not None and not ip.is_unspecified)
    app.config[CONFIG_KEY] = Access(token, local)


def _access() -> Access:
    return current_app.config[CONFIG_KEY]


@internal.before_request
def guard():
    access = current_app.config.get(CONFIG_KEY)
    if access is None:
        return error_response(404, "404 Not Found: the internal endpoints are only on in kb serve")
    relayed = request.headers.get("Forwarded") or request.headers.get("X-Forwarded-For")
    if relayed or not access.is_local(request.remote_addr):
        return error_response(403, "403 Forbidden: the internal endpoints answer programs on this machine only")
    scheme, _, given = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        return error_response(
            401, "401 Unauthorized: give the token of the server file as Authorization: Bearer <token>",
            {"WWW-Authenticate": 'Bearer realm="annals"'},
        )
    if not hmac.compare_digest(given.strip().encode("utf-8"), access.token.encode("utf-8")):
        return error_response(
            401, "401 Unauthorized: wrong token (was the server restarted? its file holds the new one)",
            {"WWW-Authenticate": 'Bearer realm="annals", error="invalid_token"'},
        )
    return None


def _as_writer() -> Response | None:
    """409 when another command holds the writer lease."""
    holder = _access().lease.in_the_way(request.headers.get(WRITER_HEADER))
    if holder is None:
        return None
    return error_response(409, f"409 Conflict: {_busy(holder)}")


def _busy(holder: Holder) -> str:
    return (
        f"cannot write to {get_settings().store}: {holder.command} (pid {holder.pid}) is writing to it "
        "through kb serve; run this again when it has finished"
    )


def _write(change: Callable[[], None]) -> None:
    with _access().write_lock:
        try:
            change()
        except QuerySyntaxError:
            raise
        except StoreError:
            change()  # once more: the store process may have been restarted under this write


# -- who is there ------------------------------------------------------------------------------


@internal.get("/ping")
def ping():
    return jsonify(store=store_key(get_settings().store), pid=os.getpid())


@internal.post("/writer")
def take_lease():
    data = request.get_json(silent=True) or {}
    try:
        pid, command = int(data.get("pid", 0)), str(data.get("command") or "a kb command")
    except (TypeError, ValueError):
        return error_response(400, "400 Bad Request: give {\"pid\": N, \"command\": \"kb …\"}")
    holder, in_the_way = _access().lease.take(pid, command)
    if in_the_way is not None:
        return error_response(409, f"409 Conflict: {_busy(in_the_way)}")
    return jsonify(lease=holder.lease), 201


@internal.delete("/writer")
def give_back_lease():
    _access().lease.give_back(request.headers.get(WRITER_HEADER))
    return Response(status=204)


# -- reading -----------------------------------------------------------------------------------


def _read_seconds() -> float:
    try:
        seconds = float(request.headers.get(TIMEOUT_HEADER, ""))
    except ValueError:
        return UNLIMITED_READ_SECONDS
    return seconds if 0 < seconds < UNLIMITED_READ_SECONDS else UNLIMITED_READ_SECONDS


@internal.route("/sparql", methods=["GET", "POST"])
def query():
    try:
        req = read_request(request)
        if req.query is None:
            raise ProtocolError(400, "400 Bad Request: no query given")
        answer = choose_answer(request.headers.get("Accept"), req.format_param, req.shape)
        if answer.html:
            raise ProtocolError(406, "406 Not Acceptable: this endpoint answers programs, not pages")
    except ProtocolError as error:
        return error_response(error.status, error.message, error.headers)
    name = answer.store_format
    try:
        output = get_store().query(
            req.query,
            result_format=name if name in {"json", "xml", "csv", "tsv"} else "json",
            rdf_format=name if name in set(GRAPH_TYPES.values()) else "ttl",
            dataset=req.dataset,
            timeout=_read_seconds(),
        )
    except QuerySyntaxError as error:
        return error_response(400, f"{SYNTAX_ERROR_PREFIX}{error}")
    except QueryTimeout as error:
        return error_response(503, f"503 Service Unavailable: the time limit passed: {error}")
    except StoreError as error:
        return error_response(500, f"500 Internal Server Error: the query failed: {error}")
    charset = "; charset=utf-8" if output.media_type.startswith("text/") else ""
    return Response(output.body, content_type=output.media_type + charset)


# -- the Graph Store Protocol ----------------------------------------------------------------------


@internal.route("/store", methods=["GET", "HEAD", "PUT", "POST", "DELETE"])
def graph_store():
    if "default" in request.args:
        return error_response(400, "400 Bad Request: this store has no default graph; name one with ?graph=")
    graph = request.args.get("graph")
    if graph is not None and not is_iri(graph):
        return error_response(400, f"400 Bad Request: not an absolute IRI for a graph: {graph!r}")
    if request.method in ("GET", "HEAD"):
        return _get_dataset() if graph is None else _get_graph(graph)
    conflict = _as_writer()
    if conflict is not None:
        return conflict
    store = get_store()
    try:
        if request.method == "DELETE":
            if graph is None:
                return error_response(400, "400 Bad Request: name the graph to delete with ?graph=")
            if not _exists(graph):
                return error_response(404, f"404 Not Found: no graph <{graph}>")
            _write(lambda: store.remove_graph(graph))
            return Response(status=204)
        if graph is None:
            if request.method != "POST" or request.mimetype not in _DATASET_FORMATS:
                return error_response(
                    415, "415 Unsupported Media Type: POST N-Quads or TriG to the dataset; PUT needs ?graph="
                )
            body = request.get_data(cache=False)
            _check_syntax(body, ox.RdfFormat.from_media_type(request.mimetype))
            _write(lambda: store.load(io.BytesIO(body), request.mimetype))
            return Response(status=204)
        triples = _request_triples(graph)
        if request.method == "PUT":
            created = not _exists(graph)
            ntriples = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES).decode("utf-8")
            _write(lambda: store.write(GraphWrite(graph=graph, triples=ntriples)))
            return Response(status=201 if created else 204)
        name = ox.NamedNode(graph)
        quads = ox.serialize([ox.Quad(t.subject, t.predicate, t.object, name) for t in triples],
                             format=ox.RdfFormat.N_QUADS)
        _write(lambda: store.load(io.BytesIO(quads), "application/n-quads"))
        return Response(status=204)
    except _BadBody as error:
        return error_response(error.status, error.message)
    except StoreError as error:
        return error_response(500, f"500 Internal Server Error: the store refused the change: {error}")


class _BadBody(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status, self.message = status, message


def _request_triples(graph: str) -> list:
    fmt = _TRIPLE_FORMATS.get(request.mimetype)
    if fmt is None:
        raise _BadBody(415, "415 Unsupported Media Type: send a graph as text/turtle or application/n-triples")
    try:
        return [quad.triple for quad in ox.parse(request.get_data(cache=False), format=fmt, base_iri=graph)]
    except (SyntaxError, ValueError) as error:
        raise _BadBody(400, f"400 Bad Request: the graph does not parse: {error}") from None


def _check_syntax(body: bytes, fmt, *, what: str = "the data") -> None:
    try:
        for _ in ox.parse(body, format=fmt, lenient=True):
            pass
    except (SyntaxError, ValueError) as error:
        raise _BadBody(400, f"400 Bad Request: {what} does not parse: {error}") from None


def _exists(graph: str) -> bool:
    return get_store().ask(f"ASK {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}", timeout=UNLIMITED_READ_SECONDS)


def _get_dataset():
    name = _DUMP_TYPES.get(best_type(request.headers.get("Accept"), list(_DUMP_TYPES)) or "")
    if name is None:
        return error_response(406, f"406 Not Acceptable: the dataset is available as {', '.join(_DUMP_TYPES)}")
    return Response(stream_dump(get_store(), name), content_type=RDF_FORMATS[name])


def _get_graph(graph: str):
    offered = ["text/turtle", "application/n-triples"]
    chosen = best_type(request.headers.get("Accept"), offered)
    if chosen is None:
        return error_response(406, f"406 Not Acceptable: a graph is available as {', '.join(offered)}")
    if not _exists(graph):
        return error_response(404, f"404 Not Found: no graph <{graph}>")
    output = get_store().query(
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}",
        rdf_format=GRAPH_TYPES[chosen],
        timeout=UNLIMITED_READ_SECONDS,
    )
    return Response(output.body, content_type=output.media_type)


# -- one article's write -------------------------------------------------------------------------------


@internal.post("/write")
def write():
    conflict = _as_writer()
    if conflict is not None:
        return conflict
    data = request.get_json(silent=True)
    shared = data.get("shared", {}) if isinstance(data, dict) else None
    if (
        not isinstance(data, dict)
        or not is_iri(data.get("graph"))
        or not isinstance(data.get("triples"), str)
        or not isinstance(shared, dict)
        or not all(is_iri(g) and isinstance(t, str) for g, t in shared.items())
    ):
        return error_response(
            400, '400 Bad Request: send {"graph": IRI, "triples": N-Triples, "shared": {IRI: N-Triples}}'
        )
    try:
        # The text goes into a SPARQL update as it is: it must be N-Triples and nothing else.
        for text in (data["triples"], *shared.values()):
            _check_syntax(text.encode("utf-8"), ox.RdfFormat.N_TRIPLES, what="the triples")
    except _BadBody as error:
        return error_response(error.status, error.message)
    change = GraphWrite(graph=data["graph"], triples=data["triples"], shared=dict(shared))
    try:
        _write(lambda: get_store().write(change))
    except StoreError as error:
        return error_response(500, f"500 Internal Server Error: the store refused the write: {error}")
    return Response(status=204)


# -- the timeline index ------------------------------------------------------------------------------------


@internal.post("/index")
def check_index():
    from kb.index import heal, index_of, rebuild

    store = get_store()
    index = index_of(store)
    if index is None:
        return error_response(
            409, "409 Conflict: this kb serve has no timeline index (KB_INDEX=off); its timeline answers with SPARQL"
        )
    data = request.get_json(silent=True) or {}
    source = getattr(store, "inner", store)
    if data.get("rebuild"):
        report = rebuild(index, source, show_progress=False)
    else:
        report = heal(index, source, show_progress=False)
    return jsonify(summary=report.summary(index.path))
