"""Blocking: which mentions are worth comparing, so merging is never quadratic.

Two mentions are compared only when they share their family (attack or
negotiation), their blocks meet (``blocks_meet``: their countries do not
differ, and within one country their areas do not differ -- see
``kb.merge.compatibility.block_of``) and their time windows overlap. In the
store, candidates are found by their ordering date (``sem:hasTimeStamp``)
through ``VALUES``, an index lookup: ``candidate_days`` lists the dates on
which a mention whose window overlaps a given one can be stamped (a week is
stamped on its Monday, a month on its first day, a year on 1 January, an
undated report on its article's day). A month or year mention looks for finer
mentions through its place instead (``kb.merge.fetch.candidates_in_place``),
since its window holds too many days; without a place below the country it is
compared with other month or year mentions only.

In memory, ``TimeIndex`` files mentions by the days of their window and their
block, so that the candidates of a mention are found by looking up its own
days and the blocks that meet its own; wide mentions by month, and finer ones
also by the places they lie in, for the wide mentions to look up.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, timedelta

from kb.merge.compatibility import block_of, is_wide, wide_reach
from kb.merge.mentions import MAX_INDEXED_DAYS, UNANCHORED_REACH, Mention, World

MAX_MONTHLY_DAYS = 4 * 366  # longer still: kept in a list of their own (rare: "since 2001")
_WEEK = 6
_UNANCHORED = max(max(back, ahead) for back, ahead in UNANCHORED_REACH.values())


def _days(start: date, end: date) -> list[date]:
    return [start + timedelta(days=i) for i in range((end - start).days + 1)]


def _months(start: date, end: date) -> list[date]:
    """First days of the months that overlap [start, end]."""
    out = []
    day = date(start.year, start.month, 1)
    while day <= end:
        out.append(day)
        day = date(day.year + (day.month == 12), day.month % 12 + 1, 1)
    return out


def _period_starts(start: date, end: date) -> set[date]:
    """First days of the months and years that overlap [start, end]."""
    months = _months(start, end)
    return set(months) | {date(month.year, 1, 1) for month in months}


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


Block = tuple[str | None, str | None]  # (country, area inside it); None: not known, meets every one


def blocks_meet(a: Block, b: Block) -> bool:
    """Whether mentions of these blocks may be one event: an unknown country or area meets every one."""
    if a[0] is None or b[0] is None:
        return True
    return a[0] == b[0] and (a[1] is None or b[1] is None or a[1] == b[1])


class TimeIndex:
    """Mentions by family, block and the days (or months) of their windows.

    A mention's block is its country and the area of the country its stated
    place lies in (``kb.merge.compatibility.block_of``); mentions of two blocks
    that do not meet can never merge, so a mention is compared only with those
    of blocks meeting its own. Without this, a day of news from the whole world
    would be compared pairwise; with the country alone, a day of news from one
    country at war (twenty reports from nine cities) still would be.

    A wide mention (a month, a year) meets a finer one only inside its own
    place (``wide_reaches``), so finer mentions are also filed by each place
    of their chain and month: "the deadliest attack in Ghazni since last
    year" looks only at that year's attacks in Ghazni, not at the country's.
    """

    def __init__(self, world: World) -> None:
        self.world = world
        self.by_day: dict[tuple[str, date], dict[Block, set[str]]] = defaultdict(lambda: defaultdict(set))
        self.in_place: dict[tuple[str, str, date], set[str]] = defaultdict(set)  # (family, place, month): finer
        self.by_month: dict[tuple[str, date], dict[Block, set[str]]] = defaultdict(lambda: defaultdict(set))  # wide
        self.widest: dict[str, set[str]] = defaultdict(set)  # longer than MAX_MONTHLY_DAYS
        self.windows: dict[str, tuple[date, date]] = {}
        self.blocks: dict[str, Block] = {}
        self.reaches: dict[str, str | None] = {}  # wide mentions: the place they reach finer ones in

    def add(self, mention: Mention) -> None:
        window = mention.window
        if window is None or mention.iri in self.windows:
            return
        iri, family = mention.iri, mention.family
        self.windows[iri] = window
        block = self.blocks[iri] = block_of(self.world, mention)
        start, end = window
        if not is_wide(mention):
            for day in _days(start, end):
                self.by_day[(family, day)][block].add(iri)
            for place in self.world.chain(mention.place):
                for month in _months(start, end):
                    self.in_place[(family, place, month)].add(iri)
            return
        self.reaches[iri] = wide_reach(self.world, mention)
        if (end - start).days <= MAX_MONTHLY_DAYS:
            for month in _months(start, end):
                self.by_month[(family, month)][block].add(iri)
        else:
            self.widest[family].add(iri)

    def overlapping(self, mention: Mention) -> set[str]:
        """Indexed mentions that may be one event with ``mention`` as far as family, block,
        time window and the reach of wide mentions tell."""
        window = mention.window
        if window is None:
            return set()
        family, wide = mention.family, is_wide(mention)
        block = self.blocks.get(mention.iri) or block_of(self.world, mention)
        start, end = window
        bounded = (end - start).days <= MAX_MONTHLY_DAYS
        months = _months(start, end) if bounded else None
        found: set[str] = set()
        if not wide:
            for day in _days(start, end):
                for other, iris in self.by_day.get((family, day), {}).items():
                    if blocks_meet(block, other):
                        found |= iris
        else:
            reach = wide_reach(self.world, mention)
            keys = ([(family, reach, month) for month in months] if bounded else
                    [key for key in self.in_place if key[:2] == (family, reach)]) if reach else []
            found |= {iri for key in keys for iri in self.in_place.get(key, ())
                      if self._meets(iri, block, start, end)}
        chain = self.world.chain(mention.place)
        keys = [(family, month) for month in months] if bounded else [k for k in self.by_month if k[0] == family]
        wider = set(self.widest.get(family, ()))
        for key in keys:
            for other, iris in self.by_month.get(key, {}).items():
                if blocks_meet(block, other):
                    wider |= iris
        found |= {iri for iri in wider if self._meets(iri, block, start, end)
                  and (wide or self.reaches[iri] in chain)}
        found.discard(mention.iri)
        return found

    def _meets(self, iri: str, block: Block, start: date, end: date) -> bool:
        w = self.windows[iri]
        return w[0] <= end and start <= w[1] and blocks_meet(block, self.blocks[iri])
