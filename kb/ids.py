"""Minting resource IRIs under one configurable base.

Ids are stable: the same input gives the same IRIs on every run, so re-ingesting
an article replaces its graph instead of adding a second copy of its events.

    {base}article/{slug}      an article, and the name of its graph
    {base}article/{slug}#context   its text (nif:Context)
    {base}event/{hash}        an event reported by an article
    {base}event/{hash}#evidence-N, #casualties-N   its evidence and figures
    {base}actor/{key}         an actor (key = lexicon slug)
    {base}place/{key}         a place (key = GeoNames id, or a slug for sites)
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from kb.model import Article, Event
from kb.vocab import BASE_IRI

_UNSAFE = re.compile(r"[^A-Za-z0-9._~-]+")


def slugify(text: str) -> str:
    """A path segment made of unreserved URI characters only.

    When the text had to change (spaces, slashes, non-ASCII), a short hash of
    the original is appended so that two different ids never share a slug.
    """
    slug = _UNSAFE.sub("-", text).strip("-")
    if slug != text or not slug:
        digest = hashlib.sha1(text.encode("utf-8")).hexdigest()[:8]
        slug = f"{slug[:80]}-{digest}" if slug else digest
    return slug


def short_hash(*parts: object, length: int = 16) -> str:
    h = hashlib.sha1("\x1f".join(str(p) for p in parts).encode("utf-8"))
    return h.hexdigest()[:length]


@dataclass(frozen=True)
class Iris:
    """IRI factory for one base (``https://w3id.org/annals/id/`` by default)."""

    base: str = BASE_IRI

    def article(self, article: Article) -> str:
        return self.article_for_id(article.identifier)

    def article_for_id(self, identifier: str) -> str:
        return f"{self.base}article/{slugify(identifier)}"

    def context(self, article: Article) -> str:
        return self.article(article) + "#context"

    def graph(self, article: Article) -> str:
        """The named graph holding everything one article says."""
        return self.article(article)

    def event(self, article: Article, event: Event) -> str:
        # Anchored on the article and the trigger's position: stable across runs,
        # distinct for two events of the same class in one article.
        digest = short_hash(article.identifier, event.trigger.start, event.trigger.end, event.event_class)
        return f"{self.base}event/{digest}"

    @property
    def entities_graph(self) -> str:
        """The named graph of actor and place descriptions shared by all articles.

        Kept apart from the article graphs so that the union default graph holds
        each actor's label once, however many articles mention it.
        """
        return f"{self.base}graph/entities"

    def is_entity(self, iri: str) -> bool:
        return iri.startswith((f"{self.base}actor/", f"{self.base}place/"))

    def actor(self, key: str) -> str:
        return f"{self.base}actor/{slugify(key)}"

    def place(self, key: str) -> str:
        return f"{self.base}place/{slugify(key)}"
