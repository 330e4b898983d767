"""The timeline: events in time order at their real precision, filtered by URL parameters.

``/`` shows 50 events a page, grouped by month and by date, under an SVG strip
of events per month; ``?format=csv`` and ``?format=json`` stream every event
the filters let through (see ``web.tabular``). Parameters: those of
``web.filter_params`` plus ``order`` (``oldest``, the default, or ``newest``)
and ``page`` (from 1).
"""

from __future__ import annotations

from itertools import groupby

from flask import Blueprint, Response, render_template, request, url_for

from kb.model import ATTACK_CLASSES, NEGOTIATION_CLASSES
from web.app import get_settings, get_store
from web.cache import remembered
from web.errors import PageError
from web.event_details import labels_of
from web.events import Choice, EventFilter, actor_choices, find_events, month_counts, place_choices
from web.filter_params import FilterError, filter_from_args, filter_params, with_params
from web.links import url_with_params
from web.strip import build_strip, month_link

timeline = Blueprint("timeline", __name__)

PAGE_SIZE = 50
MENU_SIZE = 100
MENU_SECONDS = 60


def read_filter() -> EventFilter:
    try:
        return filter_from_args(request.args, get_settings().base_iri)
    except (FilterError, ValueError) as error:
        raise PageError(400, f"400 Bad Request: {error}") from None


def read_page() -> int:
    try:
        page = int(request.args.get("page") or 1)
    except ValueError:
        raise PageError(400, f"400 Bad Request: page: not a whole number: {request.args.get('page')!r}") from None
    if page < 1:
        raise PageError(400, "400 Bad Request: page: pages count from 1")
    return page


@timeline.get("/")
def timeline_page():
    flt = read_filter()
    newest_first = request.args.get("order") == "newest"
    fmt = request.args.get("format", "html")
    store = get_store()
    if fmt == "csv":
        from web.tabular import stream_csv

        return Response(
            stream_csv(store, flt, newest_first),
            mimetype="text/csv",
            headers={"Content-Disposition": 'inline; filename="annals-events.csv"'},
        )
    if fmt == "json":
        from web.tabular import stream_json

        return Response(stream_json(store, flt, newest_first, filter_params(flt)), mimetype="application/json")
    if fmt != "html":
        raise PageError(400, f"400 Bad Request: format: use html, csv or json, not {fmt!r}")

    page = read_page()
    events, total = find_events(
        store, flt, limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE, newest_first=newest_first
    )
    pages = max(1, -(-total // PAGE_SIZE))
    if page > pages:
        raise PageError(404, f"404 Not Found: page {page} is past the last page ({pages})")
    months = [(month, [(day, list(day_events)) for day, day_events in groupby(month_events, key=_day_heading)])
              for month, month_events in groupby(events, key=_month_heading)]
    actors = remembered("actor-menu", MENU_SECONDS, lambda: actor_choices(store, MENU_SIZE))
    places = remembered("place-menu", MENU_SECONDS, lambda: place_choices(store, MENU_SIZE))
    names = labels_of(store, [iri for iri in (flt.actor, flt.place, flt.source) if iri])
    order_name = "newest" if newest_first else "oldest"

    def page_url(number: int) -> str:
        return url_with_params("timeline.timeline_page", with_params(flt, {"order": order_name, "page": number}))

    month_url = month_link(url_for("timeline.timeline_page"), with_params(flt, {"order": order_name}))

    return render_template(
        "timeline.html",
        flt=flt,
        months=months,
        total=total,
        page=page,
        pages=pages,
        first=(page - 1) * PAGE_SIZE + 1,
        last=(page - 1) * PAGE_SIZE + len(events),
        newest_first=newest_first,
        strip=build_strip(month_counts(store, flt)),
        attack_classes=ATTACK_CLASSES,
        negotiation_classes=NEGOTIATION_CLASSES,
        actors=_with_selected(actors, flt.actor, names),
        places=_with_selected(places, flt.place, names),
        names=names,
        page_url=page_url,
        month_url=month_url,
        order_url=lambda order: url_with_params("timeline.timeline_page", with_params(flt, {"order": order})),
        export_url=lambda fmt: url_with_params(
            "timeline.timeline_page", with_params(flt, {"order": order_name, "format": fmt})
        ),
        graph_url=url_with_params("graph.graph_page", filter_params(flt)),
        without=lambda **changes: url_with_params(
            "timeline.timeline_page", with_params(flt, {"order": order_name}, **changes)
        ),
    )


def _month_heading(event) -> str:
    """"2018-05"; a year-precision event goes under its year ("2018"), not under January."""
    stamp = event.stamp or ""
    return stamp[:4] if event.precision and event.precision.endswith("unitYear") else stamp[:7]


def _day_heading(event) -> tuple[str, str | None]:
    return (event.stamp or "", event.precision)


def _with_selected(choices, selected: str | None, names: dict[str, str]):
    """The menu's choices, plus the selected one when it is not among the most frequent."""
    if selected and all(c.iri != selected for c in choices):
        choices = [Choice(selected, names.get(selected, selected), 0), *choices]
    return choices
