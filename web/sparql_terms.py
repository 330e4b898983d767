"""Writing values that come from a request into SPARQL text, safely.

Everything the web layer puts into a query goes through these functions: an
IRI that could close its ``<…>`` or a string that could close its quotes would
otherwise let a URL parameter rewrite the query.
"""

from __future__ import annotations

import re
from datetime import date

# IRIREF of the SPARQL grammar minus the characters it excludes; plus a scheme.
_IRI = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]*:[^<>\"{}|^`\\\x00-\x20]*")
_STRING_ESCAPES = {"\\": "\\\\", '"': '\\"', "\n": "\\n", "\r": "\\r", "\t": "\\t", "\b": "\\b", "\f": "\\f"}


def is_iri(text: str | None) -> bool:
    """An absolute IRI that can stand between ``<`` and ``>`` as it is."""
    return bool(text) and _IRI.fullmatch(text) is not None


def iri_ref(iri: str) -> str:
    if not is_iri(iri):
        raise ValueError(f"not an absolute IRI: {iri!r}")
    return f"<{iri}>"


def iri_list(iris) -> str:
    return " ".join(iri_ref(iri) for iri in iris)


def string_literal(text: str) -> str:
    return '"' + "".join(_STRING_ESCAPES.get(ch, ch) for ch in text) + '"'


def date_literal(day: date) -> str:
    return f'"{day.isoformat()}"^^<http://www.w3.org/2001/XMLSchema#date>'
