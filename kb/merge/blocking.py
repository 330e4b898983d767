"""Blocking: which mentions are worth comparing, so merging is never quadratic.

Two mentions are compared only when they share their family (attack or
negotiation), their countries do not differ (an unknown country blocks with
every country) and their time windows overlap. In the store, candidates are
found by their ordering date (``sem:hasTimeStamp``) through ``VALUES``, an
index lookup: ``candidate_days`` lists the dates on which a mention whose
window overlaps a given one can be stamped (a week is stamped on its Monday, a
month on its first day, a year on 1 January, an undated report on its
article's day). A month or year mention looks for finer mentions through its
place instead (``kb.merge.fetch.candidates_in_place``), since its window holds
too many days; without a place below the country it is compared with other
month or year mentions only.

In memory, ``TimeIndex`` files mentions by the days of their window, so that
the candidates of a mention are found by looking up its own days.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from datetime import date, timedelta

from kb.merge.mentions import UNANCHORED_REACH, Mention

MAX_INDEXED_DAYS = 62  # longer windows (months, years) are kept in a list of their own
_WEEK = 6
_UNANCHORED = max(max(back, ahead) for back, ahead in UNANCHORED_REACH.values())


def _days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def _period_starts(start: date, end: date) -> set[date]:
    """First days of the months and years that overlap [start, end]."""
    out = set()
    day = date(start.year, start.month, 1)
    while day <= end:
        out.add(day)
        out.add(date(day.year, 1, 1))
        day = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return out


def candidate_days(mention: Mention) -> set[date]:
    """Every ordering date a mention overlapping ``mention`` in time can have."""
    window = mention.window
    if window is None:
        return set()
    start, end = window
    stamps = _period_starts(start, end)
    if (end - start).days <= MAX_INDEXED_DAYS:
        stamps.update(_days(start - timedelta(days=max(_WEEK, _UNANCHORED)), end + timedelta(days=_UNANCHORED)))
    return stamps


class TimeIndex:
    """Mentions by family, country and the days of their windows.

    ``country_of`` gives a mention's country (None when unknown: its place is
    not known to lie in a country, or it has no place). Mentions of two known,
    different countries can never merge (``kb.merge.compatibility.conflict``),
    so a mention is compared only with its own country's and with those of
    unknown country; one of unknown country with every country's. Without
    this, a day of news from the whole world would be compared pairwise.
    """

    def __init__(self, country_of: Callable[[Mention], str | None] = lambda mention: None) -> None:
        self.country_of = country_of
        self.by_day: dict[tuple[str, date], dict[str | None, set[str]]] = defaultdict(lambda: defaultdict(set))
        self.wide: dict[str, set[str]] = defaultdict(set)
        self.windows: dict[str, tuple[date, date]] = {}
        self.countries: dict[str, str | None] = {}

    def add(self, mention: Mention) -> None:
        window = mention.window
        if window is None or mention.iri in self.windows:
            return
        self.windows[mention.iri] = window
        country = self.countries[mention.iri] = self.country_of(mention)
        start, end = window
        if (end - start).days <= MAX_INDEXED_DAYS:
            for day in _days(start, end):
                self.by_day[(mention.family, day)][country].add(mention.iri)
        else:
            self.wide[mention.family].add(mention.iri)

    def overlapping(self, mention: Mention) -> set[str]:
        """Indexed mentions of the same family and a country not different whose windows overlap ``mention``'s."""
        window = mention.window
        if window is None:
            return set()
        country = self.country_of(mention)
        start, end = window
        if (end - start).days <= 4 * 366:
            keys = [(mention.family, day) for day in _days(start, end)]
        else:
            keys = [key for key in self.by_day if key[0] == mention.family]
        found: set[str] = set()
        for key in keys:
            by_country = self.by_day.get(key)
            if not by_country:
                continue
            if country is None:
                for iris in by_country.values():
                    found |= iris
            else:
                found |= by_country.get(country, set())
                found |= by_country.get(None, set())
        for iri in self.wide.get(mention.family, ()):
            w = self.windows[iri]
            other = self.countries[iri]
            if w[0] <= end and start <= w[1] and (country is None or other is None or other == country):
                found.add(iri)
        found.discard(mention.iri)
        return found
