"""The story's country: which country an article is about, and which reading of a name it favours.

One job: the article's **country context** and the choices made with it. Every country named,
every demonym, every armed group of one country and every unambiguous city or province votes for
its country; the dateline counts as much as two mentions (it often names a bureau abroad). A
name's candidates (countries, provinces, cities) are scored by that context, by population and
by the word beside it; a bare name that is both a city and a province ("Kandahar") is the city,
the more specific place. A name whose every reading lies in a country the rest of the article
never points to, while the article's other places lie in one country, is a local namesake the
gazetteer lacks ("Lido beach" in a Mogadishu story is no Italian town), unless it is a national
capital or a city of 100,000 people ("in Doha", "in Geneva").

``StoryCountry`` is one part of ``PlaceResolver`` (``places.py``); it uses the resolver's
``document``, ``gazetteer``, ``used``, ``_entities`` and its name resolution.
"""

from __future__ import annotations

import math
from collections import Counter

from spacy.tokens import Token

from kb.extract.lexicon import get_lexicon
from kb.extract.place_phrases import owner_modifier
from kb.extract.words import CITY_WORDS, PROVINCE_WORDS
from kb.gazetteer import GazEntry, name_key


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


class StoryCountry:
    """The article's country context, the dateline's place, and the choice among a name's readings."""

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
                if country is None or not owner_modifier(ent, country):  # "US aircraft" names no place
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

    def country_of_sentence(self, token: Token, skip: frozenset[int] = frozenset(), fallback: bool = True,
                            *, as_place: bool = False) -> str | None:
        """The country nearest before ``token`` in its sentence (leaving out the tokens in
        ``skip``: "the *Saudi*-backed government" is not Saudi Arabia's), else (``fallback``) the article's.

        ``as_place``: the country a place lies in, so only countries named as places count
        ("*Russian* warplanes", "the *US* military said" say whose, not where), and the
        fallback is the country the article's places are in (``place_country``)."""
        sentence = self.document.sentence(token)
        best = None
        for ent in self._entities:
            if ent.start >= sentence.start and ent.end <= token.i and ent.start not in skip:
                entry = self.resolve_entity(ent)
                if entry is not None and entry.kind == "country" and not (as_place and owner_modifier(ent, entry)):
                    best = entry.country
        for t in sentence:
            if t.i >= token.i or as_place:
                break
            if t.ent_type_ == "NORP" and t.i not in skip:
                code = self.gazetteer.demonym_country(t.text)
                if code:
                    best = code
        if best or not fallback:
            return best
        return self.place_country if as_place else self.main_country

    def named_in_body(self, code: str) -> bool:
        """Whether the body (not the dateline) names the country or a place in it, or its people."""
        for ent in self.document.doc.ents:
            if self.document.in_dateline(ent[0]):
                continue
            if ent.label_ == "NORP" and self.gazetteer.demonym_country(ent.text) == code:
                return True
            if ent.label_ in ("GPE", "LOC") and any(c.country == code for c in self.gazetteer.lookup(ent.text)):
                return True
        return False

    @property
    def body_country(self) -> str | None:
        """The country most names the body uses as places are in (the dateline left out)."""
        dateline = self.document.dateline
        own = name_key(dateline.place_text) if dateline is not None and dateline.place_text else None
        # "" holds the dateline's votes; its own name is the dateline again
        return self._most_voted(lambda key: bool(key) and key != own)

    @property
    def place_country(self) -> str | None:
        """The country most of the article's names used as places (and its dateline) are in."""
        return self._most_voted(lambda key: True)

    def _most_voted(self, counts) -> str | None:
        """The country with most place votes among the names ``counts`` accepts."""
        votes: Counter = Counter()
        for key, counter in self._place_votes.items():
            if counts(key):
                votes.update(counter)
        return votes.most_common(1)[0][0] if votes else None

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
