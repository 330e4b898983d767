"""Place names resolved to places: gazetteer entries, seats of government, and unknown names.

One job: from a named entity to a place key. A seat of government stands for its city ("talks
in the Kremlin" -> Moscow, from ``kb/gazetteer/data/seats.tsv``). A name the gazetteer does not
know becomes a place of its own (a slug key) inside the town its own phrase puts it in ("Lido
beach *in Mogadishu*"), else the province or country named beside it or of the context, so the
event still has its most specific place. Parts of a town ("Mosul's Old City") are the town;
"north of Stockholm" is in Stockholm's province. A city of another country named as a district
("al-Mansoura district" in an Aden story) is a part of a town there, not the town abroad.

``PlaceNames`` is one part of ``PlaceResolver`` (``places.py``); it remembers every place used
in ``used`` so that the extraction carries each place once, with its containers.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kb.extract.place_name_forms import designator_of, followed_by, part_of_town
from kb.extract.place_phrases import direction_of, owner_modifier
from kb.extract.words import CITY_WORDS, PROVINCE_WORDS, word_list
from kb.gazetteer import GazEntry, slug
from kb.model import Place


def _words(name: str) -> frozenset[str]:
    return word_list(name, "place_words.txt")


_TOWN_REACH = 6  # sentences back to look for the town a district belongs to


class PlaceNames:
    """Named entities resolved to place keys (known, seats, parts of towns, unknown names)."""

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
        entry = self._choose(candidates, designator_of(ent)) if candidates else None
        if entry is not None and not self.document.in_dateline(ent[0]) and self._unlikely_abroad(candidates, text):
            entry = None  # "Lido beach" in a Mogadishu story is no town in Italy: a local name the gazetteer lacks
        if entry is not None and entry.kind == "city" and self.main_country and entry.country != self.main_country \
                and (part_of_town(ent) or followed_by(ent, "district")) and not self.document.in_dateline(ent[0]):
            entry = None  # "al-Mansoura district" in an Aden story: a part of a town there, not Egypt's Mansoura
        self._entity_cache[ent.start] = entry
        return entry

    def entity_at(self, token: Token) -> Span | None:
        for ent in self._entities:
            if ent.start <= token.i < ent.end:
                return ent
        return None

    def _use_entity(self, ent: Span, near: Token | None = None) -> str | None:
        entry = self.resolve_entity(ent)
        if entry is not None and ent.text.lower().removeprefix("the ") in _words("sub_city_names"):
            entry = None  # "Mosul's Old City" is no town called Old City somewhere else
        if entry is not None:
            key = self.use_entry(entry)
            if direction_of(ent) and entry.kind == "city" and self.used[key].contained_in:
                return self.used[key].contained_in  # "a castle north of Stockholm": near it, in its province
            return key
        if ent.label_ not in ("GPE", "LOC") and ent.start not in self._name_places:
            return None
        # an unknown village or district: the known place named with it, if any ("Mogadishu's Hodan district")
        known = self._known_beside(ent)
        if known is not None:
            return self.use_entry(known)
        if part_of_town(ent):
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
        place_type = "City" if designator_of(ent) == "city" else "District"
        # The key names the container too: the shared entities graph holds one description per
        # place key, and one article putting "Nganzai" in Nigeria and another in Borno would
        # otherwise give one place two enclosing places (merging still lets them agree).
        key = f"{slug(text)}-{container.key}" if container else slug(text)
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
                if entry is not None and entry.kind in ("admin1", "country") and not owner_modifier(ent, entry):
                    key = self.use_entry(entry)  # (not "the *US* military said": whose, not where)
                    return self.used[key]
        code = self.country_of_sentence(token, as_place=True)
        if code and code in self.gazetteer.countries:
            key = self.use_entry(self.gazetteer.countries[code])
            return self.used[key]
        return None
