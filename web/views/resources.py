"""Resource pages under ``/id/…``: events, actors, places, articles, as HTML or RDF.

The same URL answers HTML for a browser and Turtle, JSON-LD, N-Triples or
RDF/XML by ``Accept`` (q-values honoured) or ``?format=``; every answer says
``Vary: Accept`` so caches keep them apart. The RDF is the resource's own
triples plus those of its ``#…`` nodes, with canonical IRIs.
"""

from __future__ import annotations

from flask import Blueprint, Response, render_template, request

from web.app import get_store
from web.errors import PageError
from web.event_details import get_events
from web.events import EventFilter, find_events, month_counts
from web.filter_params import filter_params
from web.highlight import Span, highlight
from web.links import iri_for_path, local_href, url_with_params
from web.rdf_output import UnknownFormat, available_types, choose_format, serialize
from web.resources import actor_page, article_page, describe, exists, place_page, triples_about
from web.sparql_terms import is_iri
from web.strip import build_strip

resources = Blueprint("resources", __name__)

EVENTS_PER_PAGE = 50


@resources.get("/id/<path:path>")
def resource(path: str):
    iri = iri_for_path(path)
    store = get_store()
    if not is_iri(iri) or not exists(store, iri):
        raise PageError(404, f"404 Not Found: nothing is known about <{iri}>", {"Vary": "Accept"})
    try:
        chosen = choose_format(request.headers.get("Accept"), request.args.get("format"))
    except UnknownFormat as error:
        raise PageError(400, f"400 Bad Request: {error}", {"Vary": "Accept"}) from None
    if chosen is None:
        raise PageError(406, f"406 Not Acceptable: this resource is available as {available_types()}",
                        {"Vary": "Accept"})
    if chosen != "html":
        body, content_type = serialize(describe(store, iri), chosen)
        response = Response(body, content_type=content_type)
    else:
        response = Response(render_page(store, iri, path.split("/", 1)[0]), mimetype="text/html")
    response.headers["Vary"] = "Accept"
    return response


def data_links(iri: str) -> list[tuple[str, str]]:
    href = local_href(iri)
    return [(label, f"{href}?format={name}") for name, label in
            (("ttl", "Turtle"), ("jsonld", "JSON-LD"), ("nt", "N-Triples"), ("xml", "RDF/XML"))]


def render_page(store, iri: str, kind: str) -> str:
    if kind == "event":
        events = get_events(store, [iri])
        if events and events[0].types:
            return render_template("event.html", event=events[0], iri=iri, data_links=data_links(iri))
    if kind == "actor":
        return _entity_page("actor.html", store, iri, EventFilter(actor=iri), actor=actor_page(store, iri))
    if kind == "place":
        return _entity_page("place.html", store, iri, EventFilter(place=iri), place=place_page(store, iri))
    if kind == "article":
        article = article_page(store, iri)
        if article.text is not None or article.title is not None:
            return _article(store, iri, article)
    return render_template("resource.html", iri=iri, triples=triples_about(store, iri), data_links=data_links(iri))


def _page_number() -> int:
    try:
        return max(1, int(request.args.get("page") or 1))
    except ValueError:
        raise PageError(400, "400 Bad Request: page: not a whole number") from None


def _entity_page(template: str, store, iri: str, flt: EventFilter, **context) -> str:
    page = _page_number()
    newest_first = request.args.get("order") == "newest"
    events, total = find_events(store, flt, limit=EVENTS_PER_PAGE, offset=(page - 1) * EVENTS_PER_PAGE,
                                newest_first=newest_first)
    pages = max(1, -(-total // EVENTS_PER_PAGE))
    timeline_url = url_with_params("timeline.timeline_page", filter_params(flt))

    def month_url(column) -> str:
        return url_with_params("timeline.timeline_page",
                               filter_params(flt) + [("from", column.first_day), ("to", column.last_day)])

    return render_template(
        template, iri=iri, events=events, total=total, page=page, pages=pages,
        strip=build_strip(month_counts(store, flt)), month_url=month_url, timeline_url=timeline_url,
        page_url=lambda n: f"{local_href(iri)}?page={n}", data_links=data_links(iri), **context,
    )


def _article(store, iri: str, article) -> str:
    numbers: dict[str, int] = {}
    spans, seen = [], {}
    for row in article.spans:
        event = row["e"]
        number = numbers.setdefault(event, len(numbers) + 1)
        seen[event] = seen.get(event, 0) + 1
        local = event.rsplit("/", 1)[-1]
        spans.append(Span(int(row["begin"]), int(row["end"]), event, number, local_href(event),
                          f"ev-{local}" + (f"-{seen[event]}" if seen[event] > 1 else ""), row.get("label", "")))
    text_html, misplaced = highlight(article.text or "", spans)
    events = get_events(store, list(numbers))
    return render_template("article.html", article=article, iri=iri, text_html=text_html, misplaced=misplaced,
                           events=events, numbers=numbers, data_links=data_links(iri))
