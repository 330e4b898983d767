"""Event dates: the time expression that governs each event, through ``kb.timex``.

The article's text is tagged once (``kb.timex.tag(text, published_date)``); then,
for each mention (``choose_time``):

1. the expression attached in the parse to the event's own clause: climbing
   from the expression's head, the first event trigger or event-carrying verb met
   is this event's ("*On Wednesday*, militants launched an assault", "strikes
   killing over 50 ... *this week*", "signed a peace accord *in 2016*");
2. else the nearest expression before the trigger in the same sentence;
3. a day told relative to the event before (``relative_times``): "*A day later*, a
   bomb exploded" is the day after the last event dated to the day; "*the next day*",
   "*hours later*", "*that night*" alike; "came *two days after* X declared a
   ceasefire" puts X two days before the event told before it, and so does "struck
   again on Tuesday, *a day after* a market was bombed" when the parser hangs the
   clause's subject on "after";
4. else (after coreference, ``events.py``) one found for another mention of the
   same event, in the sentence after it ("It happened on Saturday") or in the
   paragraph before it when that told the same place — the episode;
5. else the article date, ``unanchored``.

Only expressions that name a calendar period count (a TIMEX3 DATE or TIME value
starting with a year: ``2018-05-30``, ``2018-W22``, ``2018-02``, ``2016``);
durations, sets and vague references ("recently", "PAST_REF") do not date an
event. ``kb.timex.event_time`` turns the chosen expression into bounds at its
precision. If ``kb.timex`` cannot be imported every event is unanchored at the
article date, so the extractor still runs.
"""

from __future__ import annotations

import re
from dataclasses import replace
from datetime import date, timedelta

from functools import lru_cache
from pathlib import Path

from spacy.tokens import Span, Token

from kb.extract.document import Document
from kb.extract.mentions import Mention
from kb.extract.places import side_clause
from kb.extract.words import BOUNDARY_PREPS, word_list
from kb.model import EventTime, TimeExpression

_END_PREPS = frozenset({"until", "till", "til", "through", "to"})
_CALENDAR_VALUE = re.compile(r"^\d{3,4}(?:-|$|T)")
_MAX_CLIMB = 8

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


_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_DAY_VALUE = re.compile(r"^(\d{4}-\d{2}-\d{2})(.*)$")


def planned_event_time(expression: TimeExpression, dct: date | None) -> EventTime:
    """The time of a planned event: "is due to meet Putin on Tuesday" is the coming Tuesday, though a
    bare weekday in news is read as the last one (the tagger does not know the event is ahead)."""
    words = expression.text.lower().split()
    match = _DAY_VALUE.match(expression.value)
    if dct is not None and match and len(words) <= 3 and any(w in _WEEKDAYS for w in words) \
            and not {"last", "past", "previous"} & set(words):
        day = date.fromisoformat(match.group(1))
        if day < dct:
            day += timedelta(days=7)
            expression = replace(expression, value=day.isoformat() + match.group(2))
    return event_time(expression, dct)


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
        if node.dep_ in ("dobj", "nsubj", "nsubjpass", "prep", "attr") and node.head.tag_.startswith("VB") \
                and node.head.lemma_.lower() not in word_list("claim_verbs", "event_words.txt"):
            out.add(node.head.i)  # (but "claimed the ambush on Wednesday" dates the claim, not the ambush)
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
        if node.dep_ == "pobj" and node.head.lower_ in _END_PREPS:
            continue  # "the fighting, which lasted until Sunday": when it ended, not when it began
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
        clause = side_clause(mention.head)
        earlier = [(e, s) for e, s in document.time_tokens
                   if is_calendar(e) and s.start >= mention.sentence.start and s.end <= mention.head.i
                   and s.start not in said
                   # "took effect on Saturday after talks in Cairo": the day is not the talks'
                   and (clause is None or side_clause(s.root) == clause)
                   and not (s.root.dep_ in ("compound", "nmod", "amod", "poss", "nummod") and s.root.head.i not in owner)]
        if earlier:
            mention.time_expression, mention.time_how = earlier[-1][0], "sentence"


# -- days told relative to another event --------------------------------------------------------

_DURATION = re.compile(r"^P(?:T(?P<hours>\d+|X)H|(?P<days>\d+|X)D|(?P<weeks>\d+)W)$")
_LATER = frozenset({"later", "afterwards", "afterward", "on"})
_AFTER = frozenset({"after", "before"})


def relative_times(document: Document, mentions: list[Mention]) -> None:
    """Date the mentions told relative to the event before them (rule 3), in text order.

    The anchor is the last mention before, in the same or an earlier sentence, dated to the day
    by its own clause (or by this rule). A mention with a date of its own clause keeps it.
    """
    phrases = _relative_phrases()
    anchor: date | None = None  # the day of the last event dated in an earlier sentence
    latest: date | None = None  # the day of the last event dated so far
    current = -1
    by_sentence: dict[int, list[Mention]] = {}
    for mention in mentions:
        by_sentence.setdefault(mention.sentence_index, []).append(mention)
    for mention in sorted(mentions, key=lambda m: m.head.i):
        if mention.sentence_index != current:
            anchor, current = latest or anchor, mention.sentence_index
        own = mention.time is not None and mention.time_how == "clause" and mention.time.precision == "day"
        if own:
            latest = mention.time.earliest
            continue
        if mention.time_how == "clause" and mention.time is not None and mention.time.precision != "unanchored":
            continue
        found = _relative_cue(mention, document, phrases)
        if found is None:
            continue
        offset, words, told = found
        others = [m for m in by_sentence[mention.sentence_index] if m is not mention and m.time_how == "clause"
                  and m.time is not None and m.time.precision == "day"]
        reference = anchor
        if told == "under":
            if mention.definite and not (mention.place_how == "syntax" or mention.casualties):
                # "two days before the ceasefire began": the ceasefire told before keeps its day (but "a
                # day after the attack launched at the army headquarters in X" tells a new one)
                continue
            # "came two days after X declared": the main clause's own day, when it has one, is the reference
            main = [m for m in others if not _under(m, told_word(mention, document))]
            reference = main[0].time.earliest if main else anchor
        elif told == "main":
            # "Hours before the talks opened, a missile hit ...": the day of the event after "before"
            under = [m for m in others if _under(m, told_word(mention, document))]
            reference = under[0].time.earliest if under else _antecedent_day(mention, mentions, document) or anchor
        if reference is None:
            continue
        day = reference + timedelta(days=offset)
        mention.time = EventTime("day", day, day, day, words, day.isoformat())
        mention.time_how = "clause"
        if told != "under":
            latest = day


def _antecedent_day(mention: Mention, mentions: list[Mention], document: Document) -> date | None:
    """"Two days before the ceasefire began, ...": the day of the event the clause names again, found
    as the latest earlier mention of its class dated to the day by its own clause."""
    word = told_word(mention, document)
    named = [m for m in mentions if m is not mention and m.sentence_index == mention.sentence_index
             and _under(m, word) and m.definite]
    for other in named:
        earlier = [m for m in mentions if m.head.i < other.head.i and m.event_class == other.event_class
                   and m.time is not None and m.time_how == "clause" and m.time.precision == "day"]
        if earlier:
            return earlier[-1].time.earliest
    # "Hours before the signing, ...": the event whose verb the noun names ("signed an agreement")
    nouns = [o for o in word.children if o.dep_ == "pobj" and any(d.lower_ == "the" for d in o.children)]
    for noun in nouns:
        stem = noun.lemma_.lower().removesuffix("ing")
        earlier = [m for m in mentions if m.head.i < word.i and m.sentence_index < mention.sentence_index
                   and m.time is not None and m.time_how == "clause" and m.time.precision == "day"
                   and stem in {m.head.lemma_.lower(), m.phrase_head.head.lemma_.lower()}]
        if earlier:
            return earlier[-1].time.earliest
    return None


def told_word(mention: Mention, document: Document) -> Token:
    """The "after/before" that follows a length in the mention's sentence."""
    sentence = mention.sentence
    for expression, span in document.time_tokens:
        if sentence.start <= span.start < sentence.end and span.end < sentence.end and \
                document.doc[span.end].lower_ in _AFTER:
            return document.doc[span.end]
    return mention.head


def _relative_cue(mention: Mention, document: Document, phrases: dict[str, int]) -> tuple[int, str, str] | None:
    """(offset in days from the reference, the words, where the event is told: "under" a clause of
    "N days after/before", in the "main" clause of one, or after "later" and the like: "anchor")."""
    sentence = mention.sentence
    own = anchors(mention)
    # "A day later, ...", "Hours later, ...": a length the tagger found, then "later"
    for expression, span in document.time_tokens:
        if not (sentence.start <= span.start < sentence.end) or expression.type != "DURATION":
            continue
        match = _DURATION.match(expression.value)
        if match is None or span.end >= sentence.end:
            continue
        after = document.doc[span.end]
        days = _days(match)
        if days is None:
            continue
        if after.lower_ in _LATER - {"on"} and _governs(span.root, after, own, mention):
            return days, document.doc[span.start:span.end + 1].text, "anchor"
        if after.lower_ in _AFTER and _under(mention, after) and not _ends(after):
            # "came two days after President X declared a ceasefire": X's event is that much earlier
            return (-days if after.lower_ == "after" else days), document.doc[span.start:span.end + 1].text, "under"
        if after.lower_ in _AFTER and span.start - sentence.start <= 1:
            # "Hours before the talks opened, a missile hit ...": this event is that much before the other
            return (days if after.lower_ == "after" else -days), document.doc[span.start:span.end + 1].text, "main"
    # "the next day", "the following morning", "later that day"
    words = [t.lower_ for t in sentence]
    firsts = _first_words()
    for i, word in enumerate(words):
        if word not in firsts:
            continue
        for phrase, offset in phrases.items():
            parts = phrase.split()
            if words[i:i + len(parts)] == parts:
                token = sentence[i]
                if _governs(token, token, own, mention) or i < 3:
                    return offset, sentence[i:i + len(parts)].text, "anchor"
    return None


@lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    return frozenset(phrase.split()[0] for phrase in _relative_phrases())


def _days(match) -> int | None:
    if match.group("hours"):
        return 0  # "hours later": the same day
    if match.group("days"):
        return 1 if match.group("days") == "X" else int(match.group("days"))
    if match.group("weeks"):
        return 7 * int(match.group("weeks"))
    return None


def _governs(root: Token, cue: Token, own: set[int], mention: Mention) -> bool:
    """Whether a relative expression stands in the mention's own clause (climbing from it, the
    first event anchor met is this mention's), or opens the sentence the mention is in."""
    node = root
    for _ in range(_MAX_CLIMB):
        if node.i in own:
            return True
        if node.head.i == node.i:
            break
        node = node.head
    return root.i - mention.sentence.start <= 2 and mention.head.i > root.i


_END_VERBS = frozenset({"expire", "end", "lapse", "collapse", "finish", "close", "break", "fail", "conclude"})


def _ends(word: Token) -> bool:
    """"hours after a ceasefire expired": the clause tells when the event ended, not when it began."""
    clause = word.head if word.dep_ == "mark" else word
    return clause.lemma_.lower() in _END_VERBS


def _under(mention: Mention, word: Token) -> bool:
    """Whether the mention's trigger lies in the clause that "after/before" introduces."""
    clause = word.head if word.dep_ == "mark" else word
    subtree = {t.i for t in clause.subtree}
    if mention.head.i in subtree and mention.head.i > word.i:
        return True
    # "a day after a market in the town was bombed": the parser took the clause's subject for the
    # object of "after" and hung the verb elsewhere; the verb with no subject of its own that
    # follows that object, with no other verb between, is the clause's
    head = mention.head
    # (a subject that is the length itself, "*a day* after ... was bombed", is the parser's slip too)
    if not (mention.is_verb and word.dep_ == "prep" and head.i > word.i) or \
            any(c.dep_ in ("nsubj", "nsubjpass") and c.i != word.head.i for c in head.children):
        return False
    objects = [c for c in word.children if c.dep_ == "pobj" and c.i < head.i]
    if not objects:
        return False
    between = head.doc[max(t.i for t in objects[0].subtree) + 1:head.i]
    return all(not t.tag_.startswith("VB") or t.dep_ in ("aux", "auxpass") for t in between)


@lru_cache(maxsize=1)
def _relative_phrases() -> dict[str, int]:
    """Relative day phrases and their offsets, from ``data/relative_days.tsv``."""
    out = {}
    for line in (Path(__file__).with_name("data") / "relative_days.tsv").read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            phrase, offset = line.split("\t")[:2]
            out[phrase.strip().lower()] = int(offset)
    return dict(sorted(out.items(), key=lambda item: -len(item[0].split())))
