"""Support for the web tests: synthetic knowledge bases and a live ``kb serve``.

``synthetic_extractions(n)`` makes ``n`` events as plain ``Extraction``s (a
few hundred articles about made-up but well-formed conflicts: actors, a place
hierarchy with coordinates, every event class, all precisions and statuses),
deterministic for a seed. ``follow_ups(...)`` adds other outlets' reports of
some of those events (every ``FOLLOW_UP_EVERY``-th article's first dated event
is reported again a day later, sometimes twice), so that the store has events
with two and three sources. ``synthetic_nquads`` turns them into N-Quads
through the real RDF builder (``kb.rdf.to_rdf``) and the same split into
article graph and shared entities graph that ingestion uses, plus the merged
(canonical) events of ``kb.merge``, so the store looks exactly as after
``kb ingest``:

* an event reported once gets the canonical event merging makes of it
  (``singleton_canonical_quads``: its report's facts under the canonical IRI,
  ``kb:sourceCount`` 1, the link from its report), written directly because
  running the merge over 10,000 events takes longer than a test may;
* the events reported several times are merged by ``kb.merge`` itself, in a
  scratch store holding just their reports.

A test checks that the result equals what ``kb.merge.rebuild_merged_events``
makes of the same articles. Only SHACL validation is skipped, for speed (a
sample is validated by a test).
"""

from __future__ import annotations

import os
import random
import subprocess
import sys
import time
import urllib.request
from datetime import date, timedelta
from pathlib import Path
from typing import Iterator

from kb.ids import Iris
from kb.model import (
    ATTACK_CLASSES,
    NEGOTIATION_CLASSES,
    Actor,
    Article,
    CasualtyCount,
    Event,
    EventTime,
    Extraction,
    Place,
    Span,
)
from kb.rdf import to_rdf
from tests.servers import free_port  # noqa: F401 (tests import it from here too)

ROOT = Path(__file__).resolve().parents[1]

ACTORS = [
    Actor("northern-front", "Northern Front", "ArmedGroup", ("the Front",), "Q1000001"),
    Actor("river-brigades", "River Brigades", "ArmedGroup", ("the Brigades",)),
    Actor("mountain-army", "Mountain Liberation Army", "ArmedGroup", ("MLA",)),
    Actor("gov-arland", "Government of Arland", "Government", ("Arland government",), "Q1000002"),
    Actor("gov-belmar", "Government of Belmar", "Government", ("Belmar government",)),
    Actor("arland-army", "Arland Army", "SecurityForce", member_of="gov-arland"),
    Actor("belmar-police", "Belmar Police", "SecurityForce", member_of="gov-belmar"),
    Actor("united-mediators", "United Mediators", "Organization"),
    Actor("coastal-state", "Coastal State", "Country", wikidata="Q1000003"),
    Actor("envoy-mara-lind", "Mara Lind", "Person", job_title="special envoy", member_of="united-mediators"),
]
ATTACKERS = ["northern-front", "river-brigades", "mountain-army", "arland-army"]
DEFENDERS = ["arland-army", "belmar-police", "gov-arland", "gov-belmar"]
NEGOTIATORS = ["northern-front", "river-brigades", "gov-arland", "gov-belmar", "mountain-army"]
MEDIATORS = ["united-mediators", "coastal-state", "envoy-mara-lind"]


def _places() -> dict[str, Place]:
    places: dict[str, Place] = {}
    for c, (country, lat, long) in enumerate([("Arland", 34.0, 66.0), ("Belmar", 30.0, 70.0), ("Coastal State", 25.0, 51.0)]):
        country_key = f"900{c}"
        places[country_key] = Place(country_key, country, "CountryPlace", 9000 + c)
        for p in range(4):
            province_key = f"91{c}{p}"
            places[province_key] = Place(province_key, f"{country} Province {p + 1}", "Province", 91000 + c * 10 + p,
                                         contained_in=country_key)
            for t in range(3):
                city_key = f"92{c}{p}{t}"
                places[city_key] = Place(city_key, f"{country} City {p + 1}-{t + 1}", "City", 920000 + c * 100 + p * 10 + t,
                                         lat + p * 0.5 + t * 0.1, long + p * 0.4 + t * 0.1, province_key)
    places["market-site"] = Place("market-site", "central market, Arland City 1-1", "Site", contained_in="92000")
    return places


PLACES = _places()
CITIES = [key for key, place in PLACES.items() if place.place_type == "City"]
PRECISIONS = ["day"] * 7 + ["week", "month", "year", "unanchored"]
STATUSES = ["Occurred"] * 8 + ["Attempted", "Denied", "Ongoing"]
TALK_STATUSES = ["Occurred"] * 4 + ["Planned", "Proposed", "Hypothetical"]
START = date(2015, 1, 1)
DAYS = 5 * 365


def _time(rng: random.Random, published: date) -> EventTime:
    precision = rng.choice(PRECISIONS)
    day = published - timedelta(days=rng.randint(0, 6))
    if precision == "day":
        return EventTime("day", day, day, day, "on Tuesday", day.isoformat())
    if precision == "week":
        monday = day - timedelta(days=day.weekday())
        return EventTime("week", monday, monday + timedelta(days=6), monday, "last week", f"{monday:%G-W%V}")
    if precision == "month":
        first = day.replace(day=1)
        last = (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
        return EventTime("month", first, last, first, "this month", f"{first:%Y-%m}")
    if precision == "year":
        return EventTime("year", date(day.year, 1, 1), date(day.year, 12, 31), date(day.year, 1, 1), "this year",
                         str(day.year))
    return EventTime("unanchored", published, published, published)


def _event(rng: random.Random, n: int, offset: int, published: date) -> tuple[Event, str]:
    cls = rng.choice(ATTACK_CLASSES if rng.random() < 0.65 else NEGOTIATION_CLASSES)
    place_key = rng.choice(CITIES) if rng.random() < 0.95 else "market-site"
    place = PLACES[place_key].label
    if cls in ATTACK_CLASSES:
        attacker, target = rng.choice(ATTACKERS), rng.choice([d for d in DEFENDERS])
        killed, injured = rng.randint(0, 30), rng.randint(0, 60)
        role = rng.choice(["perpetrator", "claimedBy", "allegedPerpetrator"])
        label = f"{cls} number {n} near {place}"
        sentence = (f"Fighters of the {_label(attacker)} carried out a {cls.lower()} in {place}, killing {killed} "
                    f"and wounding {injured} members of the {_label(target)}, officials said. ")
        roles = {role: [attacker], "target": [target]} if attacker != target else {role: [attacker]}
        casualties = [CasualtyCount("Killed", killed, "Exact", "people"),
                      CasualtyCount("Injured", injured, rng.choice(["Exact", "AtLeast", "Approximately"]), "people")]
        status = rng.choice(STATUSES)
    else:
        a, b = rng.sample(NEGOTIATORS, 2)
        mediator = rng.choice(MEDIATORS)
        label = f"{cls} number {n} between {_label(a)} and {_label(b)}"
        sentence = (f"Envoys of the {_label(a)} and the {_label(b)} agreed on {cls.lower()} in {place} "
                    f"with help from {_label(mediator)}. ")
        roles = {"participant": [a, b], "mediator": [mediator]}
        casualties, killed, injured = [], None, None
        status = rng.choice(TALK_STATUSES)
    trigger_at = offset + sentence.index(cls.lower())
    event = Event(
        event_class=cls,
        label=label,
        trigger=Span(trigger_at, trigger_at + len(cls), cls.lower()),
        evidence=[Span(offset, offset + len(sentence) - 1, sentence[:-1])],
        time=_time(rng, published),
        status=status,
        confidence=round(rng.uniform(0.4, 0.95), 2),
        roles=roles,
        place=place_key,
        casualties=casualties,
        killed=killed,
        injured=injured,
    )
    return event, sentence


def _label(key: str) -> str:
    return next(a.label for a in ACTORS if a.key == key)


def synthetic_article(number: int, events: int, *, seed: int = 7) -> Extraction:
    """Article ``number`` with ``events`` events; the same arguments give the same article."""
    rng = random.Random(seed * 1_000_003 + number)
    published = START + timedelta(days=rng.randint(0, DAYS))
    text, found = "", []
    for i in range(events):
        event, sentence = _event(rng, number * 1000 + i + 1, len(text), published)
        found.append(event)
        text += sentence
    article = Article(
        identifier=f"synthetic-{number:05d}",
        text=text,
        title=f"Synthetic report {number}",
        published=published,
        url=f"https://news.example.org/{number}",
        publisher=rng.choice(["Example Wire", "Sample Times", "Test Gazette"]),
    )
    actors = {a.key: a for a in ACTORS if any(a.key in ev.actors() for ev in found)}
    for actor in list(actors.values()):  # the organisations they belong to are described too
        if actor.member_of:
            actors[actor.member_of] = next(a for a in ACTORS if a.key == actor.member_of)
    places = {}
    for event in found:
        key = event.place
        while key:
            places[key] = PLACES[key]
            key = PLACES[key].contained_in
    return Extraction(article, found, actors, places)


def synthetic_extractions(n_events: int, *, per_article: int = 10, seed: int = 7) -> Iterator[Extraction]:
    for number in range(-(-n_events // per_article)):
        yield synthetic_article(number, min(per_article, n_events - number * per_article), seed=seed)


FOLLOW_UP_EVERY = 10  # every 10th article has one event reported again by another outlet ...
SECOND_FOLLOW_UP_EVERY = 50  # ... and every 50th by two more


def reported_again(extraction: Extraction) -> Event | None:
    """The event of an article that other outlets report again: its first one dated to the day."""
    return next((event for event in extraction.events if event.time.precision == "day"), None)


def follow_up(original: Extraction, which: int) -> Extraction | None:
    """Outlet ``which`` (1, 2)'s report of ``reported_again(original)``, ``which`` days later: the same
    class, day, place and actors, other words and higher figures (None: nothing to report again)."""
    from dataclasses import replace

    event = reported_again(original)
    if event is None:
        return None
    place = PLACES[event.place].label
    words = "".join(f" {c}" if c.isupper() else c for c in event.event_class).strip().lower()  # "peace proposal"
    if event.family == "Attack":
        killed, injured = (event.killed or 0) + which, (event.injured or 0) + 2 * which
        sentence = (f"Officials confirmed the {words} in {place} on "
                    f"{event.time.stamp:%A}, with {killed} dead and {injured} hurt.")
        casualties = [CasualtyCount("Killed", killed, "Exact", "people"),
                      CasualtyCount("Injured", injured, "AtLeast", "people")]
    else:
        killed = injured = None
        sentence = f"Delegates confirmed the {words} in {place} on {event.time.stamp:%A}."
        casualties = []
    text = f"{place.upper()} — {sentence}"  # one line: the N-Quads of these tests are written line by line
    start = text.index(sentence)
    trigger = text.index(words, start)
    article = Article(
        identifier=f"{original.article.identifier}-follow-up-{which}",
        text=text,
        title=f"Follow-up {which} on report {original.article.identifier}",
        published=original.article.published + timedelta(days=which),
        url=f"https://other.example.org/{original.article.identifier}/{which}",
        publisher=["Other Wire", "Second Post"][which - 1],
    )
    again = replace(
        event, label=f"Report {which} of {event.label}", trigger=Span(trigger, trigger + len(words), words),
        evidence=[Span(start, start + len(sentence), sentence)], confidence=0.6, casualties=casualties,
        killed=killed, injured=injured,
    )
    return Extraction(article, [again], original.actors, original.places)


def follow_ups(extraction: Extraction, number: int) -> list[Extraction]:
    """The other outlets' reports of article ``number`` (``extraction``)."""
    times = 2 if number % SECOND_FOLLOW_UP_EVERY == 0 else 1 if number % FOLLOW_UP_EVERY == 0 else 0
    return [x for which in range(1, times + 1) if (x := follow_up(extraction, which)) is not None]


def synthetic_corpus(n_events: int, *, per_article: int = 10, seed: int = 7) -> Iterator[tuple[Extraction, list[Extraction]]]:
    """Each synthetic article with the other outlets' reports of one of its events."""
    for number, extraction in enumerate(synthetic_extractions(n_events, per_article=per_article, seed=seed)):
        yield extraction, follow_ups(extraction, number)


def extraction_nquads(extraction: Extraction, iris: Iris) -> str:
    """The article's quads as ingestion stores them (entities in the shared graph)."""
    graph = to_rdf(extraction, iris)
    article_graph = f"<{iris.graph(extraction.article)}>"
    entities = f"<{iris.entities_graph}>"
    lines = []
    for s, p, o in graph:
        where = entities if iris.is_entity(str(s)) else article_graph
        lines.append(f"{s.n3()} {p.n3()} {o.n3()} {where} .\n")
    return "".join(lines)


def _reports_merged(numbers: range, n_events: int, per_article: int, seed: int, iris: Iris):
    """Of articles ``numbers``: (the reports of the events several outlets report, those events' IRIs)."""
    reported, mentions = [], set()
    for n in numbers:
        extraction = synthetic_article(n, min(per_article, n_events - n * per_article), seed=seed)
        again = follow_ups(extraction, n)
        if again:
            event = reported_again(extraction)
            mentions.add(iris.event(extraction.article, event))
            reported += [Extraction(extraction.article, [event], extraction.actors, extraction.places), *again]
    return reported, mentions


def _nquads_of_articles(numbers: range, n_events: int, per_article: int, seed: int, base: str, *,
                        merge_reports: bool = True) -> str:
    """The articles ``numbers`` with their follow-ups and their merged events, as N-Quads (the events
    several outlets report only with ``merge_reports``: ``synthetic_nquads`` merges them all at once)."""
    iris = Iris(base)
    reported, merged_apart = _reports_merged(numbers, n_events, per_article, seed, iris)
    parts = []
    for n in numbers:
        extraction = synthetic_article(n, min(per_article, n_events - n * per_article), seed=seed)
        quads = extraction_nquads(extraction, iris)
        parts.append(quads)
        parts.append("".join(singleton_canonical_quads(quads.splitlines(keepends=True), iris, skip=merged_apart)))
        parts += [extraction_nquads(again, iris) for again in follow_ups(extraction, n)]
    if merge_reports and reported:
        parts.append(merged_quads(reported, iris))
    return "".join(parts)


# What a canonical event repeats of its one report (kb.merge.build.to_graph); its
# other triples (sources, evidence, casualty reports) are links to the report's.
_SINGLE_REPORT_PREDICATES = frozenset(
    f"<{iri}>" for iri in (
        "http://www.w3.org/1999/02/22-rdf-syntax-ns#type", "http://www.w3.org/2000/01/rdf-schema#label",
        "http://semanticweb.cs.vu.nl/2009/11/sem/hasTimeStamp",
        "http://semanticweb.cs.vu.nl/2009/11/sem/hasEarliestBeginTimeStamp",
        "http://semanticweb.cs.vu.nl/2009/11/sem/hasLatestBeginTimeStamp",
        "http://semanticweb.cs.vu.nl/2009/11/sem/hasPlace", "http://semanticweb.cs.vu.nl/2009/11/sem/hasActor",
        "http://www.w3.org/ns/prov#wasDerivedFrom",
    )
) | frozenset(f"<https://w3id.org/annals/ns#{name}>" for name in (
    "status", "confidence", "timePrecision", "timeExpression", "killed", "injured", "casualties", "evidence",
    "perpetrator", "claimedBy", "allegedPerpetrator", "target", "participant", "mediator", "proposer", "signatory",
))
_SEM_EVENT = "<http://semanticweb.cs.vu.nl/2009/11/sem/Event>"
_RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"


def singleton_canonical_quads(lines, iris: Iris, *, skip=frozenset()) -> Iterator[str]:
    """The canonical event graph ``kb.merge`` makes of each event reported by one article only,
    from N-Quads lines holding the article graphs (other graphs' lines are passed over).

    The canonical event (``{base}event/{id}`` in ``{base}graph/events/{id}``, with
    the id merging gives it) states what its one report states: classes, label,
    status, confidence, time, place, roles, figures, its article as its source,
    and links to the report's evidence and casualty reports; plus
    ``kb:sourceCount`` 1 and the report's ``kb:canonicalEvent`` link. Lines are
    read in order and an article's are taken together, so a file of any size
    streams. ``skip``: reports (event IRIs) merged with others, left out.
    """
    from kb.merge.terms import canonical_event_iri, canonical_graph_iri, canonical_id

    events, articles = f"<{iris.base}event/", f"<{iris.base}article/"
    source_count = '<https://w3id.org/annals/ns#sourceCount> "1"^^<http://www.w3.org/2001/XMLSchema#integer>'
    link = "<https://w3id.org/annals/ns#canonicalEvent>"
    current, about, typed = None, {}, []

    def flush():
        for mention in typed:
            iri = mention[1:-1]
            if iri in skip:
                continue
            number = canonical_id(iri)
            node, graph = f"<{canonical_event_iri(iris, number)}>", f"<{canonical_graph_iri(iris, number)}>"
            for predicate, value in about[mention]:
                yield f"{node} {predicate} {value} {graph} .\n"
            yield f"{node} {source_count} {graph} .\n"
            yield f"{mention} {link} {node} {graph} .\n"

    for line in lines:
        subject, predicate, rest = line.rstrip().split(" ", 2)
        value, graph = rest.removesuffix(" .").rsplit(" ", 1)
        if not graph.startswith(articles):
            continue
        if graph != current:
            yield from flush()
            current, about, typed = graph, {}, []
        if not subject.startswith(events) or "#" in subject:
            continue
        if predicate == _RDF_TYPE and value == _SEM_EVENT:
            typed.append(subject)
        if predicate in _SINGLE_REPORT_PREDICATES:
            about.setdefault(subject, []).append((predicate, value))
    yield from flush()


def merged_quads(reports: list[Extraction], iris: Iris) -> str:
    """The canonical event graphs ``kb.merge`` makes of these reports (a scratch store holds just them)."""
    import io
    import tempfile

    from kb.merge import rebuild_merged_events
    from kb.pipeline import build_result
    from kb.store.embedded import EmbeddedStore

    prefix = f"<{iris.base}graph/events/"
    with tempfile.TemporaryDirectory() as folder, EmbeddedStore(Path(folder) / "store") as store:
        for extraction in reports:
            store.write(build_result(extraction, iris, validate=False).write)
        rebuild_merged_events(store, iris)
        out = io.BytesIO()
        store.dump(out, "nq")
    lines = out.getvalue().decode("utf-8").splitlines()
    return "".join(f"{line}\n" for line in lines if line.rstrip().removesuffix(" .").rsplit(" ", 1)[-1].startswith(prefix))


def synthetic_nquads(n_events: int, path: Path, *, iris: Iris | None = None, seed: int = 7,
                     per_article: int = 10) -> Path:
    """Write ``n_events`` synthetic events (``synthetic_corpus``: the articles and their follow-ups) and
    their merged events as N-Quads, on every core (about 1 s per 1,000 events per core)."""
    from concurrent.futures import ProcessPoolExecutor
    from functools import partial

    base = (iris or Iris()).base
    articles = -(-n_events // per_article)
    workers = max(1, min(os.cpu_count() or 1, 8))
    step = -(-articles // (workers * 4))
    batches = [range(start, min(start + step, articles)) for start in range(0, articles, step)]
    make = partial(_nquads_of_articles, n_events=n_events, per_article=per_article, seed=seed, base=base,
                   merge_reports=False)
    with open(path, "w", encoding="utf-8") as out:
        if workers == 1 or len(batches) == 1:
            for batch in batches:
                out.write(make(batch))
        else:
            with ProcessPoolExecutor(workers) as pool:
                for text in pool.map(make, batches):
                    out.write(text)
        # The events several outlets report, merged in one run (merging loads the lexicon: once).
        reported, _ = _reports_merged(range(articles), n_events, per_article, seed, Iris(base))
        if reported:
            out.write(merged_quads(reported, Iris(base)))
    return path


def load_nquads(store_path: Path, nquads: Path) -> None:
    """Bulk-load N-Quads into a new embedded store, with the ontology graph as ``kb ingest`` writes it.

    Uses pyoxigraph's bulk loader directly (a test fixture, not the web layer):
    several times faster than a transactional load for a fresh store.
    """
    import pyoxigraph as ox

    from kb.ontology import ONTOLOGY_GRAPH, load_ontology

    store = ox.Store(str(store_path))
    store.bulk_load(path=str(nquads), format=ox.RdfFormat.N_QUADS)
    ontology = load_ontology().serialize(format="nt", encoding="utf-8")
    store.bulk_load(ontology, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(ONTOLOGY_GRAPH))
    store.flush()
    del store


# ---------------------------------------------------------------------------
# A live server


class LiveServer:
    """``kb serve`` in a subprocess on a free port, as a user would start it."""

    def __init__(self, store: Path, *, timeout: float | None = None, threads: int = 4) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        env = dict(os.environ)
        if timeout is not None:
            env["KB_QUERY_TIMEOUT"] = str(timeout)
        self.log = open(Path(store).parent / f"serve-{self.port}.log", "w+b")
        self.process = subprocess.Popen(
            [sys.executable, "-m", "kb", "serve", "--store", str(store), "--port", str(self.port),
             "--threads", str(threads)],
            stdout=self.log, stderr=subprocess.STDOUT, env=env, cwd=ROOT,
        )
        self._wait_ready()

    def _wait_ready(self, seconds: float = 30) -> None:
        deadline = time.monotonic() + seconds
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                self.log.seek(0)
                raise RuntimeError(f"kb serve exited: {self.log.read().decode(errors='replace')}")
            try:
                with urllib.request.urlopen(self.url + "sparql?query=ASK%7B%7D", timeout=2) as answer:
                    if answer.status == 200:
                        return
            except OSError:
                time.sleep(0.1)
        raise RuntimeError("kb serve did not start in time")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        self.log.close()

    def __enter__(self) -> "LiveServer":
        return self

    def __exit__(self, *exc) -> None:
        self.stop()


# ---------------------------------------------------------------------------
# Small stores built from hand-made extractions


def write_store(path: Path, extractions, *, validate: bool = True) -> Path:
    """An embedded store holding these extractions as ``kb ingest`` writes them, plus the ontology:
    the article graphs, then the merged (canonical) events of ``kb.merge``."""
    from kb.merge import update_merged_events
    from kb.ontology import ONTOLOGY_GRAPH, load_ontology
    from kb.pipeline import build_result
    from kb.store import GraphWrite
    from kb.store.embedded import EmbeddedStore

    iris = Iris()
    with EmbeddedStore(path) as store:
        written = []
        for extraction in extractions:
            result = build_result(extraction, iris, validate=validate)
            assert result.write is not None, result.problem
            store.write(result.write)
            written.append(result.graph)
        triples = load_ontology().serialize(format="nt", encoding="utf-8").decode("utf-8")
        store.write(GraphWrite(graph=ONTOLOGY_GRAPH, triples=triples))
        update_merged_events(store, written, iris)
    return path


HOSTILE = '<script>alert("pwned")</script><img src=x onerror=alert(1)> & "quoted"'


def hostile_extraction() -> Extraction:
    """The Ghazni example with markup in every text an article can bring: title, text,
    event, actor and place labels (its own actor and place, so the store still conforms)."""
    from dataclasses import replace

    from tests.conftest import GHAZNI_TEXT, build_ghazni_extraction

    text = f"{HOSTILE}\n\n{GHAZNI_TEXT}"
    base = build_ghazni_extraction(text=text, identifier="hostile-markup")
    article = replace(base.article, title=f"Title {HOSTILE}", publisher=f"Wire {HOSTILE}")

    def hostile_roles(roles):
        return {role: ["hostile-group" if key == "taliban" else key for key in keys] for role, keys in roles.items()}

    events = [
        replace(event, label=f"{event.label} {HOSTILE}", roles=hostile_roles(event.roles),
                place="hostile-site" if event.place == "290030" else event.place)
        for event in base.events
    ]
    actors = {k: a for k, a in base.actors.items() if k != "taliban"}
    actors["hostile-group"] = Actor("hostile-group", f"Group {HOSTILE}", "ArmedGroup", (f"alias {HOSTILE}",))
    places = {k: p for k, p in base.places.items() if k != "290030"}
    places["hostile-site"] = Place("hostile-site", f"Site {HOSTILE}", "Site", contained_in="289688")
    return Extraction(article, events, actors, places)


def clashing_extraction() -> Extraction:
    """An article giving the Taliban a second label: the store then breaks a shape."""
    from dataclasses import replace

    from tests.conftest import build_ghazni_extraction

    base = build_ghazni_extraction(identifier="clashing-label")
    actors = dict(base.actors)
    actors["taliban"] = replace(actors["taliban"], label=f"Taliban {HOSTILE}")
    return Extraction(base.article, base.events, actors, base.places)


SECOND_GHAZNI_TEXT = (
    "KABUL (Sample Times) — Eight soldiers were killed and 15 wounded when a car bomb exploded at an army base "
    "in Ghazni on Tuesday, the defence ministry said.\n\n"
    "The Taliban said they had carried out the bombing.\n"
)


def second_ghazni_report() -> Extraction:
    """Another outlet's report of the Ghazni bombing, a day later, in other words and with higher
    figures: merging makes one event of the two, with both sources and the lower figures."""
    from datetime import date

    from tests.conftest import build_ghazni_extraction, span_of

    text = SECOND_GHAZNI_TEXT
    base = build_ghazni_extraction()
    article = Article(
        identifier="second-ghazni-2019-03-14",
        text=text,
        title="Eight soldiers killed in Ghazni car bombing",
        published=date(2019, 3, 14),
        url="https://example.org/2019/03/14/ghazni-bombing",
        publisher="Sample Times",
    )
    sentence = text.split("\n")[0][len("KABUL (Sample Times) — "):]
    bombing = Event(
        event_class="Bombing",
        label="Car bomb at an army base in Ghazni",
        trigger=span_of(text, "car bomb"),
        evidence=[span_of(text, sentence)],
        time=EventTime("day", date(2019, 3, 12), date(2019, 3, 12), date(2019, 3, 12), "on Tuesday", "2019-03-12"),
        status="Occurred",
        confidence=0.8,
        roles={"claimedBy": ["taliban"], "target": ["afghan-national-army"]},
        place="army-base-ghazni",
        casualties=[CasualtyCount("Killed", 8, "Exact", "soldiers"), CasualtyCount("Injured", 15, "Exact", "soldiers")],
        killed=8,
        injured=15,
    )
    actors = {key: base.actors[key] for key in ("taliban", "afghan-national-army", "government-of-afghanistan")}
    places = {key: base.places[key] for key in ("army-base-ghazni", "1141269", "1141268", "1149361")}
    return Extraction(article, [bombing], actors, places)
