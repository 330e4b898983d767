"""Event dates: the time expression that governs each event, through ``kb.timex``.

The article's text is tagged once (``kb.timex.tag(text, published_date)``); then,
for each mention (``choose_time``):

1. the expression attached in the parse to the event's own clause: climbing
   from the expression's head, the first event trigger or event-carrying verb met
   is this event's ("*On Wednesday*, militants launched an assault", "strikes
   killing over 50 ... *this week*", "signed a peace accord *in 2016*");
2. else the nearest expression before the trigger in the same sentence;
3. else (after coreference, ``events.py``) one found for another mention of the
   same event — the episode;
4. else the article date, ``unanchored``.

Only expressions that name a calendar period count (a TIMEX3 DATE or TIME value
starting with a year: ``2018-05-30``, ``2018-W22``, ``2018-02``, ``2016``);
durations, sets and vague references ("recently", "PAST_REF") do not date an
event. ``kb.timex.event_time`` turns the chosen expression into bounds at its
precision. If ``kb.timex`` cannot be imported every event is unanchored at the
article date, so the extractor still runs.
"""

from __future__ import annotations

import re
from datetime import date

from spacy.tokens import Span, Token

from kb.extract.document import Document
from kb.extract.mentions import Mention
from kb.extract.words import BOUNDARY_PREPS, word_list
from kb.model import EventTime, TimeExpression

_CALENDAR_VALUE = re.compile(r"^\d{3,4}(?:-|$|T)")
_MAX_CLIMB = 6

try:  # the temporal tagger is a sibling package
    from kb.timex import event_time as _event_time
    from kb.timex import tag as _tag
except ImportError:  # pragma: no cover - only while kb.timex is missing
    _tag = None
    _event_time = None


def tag_times(text: str, dct: date | None) -> list[TimeExpression]:
    """Time expressions of the whole article (empty when no tagger is available)."""
    if _tag is None:
        return []
    return list(_tag(text, dct))


def event_time(expression: TimeExpression | None, dct: date | None) -> EventTime:
    if _event_time is not None:
        return _event_time(expression, dct)
    return EventTime("unanchored", dct, dct, dct)


def is_calendar(expression: TimeExpression) -> bool:
    return expression.type in ("DATE", "TIME") and bool(_CALENDAR_VALUE.match(expression.value))


def anchors(mention: Mention) -> set[int]:
    """Tokens whose clause is this event's: the trigger and the verb carrying a trigger noun."""
    out = {mention.head.i}
    head = mention.phrase_head
    out.add(head.i)
    out.update(c.i for c in head.children if c.dep_ in ("acl", "relcl") and c.tag_ in ("VBN", "VBG")
               and not any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children))
    if not mention.is_verb:
        node = head
        if node.dep_ == "pobj" and node.head.dep_ == "prep":
            if node.head.lower_ in BOUNDARY_PREPS:
                return out  # "despite the truce, a bomb killed ... on Wednesday": not the truce's date
            node = node.head
        if node.dep_ in ("dobj", "nsubj", "nsubjpass", "prep", "attr") and node.head.tag_.startswith("VB"):
            out.add(node.head.i)
    return out


def choose_times(document: Document, mentions: list[Mention]) -> None:
    """Rules 1 and 2 for every mention (rule 3 and 4 come after coreference)."""
    owner: dict[int, list[Mention]] = {}
    for mention in mentions:
        for i in anchors(mention):
            owner.setdefault(i, []).append(mention)
    governed: dict[int, tuple[TimeExpression, Span]] = {}
    said: set[int] = set()  # expressions dating a report ("said on Wednesday"), not an event
    reporting = word_list("reporting_verbs", "factuality_cues.txt")
    for expression, span in document.time_tokens:
        if not is_calendar(expression):
            continue
        node: Token = span.root
        if node.dep_ in ("compound", "nmod", "amod", "poss", "nummod") and node.head.i not in owner:
            continue  # "the country's 2004 constitution": the year dates the constitution
        for _ in range(_MAX_CLIMB):
            if node.i in owner and not (span.start <= node.i < span.end):
                for mention in owner[node.i]:
                    governed.setdefault(id(mention), (expression, span))
                break
            if node.tag_.startswith("VB") and node.lemma_.lower() in reporting and not (span.start <= node.i < span.end):
                if span.start > node.i:
                    said.add(span.start)  # "said on Wednesday it had carried out ...": the day of the saying
                else:
                    # "Gunmen shot dead a leader ..., on Tuesday, the council said": the parser hung the
                    # date on "said", but it stands inside the report: it dates the reported event
                    reported = [m for i, ms in owner.items() for m in ms
                                if i < span.start and m.head.i in {t.i for t in node.subtree}]
                    if reported:
                        nearest = max(reported, key=lambda m: m.head.i)
                        governed.setdefault(id(nearest), (expression, span))
                break
            if node.head.i == node.i:
                break
            node = node.head
    for mention in mentions:
        found = governed.get(id(mention))
        if found is not None:
            mention.time_expression, mention.time_how = found[0], "clause"
            continue
        earlier = [(e, s) for e, s in document.time_tokens
                   if is_calendar(e) and s.start >= mention.sentence.start and s.end <= mention.head.i
                   and s.start not in said
                   and not (s.root.dep_ in ("compound", "nmod", "amod", "poss", "nummod") and s.root.head.i not in owner)]
        if earlier:
            mention.time_expression, mention.time_how = earlier[-1][0], "sentence"
