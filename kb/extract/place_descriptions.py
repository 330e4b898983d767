"""Places described rather than named: capitals, sites, "the city", parts of a town.

One job: the place a noun phrase describes. "The capital of Logar province" is that province's
seat (from ``kb/gazetteer/data/capitals.tsv``), "the capital" or "the Afghan capital" the
national capital. A facility ("the interior ministry in Kabul", "a police station") is a
``Site`` inside the place named with it, else the event's place; a town or province named before
a site holds it ("Balad air base", "Kandahar airport"), a country there is its owner ("the U.S.
embassy"). "The mosque" with no place of its own is the site named before; "the city" the city
named before.

``PlaceDescriptions`` is one part of ``PlaceResolver`` (``places.py``).
"""

from __future__ import annotations

from spacy.tokens import Token

from kb.extract.place_name_forms import CAPITAL
from kb.extract.place_phrases import names_actor
from kb.extract.words import word_list
from kb.gazetteer import GazEntry, slug
from kb.model import Place


def _words(name: str) -> frozenset[str]:
    return word_list(name, "place_words.txt")


class PlaceDescriptions:
    """The place keys of noun phrases: names, capitals, sites and other descriptions."""

    def place_of_np(self, head: Token, *, fallback: str | None = None, depth: int = 0) -> str | None:
        """The place key a noun phrase names or describes, or None."""
        if depth > 3:
            return None
        ent = self.entity_at(head)
        if ent is not None and not names_actor(ent):
            return self._use_entity(ent, near=head)
        lemma = head.lemma_.lower()
        if lemma == CAPITAL and not any(c.dep_ == "compound" and self.entity_at(c) for c in head.children):
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
