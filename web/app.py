"""The Flask app factory: configuration in, a ready app out, no global state.

The app talks to the knowledge base only through the store's SPARQL interface,
so it works the same over the embedded store and a remote SPARQL server.
"""

from __future__ import annotations

from flask import Flask

from kb.config import Settings
from kb.store import Store, open_store


def create_app(settings: Settings | None = None, *, store: Store | None = None) -> Flask:
    settings = settings or Settings.from_env()
    app = Flask(__name__)
    app.config["KB_SETTINGS"] = settings
    if store is None:
        store = open_store(settings.store, update_url=settings.update_url, gsp_url=settings.gsp_url)
    app.extensions["kb_store"] = store

    from web.formatting import register_filters
    from web.views.timeline import timeline

    register_filters(app)
    app.register_blueprint(timeline)
    return app


def get_store() -> Store:
    from flask import current_app

    return current_app.extensions["kb_store"]


def get_settings() -> Settings:
    from flask import current_app

    return current_app.config["KB_SETTINGS"]
