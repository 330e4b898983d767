"""Places: place names and descriptions resolved to gazetteer places, and each event's place.

Resolution of a name uses the article's **country context**: every country named,
every demonym, every armed group of one country and every unambiguous city or province votes
for its country (the
dateline's country counts three times). A name's candidates (countries,
provinces, cities) are scored by that context, by population and by the word
beside it ("Farah city" is the city, "Helmand provinces" the province). A bare
name that is both a city and a province ("Kandahar") is the city: the more
specific place.

A seat of government stands for its city ("talks in the Kremlin" -> Moscow, from
``kb/gazetteer/data/seats.tsv``).

A name whose every reading lies in a country the rest of the article never points to
(no place, demonym or group of it), while the article's other places lie in one
country, is a local namesake the gazetteer lacks, not the town abroad: "Lido beach"
in a Mogadishu story is no Italian town, "the Sahel" in a Mali story not Burkina
Faso's Sahel region (``_unlikely_abroad``; a national capital or a city of 100,000
people keeps its reading, so talks "in Doha" or "in Geneva" need no mention of Qatar
or Switzerland). A country named as the modifier of a noun is an owner, not a place:
"the U.S. embassy in Baghdad" is a site in Baghdad, "near the U.S. consulate" says
nothing of the United States, "US drone strikes" are the United States' strikes.

Descriptions: "the capital of Logar province" is that province's seat (from
``kb/gazetteer/data/capitals.tsv``), "the capital" or "the Afghan capital" the
national capital; a facility ("the interior ministry in Kabul", "a police
station") is a ``Site`` inside the place named with it (else the event's city).
A name the gazetteer does not know becomes a place of its own (a slug key) inside
the town its own phrase puts it in ("Lido beach *in Mogadishu*"), else the province
or country named beside it or of the context, so the event still has its most
specific place; this holds for names the recogniser took for an organisation, a
person or a building when the sentence puts something "in/at/near" them and calls
them a place ("In Paucarbambilla, a locality in Huanuco", "the camp at Aguelhok in
Kidal region", "the rebel-held town of Maarat al-Numan"). A town or province named
before a site holds it ("Balad air base", "Kandahar airport"). Parts of a town
("Mosul's Old City", "the Abu Salim neighbourhood") are the town; "north of
Stockholm" is in Stockholm's province; "the mosque" with no place of its own is the
site named before.

An event's place (``event_place``): the place its own words attach to (the
trigger's or its clause's "in/at/on/near ..." phrases, the object of "attacked",
"takeover of Farah"), else the nearest place named in its sentence; the episode
and dateline fallbacks are applied after coreference (``events.py``). A place in a
person's title or a group's description ("the Taliban leader in Helmand", "al-Qaeda's
affiliate in the Sahel") is not the event's.
"""

from __future__ import annotations

import math
from collections import Counter

from spacy.tokens import Span, Token

from kb.extract.document import Document
from kb.extract.entities import NAME_ARTICLES
from kb.extract.lexicon import get_lexicon
from kb.extract.mentions import Mention, verbal
from kb.extract.words import BOUNDARY_PREPS, CITY_WORDS, PROVINCE_WORDS, word_list
from kb.gazetteer import GazEntry, get_gazetteer, name_key, slug
from kb.model import Place, event_family

_PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})
_CAPITAL = "capital"
# The dateline names where the reporter files, often a bureau abroad ("AMMAN, Jordan" for Syria): it
# counts as much as two mentions in the text, no more.
_DATELINE_WEIGHT = 2.0
# A name whose every reading lies in a country nothing else in the article points to is taken for a
# local namesake when the other places of the article lie in one country: at least one place named
# there (or the dateline), and at least this share of the other places. A national capital or a city
# of at least ``_MAJOR_CITY`` people keeps its reading.
_MIN_CONTEXT = 1.0
_MAIN_SHARE = 2 / 3
_MAJOR_CITY = 100_000


def _words(name: str) -> frozenset[str]:
    return word_list(name, "place_words.txt")


class PlaceResolver:
    """Resolves the place mentions of one document and remembers the places used."""

    def __init__(self, document: Document) -> None:
        self.document = document
        self.gazetteer = get_gazetteer()
        self.used: dict[str, Place] = {}
        self._entity_cache: dict[int, GazEntry | None] = {}
        gazetteer = get_gazetteer()
        self._name_places = {e.start for e in document.doc.ents if _misread_place_name(e)
                             or (e.label_ in ("ORG", "FAC") and not e.kb_id_ and gazetteer.seat(e.text) is not None)}
        self._entities = [e for e in document.doc.ents if e.label_ in _PLACE_LABELS or e.start in self._name_places]
        self.country_weights = self._country_context()
        self.main_country = self.country_weights.most_common(1)[0][0] if self.country_weights else None
        self.dateline_entry = self._resolve_dateline()

    # -- context -----------------------------------------------------------------

    def _country_context(self) -> Counter:
        weights: Counter = Counter()
        # what each place name adds, so that a name can be judged against the rest of the article
        self._votes_by_name: dict[str, Counter] = {}
        self._place_votes: dict[str, Counter] = {}  # the same, for names used as places (and the dateline)
        for ent in self._entities:
            candidates = self.gazetteer.lookup(ent.text)
            countries = {c.country for c in candidates}
            vote = None
            if len(countries) == 1:
                vote = countries.pop()
            elif candidates:
                top = [c for c in candidates if c.kind == "country"]
                if top:
                    vote = top[0].country
            if vote is not None:
                weights[vote] += 1.0
                self._votes_by_name.setdefault(name_key(ent.text), Counter())[vote] += 1.0
                country = next((c for c in candidates if c.kind == "country"), None)
                if country is None or not _owner_modifier(ent, country):  # "US aircraft" names no place
                    self._place_votes.setdefault(name_key(ent.text), Counter())[vote] += 1.0
        lexicon = get_lexicon()
        for ent in self.document.doc.ents:
            if ent.label_ == "NORP":
                code = self.gazetteer.demonym_country(ent.text)
                if code:
                    weights[code] += 0.5
            elif ent.label_ == "ORG" and ent.kb_id_:
                # an armed group of one country ("the Taliban", "al-Shabaab") says where the story is
                entry = lexicon.get(ent.kb_id_)
                if entry is not None and entry.country and entry.kind == "ArmedGroup":
                    weights[entry.country] += 0.5
        dateline = self.document.dateline
        if dateline is not None:
            counted = set()  # "RIMBO, Sweden": the place and its country are one vote, not two
            for text in (dateline.place_text, dateline.country_text):
                if not text:
                    continue
                found = self.gazetteer.lookup(text.title() if text.isupper() else text)
                countries = {c.country for c in found}
                if len(countries) == 1:
                    code = countries.pop()
                    if code not in counted:
                        weights[code] += _DATELINE_WEIGHT
                        self._place_votes.setdefault("", Counter())[code] += _DATELINE_WEIGHT
                        counted.add(code)
                elif found:
                    best = max(found, key=lambda e: (e.kind == "country", e.population))
                    if best.country not in counted:
                        weights[best.country] += _DATELINE_WEIGHT / 2
                        self._place_votes.setdefault("", Counter())[best.country] += _DATELINE_WEIGHT / 2
                        counted.add(best.country)
        return weights

    def _resolve_dateline(self) -> GazEntry | None:
        dateline = self.document.dateline
        if dateline is None:
            return None
        text = dateline.place_text.title() if dateline.place_text.isupper() else dateline.place_text
        country = None
        if dateline.country_text:
            found = [e for e in self.gazetteer.lookup(dateline.country_text) if e.kind == "country"]
            country = found[0].country if found else None
        candidates = self.gazetteer.lookup(text)
        words = text.split()
        if not candidates and len(words) > 1 and words[-1].lower() in PROVINCE_WORDS | CITY_WORDS:
            candidates = self.gazetteer.lookup(" ".join(words[:-1]))  # "KUNDUZ CITY"
        if country:
            candidates = [c for c in candidates if c.country == country] or candidates
        return self._choose(candidates, None) if candidates else None

    def country_of_sentence(self, token: Token, skip: frozenset[int] = frozenset(), fallback: bool = True) -> str | None:
        """The country nearest before ``token`` in its sentence (leaving out the tokens in
        ``skip``: "the *Saudi*-backed government" is not Saudi Arabia's), else (``fallback``) the article's."""
        sentence = self.document.sentence(token)
        best = None
        for ent in self._entities:
            if ent.start >= sentence.start and ent.end <= token.i and ent.start not in skip:
                entry = self.resolve_entity(ent)
                if entry is not None and entry.kind == "country":
                    best = entry.country
        for t in sentence:
            if t.i >= token.i:
                break
            if t.ent_type_ == "NORP" and t.i not in skip:
                code = self.gazetteer.demonym_country(t.text)
                if code:
                    best = code
        return best or (self.main_country if fallback else None)

    def home_country(self, token: Token) -> str | None:
        """The country a sentence's events happen in: its first place named after "in/at/near",
        else the article's. Forces of another country there are foreign."""
        place = self.locative_place(self.document.sentence(token))
        entry = self.used.get(place) if place else None
        seen = set()
        while entry is not None and entry.contained_in and entry.key not in seen:
            seen.add(entry.key)
            entry = self.used.get(entry.contained_in)
        if entry is not None and entry.place_type == "CountryPlace" and entry.geonames_id:
            code = self.gazetteer.country_of_id(entry.geonames_id)
            if code:
                return code
        return self.main_country

    # -- names -------------------------------------------------------------------

    def resolve_entity(self, ent: Span) -> GazEntry | None:
        if ent.start in self._entity_cache:
            return self._entity_cache[ent.start]
        text = ent.text
        if text.lower().startswith("the "):
            text = text[4:]
        seat = self.gazetteer.seat(text) if ent.label_ in ("ORG", "FAC") else None
        if seat is not None and seat[1] is not None:
            self._entity_cache[ent.start] = seat[1]  # "talks in the Kremlin": in Moscow
            return seat[1]
        candidates = self.gazetteer.lookup(text)
        if not candidates:
            words = text.split()
            if len(words) > 1 and words[-1].lower() in PROVINCE_WORDS | CITY_WORDS:
                candidates = self.gazetteer.lookup(" ".join(words[:-1]))
        entry = self._choose(candidates, _designator(ent)) if candidates else None
        if entry is not None and not self.document.in_dateline(ent[0]) and self._unlikely_abroad(candidates, text):
            entry = None  # "Lido beach" in a Mogadishu story is no town in Italy: a local name the gazetteer lacks
        if entry is not None and entry.kind == "city" and self.main_country and entry.country != self.main_country \
                and (_part_of_town(ent) or _followed_by(ent, "district")) and not self.document.in_dateline(ent[0]):
            entry = None  # "al-Mansoura district" in an Aden story: a part of a town there, not Egypt's Mansoura
        self._entity_cache[ent.start] = entry
        return entry

    def _support(self, code: str, name: str) -> float:
        """How much the rest of the article (all but the name ``name``) points to country ``code``."""
        own = self._votes_by_name.get(name_key(name))
        return self.country_weights.get(code, 0.0) - (own.get(code, 0.0) if own else 0.0)

    def _unlikely_abroad(self, candidates: list[GazEntry], name: str) -> bool:
        """Whether every reading of a name is a place in a country the article otherwise never
        points to (no place, demonym or group of it), while the other places the article names
        (and its dateline) lie in one country: such a name is a local place the gazetteer lacks
        that shares its name with a town or region abroad ("Lido beach" in a Mogadishu story is
        not Lido in Italy, "the Sahel" in a Mali story not Burkina Faso's Sahel region). A
        national capital or a city of ``_MAJOR_CITY`` people or more keeps its reading (talks "in
        Doha" or "in Geneva" need no mention of Qatar or Switzerland); a country named only as
        an owner ("US aircraft") is no place of the story."""
        if any(c.kind == "country" for c in candidates):
            return False
        if any(self._support(c.country, name) > 0 for c in candidates):
            return False
        own = name_key(name)
        support: Counter = Counter()
        for key, votes in self._place_votes.items():
            if key != own:
                support.update(votes)
        main = max(support.values(), default=0.0)
        if main < _MIN_CONTEXT or main < _MAIN_SHARE * sum(support.values()):
            return False
        for c in candidates:
            if c.kind == "city" and (c.population >= _MAJOR_CITY or self.gazetteer.national_capital(c.country) == c):
                return False
        return True

    def _choose(self, candidates: list[GazEntry], designator: str | None) -> GazEntry:
        total = sum(self.country_weights.values()) or 1.0

        def score(entry: GazEntry) -> float:
            value = {"country": 6.0, "admin1": 2.5, "city": 3.0}[entry.kind]
            if designator == "province":
                value += 10 if entry.kind == "admin1" else -5
            elif designator == "city":
                value += 10 if entry.kind == "city" else -5
            value += 6.0 * self.country_weights.get(entry.country, 0.0) / total
            if entry.country == self.main_country:
                value += 2.0
            if entry.kind == "city":
                value += math.log10(entry.population + 1) / 2
            return value

        return max(candidates, key=lambda e: (score(e), -e.geonames_id))

    def entity_at(self, token: Token) -> Span | None:
        for ent in self._entities:
            if ent.start <= token.i < ent.end:
                return ent
        return None

    # -- places for noun phrases -------------------------------------------------

    def place_of_np(self, head: Token, *, fallback: str | None = None, depth: int = 0) -> str | None:
        """The place key a noun phrase names or describes, or None."""
        if depth > 3:
            return None
        ent = self.entity_at(head)
        if ent is not None and not _names_actor(ent):
            return self._use_entity(ent, near=head)
        lemma = head.lemma_.lower()
        if lemma == _CAPITAL and not any(c.dep_ == "compound" and self.entity_at(c) for c in head.children):
            return self._capital(head)
        if lemma in ("city", "town") and any(c.dep_ == "det" and c.lower_ == "the" for c in head.children) \
                and not any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children):
            return self._last_city_before(head)  # "the city's stadium": the city named before
        if lemma in _words("site_nouns") and head.pos_ in ("NOUN", "PROPN"):
            # "the centre of Kherson" is a part of the town, "a detention centre" a site
            named_part = lemma in _words("place_part_nouns") and any(
                c.dep_ == "prep" and c.lower_ == "of" and any(o.dep_ == "pobj" and self.entity_at(o) for o in c.children)
                for c in head.children)
            if not named_part:
                return self._site(head, fallback)
        # "the outskirts of Kunduz", "the town of Damasak", "Yemen's southern port city of Aden": the
        # name after "of" is the place (a possessor is its country)
        if lemma in _words("place_part_nouns") or head.lower_ in _words("place_part_nouns"):
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ == "of":
                    for obj in child.children:
                        if obj.dep_ == "pobj":
                            found = self.place_of_np(obj, fallback=fallback, depth=depth + 1)
                            if found:
                                return found
        # "Farah city", "Logar province", "Yemen's Hajjah province": a known name modifying the designator
        for child in sorted(head.children, key=lambda c: c.dep_ != "compound"):
            if child.dep_ in ("compound", "poss", "nmod") and (ent := self.entity_at(child)) is not None:
                entry = self.resolve_entity(ent)
                if entry is not None:
                    return self.use_entry(entry)
        return None

    def _use_entity(self, ent: Span, near: Token | None = None) -> str | None:
        entry = self.resolve_entity(ent)
        if entry is not None and ent.text.lower().removeprefix("the ") in _words("sub_city_names"):
            entry = None  # "Mosul's Old City" is no town called Old City somewhere else
        if entry is not None:
            key = self.use_entry(entry)
            if _direction_of(ent) and entry.kind == "city" and self.used[key].contained_in:
                return self.used[key].contained_in  # "a castle north of Stockholm": near it, in its province
            return key
        if ent.label_ not in ("GPE", "LOC") and ent.start not in self._name_places:
            return None
        # an unknown village or district: the known place named with it, if any ("Mogadishu's Hodan district")
        known = self._known_beside(ent)
        if known is not None:
            return self.use_entry(known)
        if _part_of_town(ent):
            # "in the al-Mishlab district", "in the Old City": the town the story is in
            town = self._last_city_before(ent.root, within=self.document.sentence_index(ent.root) - _TOWN_REACH)
            if town is not None:
                return town
        return self._unknown_place(ent)

    def _last_city_before(self, token: Token, within: int | None = None) -> str | None:
        """The last city named before ``token`` (from sentence ``within`` on, when given)."""
        best = None
        start = self.document.sentences[max(0, within)].start if within is not None else 0
        for ent in self._entities:
            if ent.end > token.i:
                break
            if ent.start < start:
                continue
            entry = self.resolve_entity(ent)
            if entry is not None and entry.kind == "city":
                best = entry
        return self.use_entry(best) if best is not None else None

    def _known_beside(self, ent: Span) -> GazEntry | None:
        root = ent.root
        head = root.head if root.dep_ in ("compound", "nmod") else root
        neighbours = [c for c in head.children if c.dep_ in ("poss", "compound", "nmod") and c.i not in range(ent.start, ent.end)]
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in ("in", "of"):
                neighbours += [o for o in child.children if o.dep_ == "pobj"]
        for token in neighbours:
            other = self.entity_at(token) or next((self.entity_at(c) for c in token.children if c.dep_ == "compound" and self.entity_at(c)), None)
            if other is not None:
                entry = self.resolve_entity(other)
                if entry is not None and entry.kind != "country":
                    return entry
        return None

    def use_entry(self, entry: GazEntry) -> str:
        for place in self.gazetteer.places(entry):
            self.used.setdefault(place.key, place)
        return entry.key

    def _unknown_place(self, ent: Span) -> str | None:
        text = ent.text[4:] if ent.text.lower().startswith("the ") else ent.text
        if len(text) < 3 or not text[:1].isupper():
            return None
        container = self._container_for(ent.root)
        place_type = "City" if _designator(ent) == "city" else "District"
        key = slug(text)
        if key not in self.used:
            self.used[key] = Place(key, text, place_type, contained_in=container.key if container else None)
        return key

    def _container_for(self, token: Token) -> Place | None:
        """The place an unknown place lies in: the town its own phrase puts it in ("Lido beach *in
        Mogadishu*"), else the province or country named beside it, else the context's."""
        phrase = token.head if token.dep_ == "compound" else token
        for child in phrase.children:
            if child.dep_ == "prep" and child.lower_ in ("in", "inside", "within"):
                for obj in (o for o in child.children if o.dep_ == "pobj"):
                    ent = self.entity_at(obj)
                    entry = self.resolve_entity(ent) if ent is not None and ent.root != token else None
                    if entry is not None and entry.kind == "city":
                        return self.used[self.use_entry(entry)]
        sentence = self.document.sentence(token)
        for ent in self._entities:
            if sentence.start <= ent.start < sentence.end and abs(ent.start - token.i) <= 6 and ent.root != token:
                entry = self.resolve_entity(ent)
                if entry is not None and entry.kind == "city":
                    # "Pampachacra, a hamlet in Ayacucho": a town named beside it gives its province
                    entry = self.gazetteer.parent(entry) or entry
                if entry is not None and entry.kind in ("admin1", "country"):
                    key = self.use_entry(entry)
                    return self.used[key]
        code = self.country_of_sentence(token)
        if code and code in self.gazetteer.countries:
            key = self.use_entry(self.gazetteer.countries[code])
            return self.used[key]
        return None

    def _site_named_before(self, head: Token) -> str | None:
        """The latest site already found whose name ends with the same noun ("the mosque")."""
        word = head.lower_
        for key in reversed(list(self.used)):
            place = self.used[key]
            if place.place_type == "Site" and place.label.split(",")[0].lower().split()[-1:] == [word]:
                return key
        return None

    def _capital(self, head: Token) -> str | None:
        # "the capital of Logar province" / "the provincial capital" / "the Afghan capital" / "the capital"
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ == "of":
                for obj in child.children:
                    if obj.dep_ != "pobj":
                        continue
                    division = self._division_of(obj)
                    if division is not None:
                        seat = self.gazetteer.division_capital(division.admin1)
                        return self.use_entry(seat) if seat else self.use_entry(division)
                    entry = self._entry_of_np(obj)
                    if entry is not None and entry.kind == "country":
                        capital = self.gazetteer.national_capital(entry.country)
                        return self.use_entry(capital) if capital else None
        modifiers = {c.lower_ for c in head.children}
        if "provincial" in modifiers:
            return None  # whose province is for the sentence to say; leave it to the fallbacks
        code = None
        for child in head.children:
            if child.dep_ in ("amod", "compound", "poss"):
                code = self.gazetteer.demonym_country(child.text)
                if not code and (entry := self._entry_of_np(child)) is not None and entry.kind == "country":
                    code = entry.country
        code = code or self.country_of_sentence(head)
        capital = self.gazetteer.national_capital(code) if code else None
        return self.use_entry(capital) if capital else None

    def _division_of(self, token: Token) -> GazEntry | None:
        entry = self._entry_of_np(token, designator="province")
        return entry if entry is not None and entry.kind == "admin1" else None

    def _entry_of_np(self, token: Token, designator: str | None = None) -> GazEntry | None:
        ent = self.entity_at(token)
        if ent is None:
            ent = next((self.entity_at(c) for c in token.children if c.dep_ == "compound" and self.entity_at(c)), None)
        if ent is None:
            return None
        if designator:
            candidates = self.gazetteer.lookup(ent.text)
            matching = [c for c in candidates if (c.kind == "admin1") == (designator == "province")]
            if matching:
                return self._choose(matching, designator)
        return self.resolve_entity(ent)

    def _site(self, head: Token, fallback: str | None) -> str | None:
        doc = head.doc
        possessor = {t.i for c in head.children if c.dep_ == "poss" for t in c.subtree}
        left = [t for t in head.subtree if t.i <= head.i and t.dep_ not in ("det", "poss", "punct", "predet", "nummod")
                and not t.like_num and t.i not in possessor]
        if not left:
            return None
        start = min(t.i for t in left)
        end = head.i + 1
        for child in head.children:  # "the offices of the Ministry of Rural Rehabilitation": the name goes on
            if child.dep_ == "prep" and child.lower_ == "of" and any(
                    o.ent_type_ in ("ORG", "FAC") for o in child.subtree):
                end = max(t.i for t in child.subtree) + 1
        name = doc[start:end].text
        if doc[start].lower_ in ("a", "an", "the"):
            name = doc[start + 1:end].text
        container = None
        for child in head.children:  # "the city's stadium", "Kabul's interior ministry"
            if child.dep_ == "poss" and child.pos_ != "PRON":
                container = self.place_of_np(child)
        for child in head.children:
            # "Balad air base", "the Kabul interior ministry": a town or province named before the site
            # holds it; a country there is its owner ("the U.S. embassy", "a French base")
            if container is None and child.dep_ in ("compound", "nmod") and (ent := self.entity_at(child)) is not None:
                entry = self.resolve_entity(ent)
                if entry is not None and entry.kind != "country":
                    container = self.use_entry(entry)
        for child in head.children:  # "the interior ministry in Kabul"
            if container:
                break
            if child.dep_ == "prep" and child.lower_ in ("in", "at", "near", "outside", "inside", "within"):
                for obj in child.children:
                    if obj.dep_ == "pobj":
                        container = self.place_of_np(obj)
                        if container:
                            break
            if container:
                break
        if container is None and any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in head.children):
            # "blew up the 12th-century mosque": the mosque named before
            named = self._site_named_before(head)
            if named is not None:
                return named
        container = container or fallback
        if container is None:
            return None
        parent = self.used.get(container)
        label = f"{name}, {parent.label}" if parent else name
        key = slug(label)
        if key not in self.used:
            self.used[key] = Place(key, label, "Site", contained_in=container)
        return key

    # -- events ------------------------------------------------------------------

    def event_place(self, mention: Mention) -> tuple[str | None, str | None]:
        """(place key, how it was found) for one mention, before fallbacks."""
        head = mention.head
        arguments = list(_place_arguments(head, mention))
        governor = _governing_verb(mention.phrase_head)
        phrase = mention.phrase_head
        if phrase.dep_ == "pobj" and phrase.head.lower_ == "under" and event_family(mention.event_class) == "Negotiation":
            governor = None  # "laid down his weapons under the 2016 accord, in Tumaco": where he did, not the accord
        if governor is not None:
            arguments += [a for a in _place_arguments(governor, mention) if a.i not in {x.i for x in arguments}]
        verb = head if mention.is_verb else governor
        if verb is not None and verb.dep_ == "conj" and verb.head.tag_.startswith("VB"):
            # "In X, gunmen machinegunned two guards and detonated a car bomb": the place the first verb
            # was given before both holds for the second
            first = verb.head
            arguments += [o for c in first.children if c.dep_ == "prep" and c.i < first.i and c.lower_ in ("in", "at", "near")
                          for o in c.children if o.dep_ == "pobj"]
        # "talks with Taliban representatives in Doha": a place one phrase further down
        for child in head.children:
            if child.dep_ == "prep" and child.lower_ in ("with", "between", "by", "against", "on"):
                for obj in (o for o in child.children if o.dep_ == "pobj"):
                    if mention.event_class in ("Talks", "Ceasefire", "PeaceAgreement") or not _describes_person(obj):
                        arguments += [g for p in obj.children if p.dep_ == "prep" and p.lower_ in ("in", "at", "near", "outside")
                                      for g in p.children if g.dep_ == "pobj" and self.entity_at(g) is not None]
        where = self._where_place(head)
        if where:
            return where, "syntax"
        if mention.event_class == "Ceasefire" and any(c.lower_ in _words("nationwide_words") for c in head.children):
            # "a countrywide truce": the country the story is about (not a sentence's foreign party)
            code = self.main_country
            if code and code in self.gazetteer.countries:
                return self.use_entry(self.gazetteer.countries[code]), "syntax"
        sentence_place = self._sentence_place(mention)
        sites = [a for a in arguments if a.lemma_.lower() in _words("site_nouns") and self.entity_at(a) is None]
        # a named place among the arguments contains the site: "an attack on a police station in the capital"
        named = next((k for k in (self.place_of_np(a) for a in arguments if a not in sites) if k), None)
        for argument in sites:
            key = self.place_of_np(argument, fallback=named or sentence_place)
            if key:
                mention.site_label = self.used[key].label if self.used[key].place_type == "Site" else None
                return key, "syntax"
        if named:
            return self._town_inside(named, mention) or named, "syntax"
        if sentence_place:
            return self._town_inside(sentence_place, mention) or sentence_place, "sentence"
        return None, None

    def _where_place(self, head: Token) -> str | None:
        """"Colombia, where the fighting continued until ... signed a peace accord": the place the
        relative clause hangs on."""
        node = head
        for _ in range(8):
            where = next((c for c in node.children if c.lower_ == "where"), None)
            if node.dep_ == "relcl" and where is not None:
                before = where.i - 1
                while before >= 0 and node.doc[before].is_punct:
                    before -= 1
                ent = self.entity_at(node.doc[before]) if before >= 0 else None
                ent = ent or self.entity_at(node.head)
                return self._use_entity(ent) if ent is not None else None
            if node.head.i == node.i:
                return None
            node = node.head
        return None

    def _sentence_place(self, mention: Mention) -> str | None:
        """The nearest place of the sentence that a locative preposition introduces ("in Kabul"):
        a country named as an actor ("the US said") is no place of the event."""
        best, best_distance = None, None
        for ent, entry in self._locative_entities(mention):
            distance = abs(ent.start - mention.head.i)
            if best_distance is None or distance < best_distance or (
                distance == best_distance and entry is not None and entry.kind != "country"
            ):
                best, best_distance = ent, distance
        if best is None:
            return None
        described = self._described_town(best)
        return described or self._use_entity(best)

    def _described_town(self, ent: Span) -> str | None:
        """"in the Red Sea city", "the Kurdish-held town": a name describing a definite town word is
        no place of its own; the town is the one named before."""
        head = ent.root.head
        if ent.root.dep_ not in ("compound", "nmod", "amod") or head.lemma_.lower() not in ("city", "town", "port") \
                or not any(c.dep_ == "det" and c.lower_ == "the" for c in head.children) \
                or any(c.dep_ == "prep" and c.lower_ == "of" for c in head.children):
            return None  # ("the Pacific port of Tumaco" names its town)
        entry = self.resolve_entity(ent)
        if entry is not None and entry.kind == "city":
            return None  # "the Kabul city centre": the name is the town
        return self._last_city_before(ent[0])

    def _locative_entities(self, mention: Mention, *, of_people: bool = False):
        """(entity, gazetteer entry or None) for each place of the mention's clause that a locative
        preposition introduces (with ``of_people``, also one that describes an actor: "police in X")."""
        sentence = mention.sentence
        locative = _words("locative_preps") - {"of", "from", "to", "toward", "towards", "between", "against", "on"}
        clause = side_clause(mention.head)
        for ent in self._entities:
            if not (sentence.start <= ent.start < sentence.end) or self.document.in_dateline(ent[0]):
                continue
            if side_clause(ent.root) != clause:
                continue  # "bombed the pipeline in Arauca, hours after a ceasefire expired": not the ceasefire's place
            root = _phrase_root(ent)
            if not (root.dep_ == "pobj" and root.head.lower_ in locative):
                continue
            if (not of_people and _describes_person(ent.root)) or _names_actor(ent):
                continue
            entry = self.resolve_entity(ent)
            if entry is None and ent.label_ == "FAC":
                continue
            if entry is not None and _owner_modifier(ent, entry):
                continue  # "near the U.S. embassy": the embassy is not in the United States
            yield ent, entry

    def _town_inside(self, key: str, mention: Mention) -> str | None:
        """A town of the clause that lies in the region ``key`` ("Police in Jamundí, in Valle del
        Cauca, defused ...": the parser hangs the region on the verb, but the town is where)."""
        region = self.used.get(key)
        if region is None or region.place_type == "City" or region.place_type == "Site":
            return None
        for ent, entry in self._locative_entities(mention, of_people=True):
            if entry is not None and entry.kind == "city" and entry.key != key:
                town = self.use_entry(entry)
                place = self.used.get(town)
                if place is not None and (place.contained_in == key or self.used.get(place.contained_in or "") is not None
                                          and self.used[place.contained_in].contained_in == key):
                    return town
        return None

    def locative_place(self, sentence: Span) -> str | None:
        """The last place a sentence puts something in ("in San Marcos Lempa"), for the next sentence."""
        locative = {"in", "at", "near", "outside", "inside"}
        found = None
        for ent in self._entities:
            if not (sentence.start <= ent.start < sentence.end) or self.document.in_dateline(ent[0]):
                continue
            root = _phrase_root(ent)
            if root.dep_ == "pobj" and root.head.lower_ in locative and not _describes_person(root) and not _names_actor(ent):
                entry = self.resolve_entity(ent)
                if entry is None or not _owner_modifier(ent, entry):
                    found = ent
        return self._use_entity(found) if found is not None else None

    def dateline_place(self) -> str | None:
        return self.use_entry(self.dateline_entry) if self.dateline_entry is not None else None


def _misread_place_name(ent: Span) -> bool:
    """A name the recogniser took for an organisation or a person that the sentence puts
    somewhere: "*In Paucarbambilla*, a locality in Huanuco", "in the Maitenes sector". It must
    follow "in/at/near", be written as a name, have no organisation word, and either be said to
    be a place (an apposition "a village", a designator after it) or stand bare after "in"."""
    if ent.label_ not in ("ORG", "PERSON", "NORP", "FAC") or ent.kb_id_:
        return False
    root = ent.root
    if not all(t.text[:1].isupper() or t.text in ("-", "de", "del", "la", "el") or t.lower_ in NAME_ARTICLES for t in ent):
        return False
    if any(t.lower_ in _words("organisation_words") for t in ent):
        return False
    if ent.label_ != "NORP" and root.dep_ == "pobj" and root.head.lower_ == "of" \
            and root.head.head.lemma_.lower() in _words("settlement_nouns"):
        return True  # "the rebel-held town of Maarat al-Numan": a town's name, whatever the recogniser said
    if ent.label_ == "FAC":
        return False  # otherwise a building's name ("the Serena Hotel") is a site, not a town
    doc = ent.doc
    after = doc[ent.end] if ent.end < len(doc) else None
    designated = after is not None and after.lower_ in _words("place_appositions")
    node = after.head if designated and after.head.i == root.i else root
    if designated and root.dep_ == "compound":
        node = root.head
    if not (node.dep_ == "pobj" and node.head.lower_ in ("in", "at", "near", "outside", "inside")):
        return False
    said = designated or any(c.dep_ == "appos" and c.lemma_.lower() in _words("place_appositions") for c in root.children)
    before = doc[ent.start - 1] if ent.start > 0 else None
    bare = before is not None and before.lower_ in ("in", "near") and ent.label_ == "ORG" and len(ent) <= 3
    # "the camp at Aguelhok in Kidal region": a name put in a known place is a place
    placed = after is not None and after.lower_ == "in" and ent.end + 1 < len(doc) and (
        doc[ent.end + 1].ent_type_ in ("GPE", "LOC") or (doc[ent.end + 1].lower_ == "the" and ent.end + 2 < len(doc)
                                                           and doc[ent.end + 2].ent_type_ in ("GPE", "LOC")))
    bare = bare or (before is not None and before.lower_ in ("in", "at", "near") and ent.label_ == "ORG" and len(ent) <= 3 and placed)
    return said or bare if ent.label_ != "NORP" else said  # "the Abu Salim neighbourhood", not "Afghan"


_TOWN_REACH = 6  # sentences back to look for the town a district belongs to


def _followed_by(ent: Span, word: str) -> bool:
    return ent.end < len(ent.doc) and ent.doc[ent.end].lower_ == word


def _part_of_town(ent: Span) -> bool:
    """"the al-Mishlab district", "the Old City": a name of a part of a town."""
    doc = ent.doc
    after = doc[ent.end] if ent.end < len(doc) else None
    if ent.text.lower().removeprefix("the ") in _words("sub_city_names"):
        return True
    return after is not None and after.lower_ in _words("sub_city_designators") or ent[-1].lower_ in _words("sub_city_designators")


_DIRECTIONS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
                         "north-east", "north-west", "south-east", "south-west"})


def _direction_of(ent: Span) -> bool:
    """"north of Stockholm", "30 km south of Kabul": a place given by its bearing from a city."""
    root = ent.root
    return root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in _DIRECTIONS


def side_clause(token: Token) -> int | None:
    """The head of the clause "after / before / despite ..." that ``token`` lies in, if any: the
    events of such a clause and of the main clause do not lend each other their places."""
    node = token
    for _ in range(10):
        if node.dep_ in ("advcl", "pcomp") and any(c.dep_ == "mark" and c.lower_ in BOUNDARY_PREPS for c in node.children):
            return node.i
        if node.dep_ == "pobj" and node.head.lower_ in BOUNDARY_PREPS:
            return node.head.i
        if node.head.i == node.i:
            return None
        node = node.head
    return None


def _designator(ent: Span) -> str | None:
    """``province`` or ``city`` when a word beside the name says which ("Farah city", "Helmand provinces")."""
    doc = ent.doc
    words = [t.lower_ for t in ent[-1:]]
    if ent.end < len(doc):
        words.append(doc[ent.end].lower_)
    root = ent.root
    # "Kandahar, Kunduz, ... and Helmand provinces": the conjuncts share the head's designator
    head = root
    while head.dep_ == "conj" and head.head != head:
        head = head.head
    if head.dep_ == "compound":
        words.append(head.head.lower_)
    if root.dep_ == "compound":
        words.append(root.head.lower_)
    for word in words:
        if word in PROVINCE_WORDS:
            return "province"
        if word in CITY_WORDS and word != _CAPITAL:
            return "city"
    # "in Kandahar, Kunduz, Herat and Helmand provinces": a list shares its closing plural designator
    i = ent.end
    while i < min(len(doc), ent.end + 20):
        token = doc[i]
        if token.ent_type_ in ("GPE", "LOC") or token.text in (",", "and", "or"):
            i += 1
            continue
        if token.tag_ == "NNS" and token.lower_ in PROVINCE_WORDS:
            return "province"
        if token.tag_ == "NNS" and token.lower_ in ("cities", "towns", "villages"):
            return "city"
        break
    return None


def _place_arguments(token: Token, mention: Mention):
    """Noun-phrase heads that may say where: objects of locative prepositions, the direct object."""
    preps = _words("locative_preps") - {"of", "from", "to", "toward", "towards", "between"}
    if mention.event_class == "Takeover":
        preps = preps | {"of"}
    if mention.event_class == "Kidnapping":
        preps = preps | {"from"}  # "kidnapped ... from a construction site near Gao"
    if mention.event_class == "Ceasefire":
        preps = preps | {"for"}  # "a separate truce for Rakhine": the area the truce covers
    for child in token.children:
        if child.dep_ == "prep" and child.lower_ in preps:
            for obj in child.children:
                if obj.dep_ == "pobj":
                    yield obj
        elif child.dep_ in ("dobj", "nsubjpass") and verbal(token) and child.i != mention.head.i:
            yield child
            # "wounded three people in the city of Donetsk": the parser hangs the place on the object;
            # "took control of the town of Bourem": a seizure's object names what was seized
            object_preps = ("in", "at", "near", "outside", "of") if mention.event_class == "Takeover" \
                else ("in", "at", "near", "outside")
            for sub in child.children:
                if sub.dep_ == "prep" and sub.lower_ in object_preps:
                    yield from (o for o in sub.children if o.dep_ == "pobj")
        elif child.dep_ == "advcl" and token.i == mention.head.i and verbal(token) and any(
                m.dep_ == "mark" and m.lower_ in _words("same_time_marks") for m in child.children):
            # "was shot dead as he left a mosque in the town of Jowhar": the clause of the moment
            # says where it happened
            yield from _place_arguments(child, mention)
        elif child.dep_ == "npadvmod" and child.ent_type_ in _PLACE_LABELS:
            yield child
        elif child.dep_ in ("advmod", "npadvmod") and child.lower_ in _DIRECTIONS:
            # "attacked a convoy 40 km north of Kandahar"
            yield from (o for p in child.children if p.dep_ == "prep" and p.lower_ == "of" for o in p.children if o.dep_ == "pobj")
    # "a ceasefire agreed in Minsk", "the agreement signed in Algiers": the participle's places
    for child in token.children:
        if child.dep_ in ("acl", "relcl") and child.tag_ in ("VBN", "VBG") and not token.tag_.startswith("VB"):
            for sub in child.children:
                if sub.dep_ == "prep" and sub.lower_ in preps:
                    yield from (o for o in sub.children if o.dep_ == "pobj")
    # "the Kabul attack", "Farah takeover": a place name modifying the trigger
    for child in token.children:
        if child.dep_ in ("compound", "nmod", "poss") and child.ent_type_ in ("GPE",) and child.i < token.i \
                and (found := get_gazetteer().lookup(child.text)) and not all(e.kind == "country" for e in found):
            yield child  # (a country there is who did it: "US strikes")


def _governing_verb(token: Token) -> Token | None:
    """The verb whose object or subject the trigger noun is ("launched an assault")."""
    if token.tag_.startswith("VB"):
        return None
    node = token
    if node.dep_ == "pobj" and node.head.dep_ == "prep":
        if node.head.lower_ in BOUNDARY_PREPS:
            return None
        node = node.head
    if node.dep_ in ("dobj", "nsubj", "nsubjpass", "prep", "attr") and node.head.tag_.startswith("VB"):
        return node.head
    return None


def _phrase_root(ent: Span) -> Token:
    """The head of the phrase a name sits in: "Antioquia" in "in Antioquia Department" -> "Department"."""
    root = ent.root
    while True:
        while root.dep_ in ("conj", "compound", "appos") and root.head.i != root.i and root.head.dep_ != "prep":
            root = root.head
        # "in the city of Gao", "the outskirts of Kunduz": the phrase is the designator's, so its
        # preposition ("in") is the one that places the name
        of = root.head
        if root.dep_ == "pobj" and of.lower_ == "of" and of.head.dep_ == "pobj" and (
                of.head.lemma_.lower() in _words("place_part_nouns") or of.head.lower_ in _words("place_part_nouns")):
            root = of.head
            continue
        return root


def _owner_modifier(ent: Span, entry: GazEntry) -> bool:
    """A country named as the modifier of a noun that is not a place word ("the *U.S.* embassy",
    "a *Mali* army base") says whose it is, not where it is."""
    if entry.kind != "country":
        return False
    root = ent.root
    if root.dep_ not in ("compound", "amod", "nmod") or root.head.pos_ not in ("NOUN", "PROPN"):
        return False
    word = root.head.lemma_.lower()
    return word not in _words("place_part_nouns") and word not in PROVINCE_WORDS | CITY_WORDS and root.head.ent_type_ not in _PLACE_LABELS


def _names_actor(ent: Span) -> bool:
    """A place inside an organisation's name or attached to one ("Islamic State in the Greater Sahara")."""
    root = ent.root
    if root.dep_ == "pobj" and root.head.dep_ == "prep":
        owner = root.head.head
        return owner.ent_type_ == "ORG" or bool(owner.ent_kb_id_)
    return False


def _describes_person(token: Token) -> bool:
    """A place inside a person's title ("the Taliban leader in Helmand") or a group's description
    ("al-Qaeda's affiliate in the Sahel") says nothing of the event."""
    node = token
    for _ in range(3):
        if node.dep_ == "pobj" and node.head.dep_ == "prep":
            noun = node.head.head
            if noun.lower_ in word_list("official_nouns", "actor_words.txt") or noun.ent_type_ == "PERSON":
                return True
            if noun.lower_ in ("governor", "governors", "commander", "chief", "mayor"):
                return True
            if noun.lemma_.lower() in _words("actor_description_nouns"):
                return True  # "al-Qaeda's main affiliate in the Sahel": where the group operates
            node = noun
        else:
            break
    return False
