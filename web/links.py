"""Where an IRI points on this site, and URLs with query parameters.

IRIs minted under the configured base (``settings.base_iri``) are served at
``/id/…`` here, so pages link to the local copy; any other IRI (Wikidata,
GeoNames, a source article's URL) stays as it is. RDF output always keeps the
canonical IRIs: only HTML links are rewritten.
"""

from __future__ import annotations

from urllib.parse import urlencode

from flask import url_for

from web.app import get_settings


def local_href(iri: str | None) -> str:
    if not iri:
        return ""
    base = get_settings().base_iri
    if not iri.startswith(base):
        return iri
    path, hash_sign, fragment = iri[len(base):].partition("#")
    return url_for("resources.resource", path=path) + (f"#{fragment}" if hash_sign else "")


def iri_for_path(path: str) -> str:
    """The canonical IRI of a local ``/id/<path>``."""
    return get_settings().base_iri + path


def url_with_params(endpoint: str, params: list[tuple[str, str]], **values) -> str:
    url = url_for(endpoint, **values)
    return f"{url}?{urlencode(params)}" if params else url
