"""Errors as people and programs want them: a page for a browser, one line of text otherwise.

A store that fails or runs out of time answers 503 (the request may work
later); a query that does not parse is the client's 400. No traceback is ever
shown.
"""

from __future__ import annotations

from flask import Response, render_template, request
from werkzeug.exceptions import HTTPException

from kb.store import StoreError
from kb.store.base import QuerySyntaxError, QueryTimeout
from web.negotiation import prefers_html


class PageError(Exception):
    """An error a view raises to answer ``status`` with ``message``."""

    def __init__(self, status: int, message: str, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.headers = headers or {}


def error_response(status: int, message: str, headers: dict[str, str] | None = None) -> Response:
    if prefers_html(request.headers.get("Accept"), ["text/plain"]):
        body = render_template("error.html", status=status, message=message)
        response = Response(body, status=status, mimetype="text/html")
    else:
        response = Response(message.rstrip("\n") + "\n", status=status, mimetype="text/plain")
    response.headers.update(headers or {})
    return response


def register_error_handlers(app) -> None:
    @app.errorhandler(PageError)
    def page_error(error: PageError):
        return error_response(error.status, error.message, error.headers)

    @app.errorhandler(HTTPException)
    def http_error(error: HTTPException):
        headers = dict(error.get_headers())
        headers.pop("Content-Type", None)
        return error_response(error.code or 500, f"{error.code} {error.name}: {error.description}", headers)

    @app.errorhandler(QueryTimeout)
    def timeout(error: QueryTimeout):
        return error_response(503, f"503 Service Unavailable: {error}", {"Retry-After": "10"})

    @app.errorhandler(QuerySyntaxError)
    def syntax(error: QuerySyntaxError):
        return error_response(400, f"400 Bad Request: the query does not parse: {error}")

    @app.errorhandler(StoreError)
    def store_error(error: StoreError):
        return error_response(503, f"503 Service Unavailable: the knowledge base could not answer: {error}")
