"""What every grammar rule shares: the :class:`Found` result, the :class:`Context` a
handler reads (text, publication date, tense), the regex building blocks made from
the lexicon, the ``@rule`` registry and small helpers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from functools import cache
from typing import Callable

from kb.timex import periods as P
from kb.timex.lexicon import alternation, lexicon
from kb.timex.tense import TenseReader


@dataclass(frozen=True)
class Found:
    """A time expression found by a rule, before overlaps are settled."""

    start: int
    end: int
    type: str  # DATE, TIME, DURATION, SET
    value: str
    clock: str | None = None  # "T04:00" for a clock time still to be given its day
    priority: int = 0


_WORD_BEFORE = re.compile(r"([\w'’-]+)[\s,]*$")


class Context:
    """What the rules need besides the match: the text, the publication date, tense."""

    def __init__(self, text: str, dct: date | None):
        self.text = text
        self.dct = dct
        self.reader = TenseReader(text)

    def direction(self, start: int, end: int) -> str:
        """``past``, ``future`` or ``nearest`` (present tense, or no cue) for a span."""
        tense = self.reader.tense(start, end)
        return tense if tense in ("past", "future") else "nearest"

    def relative_direction(self, rel: str | None, start: int, end: int) -> str:
        """The direction a relative word gives ("last Friday": strictly before, "next":
        strictly after, "this": the current one unless the tense says otherwise), else
        the clause's tense."""
        if rel:
            rel = " ".join(rel.lower().split())
            if rel in ("last", "past", "this past"):
                return "before"
            if rel in ("next", "coming", "this coming"):
                return "after"
            if rel == "this":
                direction = self.direction(start, end)
                return direction if direction != "nearest" else "current"
        return self.direction(start, end)

    def is_sentence_start(self, position: int) -> bool:
        """Whether only opening quotes or brackets stand between a sentence start and ``position``."""
        start, _ = self.reader.sentence(position)
        return not self.text[start:position].strip(" \t\"'“‘(")

    def word_before(self, position: int) -> tuple[str, int]:
        """The word right before ``position`` (skipping spaces and a comma) and its start."""
        match = _WORD_BEFORE.search(self.text, max(0, position - 40), position)
        return (match.group(1), match.start(1)) if match else ("", position)

    def previous_word(self, position: int) -> str:
        return self.word_before(position)[0]

    def is_name_before(self, position: int) -> bool:
        """A capitalised word right before, not opening the sentence: "Theresa May",
        "Bloody Sunday". All-capital words ("GMT Saturday") and the temporal signal
        words ("On Friday", "Since May") do not count."""
        word, start = self.word_before(position)
        if not word[:1].isupper() or word.isupper():
            return False
        lex = lexicon()
        if word.lower() in lex.signal_words or word.lower() == "on" or word in lex.months or word in lex.weekdays:
            return False
        return not self.is_sentence_start(start)

    def next_text(self, position: int, size: int = 30) -> str:
        return self.text[position : position + size]


def number_of(words: str) -> float | int | str:
    """A number from digits or words: "three" -> 3, "twenty-five" -> 25, "several" -> "X"."""
    text = " ".join(words.lower().replace(",", "").split())
    if re.fullmatch(r"\d+", text):
        return int(text)
    if re.fullmatch(r"\d*\.\d+", text):
        return float(text)
    numbers = lexicon().numbers
    if text in numbers:
        found = numbers[text]
        return found if found == "X" else int(found)
    total = 0
    for part in re.split(r"[\s-]+", text):
        if part not in numbers or numbers[part] == "X":
            return "X"
        total += int(numbers[part])
    return total


# ---------------------------------------------------------------------------
# Regex building blocks, inserted in rule patterns as %(NAME)s


def _case_insensitive(pattern: str) -> str:
    return "(?i:" + pattern + ")"


@cache
def blocks() -> dict[str, str]:
    lex = lexicon()
    ci = _case_insensitive
    tens = [w for w, v in lex.numbers.items() if v.isdigit() and int(v) in range(20, 100, 10)]
    ones = [w for w, v in lex.numbers.items() if v.isdigit() and 1 <= int(v) <= 9 and w not in ("a", "an")]
    compound_number = f"{alternation(tens)}[\\s-]+{alternation(ones)}"  # "twenty-five"
    abbreviated = ("hrs", "mins", "secs", "yrs")
    plural_units = [form for form in lex.units if form.endswith("s") and form not in abbreviated]
    return {
        # Month and weekday names are matched case-sensitively: "may" is a verb.
        "MONTH": alternation(lex.full_months, flexible_space=False),
        "MONTH_ANY": alternation(lex.months, flexible_space=False),
        "WEEKDAY": alternation(lex.weekdays, flexible_space=False),
        "WEEKDAYS": alternation([w + "s" for w in lex.weekdays], flexible_space=False),
        "HOLIDAY": alternation(lex.holidays),
        "TZ": alternation(lex.time_zones),
        "YEAR": r"(?:1[6-9]\d\d|20\d\d|21\d\d)",
        "NUM": r"(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?|" + ci(compound_number + "|" + alternation(lex.numbers)) + ")",
        "UNIT": ci(alternation(lex.units)),
        "UNITS": ci(alternation(plural_units)),
        "DAYPART": ci(alternation(lex.dayparts)),
        "SEASON": ci(alternation(lex.seasons)),
        "ORDINAL": ci(alternation(lex.ordinals)),
        "DECADE_WORD": ci(alternation(lex.decade_words)),
        "REF": ci(alternation(lex.references)),
        "ADVERB": alternation(lex.adverb_sets),
        # Left edge of a word that may carry a "mid-" prefix ("mid-May", "mid-2016").
        "L": r"(?:(?<=[Mm]id-)|(?<![\w-]))",
    }


# ---------------------------------------------------------------------------
# The rule registry


@dataclass(frozen=True)
class Rule:
    name: str
    pattern: re.Pattern
    handle: Callable[[re.Match, Context], "Found | list[Found] | None"]
    priority: int
    triggers: frozenset[str]  # lower-case tokens (or #num / #year) that wake the rule up


_RULE_SOURCES: list[tuple[str, str, Callable, tuple[str, ...]]] = []


def rule(pattern: str, triggers: tuple[str, ...]):
    """Register a handler for a pattern. ``%(NAME)s`` inserts a building block.

    ``triggers`` are the words one of which every match contains (a group of the
    lexicon such as ``"MONTH"``, a literal lower-case word, ``"#num"`` for any token
    with a digit, ``"#year"`` for a token with four digits in a row): the tagger runs
    the rule only around them, which keeps it fast on long texts.
    """

    def register(handler):
        _RULE_SOURCES.append((handler.__name__, pattern, handler, triggers))
        return handler

    return register


def trigger_words(spec: tuple[str, ...]) -> frozenset[str]:
    """The lower-case tokens a rule's trigger specification stands for."""
    lex = lexicon()
    groups = {
        "MONTH": [m.rstrip(".") for m in lex.months],
        "WEEKDAY": list(lex.weekdays),
        "WEEKDAYS": [w + "s" for w in lex.weekdays],
        "UNIT": list(lex.units),
        "SEASON": list(lex.seasons),
        "DAYPART": list(lex.dayparts),
        "DECADE_WORD": list(lex.decade_words),
        "HOLIDAY": [re.split(r"\W+", name)[0] for name in lex.holidays],
        "REF": [phrase.split()[-1] for phrase in lex.references],
        "ADVERB": list(lex.adverb_sets),
    }
    words: set[str] = set()
    for item in spec:
        words.update(w.lower() for w in groups.get(item, [item]))
    return frozenset(words)


# ---------------------------------------------------------------------------
# Helpers for handlers


def expression_span(m: re.Match) -> tuple[int, int]:
    """The expression's extent: the group ``x`` when the rule has one, else the match."""
    if "x" in m.re.groupindex and m.group("x") is not None:
        return m.span("x")
    return m.span()


def expression(m: re.Match, type_: str, value: str) -> Found:
    """The result of a rule that matched: its extent, TIMEX3 type and value."""
    start, end = expression_span(m)
    return Found(start, end, type_, value)


def pick_occurrence(ctx: Context, candidates: list[P.Period], direction: str) -> P.Period | None:
    """Among the occurrences of a recurring period, the one ``direction`` points to."""
    return P.pick(candidates, ctx.dct, direction)


def year_after(ctx: Context, relative_word: str) -> int | None:
    """The year "this/last/next year" names, when the publication date is known."""
    if ctx.dct is None:
        return None
    return ctx.dct.year + {"this": 0, "last": -1, "next": 1}[relative_word.lower()]
