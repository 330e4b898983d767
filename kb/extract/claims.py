"""Claims of responsibility: "X claimed responsibility", "took credit for the attack".

One job: tell whether a sentence claims an attack. Such a sentence speaks of an attack told
before, so its figures belong to that attack (``figure_owners``) and its sentence is part of the
attack's account (``structure``). The verbs and nouns are data in ``data/event_words.txt``.
"""

from __future__ import annotations

from spacy.tokens import Span

from kb.extract.words import word_list


def claims_responsibility(sentence: Span) -> bool:
    """"X claimed responsibility / took credit": the sentence is a claim of an attack told before."""
    verbs = word_list("claim_verbs", "event_words.txt")
    nouns = word_list("claim_nouns", "event_words.txt")
    return any(t.lemma_.lower() in verbs and t.tag_.startswith("VB") and any(c.lemma_.lower() in nouns for c in t.children)
               for t in sentence)
