"""An event's place: the place its own words attach to, else the nearest of its clause.

One job: choose one place for one event mention (``event_place``). The place its own words
attach to comes first (the trigger's or its clause's "in/at/on/near ..." phrases, the object of
"attacked", "takeover of Farah", the place a "where" clause hangs on); then the nearest place a
locative preposition introduces in its clause. A site among the arguments lies in the named place
beside it; a region narrows to a town of the clause that lies in it. The episode and dateline
fallbacks are applied after coreference (``events.py``), with ``locative_place`` and
``dateline_place``.

``EventPlaces`` is one part of ``PlaceResolver`` (``places.py``).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kb.extract.mentions import Mention
from kb.extract.place_phrases import (
    describes_person,
    governing_verb,
    names_actor,
    owner_modifier,
    phrase_root,
    place_arguments,
    side_clause,
)
from kb.extract.words import word_list
from kb.model import event_family


def _words(name: str) -> frozenset[str]:
    return word_list(name, "place_words.txt")


class EventPlaces:
    """The place of each event mention, and the places sentences and the dateline give for fallbacks."""

    def event_place(self, mention: Mention) -> tuple[str | None, str | None]:
        """(place key, how it was found) for one mention, before fallbacks."""
        head = mention.head
        arguments = list(place_arguments(head, mention))
        governor = governing_verb(mention.phrase_head)
        phrase = mention.phrase_head
        if phrase.dep_ == "pobj" and phrase.head.lower_ == "under" and event_family(mention.event_class) == "Negotiation":
            governor = None  # "laid down his weapons under the 2016 accord, in Tumaco": where he did, not the accord
        if governor is not None:
            arguments += [a for a in place_arguments(governor, mention) if a.i not in {x.i for x in arguments}]
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
                    if mention.event_class in ("Talks", "Ceasefire", "PeaceAgreement") or not describes_person(obj):
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
            root = phrase_root(ent)
            if not (root.dep_ == "pobj" and root.head.lower_ in locative):
                continue
            if (not of_people and describes_person(ent.root)) or names_actor(ent):
                continue
            entry = self.resolve_entity(ent)
            if entry is None and ent.label_ == "FAC":
                continue
            if entry is not None and owner_modifier(ent, entry):
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
            root = phrase_root(ent)
            if root.dep_ == "pobj" and root.head.lower_ in locative and not describes_person(root) and not names_actor(ent):
                entry = self.resolve_entity(ent)
                if entry is None or not owner_modifier(ent, entry):
                    found = ent
        return self._use_entity(found) if found is not None else None

    def dateline_place(self) -> str | None:
        """The dateline's place, for an attack told with no place of its own, unless the body's
        places lie in another country and the body never names the dateline's: "BEIRUT (AFP) -
        ... strikes in Idlib" is written from a news hub, not where the strikes were."""
        if self.dateline_entry is None:
            return None
        body = self.body_country
        if body is not None and body != self.dateline_entry.country and not self.named_in_body(self.dateline_entry.country):
            return None
        return self.use_entry(self.dateline_entry)
