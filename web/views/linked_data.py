"""Linked data for programs: whole-store dumps, the VoID description, the SHACL report.

* ``/export.trig``, ``.nq``, ``.ttl``, ``.jsonld``: the whole knowledge base,
  streamed while the store writes it (``web.streaming``); trig, nq and jsonld
  keep the named graphs, ttl is the union of all graphs.
* ``/.well-known/void``: VoID, as Turtle by default or by ``Accept`` /
  ``?format=`` like the resource pages (a browser sees the Turtle on a page).
* ``/validation``: ``kb.validate_store.validate_store`` over the store. Its
  report is kept in memory with a fingerprint of the articles' content hashes
  and recomputed only when they change, since SHACL over every article is
  slow; ``?refresh=1`` recomputes it anyway.
"""

from __future__ import annotations

import hashlib
import threading
import time

from flask import Blueprint, Response, abort, current_app, render_template, request

from web.app import get_settings, get_store
from web.errors import PageError
from web.rdf_output import UnknownFormat, available_types, choose_format, serialize
from web.streaming import stream_dump
from web.void import void_graph

linked_data = Blueprint("linked_data", __name__)

EXPORTS = {
    "trig": "application/trig",
    "nq": "application/n-quads",
    "ttl": "text/turtle; charset=utf-8",
    "jsonld": "application/ld+json",
}


@linked_data.get("/export.<extension>")
def export(extension: str):
    if extension not in EXPORTS:
        abort(404, description=f"no such export; use /export.{{{','.join(EXPORTS)}}}")
    return Response(
        stream_dump(get_store(), extension),
        content_type=EXPORTS[extension],
        headers={"Content-Disposition": f'attachment; filename="annals.{extension}"'},
    )


@linked_data.get("/.well-known/void")
def void():
    try:
        chosen = choose_format(request.headers.get("Accept"), request.args.get("format"))
    except UnknownFormat as error:
        raise PageError(400, f"400 Bad Request: {error}") from None
    if chosen is None:
        raise PageError(406, f"406 Not Acceptable: VoID is available as {available_types()}", {"Vary": "Accept"})
    graph = void_graph(get_store(), request.url_root, get_settings().base_iri)
    if chosen == "html":
        turtle, _ = serialize(graph, "ttl")
        response = Response(render_template("void.html", turtle=turtle.decode("utf-8")), mimetype="text/html")
    else:
        body, content_type = serialize(graph, chosen)
        response = Response(body, content_type=content_type)
    response.headers["Vary"] = "Accept"
    return response


_validation_lock = threading.Lock()


@linked_data.get("/validation")
def validation():
    from kb.validate_store import validate_store

    store = get_store()
    fingerprint = hashlib.sha256(repr(sorted(store.iter_graph_hashes())).encode("utf-8")).hexdigest()
    with _validation_lock:  # one validation at a time: it is CPU-heavy
        cached = current_app.extensions.get("kb_validation")
        if cached is None or cached[0] != fingerprint or request.args.get("refresh"):
            started = time.monotonic()
            report = validate_store(store, get_settings())
            cached = (fingerprint, report, time.monotonic() - started, time.strftime("%Y-%m-%d %H:%M:%S"))
            current_app.extensions["kb_validation"] = cached
    _, report, seconds, checked_at = cached
    if request.args.get("format") == "text":
        text = (f"conforms: {report.graphs} graph(s) checked\n" if report.conforms else report.text + "\n")
        return Response(text, mimetype="text/plain")
    return render_template("validation.html", report=report, seconds=seconds, checked_at=checked_at)
