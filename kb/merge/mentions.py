"""Plain data the merger works on: mentions (article-level events), places, actors.

A **mention** is one event as one article reports it: a ``sem:Event`` in an
article's named graph. Everything here is read from the store by
``kb.merge.fetch`` (or written literally in tests), so the rules of
``compatibility``, ``cluster`` and ``build`` are testable without a store.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, timedelta

from kb.model import ATTACK_CLASSES, NEGOTIATION_CLASSES, event_family

# How far an event without time words may lie from its article's date, by
# status. A report published the day after an attack often gives no day
# ("an explosion tore through a wedding hall"): it happened up to a few days
# before publication. Something still going on began earlier; something
# planned or proposed lies ahead.
UNANCHORED_REACH = {
    "Occurred": (3, 0), "Attempted": (3, 0), "Denied": (3, 0),
    "Ongoing": (14, 0),
    "Planned": (0, 14), "Proposed": (0, 14), "Hypothetical": (0, 14),
}
# A window longer than this (a month, a year) is "wide": it meets finer mentions only inside
# its own place (``kb.merge.compatibility.wide_reaches``) and is filed by month, not by day.
MAX_INDEXED_DAYS = 62
FINE_PRECISIONS = ("day", "week", "unanchored")
COARSE_PRECISIONS = ("month", "year")
PRECISION_ORDER = {"day": 0, "week": 1, "month": 2, "year": 3, "unanchored": 4}
PLACE_SPECIFICITY = {"Site": 4, "District": 3, "City": 2, "Province": 1, "CountryPlace": 0}


@dataclass(frozen=True, slots=True)
class PlaceInfo:
    iri: str
    label: str
    place_type: str  # kb:placeType local name
    container: str | None = None
    geonames_id: int | None = None  # known to the gazetteer (else a name the extractor kept as it was)

    @property
    def geonames(self) -> bool:
        return self.geonames_id is not None


@dataclass(frozen=True, slots=True)
class ActorInfo:
    iri: str
    label: str
    kind: str  # Person, Organization, ArmedGroup, Government, Country, SecurityForce
    member_of: tuple[str, ...] = ()
    job_titles: tuple[str, ...] = ()
    alt_labels: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Mention:
    iri: str
    article: str  # the article IRI, which is also the name of its graph
    published: date | None
    event_class: str  # the most specific kb: class ("Bombing"; "Attack" when no more is known)
    label: str
    status: str
    confidence: float
    precision: str  # day, week, month, year, unanchored
    earliest: date | None = None
    latest: date | None = None
    expression: str | None = None
    place: str | None = None
    roles: tuple[tuple[str, str], ...] = ()  # (role local name, actor IRI), sorted
    killed: int | None = None
    injured: int | None = None
    casualties: tuple[str, ...] = ()  # casualty report IRIs
    evidence: tuple[str, ...] = ()  # evidence node IRIs
    quotes: tuple[str, ...] = ()  # the evidence sentences
    related: tuple[tuple[str, str], ...] = ()  # (relation local name, other mention IRI)

    @property
    def family(self) -> str:
        return event_family(self.event_class)

    @property
    def generic(self) -> bool:
        """Only the family is known ("an attack", "negotiations")."""
        return self.event_class not in ATTACK_CLASSES and self.event_class not in NEGOTIATION_CLASSES

    @property
    def dated(self) -> bool:
        return self.earliest is not None and self.latest is not None

    @property
    def coarse(self) -> bool:
        return self.precision in COARSE_PRECISIONS

    @property
    def window(self) -> tuple[date, date] | None:
        """When the event may have begun, with the reach of an undated report."""
        if not self.dated:
            return None
        if self.precision != "unanchored":
            return self.earliest, self.latest
        back, ahead = UNANCHORED_REACH.get(self.status, (3, 0))
        return self.earliest - timedelta(days=back), self.latest + timedelta(days=ahead)

    def actors(self, *roles: str) -> set[str]:
        return {actor for role, actor in self.roles if not roles or role in roles}


@dataclass
class World:
    """What the rules need to know beside the mentions: places and actors by IRI."""

    places: dict[str, PlaceInfo] = field(default_factory=dict)
    actors: dict[str, ActorInfo] = field(default_factory=dict)
    _chains: dict[str | None, tuple[str, ...]] = field(default_factory=dict, repr=False)
    _bases: dict[str | None, str | None] = field(default_factory=dict, repr=False)
    stated: dict[tuple, bool] = field(default_factory=dict, repr=False)  # memo of place_stated

    def chain(self, place: str | None) -> tuple[str, ...]:
        """The place and every place containing it, innermost first.

        Memoised: pairwise comparison asks for the same few chains hundreds of
        thousands of times. A chain is only cached once its places are all
        known, so places added to ``places`` later are still followed.
        """
        cached = self._chains.get(place)
        if cached is not None:
            return cached
        out: list[str] = []
        complete = True
        current = place
        while current and current not in out:
            out.append(current)
            info = self.places.get(current)
            if info is None:
                complete = False
            current = info.container if info else None
        chain = tuple(out)
        if complete:
            self._chains[place] = chain
        return chain

    def country(self, place: str | None) -> str | None:
        for iri in self.chain(place):
            info = self.places.get(iri)
            if info and info.place_type == "CountryPlace":
                return iri
        return None

    def unsited(self, place: str | None) -> str | None:
        """The innermost place of ``place``'s chain that is not a site (memoised like ``chain``)."""
        if place in self._bases:
            return self._bases[place]
        chain = self.chain(place)
        base = next((p for p in chain if self.place_type(p) != "Site"), None)
        if place in self._chains:  # the chain was complete: safe to remember
            self._bases[place] = base
        return base

    def place_type(self, place: str | None) -> str | None:
        info = self.places.get(place) if place else None
        return info.place_type if info else None

    def specificity(self, place: str) -> tuple[int, int]:
        return PLACE_SPECIFICITY.get(self.place_type(place) or "", 0), len(self.chain(place))
