"""``/graph``: actors and events as a network, for the same filters as the timeline.

HTML with an inline SVG drawn on the server (every node a link), or
``?format=json``: ``{"nodes": [...], "edges": [...]}`` with the same layout,
for other tools. ``limit`` (default 150, at most 400) caps the events drawn;
the page says how many of how many are shown.
"""

from __future__ import annotations

from flask import Blueprint, jsonify, render_template, request

from web.app import get_store
from web.errors import PageError
from web.events import find_events
from web.filter_params import filter_params
from web.links import local_href, url_with_params
from web.network import build_network, fit_events
from web.views.timeline import read_filter

graph = Blueprint("graph", __name__)

DEFAULT_EVENTS, MAX_EVENTS = 150, 400


@graph.get("/graph")
def graph_page():
    flt = read_filter()
    try:
        limit = min(max(int(request.args.get("limit") or DEFAULT_EVENTS), 1), MAX_EVENTS)
    except ValueError:
        raise PageError(400, "400 Bad Request: limit: not a whole number") from None
    newest_first = request.args.get("order") != "oldest"
    events, total = find_events(get_store(), flt, limit=limit, newest_first=newest_first)
    events = fit_events(events)
    network = build_network(events)
    if request.args.get("format") == "json":
        return jsonify(
            {
                "total_events": total,
                "shown_events": len(events),
                "nodes": [
                    {"id": n.iri, "kind": n.kind, "label": n.label, "family": n.family, "type": n.event_class,
                     "date": n.date, "sources": n.sources, "x": n.x, "y": n.y, "href": local_href(n.iri)}
                    for n in network.nodes
                ],
                "edges": [{"source": e.source, "target": e.target, "role": e.role} for e in network.edges],
            }
        )
    if request.args.get("format") not in (None, "", "html"):
        raise PageError(400, "400 Bad Request: format: use html or json")
    return render_template(
        "graph.html", network=network, flt=flt, total=total, shown=len(events),
        timeline_url=url_with_params("timeline.timeline_page", filter_params(flt)),
        json_url=url_with_params("graph.graph_page", filter_params(flt) + [("format", "json")]),
        show_event_labels=len(events) <= 12,
    )
