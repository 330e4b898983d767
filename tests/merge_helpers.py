"""Plain-data builders for the merging tests: mentions, places, actors, and article extractions."""

from __future__ import annotations

from datetime import date

from kb.ids import Iris
from kb.merge.actors import ActorResolver
from kb.merge.mentions import ActorInfo, Mention, PlaceInfo, World
from kb.model import Actor, Article, CasualtyCount, Event, EventTime, Extraction, Place, Span

IRIS = Iris()
A = "https://w3id.org/annals/id/"

# A small gazetteer: two Afghan cities, a site, a province, a country, and a city elsewhere.
PLACES = {
    "1149361": Place("1149361", "Afghanistan", "CountryPlace", 1149361, 33.0, 66.0),
    "1138957": Place("1138957", "Kabul", "Province", 1138957, 34.5, 69.2, "1149361"),
    "1138958": Place("1138958", "Kabul", "City", 1138958, 34.53, 69.17, "1138957"),
    "1141268": Place("1141268", "Ghazni", "Province", 1141268, 33.5, 68.4, "1149361"),
    "1141269": Place("1141269", "Ghazni", "City", 1141269, 33.55, 68.42, "1141268"),
    "market-ghazni": Place("market-ghazni", "market, Ghazni", "Site", None, None, None, "1141269"),
    "checkpoint-ghazni": Place("checkpoint-ghazni", "police checkpoint, Ghazni", "Site", None, None, None, "1141269"),
    "289688": Place("289688", "Qatar", "CountryPlace", 289688, 25.5, 51.25),
    "290030": Place("290030", "Doha", "City", 290030, 25.28, 51.52, "289688"),
}
ACTORS = {
    "taliban": Actor("taliban", "Taliban", "ArmedGroup", ("Taleban",), "Q42418"),
    "haqqani-network": Actor("haqqani-network", "Haqqani network", "ArmedGroup", (), None, "taliban"),
    "islamic-state": Actor("islamic-state", "Islamic State", "ArmedGroup", ("ISIS", "Daesh"), "Q2429253"),
    "government-of-afghanistan": Actor("government-of-afghanistan", "Government of Afghanistan", "Government"),
    "afghan-forces": Actor("afghan-forces", "Afghan forces", "SecurityForce", (), None, "government-of-afghanistan"),
    "united-states": Actor("united-states", "United States", "Country", ("US", "U.S."), "Q30"),
    "government-of-united-states": Actor("government-of-united-states", "Government of the United States", "Government",
                                         ("US government",)),
    "john-nicholson": Actor("john-nicholson", "John Nicholson", "Person", ("General John Nicholson",), None, None, "General"),
    "nicholson": Actor("nicholson", "Nicholson", "Person", (), None, None, "General"),
    "jim-nicholson": Actor("jim-nicholson", "Jim Nicholson", "Person", (), None, None, "Secretary"),
    "ashraf-ghani": Actor("ashraf-ghani", "Ashraf Ghani", "Person", (), None, "government-of-afghanistan", "President"),
    "mohammad-ashraf-ghani": Actor("mohammad-ashraf-ghani", "Mohammad Ashraf Ghani", "Person", (), None,
                                   "government-of-afghanistan", "President"),
    "ghani": Actor("ghani", "Ghani", "Person", (), None, None, "President"),
}


def place_iri(key: str) -> str:
    return IRIS.place(key)


def actor_iri(key: str) -> str:
    return IRIS.actor(key)


def world() -> World:
    w = World()
    for p in PLACES.values():
        w.places[place_iri(p.key)] = PlaceInfo(place_iri(p.key), p.label, p.place_type,
                                               place_iri(p.contained_in) if p.contained_in else None, p.geonames_id)
    return w


def resolver(persons: dict[str, str] | None = None) -> ActorResolver:
    infos = {actor_iri(a.key): ActorInfo(actor_iri(a.key), a.label, a.kind,
                                         (actor_iri(a.member_of),) if a.member_of else (),
                                         (a.job_title,) if a.job_title else (), a.aliases)
             for a in ACTORS.values()}
    return ActorResolver(IRIS, infos, {actor_iri(k): actor_iri(v) for k, v in (persons or {}).items()})


def mention(name: str, article: str, cls: str = "Bombing", day: str | None = "2019-10-15", *,
            precision: str = "day", published: str = "2019-10-16", status: str = "Occurred",
            place: str | None = "1141269", roles: dict[str, list[str]] | None = None,
            killed: int | None = None, injured: int | None = None, quote: str | None = None,
            related: tuple[tuple[str, str], ...] = (), span: tuple[str, str] | None = None) -> Mention:
    """A mention as the store would give it. ``day`` is its day (or first day of ``span``)."""
    pub = date.fromisoformat(published)
    if quote is None:  # the sentence names the place (for a site, the city holding it)
        named = PLACES[place] if place else None
        while named is not None and named.place_type == "Site":
            named = PLACES[named.contained_in]
        quote = f"An attack in {named.label}." if named else "An attack."
    if precision == "unanchored":
        earliest = latest = pub
    elif span:
        earliest, latest = date.fromisoformat(span[0]), date.fromisoformat(span[1])
    else:
        earliest = latest = date.fromisoformat(day) if day else None
    return Mention(
        iri=f"{A}event/{name}", article=f"{A}article/{article}", published=pub, event_class=cls,
        label=f"{cls} {name}", status=status, confidence=0.7, precision=precision,
        earliest=earliest, latest=latest, place=place_iri(place) if place else None,
        roles=tuple(sorted((r, actor_iri(k)) for r, keys in (roles or {}).items() for k in keys)),
        killed=killed, injured=injured, evidence=(f"{A}event/{name}#evidence-0",), quotes=(quote,),
        related=tuple((rel, f"{A}event/{other}") for rel, other in related),
    )


# ---------------------------------------------------------------------------
# Whole articles, as the extractor would hand them over (no spaCy needed)


def report(identifier: str, published: str, sentences: list[str], events: list[dict]) -> Extraction:
    """An article whose text is ``sentences`` and whose events are given by dicts:
    ``{"cls", "sentence" (index), "day" | "precision"/"span", "place", "roles", "killed", "injured",
    "status", "related": [(relation, event index)]}``."""
    text = "\n\n".join(sentences) + "\n"
    article = Article(identifier, text, title=sentences[0][:60], published=date.fromisoformat(published),
                      url=f"https://example.org/{identifier}", publisher="Example Wire")
    out = []
    for spec in events:
        sentence = sentences[spec.get("sentence", 0)]
        start = text.index(sentence)
        trigger_word = spec.get("trigger", sentence.split()[1])
        t0 = text.index(trigger_word, start)
        precision = spec.get("precision", "day" if spec.get("day") else "unanchored")
        pub = date.fromisoformat(published)
        if precision == "unanchored":
            time = EventTime("unanchored", pub, pub, pub)
        elif "span" in spec:
            lo, hi = (date.fromisoformat(d) for d in spec["span"])
            time = EventTime(precision, lo, hi, lo, spec.get("expression", "last week"))
        else:
            d = date.fromisoformat(spec["day"])
            time = EventTime("day", d, d, d, spec.get("expression", "on Tuesday"), spec["day"])
        casualties = []
        if spec.get("killed") is not None:
            casualties.append(CasualtyCount("Killed", spec["killed"], spec.get("qualifier", "Exact"), "people"))
        if spec.get("injured") is not None:
            casualties.append(CasualtyCount("Injured", spec["injured"], "Exact", "people"))
        out.append(Event(
            event_class=spec["cls"], label=spec.get("label", f"{spec['cls']} reported by {identifier}"),
            trigger=Span(t0, t0 + len(trigger_word), trigger_word),
            evidence=[Span(start, start + len(sentence), sentence)], time=time,
            status=spec.get("status", "Occurred"), confidence=spec.get("confidence", 0.7),
            roles={r: list(k) for r, k in spec.get("roles", {}).items()}, place=spec.get("place"),
            casualties=casualties, killed=spec.get("killed"), injured=spec.get("injured"),
            related=list(spec.get("related", [])),
        ))
    used_actors = {k for e in out for keys in e.roles.values() for k in keys}
    actors = {}
    for key in sorted(used_actors):
        actor = ACTORS[key]
        actors[key] = actor
        if actor.member_of:
            actors[actor.member_of] = ACTORS[actor.member_of]
    places = {}
    for e in out:
        key = e.place
        while key:
            places[key] = PLACES[key]
            key = PLACES[key].contained_in
    return Extraction(article, out, actors, places)
