"""Resource pages under ``/id/…``: events, actors, places, articles, as HTML or RDF.

The same URL answers HTML for a browser and Turtle, JSON-LD, N-Triples or
RDF/XML by ``Accept`` (q-values honoured) or ``?format=``; every answer says
``Vary: Accept`` so caches keep them apart. The RDF is the resource's own
triples plus those of its ``#…`` nodes, with canonical IRIs.
"""

from __future__ import annotations

from flask import Blueprint, Response, render_template, request, url_for

from kb.merge.queries import source_counts
from web.app import get_store
from web.errors import PageError
from web.event_details import get_events
from web.events import EventFilter, find_events, month_counts
from web.filter_params import filter_params
from web.highlight import Span, highlight
from web.links import iri_for_path, local_href, url_with_params
from web.rdf_output import UnknownFormat, available_types, choose_format, serialize
from web.resources import actor_page, article_page, describe, exists, place_page, triples_about
from web.sources import column_id, source_columns, span_anchor
from web.sparql_terms import is_iri
from web.strip import build_strip, month_link

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
            return _event(store, events[0])
    if kind == "actor":
        return _entity_page("actor.html", store, iri, EventFilter(actor=iri), actor=actor_page(store, iri))
    if kind == "place":
        return _entity_page("place.html", store, iri, EventFilter(place=iri), place=place_page(store, iri))
    if kind == "article":
        article = article_page(store, iri)
        if article.text is not None or article.title is not None:
            return _article(store, iri, article)
    return render_template("resource.html", iri=iri, triples=triples_about(store, iri), data_links=data_links(iri))


def _event(store, event) -> str:
    """A canonical event with its sources side by side, or one article's report of an event."""
    columns, part_of_sources = [], None
    if event.is_canonical:
        columns = source_columns(store, event.iri)
    elif event.canonical is not None:
        part_of_sources = source_counts(store, [event.canonical.iri]).get(event.canonical.iri)
    return render_template("event.html", event=event, iri=event.iri, columns=columns,
                           part_of_sources=part_of_sources, span_anchor=span_anchor, data_links=data_links(event.iri))


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
    month_url = month_link(url_for("timeline.timeline_page"), filter_params(flt))

    return render_template(
        template, iri=iri, events=events, total=total, page=page, pages=pages,
        strip=build_strip(month_counts(store, flt)), month_url=month_url, timeline_url=timeline_url,
        page_url=lambda n: f"{local_href(iri)}?page={n}", data_links=data_links(iri), **context,
    )


def _article(store, iri: str, article) -> str:
    """The text with each event's evidence highlighted.

    A highlight links to the event the knowledge base holds (the canonical
    event, at this article's column among its sources); its number ``[n]``
    links to the event as this article reports it. Each span starts with an
    anchor (``web.sources.span_anchor``) that event pages link to.
    """
    numbers: dict[str, int] = {}
    for row in article.spans:
        numbers.setdefault(row["e"], len(numbers) + 1)
    events = get_events(store, list(numbers))
    canonical = {event.iri: event.canonical for event in events if event.canonical is not None}
    sources = source_counts(store, [ref.iri for ref in canonical.values()])
    spans, seen = [], {}
    for row in article.spans:
        event = row["e"]
        seen[event] = seen.get(event, 0) + 1
        merged = canonical.get(event)
        href = f"{local_href(merged.iri)}#{column_id(event)}" if merged else local_href(event)
        spans.append(Span(int(row["begin"]), int(row["end"]), event, numbers[event], href,
                          span_anchor(event, seen[event]), merged.label if merged else row.get("label", ""),
                          local_href(event)))
    text_html, misplaced = highlight(article.text or "", spans)
    return render_template("article.html", article=article, iri=iri, text_html=text_html, misplaced=misplaced,
                           events=events, numbers=numbers, sources=sources, data_links=data_links(iri))
