"""The tagger's language data, read once from the files in ``data/``.

Everything English about the tagger that is a list rather than a rule lives in those
files (month and weekday names, number words, units, seasons, parts of the day,
holidays, tense cues), so that a reader can extend them without touching the grammar.
This module only parses them and offers them as dictionaries and regular-expression
alternations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA = Path(__file__).with_name("data")


def _rows(name: str) -> list[list[str]]:
    """The non-comment lines of a data file, split on tabs."""
    rows = []
    with open(DATA / name, encoding="utf-8") as handle:
        for line in handle:
            line = line.rstrip("\n")
            if not line.strip() or line.lstrip().startswith("#"):
                continue
            rows.append(line.split("\t"))
    return rows


def _words(name: str) -> list[str]:
    return [row[0].strip() for row in _rows(name)]


def alternation(phrases, *, flexible_space: bool = True) -> str:
    """A regex alternation of literal phrases, longest first (so the longest wins).

    Spaces inside a phrase match any run of whitespace, because news text wraps lines.
    """
    parts = []
    for phrase in sorted(set(phrases), key=len, reverse=True):
        escaped = re.escape(phrase)
        if flexible_space:
            escaped = escaped.replace(r"\ ", r"\s+")
        parts.append(escaped)
    return "(?:" + "|".join(parts) + ")"


@dataclass(frozen=True)
class Unit:
    """A calendar or clock unit: its TIMEX3 duration code and size in that code."""

    name: str  # the singular form, e.g. "decade"
    code: str  # Y, M, W, D, H, MIN, S
    size: int  # how many ``code`` one unit is (a decade is 10 Y)

    @property
    def is_clock(self) -> bool:
        return self.code in ("H", "MIN", "S")


@dataclass(frozen=True)
class Season:
    code: str  # SP, SU, FA, WI
    first_month: int
    months: int


@dataclass(frozen=True)
class Holiday:
    rule: str  # "fixed", "easter", "nth" or "table"
    args: tuple[str, ...]


@dataclass(frozen=True)
class Lexicon:
    months: dict[str, int]  # full names and abbreviations, as written -> 1..12
    full_months: dict[str, int]  # full names only
    ambiguous_months: frozenset[str]
    signal_words: frozenset[str]
    weekdays: dict[str, int]  # name -> ISO weekday
    numbers: dict[str, str]  # lower-cased word -> "3" or "X"
    units: dict[str, Unit]  # lower-cased form (singular or plural) -> Unit
    seasons: dict[str, Season]  # lower-cased name -> Season
    season_codes: dict[str, Season]
    dayparts: dict[str, str]  # lower-cased word -> MO/AF/EV/NI/MI/DT
    holidays: dict[str, Holiday]  # name as written -> rule
    lunar: dict[tuple[str, int], str]  # (table, year) -> "MM-DD"
    tense_cues: tuple[tuple[str, str], ...]  # (kind, regex phrase)
    irregular_past: frozenset[str]
    not_past_ed: frozenset[str]
    abbreviations: frozenset[str]
    references: dict[str, str]  # lower-cased phrase -> PRESENT_REF/PAST_REF/FUTURE_REF
    ordinals: dict[str, int]  # "first" -> 1
    decade_words: dict[str, int]  # "nineties" -> 9
    time_zones: tuple[str, ...]
    year_blockers: frozenset[str]
    not_infinitive: frozenset[str]
    adverb_sets: dict[str, str]  # "annually" -> "P1Y"


def _with_capitals(words) -> list[str]:
    """Each word as written plus its ALL-CAPS form (headlines, datelines)."""
    out = []
    for word in words:
        out.append(word)
        out.append(word.upper())
    return out


@cache
def lexicon() -> Lexicon:
    months: dict[str, int] = {}
    full_months: dict[str, int] = {}
    for row in _rows("months.tsv"):
        number = int(row[0])
        for form in _with_capitals([row[1]]):
            months[form] = full_months[form] = number
        if len(row) > 2 and row[2].strip():
            for form in _with_capitals(row[2].split("|")):
                months[form] = number

    weekdays = {}
    for row in _rows("weekdays.tsv"):
        for form in _with_capitals([row[1]]):
            weekdays[form] = int(row[0])

    units = {}
    for row in _rows("units.tsv"):
        forms = row[0].split("|")
        unit = Unit(forms[0], row[1], int(row[2]))
        for form in forms:
            units[form] = unit

    seasons, season_codes = {}, {}
    for row in _rows("seasons.tsv"):
        season = Season(row[0], int(row[2]), int(row[3]))
        season_codes[row[0]] = season
        for name in row[1].split("|"):
            seasons[name] = season

    holidays = {}
    for row in _rows("holidays.tsv"):
        rule, *args = row[1].split()
        for name in row[0].split("|"):
            holidays[name] = Holiday(rule, tuple(args))

    lunar = {(row[0], int(row[1])): row[2] for row in _rows("lunar_holidays.tsv")}

    return Lexicon(
        months=months,
        full_months=full_months,
        ambiguous_months=frozenset(_with_capitals(_words("ambiguous_months.txt"))),
        signal_words=frozenset(_words("signal_words.txt")),
        weekdays=weekdays,
        numbers={row[0]: row[1] for row in _rows("numbers.tsv")},
        units=units,
        seasons=seasons,
        season_codes=season_codes,
        dayparts={row[0]: row[1] for row in _rows("dayparts.tsv")},
        holidays=holidays,
        lunar=lunar,
        tense_cues=tuple((row[0], row[1]) for row in _rows("tense_cues.tsv")),
        irregular_past=frozenset(_words("irregular_past.txt")),
        not_past_ed=frozenset(_words("not_past_ed.txt")),
        abbreviations=frozenset(_words("abbreviations.txt")),
        references={row[1].lower(): row[0] for row in _rows("references.tsv")},
        ordinals={row[0]: int(row[1]) for row in _rows("ordinals.tsv")},
        decade_words={row[0]: int(row[1]) for row in _rows("decade_words.tsv")},
        time_zones=tuple(_words("time_zones.txt")),
        year_blockers=frozenset(_words("year_blockers.txt")),
        not_infinitive=frozenset(_words("not_infinitive.txt")),
        adverb_sets={row[0]: row[1] for row in _rows("adverb_sets.tsv")},
    )
