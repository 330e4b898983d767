"""Place phrases in the parse: where a sentence says something happened, and what says nothing of it.

One job: syntax only, no gazetteer look-ups of names. Which noun phrases of a trigger may say
where ("in/at/near ...", the object of "attacked", "takeover of Farah", "a truce for Rakhine",
"40 km north of Kandahar"), which preposition places a name ("in the city of Gao": "in"), which
clause a word lies in ("after / before / despite ..." clauses keep their places to themselves),
and which places are no event's place: a place in a person's title or a group's description
("the Taliban leader in Helmand", "al-Qaeda's affiliate in the Sahel"), in an organisation's
name, or a country named as an owner ("the *U.S.* embassy", "US drone strikes").
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from kb.extract.mentions import Mention, verbal
from kb.extract.words import BOUNDARY_PREPS, CITY_WORDS, PROVINCE_WORDS, word_list
from kb.gazetteer import GazEntry, get_gazetteer


PLACE_LABELS = frozenset({"GPE", "LOC", "FAC"})


def _words(name: str) -> frozenset[str]:
    return word_list(name, "place_words.txt")


DIRECTIONS = frozenset({"north", "south", "east", "west", "northeast", "northwest", "southeast", "southwest",
                         "north-east", "north-west", "south-east", "south-west"})


def direction_of(ent: Span) -> bool:
    """"north of Stockholm", "30 km south of Kabul": a place given by its bearing from a city."""
    root = ent.root
    return root.dep_ == "pobj" and root.head.lower_ == "of" and root.head.head.lower_ in DIRECTIONS


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


def place_arguments(token: Token, mention: Mention):
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
            yield from place_arguments(child, mention)
        elif child.dep_ == "npadvmod" and child.ent_type_ in PLACE_LABELS:
            yield child
        elif child.dep_ in ("advmod", "npadvmod") and child.lower_ in DIRECTIONS:
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


def governing_verb(token: Token) -> Token | None:
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


def phrase_root(ent: Span) -> Token:
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


def owner_modifier(ent: Span, entry: GazEntry) -> bool:
    """A country named as the modifier of a noun that is not a place word ("the *U.S.* embassy",
    "a *Mali* army base") says whose it is, not where it is."""
    if entry.kind != "country":
        return False
    root = ent.root
    if root.dep_ not in ("compound", "amod", "nmod") or root.head.pos_ not in ("NOUN", "PROPN"):
        return False
    word = root.head.lemma_.lower()
    return word not in _words("place_part_nouns") and word not in PROVINCE_WORDS | CITY_WORDS and root.head.ent_type_ not in PLACE_LABELS


def names_actor(ent: Span) -> bool:
    """A place inside an organisation's name or attached to one ("Islamic State in the Greater Sahara")."""
    root = ent.root
    if root.dep_ == "pobj" and root.head.dep_ == "prep":
        owner = root.head.head
        return owner.ent_type_ == "ORG" or bool(owner.ent_kb_id_)
    return False


def describes_person(token: Token) -> bool:
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
