"""A remote SPARQL 1.1 server as the store: queries, updates and the Graph Store Protocol over HTTP.

``RemoteStore(query_url, update_url=None, gsp_url=None)`` implements every
``Store`` method with the standard library's ``urllib`` (no client library to
install), so the CLI and the web app work unchanged against Apache Jena Fuseki,
Virtuoso, GraphDB, Amazon Neptune or ``oxigraph serve``. docs/remote-stores.md
gives each server's URLs and settings.

Choices where the issue is silent:

* **Queries** use the SPARQL 1.1 Protocol's form-encoded POST (``query=``),
  which every server supports and which has no URL length limit, with
  ``Accept`` set to the one media type asked for. A server that cannot produce
  that format (406) is asked for JSON results or N-Triples instead and the
  answer converted here with pyoxigraph.
* **Union default graph.** The project's rule is that a query without
  ``GRAPH`` sees every named graph. Virtuoso, GraphDB, Neptune and Fuseki with
  ``unionDefaultGraph`` do that by themselves; ``oxigraph serve`` does when
  started with ``--union-default-graph`` or when the query URL carries
  ``?union-default-graph`` (parameters already in a configured URL are kept on
  every request). Because a server that does not would silently answer every
  query with nothing, the first read that finds data checks it (one
  ``LIMIT 1`` query and one ``ASK``) and stops with a StoreError saying how to
  fix the setting.
* **Writes.** With a Graph Store Protocol URL, ``write`` first POSTs the shared
  entity triples (set semantics: adding them twice changes nothing), then PUTs
  the article graph, which the server replaces atomically. A crash between the
  two leaves the old article graph and a few extra actor/place triples that the
  re-run adds anyway, never a half-written article. Without a GSP URL the
  whole write is one SPARQL Update request (``DROP SILENT GRAPH`` then
  ``INSERT DATA``), which Oxigraph, Fuseki and GraphDB run as one transaction.
  Updates are sent form-encoded (``update=``), the one form all five servers
  accept. Triples are sent as ``text/turtle``: N-Triples is a subset of Turtle
  and every GSP implementation reads Turtle.
* **Bulk load** (``load``) streams the file through pyoxigraph's parser and
  sends it in batches of ``LOAD_BATCH_QUADS`` quads, each one ``INSERT DATA``
  request (or one GSP POST per graph in the batch), so a file of any size
  loads in bounded memory. It is not atomic as a whole; ``kb load`` writes
  article by article through ``write`` when it validates.
* **Dump** asks the GSP endpoint for the whole dataset as N-Quads (Oxigraph,
  Fuseki's dataset URL); a server that answers with anything else is dumped
  graph by graph with one CONSTRUCT each (slower, works everywhere; blank node
  labels are renamed per graph so that two graphs' ``_:b0`` stay apart).
  Responses are streamed to the output, never held whole.
* **Time limits.** A read's ``timeout`` (or ``query_timeout`` given to the
  constructor) is the socket timeout of its request: when the server sends
  nothing for that long the read raises QueryTimeout. The server may go on
  computing; set its own limit too (docs/remote-stores.md). Other requests
  use ``request_timeout`` (default 600 s) so that a hung server cannot hang
  an ingest for ever.
* **Credentials** may be given in the URLs (``https://user:secret@host/…``):
  they are sent as HTTP Basic authentication, and Digest (Virtuoso) is
  answered when the server asks for it. Messages show URLs without them.
"""

from __future__ import annotations

import base64
import http.client
import io
import json
import re
import socket
import threading
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass
from typing import BinaryIO, Iterable, Iterator

import pyoxigraph as ox

from kb.store.base import (
    RDF_FORMATS,
    RESULT_FORMATS,
    GraphWrite,
    QueryDataset,
    QueryOutput,
    QuerySyntaxError,
    QueryTimeout,
    Store,
    StoreError,
)
from kb.store.formats import OX_RDF_FORMATS, OX_RESULT_FORMATS

LOAD_BATCH_QUADS = 20_000
DEFAULT_REQUEST_TIMEOUT = 600.0
_COPY_CHUNK = 1 << 16
_MESSAGE_CHARS = 600
# Query URL parameters that switch a server to the union default graph
# (oxigraph serve); dropped when a query names its own dataset, which they contradict.
_UNION_PARAMETERS = ("union-default-graph",)

_LOAD_FORMATS = {"application/n-quads": ox.RdfFormat.N_QUADS, "application/trig": ox.RdfFormat.TRIG}

# The first query-form keyword outside IRIs, strings and comments names the form.
_QUERY_TOKENS = re.compile(
    r"""<[^<>"{}|^`\\\s]*>|"(?:[^"\\]|\\.)*"|'(?:[^'\\]|\\.)*'|\#[^\n]*|(?<![\w:?$-])(SELECT|ASK|CONSTRUCT|DESCRIBE)(?![\w:-])""",
    re.IGNORECASE,
)


class _NotAcceptable(StoreError):
    """The server cannot answer in the media type asked for (406); ask for another."""


class _NotFound(StoreError):
    """404: no such endpoint, or (for a graph) no such graph."""


def query_form(sparql: str) -> str | None:
    """``SELECT``, ``ASK``, ``CONSTRUCT`` or ``DESCRIBE``; None when it cannot be told."""
    for match in _QUERY_TOKENS.finditer(sparql):
        if match.group(1):
            return match.group(1).upper()
    return None


@dataclass(frozen=True)
class Endpoint:
    """One URL of the server, with the credentials taken out of it."""

    url: str  # without user info, with its own query string (kept on every request)
    shown: str  # for messages
    authorization: str | None  # a ready "Basic …" header value
    user: str | None = None
    password: str | None = None

    @classmethod
    def parse(cls, url: str) -> "Endpoint":
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            raise StoreError(f"not an http(s) URL: {url!r}")
        user = urllib.parse.unquote(parts.username) if parts.username else None
        password = urllib.parse.unquote(parts.password) if parts.password else ""
        netloc = parts.hostname if ":" not in parts.hostname else f"[{parts.hostname}]"
        if parts.port:
            netloc += f":{parts.port}"
        clean = urllib.parse.urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, ""))
        authorization = None
        if user is not None:
            token = base64.b64encode(f"{user}:{password}".encode("utf-8")).decode("ascii")
            authorization = f"Basic {token}"
        return cls(clean, clean, authorization, user, password)

    def with_params(self, params: Iterable[tuple[str, str]] = (), *, drop: Iterable[str] = ()) -> str:
        """The URL with ``params`` added and the configured parameters named in ``drop`` removed."""
        params = list(params)
        if not params and not drop:
            return self.url
        parts = urllib.parse.urlsplit(self.url)
        dropped = set(drop)
        kept = [(k, v) for k, v in urllib.parse.parse_qsl(parts.query, keep_blank_values=True) if k not in dropped]
        query = urllib.parse.urlencode(kept + params)
        return urllib.parse.urlunsplit(parts._replace(query=query))


class RemoteStore(Store):
    """A SPARQL 1.1 server reached over HTTP (query, update and Graph Store Protocol endpoints).

    ``update_url`` or ``gsp_url`` is needed for writing; with neither the
    store is read-only and a write says so. ``query_timeout`` (seconds, None =
    none) limits reads that do not pass their own ``timeout``.
    """

    def __init__(
        self,
        query_url: str,
        update_url: str | None = None,
        gsp_url: str | None = None,
        *,
        query_timeout: float | None = None,
        request_timeout: float | None = DEFAULT_REQUEST_TIMEOUT,
    ) -> None:
        self._query = Endpoint.parse(query_url)
        self._update = Endpoint.parse(update_url) if update_url else None
        self._gsp = Endpoint.parse(gsp_url) if gsp_url else None
        self.location = self._query.shown
        self.query_timeout = query_timeout
        self.request_timeout = request_timeout
        self._opener = self._build_opener()
        self._union_checked = False
        self._union_lock = threading.Lock()

    def _build_opener(self) -> urllib.request.OpenerDirector:
        # Basic credentials go out with every request (see _send); Digest needs
        # the server's challenge, which this handler answers.
        passwords = urllib.request.HTTPPasswordMgrWithDefaultRealm()
        for endpoint in (self._query, self._update, self._gsp):
            if endpoint is not None and endpoint.user is not None:
                passwords.add_password(None, endpoint.url, endpoint.user, endpoint.password)
        return urllib.request.build_opener(urllib.request.HTTPDigestAuthHandler(passwords))

    # -- HTTP ----------------------------------------------------------------
    def _send(
        self,
        endpoint: Endpoint,
        method: str,
        url: str,
        *,
        body: bytes | None = None,
        headers: dict[str, str] | None = None,
        timeout: float | None,
        what: str,
        reading: bool = False,
    ) -> http.client.HTTPResponse:
        """One request; any failure becomes a StoreError that says what and why."""
        request = urllib.request.Request(url, data=body, headers=headers or {}, method=method)
        if endpoint.authorization:
            # Unredirected: not repeated to another host on a redirect, and
            # replaced by the Digest handler's answer when the server asks for that.
            request.add_unredirected_header("Authorization", endpoint.authorization)
        try:
            return self._opener.open(request, timeout=timeout)
        except urllib.error.HTTPError as error:
            raise self._http_error(error, endpoint, what, reading) from None
        except urllib.error.URLError as error:
            raise self._connection_error(error.reason, endpoint, what, timeout, reading) from None
        except (TimeoutError, socket.timeout) as error:
            raise self._connection_error(error, endpoint, what, timeout, reading) from None
        except (OSError, http.client.HTTPException) as error:
            raise StoreError(f"{what} at {endpoint.shown} failed: {error}") from None

    @staticmethod
    def _http_error(
        error: urllib.error.HTTPError, endpoint: Endpoint, what: str, reading: bool
    ) -> StoreError:
        try:
            detail = error.read(4096).decode("utf-8", "replace")
        except OSError:
            detail = ""
        finally:
            error.close()
        detail = " ".join(detail.split())[:_MESSAGE_CHARS]
        status = f"{error.code} {error.reason}"
        if error.code == 406:
            return _NotAcceptable(f"{what}: {endpoint.shown} cannot answer in that format ({status})")
        if reading and error.code == 400:
            return QuerySyntaxError(detail or status)
        if error.code in (401, 403):
            hint = "give credentials in the URL (https://user:password@host/…) or check the account's rights"
            return StoreError(f"{what}: {endpoint.shown} refused access ({status}); {hint}")
        if error.code == 404:
            return _NotFound(f"{what}: nothing at {endpoint.shown} (404 Not Found); check the endpoint URL")
        if error.code in (503, 504) and reading and "time" in detail.lower():
            return QueryTimeout(f"{what}: the server stopped the query ({status}): {detail}")
        message = f"{what}: the server at {endpoint.shown} answered {status}"
        return StoreError(f"{message}: {detail}" if detail else message)

    @staticmethod
    def _connection_error(
        reason: object, endpoint: Endpoint, what: str, timeout: float | None, reading: bool
    ) -> StoreError:
        if isinstance(reason, (TimeoutError, socket.timeout)):
            limit = f"{timeout:g} s" if timeout else "the time limit"
            cls = QueryTimeout if reading else StoreError
            return cls(f"{what}: {endpoint.shown} did not answer within {limit}")
        if isinstance(reason, ConnectionRefusedError):
            return StoreError(f"{what}: cannot connect to {endpoint.shown}: connection refused (is the SPARQL server running?)")
        if isinstance(reason, socket.gaierror):
            return StoreError(f"{what}: cannot connect to {endpoint.shown}: unknown host")
        return StoreError(f"{what}: cannot connect to {endpoint.shown}: {reason}")

    def _read_all(self, response: http.client.HTTPResponse, endpoint: Endpoint, what: str, timeout: float | None, reading: bool) -> bytes:
        try:
            with response:
                return response.read()
        except (TimeoutError, socket.timeout) as error:
            raise self._connection_error(error, endpoint, what, timeout, reading) from None
        except (OSError, http.client.HTTPException) as error:
            raise StoreError(f"{what}: the answer from {endpoint.shown} broke off: {error}") from None

    def _read_timeout(self, timeout: float | None) -> float | None:
        return timeout if timeout is not None else self.query_timeout

    # -- queries ---------------------------------------------------------------
    def _query_url(self, dataset: QueryDataset | None) -> str:
        """The query URL as configured, or with the protocol's dataset parameters instead of the union switch."""
        if dataset is None:
            return self._query.url
        params = [("default-graph-uri", g) for g in dataset.default_graphs]
        params += [("named-graph-uri", g) for g in dataset.named_graphs]
        return self._query.with_params(params, drop=_UNION_PARAMETERS)

    def _post_query(
        self, sparql: str, accept: str, dataset: QueryDataset | None, timeout: float | None
    ) -> http.client.HTTPResponse:
        body = urllib.parse.urlencode({"query": sparql}).encode("utf-8")
        return self._send(
            self._query,
            "POST",
            self._query_url(dataset),
            body=body,
            headers={"Content-Type": "application/x-www-form-urlencoded", "Accept": accept},
            timeout=timeout,
            what="the query",
            reading=True,
        )

    def _fetch(
        self, sparql: str, accept: str, dataset: QueryDataset | None, timeout: float | None, *, check: bool = True
    ) -> tuple[str, bytes]:
        """(media type, body) of a query's answer in the format ``accept`` asks for."""
        if dataset is None and check:
            self._check_union_default_graph()
        timeout = self._read_timeout(timeout)
        response = self._post_query(sparql, accept, dataset, timeout)
        media_type = response.headers.get_content_type()
        return media_type, self._read_all(response, self._query, "the query", timeout, True)

    def _fetch_converted(
        self, sparql: str, accept: str, fallback: str, dataset: QueryDataset | None, timeout: float | None
    ) -> tuple[str, bytes]:
        try:
            return self._fetch(sparql, accept, dataset, timeout)
        except _NotAcceptable:
            return self._fetch(sparql, fallback, dataset, timeout)

    def query(
        self,
        sparql: str,
        result_format: str = "json",
        rdf_format: str = "ttl",
        *,
        dataset: QueryDataset | None = None,
        timeout: float | None = None,
    ) -> QueryOutput:
        form = query_form(sparql)
        if form in ("CONSTRUCT", "DESCRIBE"):
            wanted = RDF_FORMATS[rdf_format]
            media_type, body = self._fetch_converted(sparql, wanted, RDF_FORMATS["nt"], dataset, timeout)
            if media_type != wanted:
                body = _convert_graph(body, media_type, rdf_format)
            return QueryOutput("graph", wanted, body)
        if form is None:
            # Unknown form: let the server pick between the two formats asked for.
            accept = f"{RESULT_FORMATS[result_format]}, {RDF_FORMATS[rdf_format]};q=0.9"
            media_type, body = self._fetch(sparql, accept, dataset, timeout)
            if media_type in RDF_FORMATS.values():
                return QueryOutput("graph", media_type, body)
            kind = "solutions"
        else:
            wanted = RESULT_FORMATS[result_format]
            media_type, body = self._fetch_converted(sparql, wanted, RESULT_FORMATS["json"], dataset, timeout)
            if media_type != wanted:
                body = _convert_results(body, media_type, result_format)
            kind = "boolean" if form == "ASK" else "solutions"
        return QueryOutput(kind, RESULT_FORMATS[result_format], body)

    def _results_json(
        self, sparql: str, dataset: QueryDataset | None, timeout: float | None, *, check: bool = True
    ) -> dict:
        _, body = self._fetch(sparql, RESULT_FORMATS["json"], dataset, timeout, check=check)
        try:
            return json.loads(body)
        except ValueError:
            raise StoreError(f"{self._query.shown} did not answer with SPARQL JSON results") from None

    def select(
        self, sparql: str, *, dataset: QueryDataset | None = None, timeout: float | None = None
    ) -> list[dict[str, str]]:
        data = self._results_json(sparql, dataset, timeout)
        if "results" not in data:
            raise StoreError("select() needs a SELECT query")
        return [
            {name: term["value"] for name, term in binding.items()} for binding in data["results"].get("bindings", [])
        ]

    def ask(self, sparql: str, *, dataset: QueryDataset | None = None, timeout: float | None = None) -> bool:
        data = self._results_json(sparql, dataset, timeout)
        if "boolean" not in data:
            raise StoreError("ask() needs an ASK query")
        return bool(data["boolean"])

    # -- the union default graph ---------------------------------------------------
    def _check_union_default_graph(self) -> None:
        """Stop with a clear message if plain queries would not see the named graphs."""
        if self._union_checked:
            return
        with self._union_lock:
            if self._union_checked:
                return
            probe = self._results_json(
                "SELECT ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } FILTER(!isBlank(?s) && !isBlank(?o)) } LIMIT 1",
                None,
                self.request_timeout,
                check=False,
            )
            rows = probe.get("results", {}).get("bindings", [])
            if not rows:
                return  # nothing stored yet: check again at the next read
            row = rows[0]
            pattern = " ".join(_sparql_term(row[name]) for name in ("s", "p", "o"))
            answer = self._results_json(f"ASK {{ {pattern} }}", None, self.request_timeout, check=False)
            if not answer.get("boolean"):
                raise StoreError(
                    f"the SPARQL server at {self._query.shown} does not include the named graphs in its default "
                    "graph, so queries would find nothing: start oxigraph serve with --union-default-graph or add "
                    "?union-default-graph to the query URL; for Fuseki set unionDefaultGraph on the dataset "
                    "(see docs/remote-stores.md)"
                )
            self._union_checked = True

    # -- writing -------------------------------------------------------------------
    def _need_writer(self, action: str) -> None:
        if self._update is None and self._gsp is None:
            raise StoreError(
                f"cannot {action}: the store {self.location} is read-only here; give --update-url and/or --gsp-url "
                "(or KB_UPDATE_URL / KB_GSP_URL)"
            )

    def _run_update(self, update: str) -> None:
        assert self._update is not None
        body = urllib.parse.urlencode({"update": update}).encode("utf-8")
        response = self._send(
            self._update,
            "POST",
            self._update.url,
            body=body,
            headers={"Content-Type": "application/x-www-form-urlencoded"},
            timeout=self.request_timeout,
            what="the update",
        )
        self._read_all(response, self._update, "the update", self.request_timeout, False)

    def _graph_request(self, method: str, graph: str, turtle: str | None = None) -> None:
        assert self._gsp is not None
        url = self._gsp.with_params([("graph", graph)])
        headers = {"Content-Type": "text/turtle; charset=utf-8"} if turtle is not None else {}
        body = turtle.encode("utf-8") if turtle is not None else None
        what = f"{method} of graph <{graph}>"
        response = self._send(self._gsp, method, url, body=body, headers=headers, timeout=self.request_timeout, what=what)
        self._read_all(response, self._gsp, what, self.request_timeout, False)

    def write(self, write: GraphWrite) -> None:
        self._need_writer("write")
        if self._gsp is not None:
            for graph, triples in write.shared.items():
                if triples.strip():
                    self._graph_request("POST", graph, triples)
            self._graph_request("PUT", write.graph, write.triples)
            return
        parts = [f"DROP SILENT GRAPH <{write.graph}> ;", f"INSERT DATA {{ GRAPH <{write.graph}> {{\n{write.triples}\n}}"]
        for graph, triples in write.shared.items():
            if triples.strip():
                parts.append(f"GRAPH <{graph}> {{\n{triples}\n}}")
        parts.append("}")
        self._run_update("\n".join(parts))

    def remove_graph(self, graph: str) -> None:
        self._need_writer("remove a graph")
        if self._update is not None:
            self._run_update(f"DROP SILENT GRAPH <{graph}>")
            return
        try:
            self._graph_request("DELETE", graph)
        except _NotFound:
            pass  # absent is fine

    def load(self, data: BinaryIO, media_type: str) -> None:
        fmt = _LOAD_FORMATS.get(media_type)
        if fmt is None:
            raise StoreError(f"cannot load {media_type}: use N-Quads or TriG")
        self._need_writer("load")
        try:
            for batch in _batches(ox.parse(data, format=fmt), LOAD_BATCH_QUADS):
                self._send_batch(batch)
        except (SyntaxError, ValueError) as error:
            raise StoreError(f"cannot load the data: {error}") from None

    def _send_batch(self, quads: list[ox.Quad]) -> None:
        by_graph: dict[str, list[str]] = {}
        for quad in quads:
            if not isinstance(quad.graph_name, ox.NamedNode):
                raise StoreError("cannot load triples outside a named graph into a remote store")
            by_graph.setdefault(quad.graph_name.value, []).append(f"{quad.triple} .")
        if self._update is not None:
            body = " ".join(f"GRAPH <{g}> {{\n" + "\n".join(lines) + "\n}" for g, lines in by_graph.items())
            self._run_update(f"INSERT DATA {{ {body} }}")
        else:
            for graph, lines in by_graph.items():
                self._graph_request("POST", graph, "\n".join(lines) + "\n")

    # -- dumping ---------------------------------------------------------------------
    def dump(self, output: BinaryIO, rdf_format: str = "nq") -> None:
        fmt = OX_RDF_FORMATS[rdf_format]
        if not fmt.supports_datasets:
            self._dump_union(output, rdf_format)
            return
        with self._dataset_nquads() as nquads:
            if rdf_format == "nq":
                _copy(nquads, output, self._query.shown)
            else:
                _reserialize(ox.parse(nquads, format=ox.RdfFormat.N_QUADS), output, fmt)

    def _dump_union(self, output: BinaryIO, rdf_format: str) -> None:
        # Triple formats hold the union of all graphs, as queries see it.
        self._check_union_default_graph()
        sparql = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
        wanted = RDF_FORMATS[rdf_format]
        try:
            response = self._post_query(sparql, wanted, None, self.request_timeout)
        except _NotAcceptable:
            response = self._post_query(sparql, RDF_FORMATS["nt"], None, self.request_timeout)
        with response:
            if response.headers.get_content_type() == wanted:
                _copy(response, output, self._query.shown)
            else:
                _reserialize(ox.parse(response, format=_media_format(response.headers.get_content_type())), output, OX_RDF_FORMATS[rdf_format])

    def _dataset_nquads(self) -> BinaryIO:
        """The whole dataset as an N-Quads stream: one GSP GET, or graph by graph."""
        if self._gsp is not None:
            try:
                response = self._send(
                    self._gsp,
                    "GET",
                    self._gsp.url,
                    headers={"Accept": RDF_FORMATS["nq"]},
                    timeout=self.request_timeout,
                    what="the dataset download",
                )
            except StoreError:
                response = None
            if response is not None:
                if response.headers.get_content_type() == RDF_FORMATS["nq"]:
                    return response
                response.close()
        return io.BufferedReader(_GraphByGraph(self), _COPY_CHUNK)


class _GraphByGraph(io.RawIOBase):
    """N-Quads of every named graph, fetched with one CONSTRUCT per graph, as a readable stream."""

    def __init__(self, store: RemoteStore) -> None:
        self._store = store
        self._graphs = iter(store.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { } } ORDER BY ?g", dataset=QueryDataset()))
        self._buffer = b""

    def readable(self) -> bool:
        return True

    def _next_graph(self) -> bytes | None:
        row = next(self._graphs, None)
        if row is None:
            return None
        graph = row["g"]
        response = self._store._post_query(
            f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}",
            RDF_FORMATS["nt"],
            QueryDataset(),
            self._store.request_timeout,
        )
        with response:
            media = _media_format(response.headers.get_content_type())
            name = ox.NamedNode(graph)
            # Fresh blank node ids per graph: two graphs' "_:b0" are different nodes.
            quads = (ox.Quad(t.subject, t.predicate, t.object, name) for t in ox.parse(response, format=media, rename_blank_nodes=True))
            out = io.BytesIO()
            ox.serialize(quads, out, ox.RdfFormat.N_QUADS)
        return out.getvalue()

    def readinto(self, target) -> int:
        while not self._buffer:
            chunk = self._next_graph()
            if chunk is None:
                return 0
            self._buffer = chunk
        n = min(len(target), len(self._buffer))
        target[:n] = self._buffer[:n]
        self._buffer = self._buffer[n:]
        return n


def _media_format(media_type: str) -> ox.RdfFormat:
    fmt = ox.RdfFormat.from_media_type(media_type)
    if fmt is None:
        raise StoreError(f"the server answered in an unexpected format: {media_type}")
    return fmt


def _convert_graph(body: bytes, media_type: str, rdf_format: str) -> bytes:
    out = io.BytesIO()
    _reserialize(ox.parse(body, format=_media_format(media_type)), out, OX_RDF_FORMATS[rdf_format])
    return out.getvalue()


def _convert_results(body: bytes, media_type: str, result_format: str) -> bytes:
    fmt = ox.QueryResultsFormat.from_media_type(media_type)
    if fmt is None:
        raise StoreError(f"the server answered in an unexpected format: {media_type}")
    try:
        return ox.parse_query_results(body, format=fmt).serialize(format=OX_RESULT_FORMATS[result_format])
    except (SyntaxError, ValueError) as error:
        raise StoreError(f"cannot read the server's answer: {error}") from None


def _reserialize(items: Iterator, output: BinaryIO, fmt: ox.RdfFormat) -> None:
    try:
        ox.serialize(items, output, fmt)
    except (SyntaxError, ValueError) as error:
        raise StoreError(f"cannot read the server's answer: {error}") from None


def _copy(source: BinaryIO, output: BinaryIO, shown: str) -> None:
    try:
        while chunk := source.read(_COPY_CHUNK):
            output.write(chunk)
    except (TimeoutError, socket.timeout, http.client.HTTPException, ConnectionError) as error:
        raise StoreError(f"the download from {shown} broke off: {error}") from None


def _batches(items: Iterable, size: int) -> Iterator[list]:
    batch: list = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _sparql_term(term: dict) -> str:
    """A SPARQL JSON results term written back as SPARQL syntax (IRIs and literals)."""
    value = term["value"]
    if term["type"] == "uri":
        return f"<{value}>"
    escaped = value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    if "xml:lang" in term:
        return f'"{escaped}"@{term["xml:lang"]}'
    if "datatype" in term:
        return f'"{escaped}"^^<{term["datatype"]}>'
    return f'"{escaped}"'
