"""``kb serve``: the web app on waitress, a production WSGI server.

An embedded store is served through ``kb.store.supervised.SupervisedStore``
(via ``web.app.create_app``), so ``Settings.query_timeout`` (KB_QUERY_TIMEOUT,
default 10 s) really stops a runaway query; the store's child process is
stopped when the server stops.

The timeline index (``kb.index``) is checked against the store before the
server starts listening (built on the first start, which reads the whole
store once); the line printed at start says where it is and how many events
it holds, or that the timeline answers with SPARQL.
"""

from __future__ import annotations

import sys

from kb.config import Settings
from kb.store import StoreError


def serve(settings: Settings, *, host: str = "127.0.0.1", port: int = 5000, threads: int = 8) -> None:
    import waitress

    from web import create_app

    try:
        app = create_app(settings)
    except StoreError as error:
        raise StoreError(f"cannot serve {settings.store}: {error}") from None
    print(
        f"serving {settings.store} on http://{host}:{port}/ (query time limit {settings.query_timeout:g} s; "
        "Ctrl-C to stop)",
        file=sys.stderr,
        flush=True,
    )
    print(index_line(app.extensions["kb_store"]), file=sys.stderr, flush=True)
    try:
        waitress.serve(app, host=host, port=port, threads=threads, ident="annals")
    finally:
        app.extensions["kb_store"].close()


def index_line(store) -> str:
    from kb.index import index_of

    index = index_of(store)
    if index is None:
        return "timeline index: none (KB_INDEX=off or unavailable); the timeline answers with SPARQL"
    return f"timeline index {index.path}: {index.event_count():,} events"
