"""Grouping mentions into events: deterministic, order-independent agglomeration.

Input: the mentions of a region, the mergeable pairs among them with their
similarity (``compatibility.mergeable``). Pairs are taken best first (higher
similarity, then the smaller pair of IRIs), and two groups are joined only
when **every** member of one is compatible with every member of the other
(complete linkage on the hard constraints: no two mentions of one article, no
conflicting perpetrators, ...), except the mentions an article told as one
event twice, which start as one group (``units``). So a weak pair never chains two different
events together through a third mention, and a mention that fits two events
(an undated "explosion in Kabul") joins the one it resembles most.

The result depends only on the set of mentions and what the store says about
their places and actors, never on the order in which they were ingested or
are listed: the pair order is a total order on IRIs and scores.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

from kb.merge.mentions import Mention

Conflict = Callable[[Mention, Mention], bool]


Pair = tuple[str, str]  # two mention IRIs, the smaller first


def pair_of(a: str, b: str) -> Pair:
    return (a, b) if a < b else (b, a)


def cluster(mentions: dict[str, Mention], pairs: dict[Pair, float], conflicts: Conflict,
            units: Iterable[Iterable[str]] = ()) -> list[list[str]]:
    """Groups of mention IRIs (each sorted), in the order of their smallest IRI.

    ``pairs`` are keyed by ``pair_of`` (a tuple takes a quarter of a frozenset's memory:
    a dense corpus has two million mergeable pairs in 93,000 reports).

    ``units`` are sets of mentions that are one event from the start (one
    event an article told twice); they are joined before anything else.
    """
    group_of = {iri: iri for iri in mentions}
    members: dict[str, list[str]] = {iri: [iri] for iri in mentions}
    articles: dict[str, set[str]] = {iri: {m.article} for iri, m in mentions.items()}
    for unit in units:
        unit = sorted(i for i in unit if i in mentions)
        for iri in unit[1:]:
            keep, gone = group_of[unit[0]], group_of[iri]
            if keep == gone:
                continue
            for moved in members[gone]:
                group_of[moved] = keep
            members[keep] += members.pop(gone)
            articles[keep] |= articles.pop(gone)
    for a, b in _best_first(pairs, mentions):
        if a == b:
            continue
        ga, gb = group_of[a], group_of[b]
        if ga == gb or articles[ga] & articles[gb]:
            continue
        if any(conflicts(mentions[x], mentions[y]) for x in members[ga] for y in members[gb]):
            continue
        keep, gone = sorted((ga, gb))
        for iri in members[gone]:
            group_of[iri] = keep
        members[keep] += members.pop(gone)
        articles[keep] |= articles.pop(gone)
    return sorted((sorted(group) for group in members.values()), key=lambda g: g[0])


def _best_first(pairs: dict[Pair, float], mentions: dict[str, Mention]) -> Iterator[Pair]:
    """The pairs of ``mentions``, highest similarity first, then by IRIs. Similarities take few
    values (sums of halves), so the pairs are bucketed by score and each bucket sorted as it
    is: no sort key per pair (two million pairs would take 150 MB of keys)."""
    buckets: dict[float, list[Pair]] = {}
    for pair, score in pairs.items():
        if pair[0] in mentions and pair[1] in mentions:
            buckets.setdefault(round(score, 6), []).append(pair)
    for score in sorted(buckets, reverse=True):
        bucket = buckets.pop(score)
        bucket.sort()
        yield from bucket


def components(nodes: Iterable[str], pairs: Iterable[frozenset[str]]) -> list[set[str]]:
    """Connected components of the pair graph (clusters never span two)."""
    parent: dict[str, str] = {n: n for n in nodes}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for pair in pairs:
        a, b = sorted(pair)
        if a in parent and b in parent:
            ra, rb = find(a), find(b)
            if ra != rb:
                parent[max(ra, rb)] = min(ra, rb)
    out: dict[str, set[str]] = {}
    for n in parent:
        out.setdefault(find(n), set()).add(n)
    return list(out.values())
