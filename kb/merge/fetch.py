"""Reading what merging needs from the store, with small queries bound by ``VALUES``.

Every query here is anchored on IRIs or dates the caller already has (a few
hundred at a time), so its cost follows the size of the update, not of the
store. The one exception is ``person_names``, one scan of the person actors
per update (see ``kb.merge.actors``).
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date, timedelta
from sys import intern

from kb.merge.mentions import UNANCHORED_REACH, ActorInfo, Mention, PlaceInfo
from kb.merge.terms import CANONICAL_EVENT, SOURCE_COUNT
from kb.model import EVENT_CLASSES, RELATIONS, ROLES
from kb.store import Store
from kb.vocab import KB, PREFIXES

SPARQL_PREFIXES = "".join(f"PREFIX {p}: <{ns}>\n" for p, ns in PREFIXES.items())
KB_NS = str(KB._NS)
BATCH = 200  # IRIs per VALUES block

PRECISIONS = {
    "http://www.w3.org/2006/time#unitDay": "day",
    "http://www.w3.org/2006/time#unitWeek": "week",
    "http://www.w3.org/2006/time#unitMonth": "month",
    "http://www.w3.org/2006/time#unitYear": "year",
    KB_NS + "Unanchored": "unanchored",
}
ACTOR_KINDS = {
    "https://schema.org/Person": "Person",
    "https://schema.org/Organization": "Organization",
    KB_NS + "ArmedGroup": "ArmedGroup",
    KB_NS + "Government": "Government",
    KB_NS + "Country": "Country",
    KB_NS + "SecurityForce": "SecurityForce",
}
_SEM = "http://semanticweb.cs.vu.nl/2009/11/sem/"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_RDFS_LABEL = "http://www.w3.org/2000/01/rdf-schema#label"


def _values(iris: Iterable[str]) -> str:
    return " ".join(f"<{iri}>" for iri in iris)


def _batches(items: Iterable, size: int = BATCH) -> Iterator[list]:
    items = sorted(set(items))
    for i in range(0, len(items), size):
        yield items[i : i + size]


def _date(text: str) -> date:
    return date.fromisoformat(text[:10])


def _select(store: Store, body: str) -> list[dict[str, str]]:
    return store.select(SPARQL_PREFIXES + body)


# ---------------------------------------------------------------------------
# Mentions


def mentions_of_articles(store: Store, articles: Iterable[str]) -> set[str]:
    """The events reported in these article graphs."""
    found: set[str] = set()
    for batch in _batches(articles):
        rows = _select(store, f"""SELECT ?e WHERE {{
  VALUES ?a {{ {_values(batch)} }}
  GRAPH ?a {{ ?e prov:wasDerivedFrom ?a ; a sem:Event }}
}}""")
        found.update(row["e"] for row in rows)
    return found


_MENTION_PREDICATES = [
    _RDF_TYPE, _RDFS_LABEL, KB_NS + "status", KB_NS + "confidence", KB_NS + "timePrecision",
    _SEM + "hasEarliestBeginTimeStamp", _SEM + "hasLatestBeginTimeStamp", KB_NS + "timeExpression",
    _SEM + "hasPlace", KB_NS + "killed", KB_NS + "injured", KB_NS + "casualties", KB_NS + "evidence",
    *(KB_NS + role for role in ROLES), *(KB_NS + relation for relation in RELATIONS),
]


def fetch_mentions(store: Store, iris: Iterable[str]) -> dict[str, Mention]:
    """The mentions with these IRIs that still exist, read from their article graphs."""
    props: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    article_of: dict[str, str] = {}
    wanted = ", ".join(f"<{p}>" for p in _MENTION_PREDICATES)
    for batch in _batches(iris):
        rows = _select(store, f"""SELECT ?e ?a ?p ?o WHERE {{
  VALUES ?e {{ {_values(batch)} }}
  GRAPH ?a {{ ?e prov:wasDerivedFrom ?a ; ?p ?o }}
  FILTER(?p IN ({wanted}))
}}""")
        for row in rows:
            article_of[row["e"]] = row["a"]
            props[row["e"]][row["p"]].append(row["o"])
    published = article_dates(store, set(article_of.values()))
    quotes = evidence_quotes(store, {ev for p in props.values() for ev in p.get(KB_NS + "evidence", [])})
    return {iri: _mention(iri, article_of[iri], props[iri], published, quotes) for iri in props}


def _mention(iri: str, article: str, p: dict[str, list[str]], published: dict[str, date], quotes) -> Mention:
    def one(predicate: str) -> str | None:
        values = sorted(p.get(predicate, []))
        return values[0] if values else None

    classes = [t.removeprefix(KB_NS) for t in p.get(_RDF_TYPE, []) if t.startswith(KB_NS)]
    specific = [c for c in EVENT_CLASSES if c in classes and c not in ("Attack", "Negotiation")]
    event_class = specific[0] if specific else next((c for c in ("Attack", "Negotiation") if c in classes), "Attack")
    earliest, latest = one(_SEM + "hasEarliestBeginTimeStamp"), one(_SEM + "hasLatestBeginTimeStamp")
    killed, injured = one(KB_NS + "killed"), one(KB_NS + "injured")
    evidence = tuple(sorted(p.get(KB_NS + "evidence", [])))
    place = one(_SEM + "hasPlace")
    # Places, actors and sentences recur across reports: one string each, not one per report
    # (a merge holds every report of its region in memory: 93,000 of them in a bulk ingest).
    return Mention(
        iri=iri,
        article=intern(article),
        published=published.get(article),
        event_class=event_class,
        label=one(_RDFS_LABEL) or event_class,
        status=(one(KB_NS + "status") or KB_NS + "Occurred").removeprefix(KB_NS),
        confidence=float(one(KB_NS + "confidence") or 0.5),
        precision=PRECISIONS.get(one(KB_NS + "timePrecision") or "", "unanchored"),
        earliest=_date(earliest) if earliest else None,
        latest=_date(latest) if latest else None,
        expression=one(KB_NS + "timeExpression"),
        place=intern(place) if place else None,
        roles=tuple(sorted((role, intern(actor)) for role in ROLES for actor in set(p.get(KB_NS + role, [])))),
        killed=int(killed) if killed is not None else None,
        injured=int(injured) if injured is not None else None,
        casualties=tuple(sorted(p.get(KB_NS + "casualties", []))),
        evidence=evidence,
        quotes=tuple(intern(quotes[e]) for e in evidence if e in quotes),
        related=tuple(sorted((rel, other) for rel in RELATIONS for other in set(p.get(KB_NS + rel, [])))),
    )


def article_dates(store: Store, articles: Iterable[str]) -> dict[str, date]:
    out: dict[str, date] = {}
    for batch in _batches(articles):
        rows = _select(store, f"""SELECT ?a ?d WHERE {{
  VALUES ?a {{ {_values(batch)} }}
  GRAPH ?a {{ ?a schema:datePublished ?d }}
}}""")
        for row in rows:
            out.setdefault(row["a"], _date(row["d"]))
    return out


def evidence_quotes(store: Store, evidence: Iterable[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for batch in _batches(evidence):
        rows = _select(store, f"SELECT ?ev ?q WHERE {{ VALUES ?ev {{ {_values(batch)} }} ?ev nif:anchorOf ?q }}")
        out.update((row["ev"], row["q"]) for row in rows)
    return out


def related_to(store: Store, mentions: Iterable[str], article_prefix: str) -> set[str]:
    """Mentions that point at these ones with kb:relatedEvent, kb:inResponseTo or kb:partOf."""
    wanted = ", ".join(f"kb:{r}" for r in RELATIONS)
    found: set[str] = set()
    for batch in _batches(mentions):
        rows = _select(store, f"""SELECT DISTINCT ?other WHERE {{
  VALUES ?e {{ {_values(batch)} }}
  GRAPH ?a {{ ?other ?rel ?e }}
  FILTER(?rel IN ({wanted}) && STRSTARTS(STR(?a), "{article_prefix}"))
}}""")
        found.update(row["other"] for row in rows)
    return found


# ---------------------------------------------------------------------------
# Candidates (blocking)


@dataclass(frozen=True)
class Candidate:
    """What blocking needs to know of a mention before reading it in full."""

    iri: str
    family: str
    country: str | None
    precision: str
    status: str
    earliest: date
    latest: date

    def window(self) -> tuple[date, date]:
        if self.precision != "unanchored":
            return self.earliest, self.latest
        back, ahead = UNANCHORED_REACH.get(self.status, (3, 0))
        return self.earliest - timedelta(days=back), self.latest + timedelta(days=ahead)


def candidates_on_days(store: Store, stamps: Iterable[date], families: Iterable[str],
                       article_prefix: str) -> list[Candidate]:
    """Every mention of ``families`` whose ordering date is one of ``stamps``, with its country and bounds.

    Bound by ``VALUES`` on the date, so the store answers from its index of
    objects: the cost is the number of events on those days. Mentions are the
    events of article graphs (``article_prefix``), not the canonical ones.
    """
    fams = ", ".join(f"kb:{f}" for f in sorted(set(families)))
    out = []
    for batch in _batches(stamps, 400):
        days = " ".join(f'"{d.isoformat()}"^^xsd:date' for d in batch)
        rows = _select(store, f"""SELECT DISTINCT ?e ?family ?country ?stamp ?latest ?precision ?status WHERE {{
  VALUES ?stamp {{ {days} }}
  GRAPH ?a {{ ?e sem:hasTimeStamp ?stamp ; a ?family ; sem:hasLatestBeginTimeStamp ?latest ;
               kb:timePrecision ?precision ; kb:status ?status . OPTIONAL {{ ?e sem:hasPlace ?place }} }}
  FILTER(STRSTARTS(STR(?a), "{article_prefix}") && ?family IN ({fams}))
  # The place bound first, then its country: following the path from every event would scan them all.
  OPTIONAL {{ ?place schema:containedInPlace* ?country . ?country kb:placeType kb:CountryPlace }}
}}""")
        out += [Candidate(row["e"], row["family"].removeprefix(KB_NS), row.get("country"),
                          PRECISIONS.get(row["precision"], "unanchored"), row["status"].removeprefix(KB_NS),
                          _date(row["stamp"]), _date(row["latest"])) for row in rows]
    return out


def candidates_in_place(
    store: Store, place: str, start: date, end: date, family: str, article_prefix: str
) -> list[tuple[str, date]]:
    """(mention, ordering date) of ``family`` at ``place`` or inside it, dated in [start, end].

    Two queries: the places inside first, then their events through ``VALUES``.
    In one query, Oxigraph evaluates the GRAPH pattern over every event of the
    store before joining it with the places (230 ms a call at 10,000 events,
    under 1 ms this way).
    """
    inside = [row["p"] for row in _select(store, f"SELECT DISTINCT ?p WHERE {{ ?p schema:containedInPlace* <{place}> }}")]
    out = []
    for batch in _batches(inside):
        rows = _select(store, f"""SELECT DISTINCT ?e ?s WHERE {{
  VALUES ?p {{ {_values(batch)} }}
  GRAPH ?a {{ ?e sem:hasPlace ?p ; a kb:{family} ; sem:hasTimeStamp ?s }}
  FILTER(STRSTARTS(STR(?a), "{article_prefix}"))
  FILTER(?s >= "{start.isoformat()}"^^xsd:date && ?s <= "{end.isoformat()}"^^xsd:date)
}}""")
        out += [(row["e"], date.fromisoformat(row["s"][:10])) for row in rows]
    return out


# ---------------------------------------------------------------------------
# Places and actors


def fetch_places(store: Store, places: Iterable[str]) -> dict[str, PlaceInfo]:
    """These places and every place containing them."""
    labels: dict[str, list[str]] = defaultdict(list)
    types: dict[str, list[str]] = defaultdict(list)
    containers: dict[str, set[str]] = defaultdict(set)
    geonames: dict[str, int] = {}
    for batch in _batches(places):
        rows = _select(store, f"""SELECT ?p ?label ?type ?container ?same WHERE {{
  VALUES ?start {{ {_values(batch)} }}
  ?start schema:containedInPlace* ?p .
  ?p rdfs:label ?label ; kb:placeType ?type .
  OPTIONAL {{ ?p schema:containedInPlace ?container }}
  OPTIONAL {{ ?p owl:sameAs ?same FILTER(STRSTARTS(STR(?same), "https://sws.geonames.org/")) }}
}}""")
        for row in rows:
            labels[row["p"]].append(row["label"])
            types[row["p"]].append(row["type"].removeprefix(KB_NS))
            if "container" in row:
                containers[row["p"]].add(row["container"])
            if "same" in row:
                geonames[row["p"]] = int(row["same"].rstrip("/").rsplit("/", 1)[1])
    return {
        p: PlaceInfo(p, min(labels[p]), min(types[p]), min(containers[p]) if containers[p] else None, geonames.get(p))
        for p in labels
    }


def fetch_actors(store: Store, actors: Iterable[str]) -> dict[str, ActorInfo]:
    """These actors and the groups they are members of (any depth)."""
    base: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    for batch in _batches(actors):
        rows = _select(store, f"""SELECT ?a ?p ?o WHERE {{
  VALUES ?start {{ {_values(batch)} }}
  ?start schema:memberOf* ?a .
  ?a ?p ?o .
  FILTER(?p IN (rdf:type, rdfs:label, schema:memberOf, schema:jobTitle, skos:altLabel))
}}""")
        for row in rows:
            base[row["a"]][row["p"]].add(row["o"])
    out = {}
    for iri, p in base.items():
        kinds = sorted(ACTOR_KINDS[t] for t in p.get(_RDF_TYPE, ()) if t in ACTOR_KINDS)
        labels = sorted(p.get(_RDFS_LABEL, ()))
        if not kinds or not labels:
            continue
        out[iri] = ActorInfo(
            iri, labels[0], kinds[0],
            member_of=tuple(sorted(p.get("https://schema.org/memberOf", ()))),
            job_titles=tuple(sorted(p.get("https://schema.org/jobTitle", ()))),
            alt_labels=tuple(sorted(p.get("http://www.w3.org/2004/02/skos/core#altLabel", ()))),
        )
    return out


def person_names(store: Store) -> list[tuple[str, str, str]]:
    """(actor IRI, label, kind) of every person, and of every one-word organisation
    (the recogniser sometimes types a bare surname as an organisation)."""
    rows = _select(store, """SELECT DISTINCT ?a ?label ?kind WHERE {
  { ?a a schema:Person ; rdfs:label ?label . BIND("Person" AS ?kind) }
  UNION
  { ?a a schema:Organization ; rdfs:label ?label . FILTER(!CONTAINS(?label, " ")) BIND("Organization" AS ?kind) }
}""")
    return [(row["a"], row["label"], row["kind"]) for row in rows]


def article_counts(store: Store, actors: Iterable[str]) -> dict[str, int]:
    """How many articles name each actor in an event role."""
    out: dict[str, int] = {}
    for batch in _batches(actors):
        rows = _select(store, f"""SELECT ?x (COUNT(DISTINCT ?g) AS ?n) WHERE {{
  VALUES ?x {{ {_values(batch)} }}
  GRAPH ?g {{ ?e sem:hasActor ?x ; prov:wasDerivedFrom ?g }}
}} GROUP BY ?x""")
        out.update((row["x"], int(row["n"])) for row in rows)
    return out


# ---------------------------------------------------------------------------
# Canonical events already stored


def canonical_of(store: Store, mentions: Iterable[str]) -> dict[str, str]:
    """mention -> its canonical event, for the mentions that have one."""
    out: dict[str, str] = {}
    for batch in _batches(mentions):
        rows = _select(store, f"SELECT ?m ?c WHERE {{ VALUES ?m {{ {_values(batch)} }} ?m <{CANONICAL_EVENT}> ?c }}")
        for row in rows:
            out[row["m"]] = min(out.get(row["m"], row["c"]), row["c"])
    return out


def canonical_from_articles(store: Store, articles: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for batch in _batches(articles):
        rows = _select(store, f"""SELECT DISTINCT ?c WHERE {{
  VALUES ?a {{ {_values(batch)} }}
  ?c prov:wasDerivedFrom ?a ; <{SOURCE_COUNT}> ?n .
}}""")
        found.update(row["c"] for row in rows)
    return found


def canonical_members(store: Store, canonicals: Iterable[str]) -> dict[str, tuple[str, set[str]]]:
    """canonical event -> (its graph, the mentions linked to it)."""
    out: dict[str, tuple[str, set[str]]] = {}
    for batch in _batches(canonicals):
        rows = _select(store, f"""SELECT ?c ?g ?m WHERE {{
  VALUES ?c {{ {_values(batch)} }}
  GRAPH ?g {{ ?c <{SOURCE_COUNT}> ?n . OPTIONAL {{ ?m <{CANONICAL_EVENT}> ?c }} }}
}}""")
        for row in rows:
            graph, members = out.setdefault(row["c"], (row["g"], set()))
            if "m" in row:
                members.add(row["m"])
    return out


def graphs_with_prefix(store: Store, prefix: str) -> list[str]:
    rows = _select(store, f'SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ }} FILTER(STRSTARTS(STR(?g), "{prefix}")) }}')
    return sorted(row["g"] for row in rows)


def article_graphs(store: Store) -> list[str]:
    rows = _select(store, "SELECT DISTINCT ?a WHERE { GRAPH ?a { ?a a schema:NewsArticle } }")
    return sorted(row["a"] for row in rows)


def stored_person_links(store: Store, graphs: Iterable[str]) -> dict[str, set[tuple[str, str]]]:
    """persons graph -> its (alias, canonical) owl:sameAs pairs."""
    out: dict[str, set[tuple[str, str]]] = {}
    for batch in _batches(graphs):
        rows = _select(store, f"""SELECT ?g ?x ?y WHERE {{
  VALUES ?g {{ {_values(batch)} }}
  GRAPH ?g {{ ?x owl:sameAs ?y }}
}}""")
        for row in rows:
            out.setdefault(row["g"], set()).add((row["x"], row["y"]))
    return out


def mentions_with_actors(store: Store, actors: Iterable[str], article_prefix: str) -> set[str]:
    """Mentions that name any of these actors in a role."""
    found: set[str] = set()
    for batch in _batches(actors):
        rows = _select(store, f"""SELECT DISTINCT ?e WHERE {{
  VALUES ?x {{ {_values(batch)} }}
  GRAPH ?a {{ ?e sem:hasActor ?x }}
  FILTER(STRSTARTS(STR(?a), "{article_prefix}"))
}}""")
        found.update(row["e"] for row in rows)
    return found


def person_links_of(store: Store, actors: Iterable[str], graph_prefix: str) -> dict[str, str]:
    """alias -> person, for the actors among ``actors`` that the stored person resolution links."""
    out: dict[str, str] = {}
    for batch in _batches(actors):
        rows = _select(store, f"""SELECT ?x ?y WHERE {{
  VALUES ?x {{ {_values(batch)} }}
  GRAPH ?g {{ ?x owl:sameAs ?y }}
  FILTER(STRSTARTS(STR(?g), "{graph_prefix}"))
}}""")
        for row in rows:
            out[row["x"]] = min(out.get(row["x"], row["y"]), row["y"])
    return out


def canonical_actors(store: Store, canonicals: Iterable[str]) -> set[str]:
    found: set[str] = set()
    for batch in _batches(canonicals):
        rows = _select(store, f"SELECT DISTINCT ?x WHERE {{ VALUES ?c {{ {_values(batch)} }} ?c sem:hasActor ?x }}")
        found.update(row["x"] for row in rows)
    return found
