"""Gazetteer entities, set before spaCy's statistical recogniser so that they win.

The ``annals_gazetteer`` component finds, in one left-to-right pass, the longest
run of tokens whose name key (``kb.gazetteer.name_key``: no case, accents or
punctuation) is a lexicon actor or a gazetteer place, and sets it as an entity
(``ORG`` with the actor key as ``kb_id`` / ``GPE``). ``ner`` then labels only what
is left, around these spans. It is an ``EntityRuler`` in effect, but matched by
dictionary lookups over per-token keys: nothing is tokenised or compiled at load
time, ~80,000 place names cost no start-up, and spellings meet ("Pul-e-Alam" =
"Pul-e ‘Alam").

When a place name is believed (choices where the brief is silent):

* a multi-word name always;
* a one-word name only when the tagger calls it a proper noun (or it is written
  in capitals, as datelines are), and it is not part of a person's name: not after
  a title ("General", "President") and not next to another capitalised word that
  is neither a place nor a designator ("Ashraf Ghani", "Kabul University",
  "Santiago Domestic Service");
* a one-word name the tagger did not call a proper noun, when the same name was
  believed elsewhere in the article (one sense per article);
* never a one-word name glued by a hyphen to an Arabic article after another name
  word: "Numan" in "Maarat al-Numan" is the end of a town's name, not Numan in Nigeria.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc, Span

from kb.gazetteer import get_gazetteer, name_key
from kb.extract.lexicon import get_lexicon
from kb.extract.words import CONNECTOR_WORDS, DESIGNATOR_WORDS, TITLE_WORDS

MAX_NAME_TOKENS = 7
PLACE_LABEL = "GPE"
ACTOR_LABEL = "ORG"
_JOINERS = frozenset({"-", "'", "’", "‘", "`", "."})
# Arabic articles that join two words of one name ("Maarat al-Numan", "Tell el-Kebir").
NAME_ARTICLES = frozenset({"al", "el", "an", "ar", "as", "ash", "ad", "at", "az", "ed", "es", "en", "er"})


class GazetteerEntities:
    """spaCy component: lexicon actors and gazetteer places as preset entities."""

    def __init__(self) -> None:
        self.gazetteer = get_gazetteer()
        self.lexicon = get_lexicon()
        self.max_key = max(self.gazetteer.max_key_length, max(map(len, self.lexicon.index), default=0))

    def __call__(self, doc: Doc) -> Doc:
        spans = [self._span(doc, start, end, kind, ref) for start, end, kind, ref in self.matches(doc)]
        spans = [s for s in spans if s is not None]
        if spans:
            doc.set_ents(spans, default="unmodified")
        return doc

    def matches(self, doc: Doc) -> list[tuple[int, int, str, str]]:
        """Non-overlapping (start, end, "actor"|"place", reference), longest first from the left."""
        out = []
        keys = [name_key(t.text) for t in doc]
        i, n = 0, len(doc)
        while i < n:
            found = self._longest_at(doc, keys, i, n)
            if found is None:
                i += 1
                continue
            out.append(found)
            i = found[1]
        return self._repeated_places(doc, keys, out)

    def _repeated_places(self, doc: Doc, keys: list[str], found: list[tuple[int, int, str, str]]):
        """A one-word place believed once in an article is the same place where the tagger
        misread it ("Ghazni, on the main highway, was overrun" tagged as a plural noun at the
        start of a sentence): one sense per article, the neighbour checks still apply."""
        believed = {keys[start] for start, end, kind, _ in found if kind == "place" and end - start == 1}
        if not believed:
            return found
        covered = {i for start, end, _, _ in found for i in range(start, end)}
        extra = [(i, i + 1, "place", keys[i]) for i, token in enumerate(doc)
                 if i not in covered and keys[i] in believed and token.text[:1].isupper()
                 and token.tag_ not in ("NNP", "NNPS") and self._believable_place(doc, i, i + 1, tagged=False)]
        return sorted(found + extra) if extra else found

    def _longest_at(self, doc: Doc, keys: list[str], i: int, n: int):
        first = doc[i]
        text = first.text
        if not text[:1].isupper() and keys[i] not in self.lexicon.lower_starts:
            return None
        exact = self.lexicon.exact.get(text.replace(".", ""))
        best = ("actor", i + 1, exact) if exact else None
        if best is None and self.gazetteer.lookup_exact(text.replace(".", "")):
            best = ("place", i + 1, text)
        key = ""
        lower_run = False  # past a lower-case word only an actor name can go on ("Saudi-led coalition")
        for j in range(i, min(n, i + MAX_NAME_TOKENS)):
            token = doc[j]
            if j > i and not self._continues(token):
                if token.is_space or token.is_punct or "\n" in token.text:
                    break
                lower_run = True
            key += keys[j]
            if len(key) > self.max_key:
                break
            if not keys[j] or (j > i and token.is_lower and token.text in CONNECTOR_WORDS):
                continue  # a name does not end on a joiner or connector
            actor = self.lexicon.index.get(key)
            if actor is not None:
                best = ("actor", j + 1, actor)
            elif not lower_run and self.gazetteer.lookup_key(key) and self._believable_place(doc, i, j + 1):
                best = ("place", j + 1, key)
        if best is None:
            return None
        kind, end, ref = best
        return (i, end, kind, ref)

    @staticmethod
    def _continues(token) -> bool:
        if token.is_space or "\n" in token.text:
            return False
        if token.text in _JOINERS:
            return True
        if token.is_punct:
            return False
        return token.text[:1].isupper() or token.text[:1].isdigit() or token.text.lower() in CONNECTOR_WORDS

    def _believable_place(self, doc: Doc, start: int, end: int, tagged: bool = True) -> bool:
        if end - start > 1:
            # "San Marcos Lempa": a known name that runs on into an unknown capitalised word is
            # a longer name the gazetteer does not know (left to the recogniser, then a place of its own)
            after = doc[end] if end < len(doc) else None
            if after is not None and self._unknown_name_word(after):
                return False
            return doc[start:end].text.lower() not in DESIGNATOR_WORDS
        token = doc[start]
        if tagged and not (token.tag_ in ("NNP", "NNPS") or (token.text.isupper() and len(token.text) > 3)):
            return False
        before = doc[start - 1] if start > 0 else None
        after = doc[end] if end < len(doc) else None
        if before is not None and before.text.rstrip(".") in TITLE_WORDS:
            return False
        if self._after_name_article(doc, start):
            return False
        for neighbour in (before, after):
            if neighbour is None or neighbour.is_sent_start and neighbour is before:
                continue
            if self._unknown_name_word(neighbour):
                return False
        return True

    def _after_name_article(self, doc: Doc, start: int) -> bool:
        """"Maarat al-Numan", "Tell el-Kebir": a name glued to an Arabic article after another
        name word is the end of a longer name, not a place of its own ("Numan" in Nigeria)."""
        if start < 3 or doc[start - 1].text not in _JOINERS or doc[start - 1].whitespace_:
            return False
        article, before = doc[start - 2], doc[start - 3]
        return article.lower_ in NAME_ARTICLES and not article.whitespace_ and before.text[:1].isupper() \
            and not self.gazetteer.lookup_key(name_key(before.text))

    def _unknown_name_word(self, token) -> bool:
        """A capitalised proper noun that is no designator, known place or actor: part of a name."""
        if not token.text[:1].isupper() or token.tag_ not in ("NNP", "NNPS") or token.text.lower() in DESIGNATOR_WORDS:
            return False
        word = name_key(token.text)
        return not (self.gazetteer.lookup_key(word) or word in self.lexicon.index or token.text in self.lexicon.exact)

    @staticmethod
    def _span(doc: Doc, start: int, end: int, kind: str, ref: str) -> Span | None:
        if kind == "actor":
            return Span(doc, start, end, label=ACTOR_LABEL, kb_id=ref)
        return Span(doc, start, end, label=PLACE_LABEL)


@Language.factory("annals_gazetteer")
def make_gazetteer_entities(nlp: Language, name: str) -> GazetteerEntities:
    return GazetteerEntities()
