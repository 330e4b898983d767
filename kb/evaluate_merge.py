"""Scoring cross-article merging (issue 7) against a gold folder of article clusters.

A gold folder for merging is an ordinary gold folder (``kb.evaluate``) whose
answer keys give each event an ``"incident"``: the real-world incident it
reports. Events of different articles with the same incident are one event.
``kb eval GOLD`` adds this section to its report when any event has one.

How it is measured:

* The articles are extracted (the extractions ``kb.evaluate`` made are
  reused), turned into graphs, and written **one at a time, in name order,**
  into a fresh embedded store, calling ``update_merged_events`` after each,
  as ``kb ingest`` does; so the incremental path is what is scored.
* Each gold event is matched to a predicted event of its article as the
  extraction scorer matches them (``kb.evaluate.match_events``); its cluster is
  the canonical event (``kb:canonicalEvent``) of that prediction.
* **Merge precision and recall are pairwise over the gold mentions** that are
  required (not ``optional``) and have an incident: a pair is gold when both
  report one incident, predicted when both were matched and share a canonical
  event. A gold mention the extractor missed is in no predicted pair.
* **Actor resolution**: for every required gold role name found among the
  actors of the matched prediction, the IRI the canonical events use for that
  actor. An occurrence is right when it has the IRI most occurrences of the
  same gold actor (``actors.json`` aliases count as one) have, and no other
  gold actor has that IRI as its own. Accuracy is right / occurrences; the same
  figure is given for the article-level IRIs, before resolution.
* To tell merging errors from extraction errors, the same is measured with
  the answer keys as input (``gold_extraction``: each key's events as a perfect
  extractor would give them, places from the gazetteer, actors from the
  lexicon): what merging does with correct mentions.
"""

from __future__ import annotations

import json
import tempfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from kb.evaluate import (
    Extraction,
    GoldArticle,
    Tally,
    actor_names,
    gold_actor_names,
    match_events,
    normalise_name,
)


@dataclass
class ActorScore:
    occurrences: int = 0
    correct: int = 0
    correct_before: int = 0  # with the article-level IRIs
    split: list[str] = field(default_factory=list)  # gold actors seen under more than one IRI

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.occurrences if self.occurrences else None

    @property
    def accuracy_before(self) -> float | None:
        return self.correct_before / self.occurrences if self.occurrences else None


@dataclass
class MergeResult:
    pairs: Tally
    mentions: int  # required gold mentions with an incident
    matched: int  # of which the extractor found
    incidents: int
    events: int  # canonical events in the store
    actors: ActorScore
    split: list[str] = field(default_factory=list)  # incidents spread over several events: "id: a | b"
    joined: list[str] = field(default_factory=list)  # canonical events holding several incidents


@dataclass
class MergeEvaluation:
    """End to end (extractor then merging), and merging alone (the answer keys as input)."""

    extracted: MergeResult
    from_keys: MergeResult


def read_incidents(gold_dir: Path, names: list[str]) -> dict[str, list[str | None]]:
    """answer key name -> the incident of each of its events (None when not given)."""
    out = {}
    for name in names:
        data = json.loads((Path(gold_dir) / f"{name}.json").read_text(encoding="utf-8"))
        out[name] = [e.get("incident") for e in data["events"]]
    return out


def has_incidents(gold_dir: Path, names: list[str]) -> bool:
    return any(i for incidents in read_incidents(gold_dir, names).values() for i in incidents)


def evaluate_merge(gold_dir: Path, golds: list[GoldArticle], extractions: dict[str, Extraction],
                   aliases: dict[str, frozenset[str]]) -> MergeEvaluation:
    """Merging scored on the extractor's output and on the answer keys themselves."""
    keys = {g.article.identifier: gold_extraction(g) for g in golds}
    return MergeEvaluation(merge_scores(gold_dir, golds, extractions, aliases),
                           merge_scores(gold_dir, golds, keys, aliases))


def merge_scores(gold_dir: Path, golds: list[GoldArticle], extractions: dict[str, Extraction],
                 aliases: dict[str, frozenset[str]]) -> MergeResult:
    """Ingest ``extractions`` one by one into a fresh store with merging, and score the clusters."""
    from kb.ids import Iris
    from kb.merge import update_merged_events
    from kb.merge.terms import CANONICAL_EVENT, SOURCE_COUNT
    from kb.merge.update import canonical_actors
    from kb.pipeline import build_result
    from kb.store.embedded import EmbeddedStore

    iris = Iris()
    incidents = read_incidents(gold_dir, [g.name for g in golds])
    with tempfile.TemporaryDirectory(prefix="kb-eval-merge-") as folder:
        store = EmbeddedStore(folder)
        try:
            for gold in sorted(golds, key=lambda g: g.name):
                result = build_result(extractions[gold.article.identifier], iris, validate=False)
                if result.write is not None:
                    store.write(result.write)
                    update_merged_events(store, [result.graph], iris)
            links = {row["m"]: row["c"] for row in store.select(
                f"SELECT ?m ?c WHERE {{ ?m <{CANONICAL_EVENT}> ?c }}")}
            events = int(store.select(f"SELECT (COUNT(DISTINCT ?c) AS ?n) WHERE {{ ?c <{SOURCE_COUNT}> ?k }}")[0]["n"])
            mentions, occurrences = [], []
            for gold in golds:
                extraction = extractions[gold.article.identifier]
                pairs = dict(match_events(gold, extraction))
                for gi, event in enumerate(gold.events):
                    incident = incidents[gold.name][gi] if gi < len(incidents[gold.name]) else None
                    if event.optional or not incident:
                        continue
                    pi = pairs.get(gi)
                    predicted = extraction.events[pi] if pi is not None else None
                    cluster = links.get(iris.event(extraction.article, predicted)) if predicted else None
                    mentions.append((f"{gold.name}#{gi + 1}", incident, cluster))
                    if predicted is not None:
                        occurrences += _actor_occurrences(event, predicted, extraction, aliases, iris)
            canonical = canonical_actors(store, {raw for _, raw in occurrences}, iris)
        finally:
            store.close()
    return _score(mentions, events, [(g, canonical[raw], raw) for g, raw in occurrences])


def _actor_occurrences(gold_event, predicted, extraction, aliases, iris) -> list[tuple[str, str]]:
    """(gold actor, article-level actor IRI) for each required gold role name the prediction names."""
    canonical_name = {alias: name for name, names in aliases.items() for alias in names}
    out = []
    keys = sorted(predicted.actors())
    for values in gold_event.roles.values():
        for value in values:
            if value.optional:
                continue
            names = gold_actor_names(value.name, aliases)
            hit = next((k for k in keys if actor_names(extraction, k) & names), None)
            if hit is not None:
                norm = normalise_name(value.name)
                out.append((canonical_name.get(norm, norm), iris.actor(hit)))
    return out


def _pairs(mentions: list[tuple[str, str, str | None]]) -> Tally:
    pairs = Tally()
    for i, (_, incident_a, cluster_a) in enumerate(mentions):
        for _, incident_b, cluster_b in mentions[i + 1:]:
            gold = incident_a == incident_b
            predicted = cluster_a is not None and cluster_a == cluster_b
            pairs.add(gold and predicted, predicted, gold)
    return pairs


def _score(mentions: list[tuple[str, str, str | None]], events: int,
           occurrences: list[tuple[str, str, str]]) -> MergeResult:
    pairs = _pairs(mentions)
    by_incident: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    by_cluster: dict[str, set[str]] = defaultdict(set)
    for name, incident, cluster in mentions:
        by_incident[incident][cluster or f"(not found) {name}"].append(name)
        if cluster:
            by_cluster[cluster].add(incident)
    split = [f"{i}: " + " | ".join(sorted(", ".join(sorted(names)) for names in c.values()))
             for i, c in sorted(by_incident.items()) if len(c) > 1]
    joined = [" + ".join(sorted(i)) for c, i in sorted(by_cluster.items()) if len(i) > 1]
    return MergeResult(pairs, len(mentions), sum(1 for m in mentions if m[2]), len(by_incident), events,
                       _actor_score(occurrences), split, joined)


def _actor_score(occurrences: list[tuple[str, str, str]]) -> ActorScore:
    score = ActorScore(occurrences=len(occurrences))
    for position, attr in ((1, "correct"), (2, "correct_before")):
        iris_of: dict[str, Counter] = defaultdict(Counter)
        for occurrence in occurrences:
            iris_of[occurrence[0]][occurrence[position]] += 1
        owner: dict[str, str] = {}  # IRI -> the gold actor it belongs to (the one with most occurrences)
        for actor, counter in sorted(iris_of.items(), key=lambda kv: (-sum(kv[1].values()), kv[0])):
            iri = min(counter, key=lambda i: (-counter[i], i))
            owner.setdefault(iri, actor)
        setattr(score, attr, sum(1 for o in occurrences if owner.get(o[position]) == o[0]
                                 and min(iris_of[o[0]], key=lambda i: (-iris_of[o[0]][i], i)) == o[position]))
        if position == 1:
            score.split = sorted(a for a, counter in iris_of.items() if len(counter) > 1)
    return score


# ---------------------------------------------------------------------------
# The answer keys as a perfect extractor's output


def gold_extraction(gold: GoldArticle) -> Extraction:
    """The key's required events as a perfect extractor would give them: the gold class, date,
    status, figures and roles; places resolved with the gazetteer (the most specific
    name it knows), actors with the lexicon (a country or "Government of X" through
    the gazetteer's countries; other names as persons or organisations)."""
    from kb.model import Event, Span

    article = gold.article
    extraction = Extraction(article=article)
    for event, spans, sentences in zip(gold.events, gold.evidence_spans, gold.sentence_spans):
        if event.optional:
            continue  # what a reasonable annotator may leave out; a perfect extractor gives the required events
        roles: dict[str, list[str]] = {}
        for role, values in event.roles.items():
            for value in values:
                actor = _gold_actor(value.name)
                extraction.actors.setdefault(actor.key, actor)
                roles.setdefault(role, []).append(actor.key)
        place = _gold_place(event.places, extraction)
        (start, end), (s_start, s_end) = spans[0], sentences[0]
        extraction.events.append(Event(
            event_class=event.event_class, label=event.evidence[0], trigger=Span(start, end, article.text[start:end]),
            evidence=[Span(s_start, s_end, article.text[s_start:s_end])],
            time=_gold_time(event.date, article.published_date), status=event.status, confidence=0.9,
            roles=roles, place=place, killed=event.killed, injured=event.injured,
        ))
    return extraction


def _gold_time(value: str | None, published):
    from kb.timex.bounds import unanchored
    from kb.timex.periods import period_of_value
    from kb.model import EventTime

    period = period_of_value(value) if value else None
    if period is None:
        return unanchored(published)
    return EventTime(period.precision, period.start, period.end, period.start, value, value)


def _gold_place(names: tuple[str, ...], extraction: Extraction) -> str | None:
    from kb.gazetteer import get_gazetteer, slug
    from kb.model import Place

    gazetteer = get_gazetteer()
    rank = {"city": 0, "admin1": 1, "country": 2}
    for name in names:
        found = sorted(gazetteer.lookup(name), key=lambda e: (rank[e.kind], -e.population))
        if found:
            for entry in gazetteer.chain(found[0]):
                extraction.places.setdefault(entry.key, gazetteer.to_place(entry))
            return found[0].key
    if names:
        key = slug(names[0])
        extraction.places.setdefault(key, Place(key, names[0], "District"))
        return key
    return None


def _gold_actor(name: str):
    from kb.extract.lexicon import get_lexicon
    from kb.gazetteer import get_gazetteer, slug
    from kb.model import Actor

    lexicon, gazetteer = get_lexicon(), get_gazetteer()
    entry = lexicon.find(name)
    if entry is None:
        government = name.removeprefix("Government of ").removeprefix("the ")
        countries = [e for e in gazetteer.lookup(government) if e.kind == "country"]
        if countries:
            entry = (lexicon.government if government != name else lexicon.country)(countries[0].country)
    if entry is not None:
        return entry.to_actor()
    kind = "Person" if len(name.split()) >= 2 and name[:1].isupper() and name.split()[-1][:1].isupper() else "Organization"
    return Actor(slug(name), name, kind)


def _pct(value: float | None) -> str:
    return "   -  " if value is None else f"{value:6.3f}"


def format_merge_report(evaluation: MergeEvaluation) -> str:
    result, keys = evaluation.extracted, evaluation.from_keys
    p, k = result.pairs, keys.pairs
    lines = [
        "",
        "cross-article merging (issue 7): pairwise over gold mentions",
        f"{'merge pairs':<24} {_pct(p.precision)} {_pct(p.recall)} {_pct(p.f1)}  {p.correct:>7} {p.predicted:>9} {p.gold:>5}",
        f"{'merge, keys as input':<24} {_pct(k.precision)} {_pct(k.recall)} {_pct(k.f1)}  "
        f"{k.correct:>7} {k.predicted:>9} {k.gold:>5}  (merging alone: the answer keys' events as the mentions)",
        f"({result.mentions} gold mentions of {result.incidents} incidents, {result.matched} found by the extractor; "
        f"{result.events} canonical events in the store)",
        f"{'actor resolution':<24} accuracy {_pct(result.actors.accuracy)} over {result.actors.occurrences} actor "
        f"occurrences (article-level IRIs: {_pct(result.actors.accuracy_before).strip()}); keys as input "
        f"{_pct(keys.actors.accuracy).strip()} over {keys.actors.occurrences}",
    ]
    for label, res in (("", result), (" (keys as input)", keys)):
        for text in res.split:
            lines.append(f"  split{label}    {text}")
        for text in res.joined:
            lines.append(f"  joined{label}   {text}")
    for actor in result.actors.split:
        lines.append(f"  actor under several IRIs: {actor}")
    return "\n".join(lines)
