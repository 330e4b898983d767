"""Tolls and counted casualty nouns: "the death toll rose to 25", "the number of injured", "12 dead".

One job: read the figure a toll or a casualty noun gives. A toll counts only a number: "the
toll from the blast at a wedding hall has risen to 63" is 63, not one hall. A toll that rises
("has risen to", "reached", "hit") is an update: its figure replaces the earlier ones of the
event.
"""

from __future__ import annotations

from spacy.tokens import Token

from kb.extract.casualty_figures import Figure
from kb.extract.quantities import number_words, parse_number, qualifier_before
from kb.extract.victims import count_phrase
from kb.extract.words import word_list
from kb.model import CasualtyCount


def _words(name: str) -> frozenset[str]:
    return word_list(name, "casualty_words.txt")


def number_of_casualties(token: Token) -> str | None:
    """"the number of injured / of dead": the outcome the number counts."""
    for prep in (c for c in token.children if c.dep_ == "prep" and c.lower_ == "of"):
        for obj in (o for o in prep.children if o.dep_ == "pobj"):
            if obj.lower_ in _words("dead_words"):
                return "Killed"
            if obj.lower_ in _words("injured_words"):
                return "Injured"
    return None


def read_toll(token: Token, figures: list[Figure], outcome: str | None = None) -> None:
    if outcome is None:
        if not any(c.lower_ == "death" for c in token.children) and token.lower_ != "toll":
            return
        outcome = "Injured" if any(c.lower_ in ("injury", "casualty") for c in token.children) else "Killed"
    # the figure the verb gives first ("the toll ... has risen to 63", "put the death toll at 20"),
    # then the toll's own ("a toll of 12"); "the toll from the blast at a wedding hall" counts no hall
    candidates = []
    if token.dep_ == "dobj":  # "put the death toll at 20"
        candidates += [c for c in token.head.children if c.dep_ == "prep" and c.lower_ in ("at", "to")]
    if token.dep_ in ("nsubj",):
        verb = token.head
        candidates += [c for c in verb.children if c.dep_ == "prep" and c.lower_ in ("to", "at")]
        candidates += [c for c in verb.children if c.dep_ in ("attr", "dobj") and (c.like_num or c.tag_ == "CD")]
    candidates += [c for c in token.children if c.dep_ == "prep" and c.lower_ in ("of", "at")]
    for prep in candidates:
        objects = [prep] if prep.like_num or prep.tag_ == "CD" else [c for c in prep.children if c.dep_ == "pobj"]
        for obj in objects:
            if not _gives_number(obj):
                continue
            counted = count_phrase(obj)
            if counted:
                value, qualifier, group = counted
                rising = token.dep_ == "nsubj" and token.head.lemma_.lower() in _RISING_VERBS
                figures.append(Figure(CasualtyCount(outcome, value, qualifier, group), token, obj, update=rising))
                return


# "the death toll has risen to 63", "climbed to", "reached", "hit": the new figure replaces the earlier ones
_RISING_VERBS = frozenset({"rise", "climb", "increase", "reach", "jump", "grow", "mount", "hit", "soar", "swell"})


def _gives_number(token: Token) -> bool:
    """Whether a phrase after a toll says a number ("63", "at least 20 people", "dozens"), not a
    place or an event ("the toll from the blast at a wedding hall")."""
    if token.like_num or token.tag_ == "CD" or token.lower_ in number_words():
        return True
    return any(t.like_num or t.tag_ == "CD" or t.lower_ in number_words() for t in token.children
               if t.dep_ in ("nummod", "quantmod", "amod"))


def read_noun_count(token: Token, outcome: str, figures: list[Figure]) -> None:
    """"12 dead", "at least 20 wounded": a number modifying or governing the casualty word."""
    for child in token.children:
        if child.dep_ in ("nummod", "npadvmod") and (child.like_num or child.lower_ in number_words()):
            parsed = parse_number(child.text)
            if parsed:
                qualifier = qualifier_before(child) or parsed[1]
                figures.append(Figure(CasualtyCount(outcome, parsed[0], qualifier), token, child))
                return
    head = token.head
    if token.dep_ in ("amod", "acl") and (head.like_num or head.tag_ == "CD"):
        parsed = parse_number(head.text)
        if parsed:
            figures.append(Figure(CasualtyCount(outcome, parsed[0], qualifier_before(head) or parsed[1]), token, head))
