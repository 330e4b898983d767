"""``kb serve``: the web app on waitress, a production WSGI server.

An embedded store is served through ``kb.store.supervised.SupervisedStore``
(via ``web.app.create_app``), so ``Settings.query_timeout`` (KB_QUERY_TIMEOUT,
default 10 s) really stops a runaway query; the store's child process is
stopped when the server stops.
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
    try:
        waitress.serve(app, host=host, port=port, threads=threads, ident="annals")
    finally:
        app.extensions["kb_store"].close()
