"""Mediators of negotiations told otherwise than as the agent of "brokered / hosted by X".

``roles.negotiation_roles`` finds "talks mediated by Qatar" and "Qatar-brokered talks". News
also names the go-between in three other ways, handled here after every mention has its roles:

* a patronage phrase on the negotiation or the verb that holds it: "talks ... *under the
  auspices of* Saudi Arabia and the United States", "a truce reached *through Egyptian
  mediation*", "*with the mediation of* the African Union";
* the mediators as the source of the report: "X and Y signed a truce, *Saudi and US mediators*
  said" — whoever is called a mediator of the sentence's negotiation mediates it, as does whoever
  "acts / serves as" one ("with *Norway and Cuba acting as guarantors*");
* an accord reached at the close of talks ("signed a ceasefire ..., *ending* a week of talks
  hosted by the United Nations"): the talks' mediator mediated the accord too.

An actor made mediator is no longer a participant of that event (the parser often reads the
"of" object of "auspices" as one more party).
"""

from __future__ import annotations

from spacy.tokens import Token

from kb.extract.actors import ActorResolver
from kb.extract.mentions import Mention
from kb.extract.words import word_list
from kb.model import event_family

_ACCORDS = ("Ceasefire", "PeaceAgreement")


def _ev(name: str) -> frozenset[str]:
    return word_list(name, "event_words.txt")


def add_mediators(mentions: list[Mention], resolver: ActorResolver) -> None:
    """Add the mediators the three patterns above name to the negotiation mentions."""
    negotiations = [m for m in mentions if event_family(m.event_class) == "Negotiation" and m.event_class != "PeaceProposal"]
    for mention in negotiations:
        for key in _patrons(mention, resolver) + _reporting_mediators(mention, resolver):
            _make_mediator(mention, key)
    for accord in (m for m in negotiations if m.event_class in _ACCORDS and not m.roles.get("mediator")):
        for talks in negotiations:
            if talks.event_class == "Talks" and talks.sentence_index == accord.sentence_index and _closes(accord, talks):
                for key in talks.roles.get("mediator", []):
                    if key not in accord.roles.get("participant", []):  # a party stays a party
                        accord.add_role("mediator", key)


def _make_mediator(mention: Mention, key: str) -> None:
    participants = mention.roles.get("participant", [])
    if key in participants:
        participants.remove(key)
    mention.add_role("mediator", key)


def _patrons(mention: Mention, resolver: ActorResolver) -> list[str]:
    """Actors of "under the auspices of X", "through Egyptian mediation" attached to the
    negotiation's phrase (or a clause describing it) or to the verb that holds it."""
    own = {t.i for t in mention.head.subtree}
    governor = _verb_of(mention.phrase_head)
    out: list[str] = []
    for token in mention.sentence:
        if not {token.lemma_.lower(), token.lower_} & _ev("mediation_nouns") or token.dep_ != "pobj":
            continue
        prep = token.head
        if prep.lower_ not in _ev("patronage_preps"):
            continue
        if prep.head.i not in own and (governor is None or prep.head.i != governor.i):
            continue
        out += _actors_of_noun(token, resolver)
    return out


def _verb_of(phrase: Token) -> Token | None:
    """The verb whose subject or object the negotiation's phrase is ("agreed to a truce")."""
    node = phrase.head if phrase.dep_ == "pobj" and phrase.head.dep_ == "prep" else phrase
    if node.dep_ in ("dobj", "nsubj", "nsubjpass", "attr", "prep") and node.head.tag_.startswith("VB"):
        return node.head
    return None


def _actors_of_noun(noun: Token, resolver: ActorResolver) -> list[str]:
    """"the auspices of X and Y", "Qatar's mediation", "Egyptian mediation"."""
    keys: list[str] = []
    for child in noun.children:
        if child.dep_ == "prep" and child.lower_ == "of":
            keys += [k for o in child.children if o.dep_ == "pobj" for k in resolver.resolve_with_conjuncts(o)]
        elif child.dep_ == "poss" and child.pos_ != "PRON":
            keys += resolver.resolve_with_conjuncts(child)
    if not keys:
        keys = resolver.resolve(noun)  # a demonym or name modifying the noun
    return keys


def _reporting_mediators(mention: Mention, resolver: ActorResolver) -> list[str]:
    """"..., Saudi and US mediators said": the actors the sentence calls mediators."""
    out: list[str] = []
    for token in mention.sentence:
        if token.lemma_.lower() in _ev("mediator_nouns") and token.pos_ == "NOUN":
            out += [k for k in _modifier_actors(token, resolver) + _acting_as(token, resolver) if k not in out]
    return out


def _acting_as(noun: Token, resolver: ActorResolver) -> list[str]:
    """"with Norway and Cuba acting as guarantors": the subject of "act / serve as" the noun."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "as" or prep.head.lemma_.lower() not in ("act", "serve"):
        return []
    return [k for s in prep.head.children if s.dep_ == "nsubj" for k in resolver.resolve_with_conjuncts(s)]


def _modifier_actors(noun: Token, resolver: ActorResolver) -> list[str]:
    """Actors named in front of the noun, each of coordinated modifiers ("Saudi and US mediators")."""
    keys: list[str] = []
    for child in noun.children:
        if child.dep_ in ("amod", "compound", "nmod", "poss") and child.i < noun.i:
            keys += resolver.resolve_with_conjuncts(child)
    return keys or resolver.resolve(noun)


def _closes(accord: Mention, talks: Mention) -> bool:
    """Whether the talks are told as what the accord ended or came out of: the talks' phrase hangs,
    through a word of closing ("ending", "at", "after"), on the accord's verb ("signed ..., ending
    a week of talks", "agreed at talks in Ankara")."""
    verb = accord.head if accord.is_verb else accord.phrase_head.head
    node, closed = talks.phrase_head, False
    for _ in range(5):
        parent = node.head
        if parent.i == node.i:
            return False
        closed = closed or parent.lemma_.lower() in _ev("closing_words")
        if parent.i == verb.i:
            return closed
        node = parent
    return False
