"""Aggregates and background: words of attack that sum up many events or a war in general.

The guidelines count one event per incident; a campaign ("the conflict has killed more than
3,000 people"), a tally ("has multiplied the massacres of civilians since January") or a
summary of incidents already told ("officials blamed both attacks on ...") is none.

* ``campaign_killing``: a killing verb whose subject is a war in general (``[campaign_nouns]``)
  makes no attack of its own.
* ``summarising``: a plural trigger summed up by "both", "all", "these" (``[summary_determiners]``),
  or the object of a verb of multiplying ("stepped up attacks", ``[aggregate_verbs]``), names
  no particular event; a date span ("since the beginning of the year") does not anchor it.
* ``habitual``: a trigger said to be usual ("shelling along the front lines is frequent",
  ``[habitual_predicates]``) is background.
"""

from __future__ import annotations

from spacy.tokens import Token

from kb.extract.mentions import Mention
from kb.extract.words import word_list

_FILE = "event_words.txt"


def campaign_killing(verb: Token) -> bool:
    """"Over four years the conflict has killed more than 3,300 people": a toll, not an incident."""
    subjects = [c for c in verb.children if c.dep_ in ("nsubj", "agent")]
    subjects += [o for c in verb.children if c.dep_ == "agent" for o in c.children if o.dep_ == "pobj"]
    campaigns = word_list("campaign_nouns", _FILE)
    return any(s.lemma_.lower() in campaigns or s.lower_ in campaigns for s in subjects)


def summarising(mention: Mention) -> bool:
    """A plural trigger that sums up events ("both attacks", "multiplied the massacres")."""
    head = mention.head
    if mention.is_verb or head.tag_ != "NNS":
        return False
    if any(c.dep_ in ("det", "predet") and c.lower_ in word_list("summary_determiners", _FILE) for c in head.children):
        return True
    return head.dep_ == "dobj" and head.head.lemma_.lower() in word_list("aggregate_verbs", _FILE)


def habitual(mention: Mention) -> bool:
    """"Shelling along the front lines is frequent": the subject of "be" + an adjective of habit."""
    head = mention.head
    if head.dep_ not in ("nsubj", "csubj") or head.head.lemma_.lower() != "be":
        return False
    return any(c.dep_ == "acomp" and c.lower_ in word_list("habitual_predicates", _FILE) for c in head.head.children)
