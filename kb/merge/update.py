"""Keeping the canonical events in step with the article graphs.

``update_merged_events(store, changed_graphs)`` after article graphs were
written, replaced or removed; ``rebuild_merged_events(store)`` recomputes
everything (after a bulk load, or to repair). Both end in the same state for
the same articles, whatever the order they came in: the groups are a
function of the set of mentions (``kb.merge.cluster``).

An update re-clusters the smallest **region** that makes the result equal
to a full rebuild: the mentions of the changed articles, every member of the
canonical events they belonged to (so a deletion can split or dissolve an
event), every mention related to one of these (``kb:partOf``...), the
mentions whose person actors resolve differently now, and, repeatedly, every
mention that is mergeable with a mention of the region (found through
blocking, ``kb.merge.blocking``). Clusters never extend beyond such a region,
so the canonical events outside it are already right and are not touched.
The cost follows the size of the region, not of the store.

Writes: each canonical event's graph is replaced as a whole (``Store.write``),
then the canonical events that no longer exist are removed. Re-running an
update after an interruption repairs what it left.
"""

from __future__ import annotations

from collections import defaultdict

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import timedelta

from rdflib import Graph, Literal, URIRef

from kb.ids import Iris
from kb.merge import fetch
from kb.merge.actors import ActorResolver, by_surname, person_resolution, surname_of
from kb.merge.blocking import TimeIndex, candidate_days
from kb.merge.build import build_event, first_reported, state_descriptions, to_graph
from kb.merge.cluster import Pair, cluster, components, pair_of
from kb.merge.compatibility import (
    MERGE_THRESHOLD,
    conflict,
    is_wide,
    mergeable,
    similarity_caps,
    split_in_one_sentence,
    wide_reach,
)
from kb.merge.mentions import UNANCHORED_REACH, ActorInfo, Mention, World
from kb.merge.terms import (
    canonical_event_iri,
    canonical_id,
    events_graph_prefix,
    persons_graph_iri,
    persons_graph_prefix,
)
from kb.store import GraphWrite, Store
from kb.store.writer import StoreWriter
from kb.vocab import BASE_IRI, OWL, SKOS

_REACH_DAYS = max(max(back, ahead) for back, ahead in UNANCHORED_REACH.values())


@dataclass
class MergeSummary:
    """What one update did."""

    mentions: int = 0  # mentions re-clustered
    events: int = 0  # canonical events written
    removed: int = 0  # canonical events removed
    persons: int = 0  # surnames whose resolution was rewritten

    def describe(self) -> str:
        return (
            f"{self.mentions} report(s) re-clustered, {self.events} merged event(s) written, "
            f"{self.removed} removed"
        )


def sorted_nt(graph: Graph) -> str:
    text = graph.serialize(format="nt", encoding="utf-8").decode("utf-8")
    return "\n".join(sorted(line for line in text.splitlines() if line.strip())) + "\n"


class Merger:
    """One merge run over a store (holds what it has read, for this run only)."""

    def __init__(self, store: Store, iris: Iris | None = None) -> None:
        self.store = store
        # (an embedded store's memory tables are flushed as the canonical events are written: a
        # merge of 85,000 reports writes a million quads)
        self.writer = StoreWriter(store)
        self.iris = iris or Iris(BASE_IRI)
        self.mentions: dict[str, Mention] = {}
        self.missing: set[str] = set()
        self.world = World()
        self.actor_info: dict[str, ActorInfo] = {}
        self.index = TimeIndex(self.world)
        self.resolver = ActorResolver(self.iris, self.actor_info)
        self._conflicts: dict[tuple[str, str], bool] = {}
        # Which pairs were scored, kept per mention rather than per pair (a set of
        # pairs held 1.5 GB at 85,000 mentions): a mention's pass scores every
        # indexed mention overlapping it, so a pair was scored if either side's
        # pass ran after the other side was loaded (overlap is symmetric).
        self._clock = 0
        self._loaded_at: dict[str, int] = {}
        self._scored_at: dict[str, int] = {}
        self.articles = f"{self.iris.base}article/"  # mentions live in article graphs
        self._linked: set[str] = set()  # actors whose stored person links were read

    # -- reading -------------------------------------------------------------

    def load(self, iris: Iterable[str]) -> dict[str, Mention]:
        """These mentions (those that exist), read once and indexed."""
        wanted = set(iris)
        new = wanted - self.mentions.keys() - self.missing
        if new:
            found = fetch.fetch_mentions(self.store, new)
            self.missing |= new - found.keys()
            self.mentions.update(found)
            places = {m.place for m in found.values() if m.place} - self.world.places.keys()
            if places:
                self.world.places.update(fetch.fetch_places(self.store, places))
            self._load_actors({a for m in found.values() for _, a in m.roles})
            for m in found.values():
                if self.may_merge(m):
                    self.index.add(m)
                self._loaded_at[m.iri] = self._clock
            self._clock += 1
        return {iri: self.mentions[iri] for iri in wanted if iri in self.mentions}

    def _load_actors(self, actors: set[str]) -> None:
        unlinked = actors - self._linked
        if unlinked:
            self.resolver.persons.update(
                fetch.person_links_of(self.store, unlinked, persons_graph_prefix(self.iris)))
            self._linked |= unlinked
        actors = actors - self.actor_info.keys()
        if actors:
            self.actor_info.update(fetch.fetch_actors(self.store, actors))
            # A country stands for its government: know the government too.
            governments = {g for a in actors for g in [self.resolver.canonical(a)] if g != a}
            governments -= self.actor_info.keys()
            if governments:
                self.actor_info.update(fetch.fetch_actors(self.store, governments))

    # -- persons -------------------------------------------------------------

    def resolve_persons(self, touched: set[str] | None) -> set[str]:
        """Recompute the person resolution of the surnames of ``touched`` actors (all when None),
        write it, and return the actors whose canonical IRI changed."""
        names = fetch.person_names(self.store)
        if touched is None:
            surnames = {surname_of(label) for _, label, _ in names}
        else:
            self._load_actors(touched)
            surnames = set(by_surname({i: self.actor_info[i] for i in touched if i in self.actor_info}))
        candidates = [n for n in names if surname_of(n[1]) in surnames]
        counts = fetch.article_counts(self.store, [iri for iri, _, _ in candidates])
        used = [n for n in candidates if counts.get(n[0], 0) > 0]  # persons of removed articles linger in the entities graph
        self._load_actors({iri for iri, _, _ in used})
        groups = person_resolution(used, counts, self.actor_info, surnames)
        prefix = persons_graph_prefix(self.iris)
        new_graphs = {persons_graph_iri(self.iris, s): groups[s].links() if s in groups else set() for s in surnames}
        if touched is None:  # a rebuild: also the graphs of surnames no longer in the store
            new_graphs.update({g: set() for g in fetch.graphs_with_prefix(self.store, prefix) if g not in new_graphs})
        stored = fetch.stored_person_links(self.store, new_graphs)
        changed: set[str] = set()
        for graph, links in sorted(new_graphs.items()):
            old = stored.get(graph, set())
            if links == old:
                continue
            changed |= {x for pair in links ^ old for x in pair}
            if links:
                self.writer.write(GraphWrite(graph=graph, triples=sorted_nt(self._persons_graph(links))))
            else:
                self.store.remove_graph(graph)
            for alias, _ in old - links:
                self.resolver.persons.pop(alias, None)
            self.resolver.persons.update(links)
        self.resolver._closures.clear()
        self._conflicts.clear()
        self._scored_at.clear()
        return changed

    def _persons_graph(self, links: set[tuple[str, str]]) -> Graph:
        graph = Graph()
        for alias, person in sorted(links):
            graph.add((URIRef(alias), OWL.sameAs, URIRef(person)))
            a, p = self.actor_info.get(alias), self.actor_info.get(person)
            if a and p and a.label != p.label and a.label not in p.alt_labels:
                graph.add((URIRef(person), SKOS.altLabel, Literal(a.label)))
        return graph

    # -- candidates and pairs -------------------------------------------------

    def candidates(self, batch: list[Mention]) -> set[str]:
        """Mentions in the store worth comparing with ``batch`` (see ``kb.merge.blocking``):
        same family, a country that is not different, an overlapping time window."""
        stamps: set = set()
        blocks: dict[tuple[str, str | None], list[tuple]] = {}  # (family, country) -> windows
        wide: dict[tuple[str, str], list[tuple]] = {}  # (place, family) -> windows, for month/year mentions
        found: set[str] = set()
        for m in batch:
            if m.window is None:
                continue
            stamps |= candidate_days(m)
            blocks.setdefault((m.family, self.world.country(m.place)), []).append(m.window)
            if is_wide(m) and (reach := wide_reach(self.world, m)):
                wide.setdefault((reach, m.family), []).append(m.window)
        # One query per place and family, over the span of all its windows; then each
        # candidate is kept only if its date falls in one of them (with the reach).
        reach = timedelta(days=_REACH_DAYS)
        for (place, family), windows in sorted(wide.items()):
            start, end = min(w[0] for w in windows) - reach, max(w[1] for w in windows) + reach
            for iri, stamp in fetch.candidates_in_place(self.store, place, start, end, family, self.articles):
                if any(w[0] - reach <= stamp <= w[1] + reach for w in windows):
                    found.add(iri)
        if stamps:
            families = {family for family, _ in blocks}
            for c in fetch.candidates_on_days(self.store, stamps, families, self.articles):
                lo, hi = c.window()
                windows = [w for (family, country), ws in blocks.items() if family == c.family
                           and (country == c.country or country is None or c.country is None) for w in ws]
                if any(w[0] <= hi and lo <= w[1] for w in windows):
                    found.add(c.iri)
        return found

    def conflicts(self, a: Mention, b: Mention) -> bool:
        key = (a.iri, b.iri) if a.iri < b.iri else (b.iri, a.iri)
        if key not in self._conflicts:
            self._conflicts[key] = conflict(a, b, self.world, self.resolver) is not None
        return self._conflicts[key]

    def may_merge(self, mention: Mention) -> bool:
        """Whether the mention has enough to reach the merge threshold with some other one
        (four in ten of a news stream's mentions do not: "talks" with no place, actors or date)."""
        return sum(similarity_caps(mention, self.world)) >= MERGE_THRESHOLD

    def pairs_of(self, mention: Mention, pairs: dict[Pair, float]) -> set[str]:
        """Score ``mention`` against every indexed mention overlapping it; return its partners."""
        partners: set[str] = set()
        if not self.may_merge(mention):
            return partners
        for other_iri in sorted(self.index.overlapping(mention)):
            key = pair_of(mention.iri, other_iri)
            if self._scored(mention.iri, other_iri):
                if key in pairs:
                    partners.add(other_iri)
                continue
            score = mergeable(mention, self.mentions[other_iri], self.world, self.resolver)
            if score is not None:
                pairs[key] = score
                partners.add(other_iri)
        self._scored_at[mention.iri] = self._clock
        return partners

    def _scored(self, a: str, b: str) -> bool:
        """Whether the pair was scored by an earlier pass of ``a`` or ``b``."""
        scored_a, scored_b = self._scored_at.get(a), self._scored_at.get(b)
        return (scored_b is not None and self._loaded_at.get(a, scored_b) < scored_b) or (
            scored_a is not None and self._loaded_at.get(b, scored_a) < scored_a)

    # -- the region ----------------------------------------------------------

    def expand(self, seeds: set[str], old: dict[str, tuple[str, set[str]]]) -> tuple[set[str], dict[Pair, float]]:
        region: set[str] = set()
        pairs: dict[Pair, float] = {}
        pending = set(seeds)
        while pending:
            batch = self.load(pending - region)
            region |= batch.keys()
            pending = set()
            known = fetch.canonical_of(self.store, batch)
            fresh = set(known.values()) - old.keys()
            if fresh:
                old.update(fetch.canonical_members(self.store, fresh))
                pending |= {m for c in fresh for m in old[c][1]}
            pending |= {other for m in batch.values() for _, other in m.related}
            pending |= fetch.related_to(self.store, batch, self.articles)
            pending |= self.told_twice(batch.values())
            self.load(self.candidates(list(batch.values())))
            for m in batch.values():
                pending |= self.pairs_of(m, pairs)
            pending -= region
            pending -= self.missing
        return region, pairs

    def told_twice(self, batch: Iterable[Mention]) -> set[str]:
        """Mentions of the same articles that are one event with a mention of ``batch``."""
        batch = list(batch)
        siblings = self.load(fetch.mentions_of_articles(self.store, {m.article for m in batch}))
        by_article: dict[str, list[Mention]] = defaultdict(list)
        for sibling in siblings.values():
            by_article[sibling.article].append(sibling)
        # Each mention against its own article's only: against all siblings it was
        # quadratic in the batch (100 million comparisons for a load of 10,000 events).
        return {o.iri for m in batch for o in by_article[m.article]
                if split_in_one_sentence(m, o, self.world, self.resolver)}

    def units(self, mentions: dict[str, Mention]) -> list[set[str]]:
        """Groups of one article's mentions that are one event told twice (every pair agreeing)."""
        by_article: dict[str, list[Mention]] = {}
        for m in mentions.values():
            by_article.setdefault(m.article, []).append(m)
        pairs = [frozenset((a.iri, b.iri)) for group in by_article.values() for i, a in enumerate(group)
                 for b in group[i + 1:] if split_in_one_sentence(a, b, self.world, self.resolver)]
        out = []
        for unit in components({i for pair in pairs for i in pair}, pairs):
            members = sorted(unit)
            if all(split_in_one_sentence(mentions[a], mentions[b], self.world, self.resolver)
                   for i, a in enumerate(members) for b in members[i + 1:]):
                out.append(unit)
        return out

    # -- writing -------------------------------------------------------------

    def write(self, region: set[str], pairs: dict[Pair, float],
              old_graphs: set[str]) -> MergeSummary:
        mentions = {iri: self.mentions[iri] for iri in region}
        # a scored pair passed ``conflict`` already: only the others are judged (and remembered)
        groups = cluster(mentions, pairs, lambda a, b: pair_of(a.iri, b.iri) not in pairs and self.conflicts(a, b),
                         self.units(mentions))
        canonical_of: dict[str, str] = {}
        for group in groups:
            anchor = first_reported([mentions[i] for i in group])
            iri = canonical_event_iri(self.iris, canonical_id(anchor.iri))
            canonical_of.update((i, iri) for i in group)
        summary = MergeSummary(mentions=len(region))
        written = set()
        for group in groups:
            event = build_event([mentions[i] for i in group], self.world, self.resolver, self.iris, canonical_of.get)
            shared = state_descriptions(event, self.resolver, self.iris)
            self.writer.write(GraphWrite(
                graph=event.graph,
                triples=sorted_nt(to_graph(event)),
                shared={self.iris.entities_graph: sorted_nt(shared)} if len(shared) else {},
            ))
            written.add(event.graph)
            summary.events += 1
        for graph in sorted(old_graphs - written):
            self.store.remove_graph(graph)
            summary.removed += 1
        return summary

    # -- entry points --------------------------------------------------------

    def update(self, changed: Iterable[str]) -> MergeSummary:
        changed = set(changed)
        current = fetch.mentions_of_articles(self.store, changed)
        old = fetch.canonical_members(
            self.store, fetch.canonical_from_articles(self.store, changed) | set(fetch.canonical_of(self.store, current).values())
        )
        seeds = current | {m for _, members in old.values() for m in members}
        self.load(seeds)
        touched = {a for iri in seeds if iri in self.mentions for _, a in self.mentions[iri].roles}
        touched |= fetch.canonical_actors(self.store, old)
        changed_persons = self.resolve_persons(touched)
        seeds |= fetch.mentions_with_actors(self.store, changed_persons, self.articles)
        region, pairs = self.expand(seeds, old)
        summary = self.write(region, pairs, {graph for graph, _ in old.values()})
        summary.persons = len(changed_persons)
        return summary

    def rebuild(self) -> MergeSummary:
        articles = fetch.article_graphs(self.store)
        everything = fetch.mentions_of_articles(self.store, articles)
        self.load(everything)
        changed_persons = self.resolve_persons(None)
        pairs: dict[Pair, float] = {}
        for iri in sorted(self.mentions):
            self.pairs_of(self.mentions[iri], pairs)
        old = set(fetch.graphs_with_prefix(self.store, events_graph_prefix(self.iris)))
        summary = self.write(set(self.mentions), pairs, old)
        summary.persons = len(changed_persons)
        return summary


def update_merged_events(store: Store, changed_graphs: Iterable[str], iris: Iris | None = None) -> MergeSummary:
    """Bring the canonical events in step after these article graphs were written, replaced or removed."""
    return Merger(store, iris).update(changed_graphs)


def rebuild_merged_events(store: Store, iris: Iris | None = None) -> MergeSummary:
    """Recompute every canonical event and person resolution from the article graphs."""
    return Merger(store, iris).rebuild()


def canonical_actors(store: Store, actors: Iterable[str], iris: Iris | None = None) -> dict[str, str]:
    """actor IRI -> the IRI it has in canonical events (from the stored person resolution)."""
    merger = Merger(store, iris)
    merger._load_actors(set(actors))
    return {actor: merger.resolver.canonical(actor) for actor in actors}


def remove_articles(store: Store, article_graphs: Iterable[str], iris: Iris | None = None) -> MergeSummary:
    """Remove these article graphs and bring the canonical events in step (an event whose
    last source goes disappears; one whose reports no longer agree splits)."""
    graphs = sorted(set(article_graphs))
    for graph in graphs:
        store.remove_graph(graph)
    return update_merged_events(store, graphs, iris)


def articles_needing_merge(store: Store) -> set[str]:
    """Article graphs with an event that has no canonical event yet: what an ingest that was
    interrupted between writing an article and merging it left behind. One scan of the events."""
    rows = store.select(fetch.SPARQL_PREFIXES + f"""SELECT DISTINCT ?a WHERE {{
  GRAPH ?a {{ ?e a sem:Event ; prov:wasDerivedFrom ?a }}
  FILTER NOT EXISTS {{ ?e <{str(fetch.KB_NS)}canonicalEvent> ?c }}
}}""")
    return {row["a"] for row in rows}
