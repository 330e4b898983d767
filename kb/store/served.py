"""Reaching an embedded store through the ``kb serve`` that holds it.

Oxigraph's embedded store has one writer: the process that opened it holds a
lock on the folder, and opening it read-only while another process writes is
undefined behaviour. So while ``kb serve`` runs on ``data/kb``, no other
process may open ``data/kb``. Instead, every ``kb`` command talks to the
serving process, which then does the reads and writes itself, and since its
writes go through its timeline index (``kb.index.IndexedStore``), the timeline
shows the new events at once.

How a command finds the server:

* ``kb serve`` on an embedded store writes ``<store>/.annals-server.json``
  (mode 0600: only its user can read it) once it listens: its loopback URL,
  its process id, the store's absolute path and a random token made at start.
  It removes the file when it stops (Ctrl-C or SIGTERM). ``publish`` and
  ``withdraw`` do that.
* ``open_or_reach(settings)`` (what ``kb.cli.store_from`` calls) reads that
  file first. It is *live* when the process id is alive and the URL answers
  ``/internal/ping`` for the same store with the token; then the command gets
  a ``ServedStore`` and says so once on stderr. A file whose process is gone
  (``kill -9``, a crash) is stale and ignored; the next ``kb serve`` replaces
  it. Without a live server the store is opened as usual, and if that fails
  because something holds the lock (another ``kb ingest``), the usual one-line
  error stands. The file is checked before opening, not only after a failed
  open, because the server's store process briefly lets go of the lock when
  it restarts after a query time limit: a command must not grab it then.

``ServedStore`` is a ``RemoteStore`` pointed at the server's internal
endpoints (``web.views.internal``), with ``Authorization: Bearer <token>`` on
every request and no HTTP proxy (the token must not leave the machine):

* reads: ``POST /internal/sparql`` (the SPARQL 1.1 Protocol, without the
  public endpoint's time limit: merging and validation run big queries);
  a read's own ``timeout`` is sent along (``X-Annals-Timeout``) so the server
  stops it too;
* ``write`` (one ``GraphWrite``): ``POST /internal/write``, one transaction on
  the server, as atomic as on the embedded store. The Graph Store Protocol
  cannot say "replace this graph and add to that one" in one request;
* ``remove_graph`` and ``load``: the Graph Store Protocol at
  ``/internal/store`` (``DELETE``, ``POST`` per graph, as for any server);
* ``dump``: ``GET /internal/store`` in the format asked for, streamed.

One writer at a time, as with the embedded store: a command that writes
(``writer=True``: ingest, load, remove, merge) first takes the server's writer
lease (``POST /internal/writer``) and gives it back on ``close``. A second
writing command meanwhile stops with one line naming the first. The server
frees a lease whose process has died. Readers (query, export, validate) need
no lease and run alongside.
"""

from __future__ import annotations

import json
import os
import sys
import urllib.error
import urllib.request
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import BinaryIO, Callable

from kb.store.base import RDF_FORMATS, GraphWrite, QuerySyntaxError, Store, StoreError
from kb.store.remote import Endpoint, RemoteStore, _copy

SERVER_FILE = ".annals-server.json"
INTERNAL = "/internal"
WRITER_HEADER = "X-Annals-Writer"
TIMEOUT_HEADER = "X-Annals-Timeout"
SYNTAX_ERROR_PREFIX = "400 Bad Request: the query does not parse: "
PING_SECONDS = 5.0  # a live server answers a ping at once, even while busy (it has several threads)


@dataclass(frozen=True)
class ServerFile:
    """What ``kb serve`` publishes about itself in the store folder."""

    url: str  # http://127.0.0.1:PORT, no trailing slash
    pid: int
    token: str
    store: str  # the store folder, absolute

    def shown(self) -> str:
        return f"{self.url}/"


def server_file_path(folder: str | Path) -> Path:
    return Path(folder) / SERVER_FILE


def store_key(folder: str | Path) -> str:
    """How a store folder is named in the server file and the ping: absolute, symlinks resolved."""
    return str(Path(folder).resolve())


# -- the server's side: publishing ---------------------------------------------------------------


def publish(folder: str | Path, url: str, token: str) -> ServerFile:
    """Write the server file for this process (mode 0600), replacing any earlier one in one step."""
    server = ServerFile(url=url.rstrip("/"), pid=os.getpid(), token=token, store=store_key(folder))
    path = server_file_path(folder)
    temporary = path.with_name(f"{path.name}.{os.getpid()}.new")
    temporary.unlink(missing_ok=True)
    # Created 0600 from the start: the token is never readable by others, not even for a moment.
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descriptor, "w", encoding="utf-8") as out:
        json.dump(asdict(server), out, indent=2)
        out.write("\n")
    os.replace(temporary, path)
    return server


def withdraw(folder: str | Path, token: str) -> None:
    """Remove the server file if it is still this server's (a newer one is left alone)."""
    path = server_file_path(folder)
    current = read_server_file(folder)
    if current is not None and current.token == token:
        path.unlink(missing_ok=True)


# -- the command's side: finding a live server ---------------------------------------------------


def read_server_file(folder: str | Path) -> ServerFile | None:
    """The server file's content; None when there is none or it cannot be read or understood."""
    try:
        data = json.loads(server_file_path(folder).read_text(encoding="utf-8"))
        return ServerFile(url=str(data["url"]), pid=int(data["pid"]), token=str(data["token"]), store=str(data["store"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


def pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if os.name == "nt":
        return True  # os.kill(pid, 0) would send Ctrl-C there; the ping decides instead
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # alive, another user's
    return True


def _direct_opener() -> urllib.request.OpenerDirector:
    # No proxy: the server is on this machine, and the token must not travel anywhere else.
    return urllib.request.build_opener(urllib.request.ProxyHandler({}))


def ping(server: ServerFile, timeout: float = PING_SECONDS) -> bool:
    """Whether the server answers for this store and accepts the token."""
    request = urllib.request.Request(
        f"{server.url}{INTERNAL}/ping", headers={"Authorization": f"Bearer {server.token}"}
    )
    try:
        with _direct_opener().open(request, timeout=timeout) as answer:
            data = json.loads(answer.read())
    except (OSError, ValueError, urllib.error.URLError):
        return False
    return isinstance(data, dict) and data.get("store") == server.store and data.get("pid") == server.pid


def claimed_by(folder: str | Path) -> ServerFile | None:
    """The server the file names, if the file is about this folder and its process is alive."""
    server = read_server_file(folder)
    if server is None or server.store != store_key(folder) or not pid_alive(server.pid):
        return None  # none, or stale: its process is gone
    return server


def live_server(folder: str | Path) -> ServerFile | None:
    """The ``kb serve`` that holds this store folder now, if one does (see the module docstring)."""
    server = claimed_by(folder)
    return server if server is not None and ping(server) else None


def open_or_reach(
    settings,
    *,
    read_only: bool = False,
    writer: bool = False,
    notify: Callable[[str], None] | None = None,
) -> Store:
    """The store ``settings`` names: opened here, or reached through the ``kb serve`` holding it.

    ``writer``: the caller will write (take the server's writer lease).
    ``notify`` gets the one line saying that the command goes through the server.
    """
    from kb.store import open_store

    if settings.store.startswith(("http://", "https://")):
        return open_store(settings.store, update_url=settings.update_url, gsp_url=settings.gsp_url)

    silent: set[ServerFile] = set()  # pinged once without an answer: not waited for twice

    def reach() -> Store | None:
        server = claimed_by(settings.store)
        if server is None or server in silent:
            return None
        if not ping(server):
            silent.add(server)
            return None
        store = ServedStore(server, writer=writer)
        if notify is not None:
            effect = "; the timeline shows the changes at once" if writer else ""
            notify(f"note: {settings.store} is open in kb serve (pid {server.pid}): going through it at {server.shown()}{effect}")
        return store

    served = reach()
    if served is not None:
        return served
    try:
        return open_store(settings.store, read_only=read_only)
    except StoreError as error:
        served = reach()  # a kb serve that took the store just now
        if served is not None:
            return served
        why = _unreachable_server(settings.store)
        if why is None:
            raise
        raise StoreError(f"{error}; {why}") from None


def _unreachable_server(folder: str) -> str | None:
    """What the server file says about a store that is locked but has no live server to go through."""
    path = server_file_path(folder)
    try:
        path.read_bytes()
    except FileNotFoundError:
        return None
    except OSError:
        return "a kb serve of another user seems to hold it (its server file is not readable by you)"
    server = claimed_by(folder)
    if server is None:
        return None
    return f"kb serve (pid {server.pid}) holds it but did not answer at {server.shown()} within {PING_SECONDS:g} s; try again"


# -- the store ----------------------------------------------------------------------------------


class ServedStore(RemoteStore):
    """An embedded store reached through the ``kb serve`` that holds it (see the module docstring).

    ``location`` is the store folder, as for the embedded store, so messages
    and the timeline index name the store the user named.
    """

    def __init__(self, server: ServerFile, *, writer: bool = False, command: str | None = None) -> None:
        base = server.url + INTERNAL
        super().__init__(f"{base}/sparql", gsp_url=f"{base}/store")
        self.server = server
        bearer = f"Bearer {server.token}"
        self._query = replace(self._query, authorization=bearer)
        self._gsp = replace(self._gsp, authorization=bearer)
        self._write_endpoint = replace(Endpoint.parse(f"{base}/write"), authorization=bearer)
        self._writer_endpoint = replace(Endpoint.parse(f"{base}/writer"), authorization=bearer)
        self._index_endpoint = replace(Endpoint.parse(f"{base}/index"), authorization=bearer)
        self.location = server.store
        self._union_checked = True  # the server runs every query over the union of its graphs
        self._lease: str | None = None
        if writer:
            self._take_lease(command or _command_name())

    def _build_opener(self) -> urllib.request.OpenerDirector:
        return _direct_opener()

    def _http_error(self, error: urllib.error.HTTPError, endpoint: Endpoint, what: str, reading: bool) -> StoreError:
        if error.code == 409 or (error.code == 400 and reading):  # the server's own line says it all
            try:
                detail = " ".join(error.read(4096).decode("utf-8", "replace").split())
            finally:
                error.close()
            if error.code == 400:
                return QuerySyntaxError(detail.removeprefix(SYNTAX_ERROR_PREFIX))
            return StoreError(detail.removeprefix("409 Conflict: ") or "another command is writing to the store")
        if error.code == 401:
            error.close()
            return StoreError(
                f"{what}: the kb serve at {self.server.shown()} no longer accepts this command's token "
                "(it was restarted?); run the command again"
            )
        return RemoteStore._http_error(error, endpoint, what, reading)

    def _send(self, endpoint: Endpoint, method: str, url: str, *, headers: dict[str, str] | None = None, **options):
        headers = dict(headers or {})
        if self._lease:
            headers[WRITER_HEADER] = self._lease
        timeout = options.get("timeout")
        if options.get("reading") and timeout is not None:
            headers[TIMEOUT_HEADER] = f"{timeout:g}"
        return super()._send(endpoint, method, url, headers=headers, **options)

    def _post_json(self, endpoint: Endpoint, method: str, payload: dict | None, what: str, timeout: float | None) -> dict:
        body = json.dumps(payload).encode("utf-8") if payload is not None else None
        headers = {"Content-Type": "application/json", "Accept": "application/json"} if body else {}
        response = self._send(endpoint, method, endpoint.url, body=body, headers=headers, timeout=timeout, what=what)
        raw = self._read_all(response, endpoint, what, timeout, False)
        try:
            return json.loads(raw) if raw.strip() else {}
        except ValueError:
            raise StoreError(f"{what}: {endpoint.shown} did not answer with JSON") from None

    # -- the writer lease ---------------------------------------------------------------
    def _take_lease(self, command: str) -> None:
        answer = self._post_json(
            self._writer_endpoint,
            "POST",
            {"pid": os.getpid(), "command": command},
            "taking the writer lease",
            self.request_timeout,
        )
        self._lease = str(answer["lease"])

    def _give_back_lease(self) -> None:
        if self._lease is None:
            return
        try:
            self._post_json(self._writer_endpoint, "DELETE", None, "giving back the writer lease", 10)
        except StoreError:
            pass  # the server frees the lease of a process that has gone anyway
        self._lease = None

    # -- writing -------------------------------------------------------------------------
    def write(self, write: GraphWrite) -> None:
        payload = {"graph": write.graph, "triples": write.triples, "shared": write.shared}
        self._post_json(self._write_endpoint, "POST", payload, f"the write of graph <{write.graph}>", self.request_timeout)

    # remove_graph and load: RemoteStore's, over the Graph Store Protocol.

    # -- reading -------------------------------------------------------------------------
    def dump(self, output: BinaryIO, rdf_format: str = "nq") -> None:
        """The server dumps in the format asked for and streams it; nothing is converted here."""
        response = self._send(
            self._gsp,
            "GET",
            self._gsp.url,
            headers={"Accept": RDF_FORMATS[rdf_format]},
            timeout=self.request_timeout,
            what="the dump",
        )
        with response:
            _copy(response, output, self._gsp.shown)

    # -- the server's timeline index -------------------------------------------------------
    def check_index(self, *, rebuild: bool = False) -> str:
        """Ask the server to check (or rebuild) its timeline index; its one-line summary."""
        answer = self._post_json(
            self._index_endpoint, "POST", {"rebuild": rebuild}, "the index check", None
        )
        return str(answer.get("summary", ""))

    def close(self) -> None:
        self._give_back_lease()


def _command_name() -> str:
    """``kb ingest`` and the like, for the message another writer gets."""
    words = [word for word in sys.argv[1:2] if not word.startswith("-")]
    return " ".join(["kb", *words])
