"""The timeline's URL parameters, both ways: request arguments <-> ``EventFilter``.

``type`` (repeatable), ``actor``, ``place``, ``source`` (IRIs; a local
``/id/...`` path is accepted too), ``from`` and ``to`` (YYYY-MM-DD), ``q``.
Empty parameters are ignored, so a submitted form with blank fields gives the
same page as a clean URL. Anything else is an error with one clear message.
"""

from __future__ import annotations

from datetime import date
from typing import Mapping

from werkzeug.datastructures import MultiDict

from kb.model import EVENT_CLASSES
from web.events import EventFilter
from web.sparql_terms import is_iri


class FilterError(ValueError):
    """A filter parameter that cannot be used; the message names it."""


def _iri(value: str | None, name: str, base_iri: str) -> str | None:
    value = (value or "").strip()
    if not value:
        return None
    if value.startswith("/id/"):
        value = base_iri + value.removeprefix("/id/")
    if not is_iri(value):
        raise FilterError(f"{name}: not an IRI: {value!r}")
    return value


def _day(value: str | None, name: str) -> date | None:
    value = (value or "").strip()
    if not value:
        return None
    try:
        if len(value) != 10:
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        raise FilterError(f"{name}: not a date in YYYY-MM-DD form: {value!r}") from None


def filter_from_args(args: MultiDict, base_iri: str) -> EventFilter:
    types = []
    for value in args.getlist("type"):
        for name in value.split(","):
            name = name.strip()
            if not name:
                continue
            if name not in EVENT_CLASSES:
                raise FilterError(f"type: unknown event type {name!r} (known: {', '.join(EVENT_CLASSES)})")
            if name not in types:
                types.append(name)
    start, end = _day(args.get("from"), "from"), _day(args.get("to"), "to")
    if start and end and start > end:
        raise FilterError(f"from ({start}) is after to ({end})")
    text = (args.get("q") or "").strip() or None
    return EventFilter(
        types=tuple(types),
        actor=_iri(args.get("actor"), "actor", base_iri),
        place=_iri(args.get("place"), "place", base_iri),
        start=start,
        end=end,
        text=text,
        source=_iri(args.get("source"), "source", base_iri),
    )


def filter_params(flt: EventFilter) -> list[tuple[str, str]]:
    """The URL parameters that give back ``flt`` (in a stable order)."""
    params = [("type", t) for t in flt.types]
    for name, value in (
        ("actor", flt.actor),
        ("place", flt.place),
        ("from", flt.start.isoformat() if flt.start else None),
        ("to", flt.end.isoformat() if flt.end else None),
        ("q", flt.text),
        ("source", flt.source),
    ):
        if value:
            params.append((name, value))
    return params


def with_params(flt: EventFilter, extra: Mapping[str, str | int | None] | None = None, **changes) -> list[tuple[str, str]]:
    """``filter_params`` of ``flt`` with some fields replaced, plus extra parameters."""
    from dataclasses import replace

    if "types" in changes:
        changes["types"] = tuple(changes["types"])
    params = filter_params(replace(flt, **changes) if changes else flt)
    for name, value in (extra or {}).items():
        if value not in (None, ""):
            params.append((name, str(value)))
    return params
