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
    """Mentions by the days of their windows, per family."""

    def __init__(self) -> None:
        self.by_day: dict[tuple[str, date], set[str]] = defaultdict(set)
        self.wide: dict[str, set[str]] = defaultdict(set)
        self.windows: dict[str, tuple[date, date]] = {}

    def add(self, mention: Mention) -> None:
        window = mention.window
        if window is None or mention.iri in self.windows:
            return
        self.windows[mention.iri] = window
        start, end = window
        if (end - start).days <= MAX_INDEXED_DAYS:
            for day in _days(start, end):
                self.by_day[(mention.family, day)].add(mention.iri)
        else:
            self.wide[mention.family].add(mention.iri)

    def overlapping(self, mention: Mention) -> set[str]:
        """Indexed mentions of the same family whose windows overlap ``mention``'s."""
        window = mention.window
        if window is None:
            return set()
        start, end = window
        found: set[str] = set()
        if (end - start).days <= 4 * 366:
            for day in _days(start, end):
                found |= self.by_day.get((mention.family, day), set())
        else:
            found = {iri for (family, _), iris in self.by_day.items() if family == mention.family for iri in iris}
        for iri in self.wide.get(mention.family, ()):
            w = self.windows[iri]
            if w[0] <= end and start <= w[1]:
                found.add(iri)
        found.discard(mention.iri)
        return found
