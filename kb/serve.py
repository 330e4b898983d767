"""``kb serve``: the web app on waitress, a production WSGI server."""

from __future__ import annotations

import sys

from kb.config import Settings


def serve(settings: Settings, *, host: str = "127.0.0.1", port: int = 5000, threads: int = 8) -> None:
    import waitress

    from web import create_app

    app = create_app(settings)
    print(f"serving {settings.store} on http://{host}:{port}/ (Ctrl-C to stop)", file=sys.stderr, flush=True)
    try:
        waitress.serve(app, host=host, port=port, threads=threads, ident="annals")
    finally:
        app.extensions["kb_store"].close()
