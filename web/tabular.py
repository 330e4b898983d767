"""The timeline as a table for analysts: CSV and JSON, one row per event.

The columns follow ACLED's names where the meaning is the same, so existing
scripts need little change: ``event_date``, ``time_precision``,
``event_type`` (the family: Attack / Negotiation), ``sub_event_type`` (the
specific class), ``location``, ``admin1`` (province), ``country``,
``latitude``, ``longitude`` (the place's, else its nearest enclosing place's),
one column per actor role, ``fatalities`` (= killed, as ACLED), ``injured``,
``status``, ``source`` (publishers) and Annals' own ``event_iri``, ``title``,
``source_articles`` and ``source_count`` (how many articles report the event:
one row per real-world event, its figures the merged ones, see ``kb.merge``). Multiple values in one CSV cell are joined with "; ";
JSON keeps lists and gives IRIs next to labels.

Both are streamed a batch of events at a time, so a large export never sits
whole in memory.
"""

from __future__ import annotations

import csv
import io
import json
from typing import Iterator

from kb.model import ROLES
from kb.store import Store
from web.event_details import EventRow, get_events
from web.events import EventFilter, find_event_iris
from web.formatting import precision_name

BATCH = 500
ROLE_COLUMNS = {role: "".join("_" + ch.lower() if ch.isupper() else ch for ch in role) for role in ROLES}
COLUMNS = [
    "event_iri", "event_date", "time_precision", "earliest_date", "latest_date", "event_type",
    "sub_event_type", "title", "location", "admin1", "country", "latitude", "longitude",
    *ROLE_COLUMNS.values(), "fatalities", "injured", "status", "source", "source_articles", "source_count",
]


def event_record(event: EventRow) -> dict:
    """One event as a JSON-ready dict (lists kept, IRIs beside labels)."""
    info = event.place_info
    coordinates = info.coordinates if info else None
    province, country = (info.province, info.country) if info else (None, None)
    return {
        "event_iri": event.iri,
        "event_date": event.day or None,
        "time_precision": precision_name(event.precision),
        "earliest_date": (event.earliest or "")[:10] or None,
        "latest_date": (event.latest or "")[:10] or None,
        "event_type": event.family,
        "sub_event_type": event.event_class,
        "title": event.label,
        "location": event.place.label if event.place else None,
        "location_iri": event.place.iri if event.place else None,
        "admin1": province.label if province else None,
        "country": country.label if country else None,
        "latitude": float(coordinates[0]) if coordinates else None,
        "longitude": float(coordinates[1]) if coordinates else None,
        "actors": {
            ROLE_COLUMNS[role]: [{"iri": a.iri, "label": a.label} for a in actors]
            for role, actors in event.roles.items()
        },
        "fatalities": event.killed,
        "injured": event.injured,
        "status": event.status_name,
        "source_count": event.source_count,
        "sources": [
            {"article": s.article, "title": s.title, "publisher": s.publisher, "url": s.url, "published": s.published}
            for s in event.sources
        ],
        "quotes": [e.quote for e in event.evidence],
    }


def csv_row(record: dict) -> list[str]:
    def cell(value) -> str:
        return "" if value is None else str(value)

    row = {name: cell(record.get(name)) for name in COLUMNS}
    for role, column in ROLE_COLUMNS.items():
        row[column] = "; ".join(a["label"] for a in record["actors"].get(column, []))
    row["source"] = "; ".join(dict.fromkeys(s["publisher"] for s in record["sources"] if s["publisher"]))
    row["source_articles"] = "; ".join(s["article"] for s in record["sources"])
    return [row[name] for name in COLUMNS]


def iter_records(store: Store, flt: EventFilter, newest_first: bool) -> Iterator[dict]:
    offset = 0
    while True:
        iris = find_event_iris(store, flt, limit=BATCH, offset=offset, newest_first=newest_first)
        events = get_events(store, iris)
        for event in events:
            yield event_record(event)
        if len(events) < BATCH:
            return
        offset += BATCH


def stream_csv(store: Store, flt: EventFilter, newest_first: bool) -> Iterator[str]:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(COLUMNS)
    for i, record in enumerate(iter_records(store, flt, newest_first), start=1):
        writer.writerow(csv_row(record))
        if i % 100 == 0:
            yield buffer.getvalue()
            buffer.seek(0)
            buffer.truncate()
    yield buffer.getvalue()


def stream_json(store: Store, flt: EventFilter, newest_first: bool, filter_params: list) -> Iterator[str]:
    head = {"filter": dict(filter_params) | {"type": list(flt.types)}, "columns_follow": "ACLED where meanings match"}
    yield json.dumps(head, ensure_ascii=False)[:-1] + ', "events": ['
    for i, record in enumerate(iter_records(store, flt, newest_first)):
        yield ("," if i else "") + "\n" + json.dumps(record, ensure_ascii=False)
    yield "\n]}\n"
