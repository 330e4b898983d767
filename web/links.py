"""Where an IRI points on this site, and URLs with query parameters.

IRIs minted under the configured base (``settings.base_iri``) are served at
``/id/…`` here, so pages link to the local copy; any other IRI (Wikidata,
GeoNames, a source article's URL) stays as it is. RDF output always keeps the
canonical IRIs: only HTML links are rewritten.
"""

from __future__ import annotations

from urllib.parse import quote, urlencode

from flask import g, url_for

from web.app import get_settings


def local_href(iri: str | None) -> str:
    if not iri:
        return ""
    base = get_settings().base_iri
    if not iri.startswith(base):
        return iri
    path, hash_sign, fragment = iri[len(base):].partition("#")
    return _resource_prefix() + _quote_path(path) + (f"#{fragment}" if hash_sign else "")


def _resource_prefix() -> str:
    """``/id/`` under this app's root, found once per request: a timeline page links
    thousands of resources, and ``url_for`` for each was a sixth of its time."""
    prefix = g.get("resource_prefix")
    if prefix is None:
        prefix = g.resource_prefix = url_for("resources.resource", path="x")[:-1]
    return prefix


def _quote_path(path: str) -> str:
    # As werkzeug's path converter quotes it, so links are the ones url_for made.
    return quote(path, safe="!$&'()*+,/:;=@")


def iri_for_path(path: str) -> str:
    """The canonical IRI of a local ``/id/<path>``."""
    return get_settings().base_iri + path


def url_with_params(endpoint: str, params: list[tuple[str, str]], **values) -> str:
    url = url_for(endpoint, **values)
    return f"{url}?{urlencode(params)}" if params else url
