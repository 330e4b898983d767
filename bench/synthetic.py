"""A synthetic knowledge base in the design's vocabulary, as N-Quads, for load and query benchmarks.

    python bench/synthetic.py --events 200000 -o /tmp/annals-200k.nq [--seed 1] [--check 20]

Writes articles with one to five events each, in the layout ``kb extract``
writes (each article's graph, then the actor and place triples it uses, in the
shared entities graph), so ``kb load`` streams it. The shape follows what the
pipeline produces for a real report: an article with its ``nif:Context`` text;
events with their full type chain, label, status, confidence, day/week/month
precision and bounds, place, actors by role (with ``sem:hasActor``), killed and
injured, one evidence sentence with offsets into the text, and a casualty
report for some; actors from a pool of 400 (armed groups, governments,
security forces, persons, with memberships) and places from a pool of 3,000
cities in 150 provinces of 30 countries, with coordinates, GeoNames-style ids
and containment.
Deterministic by seed. In a store, about 29 quads per event (the article and
its text included); the file repeats the entity triples per article (55 lines
per event) unless ``--entities-once``.

``--check N`` validates the first N articles with the SHACL shapes and says
whether they conform, so the data stays honest if the shapes change.
"""

from __future__ import annotations

import argparse
import hashlib
import random
import sys
import time
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

BASE = "https://w3id.org/annals/id/"
KB = "https://w3id.org/annals/ns#"
SEM = "http://semanticweb.cs.vu.nl/2009/11/sem/"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
LABEL = "<http://www.w3.org/2000/01/rdf-schema#label>"
SCHEMA = "https://schema.org/"
NIF = "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#"
PROV = "http://www.w3.org/ns/prov#"
TIME = "http://www.w3.org/2006/time#"
WGS = "http://www.w3.org/2003/01/geo/wgs84_pos#"
GEO = "http://www.opengis.net/ont/geosparql#"
OWL_SAME_AS = "<http://www.w3.org/2002/07/owl#sameAs>"
XSD = "http://www.w3.org/2001/XMLSchema#"
ENTITIES = f"<{BASE}graph/entities>"

ATTACKS = ["Bombing", "Airstrike", "Shelling", "ArmedAssault", "ArmedClash", "Takeover", "Kidnapping", "Assassination", "Arson"]
NEGOTIATIONS = ["Talks", "PeaceProposal", "Ceasefire", "PeaceAgreement"]
ACTOR_KINDS = [("ArmedGroup", f"<{KB}ArmedGroup>"), ("Government", f"<{KB}Government>"),
               ("SecurityForce", f"<{KB}SecurityForce>"), ("Person", f"<{SCHEMA}Person>")]
PRECISIONS = [("day", 0.8), ("week", 0.1), ("month", 0.07), ("year", 0.03)]
STATUS_ATTACK = ["Occurred"] * 8 + ["Attempted", "Denied"]
STATUS_TALKS = ["Occurred", "Planned", "Proposed", "Ongoing"]
WORDS = ("attack killed wounded militants police soldiers province officials said talks government ceasefire "
         "district convoy bomb market fighters claimed responsibility statement").split()


def lit(value: str) -> str:
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def typed(value: object, datatype: str) -> str:
    return f'"{value}"^^<{XSD}{datatype}>'


@dataclass
class Place:
    iri: str
    quads: list[str]  # N-Triples lines (without the graph) describing it
    chain: tuple[str, ...]  # its own IRI and those it is contained in


@dataclass
class Actor:
    iri: str
    quads: list[str]
    chain: tuple[str, ...]


def make_places(rng: random.Random) -> list[Place]:
    places = []
    next_id = 100000
    for c in range(30):
        country = f"<{BASE}place/{next_id}>"
        country_lines = _place_lines(country, f"Country {c}", "CountryPlace", next_id, None, rng)
        next_id += 1
        for p in range(5):
            province = f"<{BASE}place/{next_id}>"
            province_lines = _place_lines(province, f"Province {c}-{p}", "Province", next_id, country, rng)
            next_id += 1
            for k in range(20):
                city = f"<{BASE}place/{next_id}>"
                lines = _place_lines(city, f"City {c}-{p}-{k}", "City", next_id, province, rng)
                next_id += 1
                places.append(Place(city, lines + province_lines + country_lines, (city, province, country)))
    return places


def _place_lines(iri: str, label: str, kind: str, geonames: int, parent: str | None, rng: random.Random) -> list[str]:
    lat, long = round(rng.uniform(-10, 45), 5), round(rng.uniform(-10, 75), 5)
    lines = [
        f"{iri} {RDF_TYPE} <{SEM}Place>",
        f"{iri} {RDF_TYPE} <{SCHEMA}Place>",
        f"{iri} {LABEL} {lit(label)}",
        f"{iri} <{KB}placeType> <{KB}{kind}>",
        f"{iri} {OWL_SAME_AS} <https://sws.geonames.org/{geonames}/>",
        f"{iri} <{WGS}lat> {typed(lat, 'decimal')}",
        f"{iri} <{WGS}long> {typed(long, 'decimal')}",
    ]
    if parent:
        lines.append(f"{iri} <{SCHEMA}containedInPlace> {parent}")
    return lines


def make_actors(rng: random.Random) -> list[Actor]:
    actors: list[Actor] = []
    for i in range(400):
        kind, cls = ACTOR_KINDS[i % len(ACTOR_KINDS)]
        iri = f"<{BASE}actor/{kind.lower()}-{i}>"
        lines = [f"{iri} {RDF_TYPE} <{SEM}Actor>", f"{iri} {RDF_TYPE} {cls}", f"{iri} {LABEL} {lit(f'{kind} {i}')}"]
        chain: tuple[str, ...] = (iri,)
        if kind == "Person" and actors:
            group = actors[rng.randrange(0, len(actors)) // 4 * 4]  # an armed group
            lines.append(f"{iri} <{SCHEMA}memberOf> {group.iri}")
            lines += group.quads
            chain += group.chain
        actors.append(Actor(iri, lines, chain))
    return actors


class Generator:
    """Articles of synthetic events, written as N-Quads in the ``kb extract`` layout."""

    def __init__(self, seed: int = 1, *, entities_once: bool = False) -> None:
        self.entities_once = entities_once
        self.emitted: set[str] = set()  # entity lines already written (entities_once)
        self.rng = random.Random(seed)
        self.places = make_places(self.rng)
        self.actors = make_actors(self.rng)
        self.start = date(2000, 1, 1)

    def article(self, index: int, events: int) -> list[str]:
        rng = self.rng
        slug = f"synthetic-{index:08d}"
        article = f"<{BASE}article/{slug}>"
        graph = article
        context = f"<{BASE}article/{slug}#context>"
        published = self.start + timedelta(days=rng.randrange(0, 25 * 365))
        sentences = [" ".join(rng.choice(WORDS) for _ in range(rng.randint(12, 30))).capitalize() + "." for _ in range(events + 4)]
        text = " ".join(sentences)
        content_hash = "sha256:" + hashlib.sha256(f"{slug}{text}".encode()).hexdigest()
        own = [
            f"{article} {RDF_TYPE} <{SCHEMA}NewsArticle>",
            f"{article} <{SCHEMA}identifier> {lit(slug)}",
            f"{article} <{KB}contentHash> {lit(content_hash)}",
            f"{article} <{KB}context> {context}",
            f"{article} <http://purl.org/dc/terms/title> {lit(sentences[0][:80])}",
            f"{article} <{SCHEMA}datePublished> {typed(published.isoformat(), 'date')}",
            f"{article} <{SCHEMA}publisher> {lit('Synthetic Wire')}",
            f"{context} {RDF_TYPE} <{NIF}Context>",
            f"{context} <{NIF}isString> {lit(text)}",
        ]
        entity_lines: dict[str, None] = {}
        offset = 0
        for n in range(events):
            sentence = sentences[n]
            begin, end = offset, offset + len(sentence)
            offset = end + 1
            own += self.event(slug, n, article, context, published, sentence, begin, end, entity_lines)
        lines = [f"{line} {graph} .\n" for line in own]
        if self.entities_once:
            fresh = [line for line in entity_lines if line not in self.emitted]
            self.emitted.update(fresh)
            lines += [f"{line} {ENTITIES} .\n" for line in fresh]
        else:
            lines += [f"{line} {ENTITIES} .\n" for line in entity_lines]
        return lines

    def event(self, slug, n, article, context, published, sentence, begin, end, entity_lines) -> list[str]:
        rng = self.rng
        negotiation = rng.random() < 0.25
        cls = rng.choice(NEGOTIATIONS if negotiation else ATTACKS)
        family = "Negotiation" if negotiation else "Attack"
        event = f"<{BASE}event/{hashlib.sha1(f'{slug}/{n}'.encode()).hexdigest()[:16]}>"
        precision = rng.choices([p for p, _ in PRECISIONS], [w for _, w in PRECISIONS])[0]
        day = published - timedelta(days=rng.randint(0, 6))
        earliest, latest = _bounds(day, precision)
        place = rng.choice(self.places)
        lines = [
            f"{event} {RDF_TYPE} <{KB}{cls}>",
            f"{event} {RDF_TYPE} <{KB}{family}>",
            f"{event} {RDF_TYPE} <{SEM}Event>",
            f"{event} {LABEL} {lit(f'{cls} {n} reported by {slug}')}",
            f"{event} <{KB}status> <{KB}{rng.choice(STATUS_TALKS if negotiation else STATUS_ATTACK)}>",
            f"{event} <{KB}confidence> {typed(round(rng.uniform(0.4, 0.95), 3), 'decimal')}",
            f"{event} <{PROV}wasDerivedFrom> {article}",
            f"{event} <{KB}timePrecision> <{TIME}unit{precision.capitalize()}>",
            f"{event} <{SEM}hasTimeStamp> {typed(earliest.isoformat(), 'date')}",
            f"{event} <{SEM}hasEarliestBeginTimeStamp> {typed(earliest.isoformat(), 'date')}",
            f"{event} <{SEM}hasLatestBeginTimeStamp> {typed(latest.isoformat(), 'date')}",
            f"{event} <{SEM}hasPlace> {place.iri}",
        ]
        for line in place.quads:
            entity_lines[line] = None
        roles = ["participant", "mediator"] if negotiation else ["perpetrator", "target"]
        for role in roles[: rng.randint(1, 2)]:
            actor = rng.choice(self.actors)
            lines += [f"{event} <{KB}{role}> {actor.iri}", f"{event} <{SEM}hasActor> {actor.iri}"]
            for line in actor.quads:
                entity_lines[line] = None
        if not negotiation:
            killed = rng.randint(0, 40)
            lines.append(f"{event} <{KB}killed> {typed(killed, 'integer')}")
            if rng.random() < 0.6:
                lines.append(f"{event} <{KB}injured> {typed(rng.randint(0, 80), 'integer')}")
            if rng.random() < 0.3:
                report = f"<{event[1:-1]}#casualties-0>"
                lines += [
                    f"{event} <{KB}casualties> {report}",
                    f"{report} {RDF_TYPE} <{KB}CasualtyReport>",
                    f"{report} <{KB}outcome> <{KB}Killed>",
                    f"{report} <{KB}count> {typed(killed, 'integer')}",
                    f"{report} <{KB}countQualifier> <{KB}Exact>",
                    f"{report} <{PROV}wasDerivedFrom> {article}",
                ]
        evidence = f"<{event[1:-1]}#evidence-0>"
        lines += [
            f"{event} <{KB}evidence> {evidence}",
            f"{evidence} {RDF_TYPE} <{NIF}String>",
            f"{evidence} <{NIF}anchorOf> {lit(sentence)}",
            f"{evidence} <{NIF}beginIndex> {typed(begin, 'nonNegativeInteger')}",
            f"{evidence} <{NIF}endIndex> {typed(end, 'nonNegativeInteger')}",
            f"{evidence} <{NIF}referenceContext> {context}",
        ]
        return lines


def _bounds(day: date, precision: str) -> tuple[date, date]:
    if precision == "day":
        return day, day
    if precision == "week":
        monday = day - timedelta(days=day.weekday())
        return monday, monday + timedelta(days=6)
    if precision == "month":
        first = day.replace(day=1)
        return first, (first + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return day.replace(month=1, day=1), day.replace(month=12, day=31)


def write_synthetic(
    events: int, path: Path, seed: int = 1, *, entities_once: bool = False, progress: bool = False
) -> tuple[int, int]:
    """Write ``events`` events; returns (articles, quads) written.

    ``entities_once`` writes each actor and place description only the first
    time it is used: a much smaller file for building query-benchmark stores
    with a bulk loader (not the ``kb extract`` layout, so ``kb load`` stages it).
    """
    generator = Generator(seed, entities_once=entities_once)
    written = quads = articles = 0
    started = time.monotonic()
    with open(path, "w", encoding="utf-8") as out:
        while written < events:
            count = min(generator.rng.randint(1, 5), events - written)
            lines = generator.article(articles, count)
            out.writelines(lines)
            written += count
            quads += len(lines)
            articles += 1
            if progress and articles % 20000 == 0:
                print(f"  {written} events, {quads} quads ({time.monotonic() - started:.0f} s)", file=sys.stderr)
    return articles, quads


def check(path: Path, articles: int) -> str:
    """Validate the first ``articles`` graphs of the file with the shapes."""
    import pyoxigraph as ox

    from kb.config import Settings
    from kb.load import stream_units, validate_unit

    failures = 0
    with open(path, "rb") as data:
        for i, unit in enumerate(stream_units(ox.parse(data, format=ox.RdfFormat.N_QUADS), Settings().iris.entities_graph)):
            if i >= articles:
                break
            report = validate_unit(unit)
            if not report.conforms:
                failures += 1
                if failures == 1:
                    print(report.text, file=sys.stderr)
    return f"{articles - failures} of {articles} sampled article graphs conform to the shapes"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--events", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--check", type=int, default=0, metavar="N", help="validate the first N article graphs")
    parser.add_argument("--entities-once", action="store_true", help="describe each actor and place once (smaller file)")
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args()
    started = time.monotonic()
    articles, quads = write_synthetic(args.events, args.output, args.seed, entities_once=args.entities_once, progress=True)
    seconds = time.monotonic() - started
    repeated = "once" if args.entities_once else "repeated per article"
    print(f"{args.events} events in {articles} articles: {quads} quads in the file ({quads / args.events:.1f} per event, "
          f"entity triples {repeated}) written to {args.output} in {seconds:.1f} s")
    if args.check:
        print(check(args.output, args.check))


if __name__ == "__main__":
    main()
