"""Conflict context: whether a word of war is used of war, or of sport, trade, business or politics.

Sports reports, trade talks and labour disputes borrow the words of war: "stormed back from
a goal down", "players clashed near the touchline", "the delegations clashed over tariffs",
"a truce in the standings", "reached an agreement with the players". ``figurative_use`` drops
such a mention before anything else looks at it.

Choices (the issues are silent):

* A sentence with a word of armed conflict (``[armed_context]``: weapons, armed groups,
  security forces, war and its victims) or a named armed group or security force keeps its
  triggers, whatever else it is about ("gunmen attacked fans at the stadium").
* Otherwise a trigger word with a common figurative use (``[figurative_triggers]`` in
  ``data/domain_words.txt``: attack, storm, clash, truce, agreement, propose, meet ...) is
  figurative when its sentence has a cue of another domain (sport, business and labour,
  technology, party politics).
* In an article about another domain -- several cues of it (``domain_word``: with the words
  that hint at a domain only in numbers, such as company, market, customers) and hardly a word of armed
  conflict (at most one for every four cues: "would not escalate hostilities" in a wage
  dispute) -- every trigger without a word of armed conflict in its sentence or in itself
  is figurative (the words of war other domains use too, ``[figurative_armed]``: hostilities,
  war, fighters, do not count there), however literal it looks elsewhere: "a ceasefire everywhere else" in a chess
  report, "a peace deal" ending a strike. "A car bomb" keeps its weapon.
* The trigger's own words are not context: "truce" does not vouch for itself. Cue words
  inside a name (an ORG, a place) are not cues: "African Union", "West Bank".
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from kb.extract.lexicon import get_lexicon
from kb.extract.mentions import Mention
from kb.extract.words import word_list

_FILE = "domain_words.txt"
_DOMAINS = ("sport_domain", "business_domain", "politics_domain", "technology_domain")
_ARMED_KINDS = frozenset({"ArmedGroup", "SecurityForce"})
# An article with this many cues of another domain, and at most one word of armed conflict
# for every _CUES_PER_ARMED_WORD of them, is about that domain ("would not escalate
# hostilities" in a wage dispute).
_DOCUMENT_DOMAIN_CUES = 3
_CUES_PER_ARMED_WORD = 4
# A named company, exchange or union is a name, not a cue: "Union" in "African Union", "Bank" in
# "West Bank", "Trade" in "World Trade Organization".
_NAME_ENTITIES = frozenset({"ORG", "GPE", "LOC", "FAC", "NORP", "PERSON", "EVENT", "WORK_OF_ART", "LAW"})


@dataclass(frozen=True)
class ConflictContext:
    """Counts of armed-conflict words and other-domain cues in one article."""

    armed_in_document: int
    domain_in_document: int

    @classmethod
    def of(cls, doc: Doc) -> ConflictContext:
        return cls(sum(1 for t in doc if armed_word(t)), sum(1 for t in doc if domain_word(t)))

    @property
    def other_domain_article(self) -> bool:
        return (self.domain_in_document >= _DOCUMENT_DOMAIN_CUES
                and self.armed_in_document * _CUES_PER_ARMED_WORD < self.domain_in_document)


def armed_word(token: Token) -> bool:
    """A word of armed conflict, or a named armed group or security force."""
    words = word_list("armed_context", _FILE)
    if token.lower_ in words or token.lemma_.lower() in words:
        return True
    if token.ent_kb_id_:
        entry = get_lexicon().get(token.ent_kb_id_)
        return entry is not None and entry.kind in _ARMED_KINDS
    return False


def _figurative_armed(token: Token) -> bool:
    """A word of armed conflict that other domains use too ("escalate hostilities" in a wage dispute)."""
    words = word_list("figurative_armed", _FILE)
    return token.lower_ in words or token.lemma_.lower() in words


def domain_cue(token: Token) -> bool:
    """A cue of sport, business, labour, technology or party politics (not inside a name)."""
    if token.ent_type_ in _NAME_ENTITIES:
        return False
    return any(token.lower_ in word_list(name, _FILE) or token.lemma_.lower() in word_list(name, _FILE)
               for name in _DOMAINS)


def domain_word(token: Token) -> bool:
    """A cue of another domain, or a word that hints at one when an article has many
    (``[article_domain]``: company, market, customers, data ...; not inside a name)."""
    if domain_cue(token):
        return True
    if token.ent_type_ in _NAME_ENTITIES:
        return False
    words = word_list("article_domain", _FILE)
    return token.lower_ in words or token.lemma_.lower() in words


def figurative_use(mention: Mention, context: ConflictContext) -> bool:
    """Whether a mention's word of war is used of something else (see the module docstring)."""
    others = _context_tokens(mention.sentence, mention)
    if any(armed_word(t) and not (context.other_domain_article and _figurative_armed(t)) for t in others):
        return False
    if mention.end - mention.start > 1:  # "peace deal", "car bomb": figurative only in an article of another domain
        own = mention.sentence.doc[mention.start:mention.end]
        return context.other_domain_article and not any(armed_word(t) for t in own)
    head = mention.head
    if head.lemma_.lower() not in word_list("figurative_triggers", _FILE) and \
            head.lower_ not in word_list("figurative_triggers", _FILE):
        return context.other_domain_article and not armed_word(head)
    return context.other_domain_article or any(domain_cue(t) for t in others)


def _context_tokens(sentence: Span, mention: Mention) -> list[Token]:
    return [t for t in sentence if not mention.start <= t.i < mention.end]
