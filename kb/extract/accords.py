"""Accords told by their names: "the Stockholm Agreement, concluded in December 2018", "the 2014
Comprehensive Agreement on the Bangsamoro".

The recogniser labels such names LAW or EVENT, so the trigger scan would skip them as names,
and "agreement" alone needs a word of peace. A capitalised accord noun (``[accord_name_heads]``)
with a capitalised word or a year before it is a named accord; it is a peace accord told in
passing when

* nothing in its name says it is about something else (``[non_peace_accord_words]``: "the
  Free Trade Agreement", "the Nuclear Agreement"), and
* it stands among words of armed conflict: in its sentence, or in an article that has
  several (``domain.armed_word``), or it was signed, concluded or reached by someone
  ("concluded by the parties in 2018").

Choice: "the Paris Agreement" in a sentence about climate, in an article with no word of war,
stays no event.
"""

from __future__ import annotations

from spacy.tokens import Token

from kb.extract.domain import armed_word
from kb.extract.words import word_list

_FILE = "event_words.txt"
_ARMED_ARTICLE = 3  # words of armed conflict that make the whole article a conflict story


def accord_name_head(token: Token) -> bool:
    """Whether the token is the capitalised head of an accord's name ("the Stockholm *Agreement*")."""
    if not token.text[:1].isupper() or token.lower_ not in word_list("accord_name_heads", _FILE):
        return False
    before = [c for c in token.children if c.i < token.i and c.dep_ in ("compound", "amod", "nummod", "nmod")]
    return any(c.text[:1].isupper() or (c.like_num and len(c.text) == 4) for c in before)


def named_peace_accord(token: Token) -> bool:
    """A named accord told in a story of armed conflict, and about nothing else (see above)."""
    if not accord_name_head(token):
        return False
    name = [c for c in token.subtree if c.i <= token.i] + [
        o for c in token.children if c.dep_ == "prep" and c.i == token.i + 1 for o in c.subtree]
    if any(t.lemma_.lower() in word_list("non_peace_accord_words", _FILE) for t in name):
        return False
    if any(c.dep_ in ("acl", "relcl") and c.lemma_.lower() in word_list("signing_verbs", _FILE) for c in token.children):
        return True
    if any(armed_word(t) for t in token.sent):
        return True
    return _armed_article(token.doc)


def _armed_article(doc) -> bool:
    key = "annals_armed_words"
    if key not in doc.user_data:
        doc.user_data[key] = sum(1 for t in doc if armed_word(t))
    return doc.user_data[key] >= _ARMED_ARTICLE
