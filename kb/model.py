"""Plain data objects passed between the pipeline stages.

read ──▶ ``Article`` ──extract──▶ ``Extraction`` ──to_rdf──▶ rdflib Graph

Nothing here knows about spaCy or RDF: the extractor fills these objects, the
RDF builder reads them. Vocabulary choices are plain strings (the local names of
the ontology terms, e.g. ``"Bombing"``, ``"AtLeast"``) so that both sides can be
tested with literal data.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from datetime import date, datetime

# ---------------------------------------------------------------------------
# The closed lists of the data model (local names of kb: terms).

ATTACK_CLASSES = (
    "Bombing", "Airstrike", "Shelling", "ArmedAssault", "ArmedClash",
    "Takeover", "Kidnapping", "Assassination", "Arson",
)
NEGOTIATION_CLASSES = ("Talks", "PeaceProposal", "Ceasefire", "PeaceAgreement")
EVENT_CLASSES = ("Attack", *ATTACK_CLASSES, "Negotiation", *NEGOTIATION_CLASSES)

ATTACK_ROLES = ("perpetrator", "target", "claimedBy", "allegedPerpetrator")
NEGOTIATION_ROLES = ("participant", "mediator", "proposer", "addressee")
ROLES = ATTACK_ROLES + NEGOTIATION_ROLES

ACTOR_KINDS = ("Person", "Organization", "ArmedGroup", "Government", "Country", "SecurityForce")
PLACE_TYPES = ("CountryPlace", "Province", "City", "District", "Site")
STATUSES = ("Occurred", "Ongoing", "Attempted", "Planned", "Proposed", "Hypothetical", "Denied")
OUTCOMES = ("Killed", "Injured", "Kidnapped")
QUALIFIERS = ("Exact", "AtLeast", "AtMost", "Approximately")
PRECISIONS = ("day", "week", "month", "year", "unanchored")
RELATIONS = ("relatedEvent", "inResponseTo", "partOf")


def event_family(event_class: str) -> str:
    """``"Attack"`` or ``"Negotiation"``: the top class an event class belongs to."""
    if event_class == "Attack" or event_class in ATTACK_CLASSES:
        return "Attack"
    if event_class == "Negotiation" or event_class in NEGOTIATION_CLASSES:
        return "Negotiation"
    raise ValueError(f"unknown event class {event_class!r}")


# ---------------------------------------------------------------------------
# Input


@dataclass(frozen=True)
class Article:
    """One news article as read from a source file, before any NLP."""

    identifier: str  # the id the source gave, else derived from the file name
    text: str
    title: str | None = None
    published: date | datetime | None = None
    url: str | None = None
    publisher: str | None = None
    source_path: str | None = None  # where it was read from (not part of the graph)

    @property
    def content_hash(self) -> str:
        """``sha256:…`` of everything that goes into the article's graph."""
        h = hashlib.sha256()
        for part in (self.identifier, self.title, self.published, self.url, self.publisher, self.text):
            h.update(repr(part).encode("utf-8"))
            h.update(b"\x00")
        return "sha256:" + h.hexdigest()

    @property
    def published_date(self) -> date | None:
        """The publication day (the reference for relative dates), if known."""
        if isinstance(self.published, datetime):
            return self.published.date()
        return self.published


# ---------------------------------------------------------------------------
# Extraction results


@dataclass(frozen=True)
class Span:
    """Characters ``[start, end)`` of the article text, with the text they hold."""

    start: int
    end: int
    text: str


@dataclass(frozen=True)
class TimeExpression:
    """A TIMEX3-normalised time expression found in a text."""

    start: int
    end: int
    text: str
    type: str  # DATE, TIME, DURATION, SET
    value: str  # TIMEX3 value: 2018-05-30, 2018-W22, 2018-02, P1M, PRESENT_REF ...


@dataclass(frozen=True)
class EventTime:
    """When an event began, at the precision the text gives.

    ``earliest``/``latest`` bound the beginning; ``stamp`` is the single date
    used for ordering (the first day of the period). ``precision`` is one of
    ``PRECISIONS``; ``"unanchored"`` means the text gave no time and the bounds
    come from the article date (or are absent when that is unknown too).
    """

    precision: str
    earliest: date | None = None
    latest: date | None = None
    stamp: date | None = None
    expression: str | None = None  # the words that dated it
    value: str | None = None  # the TIMEX3 value those words resolved to


@dataclass(frozen=True)
class Actor:
    """A normalised actor. ``key`` is a stable slug ("taliban")."""

    key: str
    label: str
    kind: str  # one of ACTOR_KINDS
    aliases: tuple[str, ...] = ()
    wikidata: str | None = None  # "Q42418"
    member_of: str | None = None  # key of another Actor
    job_title: str | None = None


@dataclass(frozen=True)
class Place:
    """A place. ``key`` is the GeoNames id when known, else a stable slug."""

    key: str
    label: str
    place_type: str  # one of PLACE_TYPES
    geonames_id: int | None = None
    lat: float | None = None
    long: float | None = None
    contained_in: str | None = None  # key of the enclosing Place


@dataclass(frozen=True)
class CasualtyCount:
    """One reported figure: "at least 12 others injured"."""

    outcome: str  # one of OUTCOMES
    count: int
    qualifier: str = "Exact"  # one of QUALIFIERS
    victim_group: str | None = None
    victim: str | None = None  # actor key, when the victims are a known actor


@dataclass
class Event:
    """One event as the article reports it."""

    event_class: str  # one of EVENT_CLASSES (most specific known)
    label: str
    trigger: Span  # the word(s) that signal the event
    evidence: list[Span]  # the sentence(s) that say so
    time: EventTime
    status: str = "Occurred"
    confidence: float = 0.5
    roles: dict[str, list[str]] = field(default_factory=dict)  # role -> actor keys
    place: str | None = None  # Place key
    casualties: list[CasualtyCount] = field(default_factory=list)
    killed: int | None = None  # total as reported; None = unknown
    injured: int | None = None
    related: list[tuple[str, int]] = field(default_factory=list)  # (relation, index in Extraction.events)

    @property
    def family(self) -> str:
        return event_family(self.event_class)

    def actors(self) -> set[str]:
        return {key for keys in self.roles.values() for key in keys}


@dataclass
class Extraction:
    """Everything extracted from one article."""

    article: Article
    events: list[Event] = field(default_factory=list)
    actors: dict[str, Actor] = field(default_factory=dict)
    places: dict[str, Place] = field(default_factory=dict)
    times: list[TimeExpression] = field(default_factory=list)
