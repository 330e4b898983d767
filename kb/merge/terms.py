"""The names merging adds: two ``kb:`` terms and the IRIs of the derived graphs.

Vocabulary (declared in ``kb/vocab.py`` and ``kb/ontology.ttl``):

* ``kb:canonicalEvent`` (event as one article reports it -> the one event of the
  knowledge base that stands for the real-world incident);
* ``kb:sourceCount`` (canonical event -> how many articles report it). Only
  canonical events carry it, so ``?e kb:sourceCount ?n`` is also the way to
  ask for canonical events alone.

Derived graphs, all under the configured base:

* ``{base}graph/events/{id}`` holds canonical event ``{base}event/{id}``: its
  facts, the ``kb:canonicalEvent`` links of its members. One graph per canonical
  event, so that the store's atomic ``write`` (replace one graph) and
  ``remove_graph`` keep each merged event in step without a SPARQL update API.
* ``{base}graph/persons/{surname}`` holds the cross-article resolution of the
  persons who share a surname (``owl:sameAs``, ``skos:altLabel``).
"""

from __future__ import annotations

from rdflib import URIRef

from kb.ids import Iris, short_hash, slugify
from kb.vocab import KB

CANONICAL_EVENT = KB.canonicalEvent
SOURCE_COUNT = KB.sourceCount


def events_graph_prefix(iris: Iris) -> str:
    return f"{iris.base}graph/events/"


def persons_graph_prefix(iris: Iris) -> str:
    return f"{iris.base}graph/persons/"


def canonical_id(anchor_mention: str) -> str:
    """The id of the canonical event anchored on one member (its first report)."""
    return short_hash("canonical-event", anchor_mention)


def canonical_event_iri(iris: Iris, event_id: str) -> str:
    return f"{iris.base}event/{event_id}"


def canonical_graph_iri(iris: Iris, event_id: str) -> str:
    return f"{events_graph_prefix(iris)}{event_id}"


def persons_graph_iri(iris: Iris, surname_key: str) -> str:
    return f"{persons_graph_prefix(iris)}{slugify(surname_key)}"
