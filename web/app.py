"""The Flask app factory: configuration in, a ready app out, no global state.

The app talks to the knowledge base only through the store's SPARQL interface,
so it works the same over the embedded store and a remote SPARQL server.

Choices:

* Given no store, the app opens one itself: a remote SPARQL server for an
  ``http(s)://`` setting, otherwise the embedded store run by a supervised
  child process (``kb.store.supervised``), because only a process can be
  stopped when a query passes ``settings.query_timeout``. That limit applies
  to every read, the pages' own queries included.
* That store comes wrapped with its timeline index (``kb.index.with_index``):
  checked against the store on start (built the first time, which reads the
  whole store once), kept in step with writes made through the app, and for a
  remote store re-checked every ``KB_INDEX_REFRESH`` seconds, since other
  machines may write to it. ``KB_INDEX=off`` serves the timeline with SPARQL.
* A store passed in (tests, embedding) is used as it is; the caller owns it
  (wrap it with ``kb.index.with_index`` to give it an index).
* ``/internal/…`` (``web.views.internal``, for other ``kb`` commands while
  ``kb serve`` holds an embedded store) answers 404 until ``kb serve`` turns
  it on with its token (``enable_internal_endpoints``).
"""

from __future__ import annotations

from flask import Flask, current_app

from kb.config import Settings
from kb.store import Store, open_store


def open_served_store(settings: Settings) -> Store:
    """The store ``kb serve`` uses: remote as configured, or embedded under supervision, with its timeline index."""
    from kb.index import with_index

    if settings.store.startswith(("http://", "https://")):
        store = open_store(settings.store, update_url=settings.update_url, gsp_url=settings.gsp_url)
        refresh = settings.index_refresh
    else:
        from kb.store.supervised import SupervisedStore

        store = SupervisedStore(settings.store, query_timeout=settings.query_timeout)
        refresh = None  # only this process can write to an embedded store: nothing to catch up with
    try:
        return with_index(store, settings, refresh=refresh)
    except BaseException:
        store.close()
        raise


def create_app(settings: Settings | None = None, *, store: Store | None = None) -> Flask:
    settings = settings or Settings.from_env()
    app = Flask(__name__)
    app.config["KB_SETTINGS"] = settings
    app.extensions["kb_store"] = store if store is not None else open_served_store(settings)

    from web.errors import register_error_handlers
    from web.formatting import register_filters
    from web.views.graph import graph
    from web.views.internal import internal
    from web.views.linked_data import linked_data
    from web.views.resources import resources
    from web.views.sparql import sparql
    from web.views.timeline import timeline

    register_filters(app)
    register_error_handlers(app)
    for blueprint in (timeline, resources, graph, sparql, linked_data, internal):
        app.register_blueprint(blueprint)
    return app


def get_store() -> Store:
    return current_app.extensions["kb_store"]


def get_settings() -> Settings:
    return current_app.config["KB_SETTINGS"]
