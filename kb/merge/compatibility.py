"""Whether two mentions can be one event (``conflict``), and how alike they are (``similarity``).

**Hard constraints** (``conflict`` returns the reason, or None). Two mentions
are never merged when

* they come from the same article: the extractor's within-article
  coreference already decided that they are different events ("a second
  blast", a sub-event linked with ``kb:partOf``) -- except two mentions it
  drew from one sentence with nothing setting them apart
  (``split_in_one_sentence``), which are one event told twice;
* their families differ, or their classes are not a pair of
  ``data/class_pairs.tsv`` (a kb:Talks is never a kb:Ceasefire);
* their time windows do not overlap (``Mention.window``: the bounds, widened
  for an event the text gives no time for by ``UNANCHORED_REACH``; a day is
  never widened, so "the same city on another day" stays apart);
* their places are known and neither contains the other
  (``schema:containedInPlace`` chains; a name the gazetteer does not know is
  allowed inside any province of its country, not in another known city).
  A place the mention's own sentences do not name (``place_stated``: taken
  from the dateline or an earlier sentence) separates countries only;
* both name a site and the sites share no kind (``data/site_words.tsv``: a
  market and a police checkpoint);
* both name who did it (``kb:perpetrator`` or ``kb:claimedBy``) and no actor of
  one is, belongs to or is the same state as one of the other (Taliban vs
  Islamic State). An allegation (``kb:allegedPerpetrator``) is no conflict;
* negotiations: both name proposers and share none; or each names a party
  (not a person) that the other lacks (US-Taliban talks vs Afghan
  government-Taliban talks; naming fewer parties is no conflict);
* one says no one was killed and the other that five or more were;
* one is only a possibility (Proposed, Hypothetical) and the other happened
  (Occurred, Ongoing, Attempted): a possible ceasefire is not a ceasefire.

**Similarity** adds what two reports agree on beyond not conflicting: the
same class, the same place (a site or city more than a province), the same
day, a shared perpetrator or claimant, shared parties, a shared kind of site,
close casualty figures (killed, injured); figures far apart count against. A pair is merged only
when its similarity reaches ``MERGE_THRESHOLD``: compatibility alone (an attack
somewhere in the country that week) is not evidence of sameness. A month or
year mention ("the 2016 accord") additionally needs a shared actor or the same
place, and a mention longer than two months meets a finer one only inside its
own place (see ``kb.merge.blocking``).
"""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from kb.merge.actors import ActorResolver
from kb.merge.mentions import MAX_INDEXED_DAYS, Mention, World

DATA = Path(__file__).with_name("data")
MERGE_THRESHOLD = 2.5

FIRM_ATTACK_ROLES = ("perpetrator", "claimedBy")
TARGET_ROLES = ("target",)
PARTY_ROLES = ("participant",)
PROPOSER_ROLES = ("proposer",)

DEADLY = 5  # killed: 0 reported against this many or more is two events

# A possibility is not the thing itself: "a possible ceasefire" discussed in May is not
# the ceasefire declared in June, even between the same parties. (A Planned event may
# well be the one that later Occurred: "talks will resume next week" / "talks resumed".)
TENTATIVE = frozenset({"Proposed", "Hypothetical"})
REALISED = frozenset({"Occurred", "Ongoing", "Attempted"})


def _rows(name: str) -> list[list[str]]:
    lines = (DATA / name).read_text(encoding="utf-8").splitlines()
    return [line.split("\t") for line in lines if line.strip() and not line.startswith("#")]


@lru_cache(maxsize=1)
def class_pairs() -> frozenset[frozenset[str]]:
    return frozenset(frozenset(row[:2]) for row in _rows("class_pairs.tsv"))


@lru_cache(maxsize=1)
def site_kinds() -> dict[str, str]:
    """word -> kind of site."""
    return {word: row[0] for row in _rows("site_words.tsv") for word in row[1].split("|") if word}


def classes_agree(a: Mention, b: Mention) -> bool:
    if a.family != b.family:
        return False
    if a.event_class == b.event_class or a.generic or b.generic:
        return True
    return frozenset((a.event_class, b.event_class)) in class_pairs()


def windows_overlap(a: Mention, b: Mention) -> bool:
    wa, wb = a.window, b.window
    if wa is None or wb is None:
        return False  # an event with no date at all is never merged: nothing anchors it
    return wa[0] <= wb[1] and wb[0] <= wa[1]


def site_words(world: World, place: str | None) -> set[str]:
    """The kinds of site a Site place's name says ("police checkpoint" -> police, checkpoint)."""
    info = world.places.get(place) if place else None
    if info is None or info.place_type != "Site":
        return set()
    name = info.label.split(",")[0].lower()
    kinds = site_kinds()
    return {kinds[w] for w in re.findall(r"[a-z]+", name) if w in kinds}


def places_agree(world: World, a: str | None, b: str | None) -> bool:
    if a is None or b is None or a == b:
        return True
    chain_a, chain_b = world.chain(a), world.chain(b)
    if a in chain_b or b in chain_a:
        return True
    # A site is as good as the place holding it: two sites in one city may be one place named twice.
    base_a, base_b = world.unsited(a), world.unsited(b)
    if base_a and base_b and (base_a == base_b or base_a in world.chain(base_b) or base_b in world.chain(base_a)):
        return True
    return (_unknown_inside(world, base_a, base_b) or _unknown_inside(world, base_b, base_a)
            or _same_unknown_name(world, base_a, base_b))


def _same_unknown_name(world: World, a: str | None, b: str | None) -> bool:
    """Two places the gazetteer does not know, of the same name, one's container enclosing the
    other's ("Maarat al-Numan" kept inside Syria by one article and inside Idlib by another):
    one place, which the extractor keyed by name and container."""
    info_a, info_b = world.places.get(a) if a else None, world.places.get(b) if b else None
    if info_a is None or info_b is None or info_a.geonames or info_b.geonames:
        return False
    if info_a.label.split(",")[0].strip().lower() != info_b.label.split(",")[0].strip().lower():
        return False
    if info_a.container is None or info_b.container is None:
        return True
    return info_a.container in world.chain(info_b.container) or info_b.container in world.chain(info_a.container)


def place_stated(world: World, mention: Mention) -> bool:
    """Whether the mention's own sentences name its place (for a site: the place holding it).

    A place the sentences do not name came from elsewhere in the article: the
    dateline ("KABUL (AP) - ... attacked a checkpoint on the outskirts of the
    city") or an earlier sentence. Such a place is a guess: it keeps two events
    of different countries apart, but not two places of one country.
    """
    key = (mention.iri, mention.place, mention.quotes)
    known = world.stated.get(key)
    if known is not None:
        return known
    place = world.unsited(mention.place) if mention.place else None
    info = world.places.get(place) if place else None
    stated = True if info is None else _named_in(info.label, info.geonames_id, " ".join(mention.quotes))
    world.stated[key] = stated
    return stated


@lru_cache(maxsize=65536)
def _named_in(label: str, geonames_id: int | None, text: str) -> bool:
    from kb.gazetteer import get_gazetteer, name_key

    folded = name_key(text)
    if name_key(label) and name_key(label) in folded:
        return True
    if geonames_id is None:
        return False
    gazetteer = get_gazetteer()
    words = re.findall(r"[A-Z][\w'’-]*", text)
    for size in (1, 2, 3):
        for i in range(len(words) - size + 1):
            if any(e.geonames_id == geonames_id for e in gazetteer.lookup(" ".join(words[i:i + size]))):
                return True
    return False


def block_of(world: World, mention: Mention) -> tuple[str | None, str | None]:
    """The mention's country and the area of it where its stated place lies (for blocking).

    The area is the outermost place below the country in the place's chain
    (a province, or a city the gazetteer puts straight in the country). Two
    mentions of different areas of one country never merge, by the place rule
    of ``conflict``: their places cannot contain each other, two sites stand
    for the places holding them, and a name the gazetteer does not know
    meets only places inside its own container. So the area is left unknown
    (None, meeting every area of the country) exactly where that rule is
    waived or reaches further: a place the mention's sentences do not state,
    a country, and an unknown name kept straight in its country.
    """
    country = world.country(mention.place)
    if country is None or not place_stated(world, mention):
        return country, None
    base = world.unsited(mention.place)
    info = world.places.get(base) if base else None
    if info is None:
        return country, None
    chain = world.chain(base if info.geonames else info.container)
    inside = chain[:chain.index(country)] if country in chain else ()
    return country, (inside[-1] if inside else None)


def _unknown_inside(world: World, unknown: str | None, other: str | None) -> bool:
    """A place the gazetteer does not know (kept by name, placed only in its country) may lie
    in any province or district of that country, but it is not another known city."""
    if not unknown or not other:
        return False
    info = world.places.get(unknown)
    if info is None or info.geonames or info.container is None:
        return False
    return info.container in world.chain(other) and world.place_type(other) in ("Province", "District")


def conflict(a: Mention, b: Mention, world: World, actors: ActorResolver, *, one_article: bool = False) -> str | None:
    """Why ``a`` and ``b`` cannot be one event, or None when they can (``one_article``: judge
    two mentions of one article on the other rules, see ``split_in_one_sentence``)."""
    if a.article == b.article and not one_article:
        return "same article"
    if not classes_agree(a, b):
        return "classes"
    if (a.status in TENTATIVE) != (b.status in TENTATIVE) and REALISED & {a.status, b.status}:
        return "status"
    if not windows_overlap(a, b):
        return "time"
    if not places_agree(world, a.place, b.place):
        inferred = not place_stated(world, a) or not place_stated(world, b)
        same_country = world.country(a.place) is not None and world.country(a.place) == world.country(b.place)
        if not (inferred and same_country):
            return "place"
    sites_a, sites_b = site_words(world, a.place), site_words(world, b.place)
    if sites_a and sites_b and not sites_a & sites_b:
        return "sites"
    if a.family == "Attack":
        if _sides_conflict(a.actors(*FIRM_ATTACK_ROLES), b.actors(*FIRM_ATTACK_ROLES), actors):
            return "perpetrators"
    else:
        if _sides_conflict(a.actors(*PROPOSER_ROLES), b.actors(*PROPOSER_ROLES), actors):
            return "proposers"
        if _parties_conflict(a.actors(*PARTY_ROLES), b.actors(*PARTY_ROLES), actors):
            return "parties"
    if a.killed is not None and b.killed is not None and min(a.killed, b.killed) == 0 \
            and max(a.killed, b.killed) >= DEADLY:
        return "casualties"
    return None


# Words that mark a sentence as telling two events ("a second blast", "struck again", "a day
# after militants attacked", "earlier on Sunday").
DISTINCT_WORDS = frozenset({"another", "second", "third", "fourth", "separate", "further", "new",
                            "again", "after", "before", "earlier", "later", "previous", "since"})


def split_in_one_sentence(a: Mention, b: Mention, world: World, actors: ActorResolver) -> bool:
    """Two mentions of one article that are one event the extractor told twice.

    The extractor sometimes gives one sentence two events of compatible classes
    ("Al Shabaab militants detonated a car bomb and stormed a beachfront hotel":
    a bombing and an assault). Two mentions of one article are taken as one
    event when they share an evidence sentence, are not linked to each other
    (a sub-event is linked with ``kb:partOf``), nothing else about them
    conflicts, and the sentence does not mark another event ("another",
    "a second", "separate", "again", "after" ...: ``DISTINCT_WORDS``).
    """
    if a.article != b.article or a.iri == b.iri:
        return False
    shared = set(a.quotes) & set(b.quotes)
    if not shared:
        return False
    if any(other in (a.iri, b.iri) for m in (a, b) for _, other in m.related):
        return False
    if any(w in DISTINCT_WORDS for q in shared for w in re.findall(r"[a-z]+", q.lower())):
        return False
    return conflict(a, b, world, actors, one_article=True) is None


def _sides_conflict(x: set[str], y: set[str], actors: ActorResolver) -> bool:
    if not x or not y:
        return False
    cx = set().union(*(actors.closure(i) for i in x))
    cy = set().union(*(actors.closure(i) for i in y))
    return not cx & cy


def _parties_conflict(x: set[str], y: set[str], actors: ActorResolver) -> bool:
    return bool(_uncovered(x, y, actors)) and bool(_uncovered(y, x, actors))


def _uncovered(x: set[str], y: set[str], actors: ActorResolver) -> set[str]:
    """Parties of ``x`` (not persons) that nobody in ``y`` is, belongs to or shares a state with."""
    cy = set().union(*(actors.closure(i) for i in y)) if y else set()
    return {i for i in x if not actors.is_person(i) and not actors.closure(i) & cy}


def similarity(a: Mention, b: Mention, world: World, actors: ActorResolver) -> float:
    """How much two compatible mentions agree (see the module docstring)."""
    score = 0.0
    if a.event_class == b.event_class and not a.generic:
        score += 1.0
    elif a.generic or b.generic:
        score += 0.5
    score += _time_agreement(a, b)
    if places_agree(world, a.place, b.place):
        score += _place_agreement(world, a.place, b.place)
    if site_words(world, a.place) & site_words(world, b.place):
        score += 1.0
    score += _actor_agreement(a, b, actors)
    for x, y in ((a.killed, b.killed), (a.injured, b.injured)):
        if x is not None and y is not None:
            low, high = sorted((x, y))
            if high - low <= 3 or high <= 1.5 * low:
                score += 0.5
            elif high > 4 * low and high - low > 10:
                score -= 1.0
    return score


def similarity_caps(m: Mention, world: World) -> tuple[float, ...]:
    """The most each part of ``similarity`` can give a pair with ``m`` in it, whatever the other.

    Every part needs both mentions to have what it compares (a place, site
    words, casualty figures, actors of a role), so the similarity of a pair is
    at most the sum of the smaller cap of each part (``similarity_ceiling``),
    and a mention whose caps sum below ``MERGE_THRESHOLD`` can merge with
    nothing ("talks" with no place, no actors and no date). Keep in step with
    ``similarity``.
    """
    if m.family == "Attack":
        firm, alleged = m.actors(*FIRM_ATTACK_ROLES), m.actors("allegedPerpetrator")
        actor_cap = (1.5 if firm else 0.5 if alleged else 0.0) + (0.5 if m.actors(*TARGET_ROLES) else 0.0)
    else:
        actor_cap = 1.5 if m.roles else 0.0
    return (
        0.5 if m.generic else 1.0,
        max(_SAME_PERIOD.get(m.precision, 0.0), 0.5),
        1.5 if m.place else 0.0,
        1.0 if site_words(world, m.place) else 0.0,
        actor_cap,
        0.5 if m.killed is not None else 0.0,
        0.5 if m.injured is not None else 0.0,
    )


def similarity_ceiling(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    """The most ``similarity`` can be for a pair of mentions with these caps."""
    return sum(min(x, y) for x, y in zip(a, b))


_SAME_PERIOD = {"day": 1.5, "week": 1.0, "month": 0.75, "year": 0.5}


def _time_agreement(a: Mention, b: Mention) -> float:
    if a.precision == b.precision and a.precision in _SAME_PERIOD and (a.earliest, a.latest) == (b.earliest, b.latest):
        return _SAME_PERIOD[a.precision]
    if "unanchored" in (a.precision, b.precision) or a.coarse or b.coarse:
        return 0.5 if not (a.coarse or b.coarse) else 0.0
    return 0.5  # a day inside a week


def _place_agreement(world: World, a: str | None, b: str | None) -> float:
    if a is None or b is None:
        return 0.0
    base_a = world.unsited(a)
    base_b = world.unsited(b)
    if a == b or base_a == base_b:
        kind = world.place_type(base_a)
        return 1.5 if kind in ("City", "District", "Site") else 0.75 if kind == "Province" else 0.0
    inner = max((base_a, base_b), key=lambda p: len(world.chain(p)) if p else 0)
    outer = base_b if inner == base_a else base_a
    if outer and inner and outer in world.chain(inner):
        return 1.0 if world.place_type(outer) in ("City", "District") else 0.5 if world.place_type(outer) == "Province" else 0.0
    return 0.5 if outer and inner else 0.0


def _actor_agreement(a: Mention, b: Mention, actors: ActorResolver) -> float:
    if a.family == "Attack":
        firm = actors.overlap(a.actors(*FIRM_ATTACK_ROLES), b.actors(*FIRM_ATTACK_ROLES))
        alleged = actors.overlap(a.actors(*FIRM_ATTACK_ROLES, "allegedPerpetrator"),
                                 b.actors(*FIRM_ATTACK_ROLES, "allegedPerpetrator"))
        targets = actors.overlap(a.actors(*TARGET_ROLES), b.actors(*TARGET_ROLES))
        return (1.5 if firm else 0.5 if alleged else 0.0) + (0.5 if targets else 0.0)
    shared = actors.overlap(a.actors(), b.actors())
    return 1.5 if shared >= 2 else 1.0 if shared == 1 else 0.0


def shares_anchor(a: Mention, b: Mention, world: World, actors: ActorResolver) -> bool:
    """The extra evidence a month- or year-precision mention needs: a shared actor or the same place."""
    if actors.overlap(a.actors(), b.actors()):
        return True
    return a.place is not None and b.place is not None and (
        a.place == b.place or world.unsited(a.place) == world.unsited(b.place))


def is_wide(m: Mention) -> bool:
    window = m.window
    return window is not None and (window[1] - window[0]).days > MAX_INDEXED_DAYS


def wide_reach(world: World, wide: Mention) -> str | None:
    """The place inside which a wide mention meets finer ones (None: it meets only other wide ones).

    "Fighting this year" in a country is not evidence about any one attack;
    "the deadliest attack in Ghazni since last year" may be one in Ghazni.
    """
    if wide.place is None or world.place_type(wide.place) == "CountryPlace":
        return None
    return wide.place


def wide_reaches(wide: Mention, other: Mention, world: World) -> bool:
    """A year-long mention meets a finer one only inside its own place (see ``blocking``)."""
    if is_wide(other):
        return True
    reach = wide_reach(world, wide)
    return reach is not None and other.place is not None and reach in world.chain(other.place)


def mergeable(a: Mention, b: Mention, world: World, actors: ActorResolver) -> float | None:
    """The similarity of a pair that may be merged, or None."""
    if conflict(a, b, world, actors) is not None:
        return None
    if (a.coarse or b.coarse) and not shares_anchor(a, b, world, actors):
        return None
    if (is_wide(a) and not wide_reaches(a, b, world)) or (is_wide(b) and not wide_reaches(b, a, world)):
        return None
    score = similarity(a, b, world, actors)
    return score if score >= MERGE_THRESHOLD else None
