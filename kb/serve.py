"""``kb serve``: the web app on waitress, a production WSGI server.

An embedded store is served through ``kb.store.supervised.SupervisedStore``
(via ``web.app.create_app``), so ``Settings.query_timeout`` (KB_QUERY_TIMEOUT,
default 10 s) really stops a runaway query; the store's child process is
stopped when the server stops.

The timeline index (``kb.index``) is checked against the store before the
server starts listening (built on the first start, which reads the whole
store once); the line printed at start says where it is and how many events
it holds, or that the timeline answers with SPARQL.

While it serves an embedded store, it holds the store's only write lock, so
other ``kb`` commands on this machine go through it (docs/serving.md): once
listening it turns on its internal endpoints (``web.views.internal``) with a
random token and publishes its loopback URL, process id and that token in
``<store>/.annals-server.json`` (mode 0600, ``kb.store.served``). The file is
removed when the server stops on Ctrl-C or SIGTERM; after ``kill -9`` it stays
behind, names a dead process and is ignored. A second ``kb serve`` on a store
that a live one holds stops with one line naming it.
"""

from __future__ import annotations

import secrets
import signal
import sys
import threading
from contextlib import contextmanager

from kb.config import Settings
from kb.store import StoreError


def serve(settings: Settings, *, host: str = "127.0.0.1", port: int = 5000, threads: int = 8) -> None:
    import logging

    import waitress

    from web import create_app

    embedded = not settings.store.startswith(("http://", "https://"))
    if embedded:
        refuse_if_served(settings.store)
    try:
        app = create_app(settings)
    except StoreError as error:
        raise StoreError(f"cannot serve {settings.store}: {error}") from None
    store = app.extensions["kb_store"]
    try:
        logging.basicConfig()  # as waitress.serve does, so its warnings reach stderr
        try:
            # Proxy headers are left in the request (the app trusts none of them) so that the
            # internal endpoints can see, and refuse, a request a proxy relayed from elsewhere.
            server = waitress.create_server(
                app, host=host, port=port, threads=threads, ident="annals", clear_untrusted_proxy_headers=False
            )
        except OSError as error:
            raise StoreError(f"cannot listen on {host}:{port}: {error}") from None
        listening = listening_addresses(server)
        url = local_url(listening)
        token = published = None
        if embedded:
            from kb.store.served import publish
            from web.views.internal import enable_internal_endpoints

            token = secrets.token_urlsafe(32)
            enable_internal_endpoints(app, token=token, listening=[address for address, _ in listening])
            try:
                published = publish(settings.store, url, token)
            except OSError as error:  # a read-only folder, say: serving still works
                print(
                    f"warning: cannot write the server file in {settings.store} ({error}); other kb commands "
                    "cannot reach the store while this server runs",
                    file=sys.stderr,
                    flush=True,
                )
        shown_host = f"[{host}]" if ":" in host else host
        print(
            f"serving {settings.store} on http://{shown_host}:{listening[0][1]}/ (query time limit "
            f"{settings.query_timeout:g} s; Ctrl-C to stop)",
            file=sys.stderr,
            flush=True,
        )
        print(index_line(store), file=sys.stderr, flush=True)
        if published is not None:
            print(
                f"kb commands on this machine reach {settings.store} through this server while it runs "
                "(docs/serving.md)",
                file=sys.stderr,
                flush=True,
            )
        try:
            with sigterm_stops():
                server.run()
        finally:
            if token is not None:
                from kb.store.served import withdraw

                withdraw(settings.store, token)
    finally:
        store.close()


def refuse_if_served(folder: str) -> None:
    from kb.store.served import live_server

    server = live_server(folder)
    if server is not None:
        raise StoreError(f"cannot serve {folder}: kb serve (pid {server.pid}) already serves it at {server.shown()}")


def listening_addresses(server) -> list[tuple[str, int]]:
    """(address, port) of every socket waitress listens on."""
    found = getattr(server, "effective_listen", None)
    return list(found) if found else [(server.effective_host, server.effective_port)]


def local_url(listening: list[tuple[str, int]]) -> str:
    """A URL of this server that programs on this machine can use: loopback whenever it listens there."""
    import ipaddress

    def url(address: str, port: int) -> str:
        return f"http://[{address}]:{port}" if ":" in address else f"http://{address}:{port}"

    candidates = []
    for address, port in listening:
        ip = ipaddress.ip_address(address.split("%")[0])
        if ip.is_unspecified:  # 0.0.0.0 or :: also listen on loopback
            ip = ipaddress.ip_address("127.0.0.1" if ip.version == 4 else "::1")
        rank = (0 if ip.is_loopback else 1, ip.version)  # loopback first, IPv4 before IPv6
        candidates.append((rank, str(ip), port))
    _, address, port = min(candidates)
    return url(address, port)


@contextmanager
def sigterm_stops():
    """SIGTERM (systemd, docker stop, kill) stops the server as Ctrl-C does, so cleanup runs."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(signum, frame):
        raise SystemExit(0)  # waitress's loop catches it and closes its sockets

    previous = signal.signal(signal.SIGTERM, stop)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def index_line(store) -> str:
    from kb.index import index_of

    index = index_of(store)
    if index is None:
        return "timeline index: none (KB_INDEX=off or unavailable); the timeline answers with SPARQL"
    return f"timeline index {index.path}: {index.event_count():,} events"
