"""What a place name's own words and neighbours say about it.

One job: read the words in and beside a name, without the gazetteer. A designator says which
reading is meant ("Farah city", "Helmand provinces", a list closing with "provinces"); some
names are parts of a town ("the al-Mishlab district", "the Old City"); and a name the recogniser
took for an organisation, a person or a building is a place when the sentence puts something
"in/at/near" it and calls it one ("In Paucarbambilla, a locality in Huanuco", "the camp at
Aguelhok in Kidal region", "the rebel-held town of Maarat al-Numan").
"""

from __future__ import annotations

from spacy.tokens import Span

from kb.extract.entities import NAME_ARTICLES
from kb.extract.words import CITY_WORDS, PROVINCE_WORDS, word_list


CAPITAL = "capital"


def _words(name: str) -> frozenset[str]:
    return word_list(name, "place_words.txt")


def misread_place_name(ent: Span) -> bool:
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


def followed_by(ent: Span, word: str) -> bool:
    return ent.end < len(ent.doc) and ent.doc[ent.end].lower_ == word


def part_of_town(ent: Span) -> bool:
    """"the al-Mishlab district", "the Old City": a name of a part of a town."""
    doc = ent.doc
    after = doc[ent.end] if ent.end < len(doc) else None
    if ent.text.lower().removeprefix("the ") in _words("sub_city_names"):
        return True
    return after is not None and after.lower_ in _words("sub_city_designators") or ent[-1].lower_ in _words("sub_city_designators")


def designator_of(ent: Span) -> str | None:
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
        if word in CITY_WORDS and word != CAPITAL:
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
