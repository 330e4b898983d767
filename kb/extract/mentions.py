"""The working record of one event mention while the components fill it in.

A ``Mention`` is what one trigger in one sentence says; ``coref.py`` later merges
the mentions of the same event and ``events.py`` turns each group into a
``kb.model.Event``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from spacy.tokens import Span, Token

from kb.extract.words import word_list
from kb.model import CasualtyCount, EventTime, TimeExpression


def lemma_forms(token: Token) -> tuple[str, ...]:
    """The lemma and lower-case form of a word, and for a past-tense verb the stems the
    lemmatizer may miss ("machinegunned" -> "machinegunne", "machinegun"; "staged" -> "stag", "stage")."""
    return _forms(token.lemma_.lower(), token.lower_, token.tag_ in ("VBD", "VBN"), token.tag_ == "VBG")


@lru_cache(maxsize=8192)
def _forms(lemma: str, lower: str, past: bool, gerund: bool = False) -> tuple[str, ...]:
    forms = [lemma] if lemma == lower else [lemma, lower]
    if past and lower.endswith("ed") and len(lower) >= 5 and lemma == lower[:len(lemma)]:  # ("raged" -> "rag", "rage")
        for stem in (lower[:-2], lower[:-1], lower[:-3] if lower[-3] == lower[-4] else lower[:-2]):
            if stem not in forms:
                forms.append(stem)
    if gerund and lower.endswith("ing") and len(lower) > 5 and lemma == lower[:len(lemma)]:
        # "raging" -> "rag" by the lemmatizer: "rage" is tried too
        for stem in (lower[:-3] + "e", lower[:-3]):
            if stem not in forms:
                forms.append(stem)
    return tuple(forms)


def verbal(token: Token) -> bool:
    """A verb by its tag, or a participle the tagger took for a noun or adjective ("was briefly
    *overrun* by the Taliban"), shown by its passive auxiliary or its agent."""
    return token.tag_.startswith("VB") or any(c.dep_ in ("auxpass", "agent") for c in token.children)


# "a round of talks", "four years of negotiations": the phrase is the measure noun's
_MEASURE_NOUNS = frozenset({"round", "series", "session", "day", "week", "month", "year", "hour", "part", "resumption",
                            "start", "beginning", "end", "collapse", "breakdown", "outcome", "result"})


def gathered_weapon(token: Token) -> Token:
    """The noun a weapon word stands under in its phrase: the first of "drones and missiles", and
    "barrage" of "a barrage of drones" (whose verb tells who fired them)."""
    node = token
    while node.dep_ == "conj" and node.head.tag_.startswith("NN") and node.head.i < node.i:
        node = node.head
    if node.dep_ == "pobj" and node.head.lower_ == "of" and \
            node.head.head.lemma_.lower() in word_list("weapon_collectives", "event_words.txt"):
        node = node.head.head
    return node


def fired_weapon(token: Token) -> bool:
    """"launched 140 drones", "fired a barrage of drones and missiles": the weapon, or the noun
    gathering it, is the object of a firing verb."""
    node = gathered_weapon(token)
    return node.dep_ in ("dobj", "nsubjpass") and node.head.lemma_.lower() in word_list("firing_verbs", "event_words.txt")


@dataclass
class Mention:
    head: Token  # the trigger's head word
    start: int  # trigger token span [start, end)
    end: int
    event_class: str
    strength: float
    flags: frozenset[str]
    sentence: Span
    sentence_index: int
    status: str = "Occurred"
    roles: dict[str, list[str]] = field(default_factory=dict)
    place: str | None = None  # Place key
    place_how: str | None = None  # "syntax", "sentence", "episode", "dateline"
    time_expression: TimeExpression | None = None
    time_how: str | None = None  # "clause", "sentence", "episode"
    time: EventTime | None = None
    casualties: list[CasualtyCount] = field(default_factory=list)
    casualty_notes: list[tuple[int, bool, bool]] = field(default_factory=list)  # (sentence, update, additional) per figure
    victim_tokens: list[Token] = field(default_factory=list)  # heads of the victim phrases counted
    definite: bool = False  # "the attack": refers back
    distinct: bool = False  # "another attack": refers to a new event
    told_apart: bool = False  # its sentence opens with "Earlier", "Elsewhere": not an event told before
    generic: bool = False  # "attacks have spiked": no particular event
    hedged: bool = False  # attribution or existence hedged ("could be behind")
    prevented: bool = False  # Attempted because someone stopped it ("defused a bomb")
    nested_in: Mention | None = None  # the proposal/talks whose object this is
    site_label: str | None = None
    from_casualty: bool = False  # created from a "killed" verb without another trigger
    dropped: bool = False

    @property
    def trigger_text(self) -> str:
        doc = self.head.doc
        return doc[self.start:self.end].text

    @property
    def phrase_head(self) -> Token:
        """The noun the trigger's phrase is about: "mortar rounds" for "mortar", "another round of
        talks" for "talks"."""
        head = self.head
        if head.dep_ == "compound" and head.head.tag_.startswith("NN") and head.head.i > head.i:
            return head.head
        if head.dep_ == "pobj" and head.head.lower_ == "of" and head.head.head.lemma_.lower() in _MEASURE_NOUNS:
            return head.head.head
        return gathered_weapon(head)

    @property
    def is_verb(self) -> bool:
        head = self.head
        if head.tag_ == "VBG" and head.dep_ in ("nsubj", "nsubjpass", "dobj", "pobj") and \
                not any(c.dep_ in ("dobj", "aux", "nsubj") for c in head.children):
            return False  # a gerund used as a noun: "*Fighting* between X and Y continued"
        return head.pos_ in ("VERB", "AUX") or verbal(head)

    def add_role(self, role: str, key: str | None) -> None:
        if not key:
            return
        keys = self.roles.setdefault(role, [])
        if key not in keys:
            keys.append(key)

    def actors_so_far(self) -> set[str]:
        return {key for keys in self.roles.values() for key in keys}

    def has_role(self, *roles: str) -> bool:
        return any(self.roles.get(r) for r in roles)
