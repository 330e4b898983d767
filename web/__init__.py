"""The Annals web application (Flask): timeline, resource pages, SPARQL, exports."""

from web.app import create_app

__all__ = ["create_app"]
