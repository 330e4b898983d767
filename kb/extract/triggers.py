"""Event triggers: the words that say an event happened, from the lexicon ``data/triggers.tsv``.

``find_mentions`` walks the tokens once, looks each lemma up in the lexicon
(multi-word entries such as "car bomb", "cessation of hostilities", "take
control" are matched on the lemmas that follow) and applies the entry's
conditions (its flags, documented in the data file). Then ``refine_class`` makes
a generic "attack" specific from the weapon words of its clause ("gunmen" ->
ArmedAssault, "explosives" -> Bombing).

The head of a noun entry is the word before its first "of/in/to" ("cessation of
hostilities", "reduction in violence", "halt to fighting"), else its last word. An
air word naming something on the ground ("air base", "air defences") makes no air
strike, and "bomb" as a verb is an air strike when aircraft are in the sentence
("warplanes struck the town a day after a market was bombed").

A past tense the lemmatizer misreads ("machinegunned", "staged") is matched by its
plain stems too, and a participle the tagger took for a noun ("was briefly
*overrun* by") is a verb by its passive auxiliary or agent. "mine" is a bombing only
with an explosive word near it.

Choices: a trigger inside a name ("Attack Helicopter Battalion") or a title is
ignored; a plural noun trigger without a determiner or number ("attacks have
spiked") is marked generic and kept only if something anchors it (casualties, a
named place or date) — see ``events.py``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from spacy.tokens import Token

from kb.extract.accords import accord_name_head, named_peace_accord
from kb.extract.document import Document
from kb.extract.factuality import phrasal_other_sense
from kb.extract.interception import stopping_verb
from kb.extract.mentions import Mention, fired_weapon, lemma_forms, verbal
from kb.extract.words import word_list
from kb.model import event_family as event_family_of

DATA = Path(__file__).with_name("data")
_HYPHENS = frozenset({"-", "–"})
_HEAD_ENDING_PREPS = frozenset({"of", "in", "to"})  # a noun entry's head is the word before the first of these
_NAME_ENTITIES = frozenset({"PERSON", "GPE", "LOC", "FAC", "WORK_OF_ART", "LAW"})


@dataclass(frozen=True)
class TriggerEntry:
    words: tuple[str, ...]
    pos: str  # NOUN, VERB, *
    event_class: str
    strength: float
    flags: frozenset[str]

    @property
    def head_index(self) -> int:
        """Which word is the head: the verb of a verb phrase, the last noun of a noun phrase."""
        if self.pos == "VERB":
            return 0
        # "cessation of hostility", "exchange of fire", "reduction in violence", "halt to fighting"
        for n, word in enumerate(self.words):
            if n and word in _HEAD_ENDING_PREPS:
                return n - 1
        return len(self.words) - 1


@lru_cache(maxsize=1)
def lexicon() -> dict[str, list[TriggerEntry]]:
    """First word -> entries starting with it, longest first."""
    out: dict[str, list[TriggerEntry]] = {}
    for line in (DATA / "triggers.tsv").read_text(encoding="utf-8").splitlines():
        if not line.strip() or line.startswith("#"):
            continue
        words, pos, event_class, strength, flags = (line.split("\t") + [""] * 5)[:5]
        entry = TriggerEntry(tuple(words.split()), pos, event_class, float(strength),
                             frozenset(f for f in flags.split(",") if f))
        out.setdefault(entry.words[0], []).append(entry)
    for entries in out.values():
        entries.sort(key=lambda e: -len(e.words))
    return out


_forms = lemma_forms  # the lemmatizer guesses wrong on rare verbs: their plain stems are tried too


def _pos_ok(entry: TriggerEntry, token: Token) -> bool:
    if entry.pos == "*":
        return token.pos_ in ("NOUN", "VERB", "PROPN", "ADJ") or token.tag_.startswith(("NN", "VB"))
    if entry.pos == "NOUN":
        return token.tag_.startswith("NN") or token.pos_ == "NOUN" or (token.tag_ == "JJ" and token.dep_ in ("compound", "nsubj", "dobj", "pobj")) \
            or _plural_after_peace_word(token)
    return verbal(token)


def _match_at(doc, i: int, entry: TriggerEntry) -> tuple[int, list[int]] | None:
    """Token positions of ``entry`` starting at ``i`` (hyphens may sit between its words)."""
    positions, j = [], i
    for n, word in enumerate(entry.words):
        while n and j < len(doc) and doc[j].text in _HYPHENS:
            j += 1
        if j >= len(doc) or word not in _forms(doc[j]):
            # "set fire to" / "set the building on fire": allow up to four words before the rest of a verb phrase
            if entry.pos == "VERB" and n and word in ("fire", "ablaze", "on", "hostage", "control", "up", "down", "over"):
                k = next((k for k in range(j, min(len(doc), j + 9)) if word in _forms(doc[k])), None)
                if k is None:
                    return None
                j = k
            else:
                return None
        positions.append(j)
        j += 1
    return j, positions


def find_mentions(document: Document) -> list[Mention]:
    """Every trigger of the article as a ``Mention`` (before roles, places and dates)."""
    doc = document.doc
    entries = lexicon()
    mentions: list[Mention] = []
    taken: set[int] = set()
    for token in doc:
        if token.i in taken or not token.is_alpha and "-" not in token.text:
            continue
        if (token.ent_type_ in _NAME_ENTITIES or (token.ent_type_ == "ORG" and token.ent_kb_id_)) \
                and not accord_name_head(token):  # "the Stockholm Agreement" names an accord
            continue  # part of a name
        if document.in_dateline(token):
            continue
        for form in _forms(token):
            found = None
            for entry in entries.get(form, ()):
                hit = _match_at(doc, token.i, entry)
                if hit is None:
                    continue
                end, positions = hit
                head = doc[positions[entry.head_index]]
                if not _pos_ok(entry, head):
                    continue
                if "intercept" in entry.flags and not stopping_verb(head):
                    continue  # "shot dead a man who had laid down his arms": no "shot down"
                found = (entry, end, positions, head)
                break
            if found is None:
                continue
            entry, end, positions, head = found
            if any(p in taken for p in positions):
                continue
            if not _entry_conditions(entry, head, document):
                continue
            taken.update(range(token.i, end))
            mentions.append(Mention(
                head=head, start=token.i, end=end, event_class=entry.event_class, strength=entry.strength,
                flags=entry.flags, sentence=document.sentence(head), sentence_index=document.sentence_index(head),
            ))
            break
    return mentions


def _entry_conditions(entry: TriggerEntry, head: Token, document: Document) -> bool:
    """The conditions an entry's flags put on its context (see the data file)."""
    flags = entry.flags
    if "plural" in flags and head.tag_ != "NNS" and not _noun_in_headline(head):
        return False
    if head.ent_type_ in ("PERSON", "WORK_OF_ART", "LAW") and not accord_name_head(head):
        return False
    if "air" in flags and not _air_context(head):
        return False
    if "peace" in flags and not _peace_context(head):
        return False
    if "object" in flags and not _has_object_of(head, word_list("arson_objects", "event_words.txt")):
        return False
    if "explosive" in flags and not _explosive_context(head):
        return False
    if "fired" in flags and not fired_weapon(head):
        return False
    if head.lower_ in word_list("not_triggers", "event_words.txt"):
        return False
    if phrasal_other_sense(head):
        return False  # "called off a ceasefire" ends it, asks for nothing
    if event_family_of(entry.event_class) == "Attack" and _sport(head):
        return False  # "launched a decisive attack at the 15-kilometre mark to win the race"
    if entry.event_class == "Arson" and _burns_people(head):
        return False  # "four villagers were burnt to death": a killing told of the arson, not another arson
    if any(c.dep_ in ("compound", "amod") and c.lower_ in word_list("non_violent_modifiers", "event_words.txt")
           for c in head.children):
        return False  # "heart attack", "spin attack"
    return True


def _plural_after_peace_word(token: Token) -> bool:
    """"Taliban in ceasefire *talks* with Afghan government": a headline's plural noun after
    "ceasefire" or "peace" that the tagger read as a verb."""
    if token.tag_ not in ("VBZ", "VBP") or not token.lower_.endswith("s") or token.i == 0:
        return False
    return token.doc[token.i - 1].lower_ in word_list("peace_words", "event_words.txt")


def _noun_in_headline(token: Token) -> bool:
    """"ceasefire talks" tagged as a verb in a headline: a plural noun after a noun or preposition."""
    if token.i == 0 or not token.lower_.endswith("s"):
        return False
    before = token.doc[token.i - 1]
    return before.tag_ in ("NN", "IN", "DT", "JJ") and before.lower_ not in ("it", "he", "she")


def _air_context(token: Token) -> bool:
    air = word_list("air_words", "event_words.txt")
    near = [c for c in token.children] + list(token.subtree)[:12]
    if any(_air_word(t, air) for t in near):
        return True
    head = token.head
    return head.lemma_.lower() in word_list("air_verbs", "event_words.txt") or any(
        _air_word(t, air) for t in token.sent if abs(t.i - token.i) <= 6)


def _air_word(token: Token, air: frozenset[str]) -> bool:
    """An air word, but not one naming a place on the ground: "rockets struck Balad *air* base"."""
    if not (token.lemma_.lower() in air or token.lower_ in air):
        return False
    return not (token.dep_ in ("compound", "amod") and token.head.lemma_.lower() in word_list("air_facilities", "event_words.txt"))


def _explosive_context(token: Token) -> bool:
    """"a mine placed by the insurgents", "a mine exploded": an explosive, not a gold mine or "mine"
    the pronoun; the noun heads its phrase and an explosive word stands within six words."""
    if token.dep_ == "compound" or any(c.dep_ in ("compound", "amod") and c.lower_ in ("gold", "coal", "copper", "diamond", "salt", "silver", "iron", "tin", "open-pit") for c in token.children):
        return False
    cues = word_list("explosive_context", "event_words.txt")
    return any((t.lemma_.lower() in cues or t.lower_ in cues) for t in token.sent if t.i != token.i and abs(t.i - token.i) <= 6)


def _peace_context(token: Token) -> bool:
    if _about_other_matters(token):
        return False  # "signed an agreement with the ministry on a guaranteed price for maize"
    if accord_name_head(token):
        return named_peace_accord(token)  # "the Stockholm Agreement", "the 2014 Comprehensive Agreement on ..."
    words = {c.lemma_.lower() for c in token.children} | {token.head.lemma_.lower()}
    if words & word_list("peace_words", "event_words.txt"):
        return True
    if token.head.lemma_.lower() in word_list("signing_verbs", "event_words.txt") and token.dep_ in ("dobj", "nsubjpass"):
        return True
    # "the Algiers accord, which the rebels and the government signed in 2015"
    if any(c.dep_ == "relcl" and c.lemma_.lower() in word_list("signing_verbs", "event_words.txt") for c in token.children):
        return True
    return _named_accord(token)


def _about_other_matters(token: Token) -> bool:
    """An accord "on / over / for" a matter of trade, prices or wages is no peace accord."""
    topics = word_list("non_peace_accord_words", "event_words.txt")
    holders = [token] + ([token.head] if token.dep_ == "dobj" else [])  # "signed an agreement ... on prices"
    holders += [o for h in list(holders) for c in h.children if c.dep_ == "prep" and c.lower_ == "with"
                for o in c.children if o.dep_ == "pobj"]  # "an agreement with the ministry on prices"
    for prep in (c for h in holders for c in h.children if c.dep_ == "prep" and c.lower_ in ("on", "over", "for", "about")):
        for obj in (o for o in prep.children if o.dep_ == "pobj"):
            if obj.lemma_.lower() in topics or any(m.lemma_.lower() in topics for m in obj.children if m.dep_ in ("compound", "amod")):
                return True
    return False


def _named_accord(token: Token) -> bool:
    """"the 2016 accord with the state", "a February agreement between the Taliban and the United
    States", "the Juba agreement with rebel groups": an accord dated or named after a place and
    made between parties is a peace accord told in passing (unless it says it is about trade, grain...)."""
    modifiers = [c for c in token.children if c.i < token.i and c.dep_ in ("compound", "nmod", "amod", "nummod", "poss")]
    if any(c.lemma_.lower() in word_list("non_peace_accord_words", "event_words.txt") for c in modifiers):
        return False
    named = any(c.ent_type_ in ("DATE", "GPE") or (c.like_num and len(c.text) == 4) for c in modifiers)
    parties = any(c.dep_ == "prep" and c.lower_ in ("between", "with") for c in token.children)
    return named and parties


def _sport(token: Token) -> bool:
    """A word of attack in a sentence about sport, with no word of weapons or war."""
    words = {t.lemma_.lower() for t in token.sent} | {t.lower_ for t in token.sent}
    if not words & word_list("sport_words", "event_words.txt"):
        return False
    armed = word_list("assault_cues", "event_words.txt") | word_list("bombing_cues", "event_words.txt") \
        | word_list("conflict_words", "event_words.txt") | word_list("air_words", "event_words.txt")
    return not words & armed


def _burns_people(token: Token) -> bool:
    people = word_list("human_nouns", "event_words.txt")
    return any(c.dep_ in ("dobj", "nsubjpass") and (c.lemma_.lower() in people or c.lower_ in people or c.ent_type_ == "PERSON")
               for c in token.children)


def _has_object_of(token: Token, nouns: frozenset[str]) -> bool:
    for child in token.children:
        if child.dep_ in ("dobj", "nsubjpass", "pobj") and child.lemma_.lower() in nouns:
            return True
        if child.dep_ == "prep":
            if any(g.lemma_.lower() in nouns for g in child.children):
                return True
    return token.dep_ in ("acl", "amod") and token.head.lemma_.lower() in nouns


def refine_class(mention: Mention) -> None:
    """Make a generic attack specific from the weapon words of its clause.

    "repelled an attack" is a clash: both sides fought.
    """
    head = mention.head
    if event_family_of(mention.event_class) == "Attack" and head.dep_ in ("dobj", "nsubjpass") and \
            head.head.lemma_.lower() in word_list("repel_verbs", "event_words.txt") and mention.event_class in ("Attack", "ArmedAssault"):
        mention.event_class = "ArmedClash"
        return
    if mention.event_class == "Bombing" and mention.is_verb and "bomb" in lemma_forms(head) and \
            any(_air_word(t, word_list("air_words", "event_words.txt")) for t in mention.sentence):
        mention.event_class = "Airstrike"  # "warplanes struck again, a day after a market was bombed"
        return
    if mention.event_class != "Attack":
        return
    cues = _weapon_cues()
    tokens = list(mention.head.subtree) if not mention.is_verb else list(mention.sentence)
    nearby = [t for t in mention.sentence if abs(t.i - mention.head.i) <= 12] + tokens
    for event_class in ("Bombing", "Shelling", "Airstrike", "Kidnapping", "ArmedAssault"):
        words = cues.get(event_class, frozenset())
        if any(t.lemma_.lower() in words or t.lower_ in words for t in nearby if t.i != mention.head.i):
            mention.event_class = event_class
            return


@lru_cache(maxsize=1)
def _weapon_cues() -> dict[str, frozenset[str]]:
    sections = {
        "Bombing": "bombing_cues", "Shelling": "shelling_cues", "Airstrike": "air_words",
        "ArmedAssault": "assault_cues", "Kidnapping": "kidnap_cues",
    }
    return {cls: word_list(name, "event_words.txt") for cls, name in sections.items()}
