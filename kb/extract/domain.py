"""Conflict context: whether a word of war is used of war, or of sport, trade, business or politics.

Sports reports, trade talks and labour disputes borrow the words of war: "stormed back from
a goal down", "players clashed near the touchline", "the delegations clashed over tariffs",
"a truce in the standings", "reached an agreement with the players". ``figurative_use`` drops
such a mention before anything else looks at it.

Choices (the issues are silent):

* Only trigger words with a common figurative use are tested (``[figurative_triggers]`` in
  ``data/domain_words.txt``: attack, storm, clash, truce, agreement, propose, meet ...), and
  only single-word triggers: "car bomb", "airstrike", "exchange of fire" are literal anywhere.
* A sentence with a word of armed conflict (``[armed_context]``: weapons, armed groups,
  security forces, war and its victims) or a named armed group or security force keeps its
  triggers, whatever else it is about ("gunmen attacked fans at the stadium").
* Otherwise the trigger is figurative when its sentence has a cue of another domain
  (sport, business and labour, party politics), or when the whole article has several such
  cues and not one word of armed conflict (an article about a football match or trade
  talks: "Our negotiators fought hard" has no cue of its own).
* The trigger's own words are not context: "truce" does not vouch for itself.
"""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Doc, Span, Token

from kb.extract.lexicon import get_lexicon
from kb.extract.mentions import Mention
from kb.extract.words import word_list

_FILE = "domain_words.txt"
_DOMAINS = ("sport_domain", "business_domain", "politics_domain")
_ARMED_KINDS = frozenset({"ArmedGroup", "SecurityForce"})
# An article with this many cues of another domain and no word of armed conflict is about that domain.
_DOCUMENT_DOMAIN_CUES = 3


@dataclass(frozen=True)
class ConflictContext:
    """Counts of armed-conflict words and other-domain cues in one article."""

    armed_in_document: int
    domain_in_document: int

    @classmethod
    def of(cls, doc: Doc) -> ConflictContext:
        return cls(sum(1 for t in doc if armed_word(t)), sum(1 for t in doc if domain_cue(t)))

    @property
    def other_domain_article(self) -> bool:
        return self.armed_in_document == 0 and self.domain_in_document >= _DOCUMENT_DOMAIN_CUES


def armed_word(token: Token) -> bool:
    """A word of armed conflict, or a named armed group or security force."""
    words = word_list("armed_context", _FILE)
    if token.lower_ in words or token.lemma_.lower() in words:
        return True
    if token.ent_kb_id_:
        entry = get_lexicon().get(token.ent_kb_id_)
        return entry is not None and entry.kind in _ARMED_KINDS
    return False


def domain_cue(token: Token) -> bool:
    """A cue of sport, business, labour or party politics."""
    return any(token.lower_ in word_list(name, _FILE) or token.lemma_.lower() in word_list(name, _FILE)
               for name in _DOMAINS)


def figurative_use(mention: Mention, context: ConflictContext) -> bool:
    """Whether a mention's word of war is used of something else (see the module docstring)."""
    if mention.end - mention.start > 1:
        return False
    head = mention.head
    if head.lemma_.lower() not in word_list("figurative_triggers", _FILE) and \
            head.lower_ not in word_list("figurative_triggers", _FILE):
        return False
    others = _context_tokens(mention.sentence, mention)
    if any(armed_word(t) for t in others):
        return False
    return context.other_domain_article or any(domain_cue(t) for t in others)


def _context_tokens(sentence: Span, mention: Mention) -> list[Token]:
    return [t for t in sentence if not mention.start <= t.i < mention.end]
