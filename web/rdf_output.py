"""RDF answers for linked-data URLs: which format a request wants, and the body.

``choose_format(accept, format_param)`` picks ``html`` or an RDF format by
``?format=`` first, then by ``Accept`` (q-values and wildcards, HTML first on a
tie, so browsers get pages). ``None`` means nothing offered is acceptable (406).
Small graphs (one resource, the VoID description) are serialised with rdflib,
which writes prefixes and compact JSON-LD; whole-store dumps stream from the
store instead (``web.views.linked_data``).
"""

from __future__ import annotations

from rdflib import Graph

from kb.vocab import PREFIXES
from web.negotiation import best_type

# name -> (media type, rdflib format)
RDF_TYPES = {
    "ttl": ("text/turtle", "turtle"),
    "jsonld": ("application/ld+json", "json-ld"),
    "nt": ("application/n-triples", "nt"),
    "xml": ("application/rdf+xml", "xml"),
}
FORMAT_NAMES = {
    "html": "html", "ttl": "ttl", "turtle": "ttl", "jsonld": "jsonld", "json-ld": "jsonld", "json": "jsonld",
    "nt": "nt", "ntriples": "nt", "n-triples": "nt", "xml": "xml", "rdf": "xml", "rdfxml": "xml", "rdf+xml": "xml",
}
# What a client may send in Accept, in the server's order of preference.
OFFERED = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "text/turtle": "ttl",
    "application/ld+json": "jsonld",
    "application/n-triples": "nt",
    "application/rdf+xml": "xml",
    "application/x-turtle": "ttl",
    "application/json": "jsonld",
    "text/plain": "nt",
    "application/xml": "xml",
    "text/xml": "xml",
}


class UnknownFormat(ValueError):
    pass


def choose_format(accept: str | None, format_param: str | None, offered: dict[str, str] = OFFERED) -> str | None:
    if format_param:
        name = FORMAT_NAMES.get(format_param.strip().lower())
        if name is None:
            for media_type, offered_name in offered.items():  # a full media type is fine too
                if media_type == format_param.strip().lower():
                    return offered_name
            raise UnknownFormat(
                f"format: use one of html, ttl, jsonld, nt, xml (or a media type), not {format_param!r}"
            )
        return name
    chosen = best_type(accept, list(offered))
    return offered[chosen] if chosen else None


def available_types() -> str:
    return ", ".join(["text/html"] + [media for media, _ in RDF_TYPES.values()])


def serialize(graph: Graph, name: str) -> tuple[bytes, str]:
    """(body, Content-Type) of ``graph`` in the format ``name`` (a key of RDF_TYPES)."""
    media_type, rdflib_format = RDF_TYPES[name]
    for prefix, namespace in PREFIXES.items():
        graph.bind(prefix, namespace, override=False)
    if name == "jsonld":
        body = graph.serialize(format="json-ld", context=dict(PREFIXES), auto_compact=True, encoding="utf-8")
    else:
        body = graph.serialize(format=rdflib_format, encoding="utf-8")
    charset = "; charset=utf-8" if media_type.startswith("text/") else ""
    return body, media_type + charset
