"""What every component needs to know about one parsed article.

``Document`` wraps the spaCy ``Doc`` with the article, its sentences (indexed by
token), the dateline (place and where it ends), the time expressions the
temporal tagger found (mapped to tokens) and the country the article is about.
It is built once per article and read by all the other components.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span, Token

from kb.model import Article, TimeExpression

# "GHAZNI, Afghanistan —", "KABUL (Reuters) -", "Concepcion, 23 Aug 88 (Santiago Domestic Service) --",
# "Managua (Nicaragua), 27 Oct 88 (ACAN-EFE) --": a place, then optional country, date and source,
# then a dash or a line end.
_DATELINE = re.compile(
    r"""^[ \t]*
    (?P<place>[A-ZÀ-Þ][A-Za-zÀ-ÿ'’.\-]+(?:[ ][A-ZÀ-Þ][A-Za-zÀ-ÿ'’.\-]+){0,3})  # the place, capitalised words
    (?:[ ]\((?P<paren>[A-Z][A-Za-z .\-]+)\))?                          # (Nicaragua) or (Reuters)
    (?:,[ ](?P<country>[A-Z][A-Za-z .]+?))??                           # , Afghanistan
    (?:,?[ ](?P<date>\d{1,2}[ ][A-Z][a-z]{2,8}\.?[ ]\d{2,4}|[A-Z][a-z]{2,8}\.?[ ]\d{1,2}(?:,[ ]\d{4})?))?  # , 23 Aug 88
    (?:[ ]\((?P<source>[^)\n]{2,60})\))?                               # (Santiago Domestic Service)
    [ \t]*\.?(?:—|–|--|-|:|\n)                                       # ("(EFE).-" has a full stop)
    """,
    re.VERBOSE,
)
# "May 21, 2023 (KHARTOUM) –": the date first, then the place in brackets (Sudan Tribune style).
_DATE_FIRST_DATELINE = re.compile(
    r"""^[ \t]*
    (?P<date>[A-Z][a-z]{2,8}\.?[ ]\d{1,2},[ ]\d{4}|\d{1,2}[ ][A-Z][a-z]{2,8}[ ]\d{4})
    [ ]\((?P<place>[A-ZÀ-Þ][A-Za-zÀ-ÿ'’.\-]+(?:[ ][A-ZÀ-Þ][A-Za-zÀ-ÿ'’.\-]+){0,3})\)
    [ \t]*\.?(?:—|–|--|-|:)
    """,
    re.VERBOSE,
)
_MAX_DATELINE = 160


@dataclass
class Dateline:
    start: int
    end: int  # character offset where the report proper begins
    place_text: str
    place_start: int
    country_text: str | None


@dataclass
class Document:
    article: Article
    doc: Doc
    times: list[TimeExpression] = field(default_factory=list)
    dateline: Dateline | None = None
    sentences: list[Span] = field(default_factory=list)
    _sentence_of: list[int] = field(default_factory=list)
    time_tokens: list[tuple[TimeExpression, Span]] = field(default_factory=list)
    headline: bool = False  # the first sentence is a headline line ("Car bomb kills seven in Ghazni")
    paragraphs: list[int] = field(default_factory=list)  # paragraph number of each sentence

    @classmethod
    def build(cls, article: Article, doc: Doc, times: list[TimeExpression]) -> Document:
        document = cls(article, doc, times)
        document.sentences = [s for s in doc.sents if s.text.strip()]
        index = [0] * len(doc)
        for number, sentence in enumerate(document.sentences):
            for i in range(sentence.start, sentence.end):
                index[i] = number
        document._sentence_of = index
        prepared = doc.text  # line breaks left by prepare_text end paragraphs
        document.paragraphs = [prepared.count("\n", 0, s.start_char) for s in document.sentences]
        document.dateline = find_dateline(article.text)
        document.headline = _has_headline(article.text, document)
        for expression in times:
            if document.dateline is not None and expression.start < document.dateline.end:
                continue  # the dateline's date is when the report was filed, no event's
            span = doc.char_span(expression.start, expression.end, alignment_mode="expand")
            if span is not None and len(span):
                document.time_tokens.append((expression, span))
        return document

    @property
    def dct(self) -> date | None:
        return self.article.published_date

    @property
    def text(self) -> str:
        return self.article.text

    def sentence_index(self, token: Token) -> int:
        return self._sentence_of[token.i]

    def sentence(self, token: Token) -> Span:
        return self.sentences[self._sentence_of[token.i]]

    def same_paragraph(self, a: int, b: int) -> bool:
        """Whether sentences ``a`` and ``b`` (indexes) are in one paragraph."""
        return self.paragraphs[a] == self.paragraphs[b]

    def in_dateline(self, token: Token) -> bool:
        return self.dateline is not None and token.idx < self.dateline.end


def _has_headline(text: str, document: Document) -> bool:
    """A first line without a closing full stop, followed by a line break: a headline."""
    if document.dateline is not None or not document.sentences:
        return False
    stripped = text.lstrip()
    first_line = stripped.split("\n", 1)[0].strip()
    if "\n" not in stripped or not first_line or first_line.endswith((".", '"', "”")):
        return False
    return len(first_line.split()) <= 20


def find_dateline(text: str) -> Dateline | None:
    """The dateline at the head of a report, if it has one (after a headline line, if one comes first)."""
    found = _dateline_at(text, 0)
    if found is None:
        # "Sudan's warring parties sign truce\n\nMay 21, 2023 (KHARTOUM) – ...": a headline, then the report
        head = text.lstrip()
        first, sep, _ = head.partition("\n\n")
        if sep and "\n" not in first.strip() and len(first.split()) <= _HEADLINE_WORDS and not first.rstrip().endswith("."):
            found = _dateline_at(text, len(text) - len(head) + len(first) + len(sep))
    return found


_HEADLINE_WORDS = 20


def _dateline_at(text: str, start: int) -> Dateline | None:
    head = text[start:].lstrip()
    offset = len(text) - len(head)
    match = _DATELINE.match(head[:_MAX_DATELINE])
    if match is None:
        match = _DATE_FIRST_DATELINE.match(head[:_MAX_DATELINE])
        if match is None:
            return None
        return Dateline(offset, offset + match.end(), match.group("place"), offset + match.start("place"), None)
    place = match.group("place")
    # A dateline's place is written in capitals or followed by a date, a country or a source;
    # a sentence that merely starts with a capitalised word ("Police said:") is not one.
    evidence = place.isupper() or match.group("date") or match.group("source") or match.group("country") or match.group("paren")
    if not evidence or len(place) < 3:
        return None
    country = match.group("country") or match.group("paren")
    return Dateline(offset, offset + match.end(), place, offset + match.start("place"), country)
