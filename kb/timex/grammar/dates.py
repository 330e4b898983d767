"""Rules for calendar dates named outright or by their parts: explicit dates in the
usual news forms, months, days of the month, years, decades, centuries, seasons,
quarters, halves and holidays.

A date without a year ("May 30", "February", "the first quarter", "Christmas")
takes the occurrence the clause's tense points to (see ``tense.py`` and
``periods.pick``); without a publication date it keeps X placeholders.
"""

from __future__ import annotations

import re
from datetime import date

from kb.timex import periods as P
from kb.timex.grammar.base import Context, Found, expression, expression_span, pick_occurrence, rule, year_after
from kb.timex.lexicon import lexicon


def _valid_day(year: int, month: int, day: int) -> date | None:
    try:
        return date(year, month, day)
    except ValueError:
        return None


def _two_digit_year(yy: int, dct: date | None) -> int:
    """'18 -> 2018: the century that puts the year at most a year after publication.
    Without a publication date, 00-49 are read as 2000-2049 and 50-99 as 1950-1999."""
    if dct is None:
        return 2000 + yy if yy < 50 else 1900 + yy
    year = dct.year - dct.year % 100 + yy
    return year - 100 if year > dct.year + 1 else year


def _month_number(name: str) -> int:
    return lexicon().months[name]


# ---------------------------------------------------------------------------
# Explicit dates


@rule(
    r"(?<![\w/.-])(?P<y>%(YEAR)s)[-/](?P<m>\d{1,2})[-/](?P<d>\d{1,2})"
    r"(?:T(?P<H>[01]\d|2[0-3]):(?P<M>[0-5]\d)(?::\d\d)?)?(?![\w/-])",
    triggers=("#year",),
)
def iso_date(m, ctx):
    """2018-05-30, 2018/05/30, 2018-05-30T04:00."""
    day = _valid_day(int(m["y"]), int(m["m"]), int(m["d"]))
    if day is None:
        return None
    if m["H"]:
        return expression(m, "TIME", f"{day.isoformat()}T{m['H']}:{m['M']}")
    return expression(m, "DATE", day.isoformat())


@rule(
    r"(?<![\w/.,-])(?P<a>\d{1,2})(?P<sep>[/.])(?P<b>\d{1,2})(?P=sep)(?P<y>\d{4}|\d{2})(?![\w/]|\.\d)",
    triggers=("#num",),
)
def numeric_date(m, ctx):
    """5/30/2018 (US order), 30/5/2018 (only day first is possible), 30.05.2018."""
    a, b = int(m["a"]), int(m["b"])
    year = int(m["y"]) if len(m["y"]) == 4 else _two_digit_year(int(m["y"]), ctx.dct)
    if m["sep"] == "." or a > 12:
        month, day = b, a
    else:  # 5/6/2018 is ambiguous: month first, the usage of the US wires
        month, day = a, b
    found = _valid_day(year, month, day) if 1 <= month <= 12 else None
    return expression(m, "DATE", found.isoformat()) if found else None


def _month_day(m, ctx, month: int, day: int) -> Found | None:
    if not 1 <= day <= 31:
        return None
    if m["y"]:
        found = _valid_day(int(m["y"]), month, day)
        return expression(m, "DATE", found.isoformat()) if found else None
    if ctx.dct is None:
        return expression(m, "DATE", f"XXXX-{month:02d}-{day:02d}")
    start, end = expression_span(m)
    period = pick_occurrence(ctx, P.month_day_occurrences(month, day, ctx.dct), ctx.direction(start, end))
    return expression(m, "DATE", period.value) if period else None


@rule(
    r"%(L)s(?:(?P<wd>%(WEEKDAY)s),?\s+)?(?:the\s+)?(?P<mon>%(MONTH_ANY)s)\s+(?:the\s+)?"
    r"(?P<d>\d{1,2})(?:st|nd|rd|th)?(?![\d:]|\s*(?:%%|percent))(?:,?\s+(?P<y>%(YEAR)s)(?![\w-]))?",
    triggers=("MONTH",),
)
def month_day(m, ctx):
    """May 30, 2018; May 30; Wednesday, May 30; Sept. 11, 2001; June 15th."""
    return _month_day(m, ctx, _month_number(m["mon"]), int(m["d"]))


@rule(
    r"(?<![\w.,$-])(?:(?P<wd>%(WEEKDAY)s),?\s+)?(?:the\s+)?(?P<d>\d{1,2})(?:st|nd|rd|th)?(?:\s+of)?\s+"
    r"(?P<mon>%(MONTH_ANY)s)(?![\w-])(?:,?\s+(?P<y>%(YEAR)s)(?![\w-]))?",
    triggers=("MONTH",),
)
def day_month(m, ctx):
    """30 May 2018; 30 May; Tuesday, 29 May; the 5th of June."""
    return _month_day(m, ctx, _month_number(m["mon"]), int(m["d"]))


@rule(
    r"(?<![\w-])(?:(?:the\s+)?(?:(?:%(ORDINAL)s|last|final)\s+)?(?i:days?|week|weekend)\s+of\s+)?"
    r"(?P<mon>%(MONTH_ANY)s),?\s+(?:of\s+)?(?P<y>%(YEAR)s)(?![\w-])",
    triggers=("MONTH",),
)
def month_year(m, ctx):
    """May 2010; Sept 2016; the first week of June 2018 (kept at month precision)."""
    return expression(m, "DATE", f"{int(m['y']):04d}-{_month_number(m['mon']):02d}")


@rule(
    r"%(L)s(?P<mon>%(MONTH_ANY)s),?\s+(?:of\s+)?(?P<yrel>(?i:this|last|next))\s+year(?![\w-])",
    triggers=("MONTH",),
)
def month_of_relative_year(m, ctx):
    """January of last year; March next year."""
    month = _month_number(m["mon"])
    year = year_after(ctx, m["yrel"])
    return expression(m, "DATE", f"{year:04d}-{month:02d}" if year else f"XXXX-{month:02d}")


@rule(
    r"%(L)s(?:(?P<rel>(?i:last|next|this\s+past|this\s+coming|this|coming))\s+)?(?P<mon>%(MONTH)s)(?![\w-])",
    triggers=("MONTH",),
)
def bare_month(m, ctx):
    """February; last July; next March: a month without a year keeps month precision."""
    lex = lexicon()
    name = m["mon"]
    start, end = expression_span(m)
    if not m["rel"]:
        before, before_start = ctx.word_before(start)
        linked = before.lower() in ("and", "or", "to") and ctx.previous_word(before_start) in lex.full_months
        if before.lower().rstrip("-") not in lex.signal_words and not linked:
            if name in lex.ambiguous_months:
                return None  # "May" the verb, "Theresa May", "March" the protest
            if re.match(r"\s+[A-Z][a-z]", ctx.next_text(end)) or ctx.is_name_before(start):
                return None  # part of a name: "June Carter", "Rev. August Smith"
    month = _month_number(name)
    if ctx.dct is None:
        return expression(m, "DATE", f"XXXX-{month:02d}")
    candidates = P.month_occurrences(month, ctx.dct)
    if m["rel"] and m["rel"].lower() == "this":
        candidates = [p for p in candidates if p.start.year == ctx.dct.year]
    period = pick_occurrence(ctx, candidates, ctx.relative_direction(m["rel"], start, end))
    return expression(m, "DATE", period.value) if period else None


@rule(
    r"(?<![\w-])(?:(?P<sig>(?i:on|by|until|till|since|from|before|after|through|of))\s+)"
    r"(?P<x>the\s+(?P<d>\d{1,2})(?:st|nd|rd|th))(?![\w-])(?!\s+(?:of\s+)?[a-z])",
    triggers=("#num",),
)
def day_of_month(m, ctx):
    """"on the 28th": a day of the month the clause's tense points to."""
    day = int(m["d"])
    if not 1 <= day <= 31 or re.match(r"\s+[A-Z]", ctx.next_text(m.end())):
        return None  # "the 1st Battalion"
    if ctx.dct is None:
        return expression(m, "DATE", f"XXXX-XX-{day:02d}")
    start, end = expression_span(m)
    period = pick_occurrence(ctx, P.day_of_month_occurrences(day, ctx.dct), ctx.direction(start, end))
    return expression(m, "DATE", period.value) if period else None


# ---------------------------------------------------------------------------
# Years, decades, centuries


def _counts_things(ctx: Context, end: int) -> bool:
    """A four-digit number followed by what it counts ("1500 troops") is no year."""
    following = re.match(r"\s*([A-Za-z]+)", ctx.next_text(end))
    return bool(following) and following.group(1).lower() in lexicon().year_blockers


_NOT_A_YEAR_BEFORE = re.compile(r"(?i)(?:no\.|number|flight|route|room|code|\$|€|£|#)\s*$")


@rule(
    r"(?<![\w$€£#/.,:])(?<![0-9]-)"
    r"(?:(?i:fiscal(?:\s+year)?|financial\s+year|calendar\s+year|the\s+year)\s+|FY\s?)?"
    r"(?P<y>%(YEAR)s)(?![\w%%/:]|[-–]\d|[.,]\d)",
    triggers=("#year",),
)
def year(m, ctx):
    """2016; the year 2016; fiscal 2017; FY2017 (TempEval-3 writes fiscal years as years)."""
    start, end = m.span()
    value = int(m["y"])
    if _counts_things(ctx, end) or _NOT_A_YEAR_BEFORE.search(ctx.text, max(0, start - 12), start):
        return None
    if value < 1900 and ctx.previous_word(start).lower() not in lexicon().signal_words:
        return None  # older years need "in", "since", "of" ... before them
    return expression(m, "DATE", f"{value:04d}")


@rule(
    r"(?<![\w$€£#/.,:])(?P<y1>%(YEAR)s)\s?[-–/]\s?(?P<y2>\d{4}|\d{2})(?![\w%%/:-]|[.,]\d)",
    triggers=("#year",),
)
def year_range(m, ctx):
    """2009-2010, 1957-58, 2016/17: two DATEs, as TimeML annotates ranges."""
    first = int(m["y1"])
    second = int(m["y2"]) if len(m["y2"]) == 4 else first - first % 100 + int(m["y2"])
    if not first < second <= first + 30 or _counts_things(ctx, m.end()):
        return None
    return [
        Found(m.start("y1"), m.end("y1"), "DATE", f"{first:04d}"),
        Found(m.start("y2"), m.end("y2"), "DATE", f"{second:04d}"),
    ]


@rule(
    r"(?<![\w-])(?:the\s+)?(?:(?i:early|mid|late)[\s-]+)?"
    r"(?:(?P<full>(?:1[6-9]|20)\d0)|['’‘](?P<two>\d)0|(?<=the\s)(?P<bare>[2-9])0)['’]?s(?![\w-])",
    triggers=("#num",),
)
def decade(m, ctx):
    """the 1990s, the '90s, the 90s (value 199), the early 2000s."""
    if m["full"]:
        return expression(m, "DATE", m["full"][:3])
    digit = int(m["two"] or m["bare"])
    if ctx.dct is None:
        return expression(m, "DATE", f"XX{digit}")
    # '90s: the latest such decade that has begun by the publication date
    first = ctx.dct.year - ctx.dct.year % 100 + 10 * digit
    if first > ctx.dct.year:
        first -= 100
    return expression(m, "DATE", f"{first // 10:03d}")


@rule(
    r"(?<![\w-])(?:the\s+)?(?:(?i:early|mid|late)[\s-]+)?(?P<w>%(DECADE_WORD)s)(?![\w-])",
    triggers=("DECADE_WORD",),
)
def decade_in_words(m, ctx):
    """the nineties, the late sixties (twentieth century)."""
    if not m.group().lower().startswith(("the", "early", "mid", "late")):
        return None  # "in his forties" is an age
    if ctx.previous_word(m.start()).lower() in ("his", "her", "their", "my", "your", "our"):
        return None
    return expression(m, "DATE", f"19{lexicon().decade_words[m['w'].lower()]}")


@rule(
    r"(?<![\w-])(?:the\s+)?(?:(?P<n>\d{1,2})(?:st|nd|rd|th)|(?P<w>%(ORDINAL)s))[\s-]+(?i:century)(?![\w-])",
    triggers=("century",),
)
def century(m, ctx):
    """the 20th century -> 19 (TIMEX3 names a century by its leading digits)."""
    number = int(m["n"]) if m["n"] else lexicon().ordinals[m["w"].lower()]
    if not 1 <= number <= 22:
        return None
    return expression(m, "DATE", f"{number - 1:02d}")


# ---------------------------------------------------------------------------
# Seasons, quarters, halves

_AFTER_SEASON_NOUN = frozenset("and or when as to with before after in at on that".split())


@rule(
    r"%(L)s(?:(?P<sig>(?i:in|during|by|until|till|through|throughout|over|since|before|after|from|early|late"
    r"|mid|of|for))[\s-]+)?"
    r"(?P<x>(?:(?P<the>(?i:the))\s+)?(?:(?P<rel>(?i:last|next|this\s+past|this\s+coming|this|coming|past))\s+)?"
    r"(?P<s>%(SEASON)s)(?:\s+(?:of\s+)?(?P<y>%(YEAR)s))?)(?![\w-])",
    triggers=("SEASON",),
)
def season(m, ctx):
    """last summer -> 2017-SU; the spring of 2016; in the autumn; this winter."""
    season = lexicon().seasons[m["s"].lower()]
    start, end = m.span("x")
    if m["y"]:
        return Found(start, end, "DATE", f"{int(m['y']):04d}-{season.code}")
    if not m["rel"] and not (m["sig"] and (m["the"] or m["s"].lower() != "fall")):
        return None  # "spring" the verb, "fall" the noun, "summer camp"
    after = ctx.next_text(end)
    if re.match(r"\s+of\s+(?!\d)", after):
        return None  # "the fall of Kabul"
    following = re.match(r"\s+([a-z]+)", after)
    if following and m["the"] and not m["rel"] and following.group(1) not in _AFTER_SEASON_NOUN:
        return None  # "during the spring offensive": a noun modifier
    if ctx.dct is None:
        return Found(start, end, "DATE", f"XXXX-{season.code}")
    candidates = P.season_occurrences(season, ctx.dct)
    if m["rel"] and m["rel"].lower() == "this":
        # this summer: the one under way, else the one of the publication year
        current = [p for p in candidates if p.contains(ctx.dct)]
        current = current or [p for p in candidates if p.start.year == ctx.dct.year]
        return Found(start, end, "DATE", current[0].value)
    period = pick_occurrence(ctx, candidates, ctx.relative_direction(m["rel"], start, end))
    return Found(start, end, "DATE", period.value) if period else None


_QUARTER_NUMBERS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "1st": 1, "2nd": 2, "3rd": 3, "4th": 4}


@rule(
    r"(?<![\w-])(?:the\s+)?(?P<ord>(?i:first|second|third|fourth|1st|2nd|3rd|4th))[\s-]+(?i:quarter)(?![\w-])"
    r"(?:\s+of\s+(?:(?P<y>%(YEAR)s)|(?P<yrel>(?i:this|last|next))\s+year|the\s+year)|,?\s+(?P<y2>%(YEAR)s))?",
    triggers=("quarter",),
)
def quarter(m, ctx):
    """the first quarter -> 2018-Q1; the fourth quarter of 2017; first-quarter profit."""
    number = _QUARTER_NUMBERS[m["ord"].lower()]
    start, end = m.span()
    if m["y"] or m["y2"]:
        return expression(m, "DATE", f"{int(m['y'] or m['y2']):04d}-Q{number}")
    if m["yrel"]:
        year = year_after(ctx, m["yrel"])
        return expression(m, "DATE", f"{year:04d}-Q{number}" if year else f"XXXX-Q{number}")
    if re.match(r"\s+of\s+(?:the\s+)?(?!year)[a-z]", ctx.next_text(end)):
        return None  # "the first quarter of the match"
    if ctx.dct is None:
        return expression(m, "DATE", f"XXXX-Q{number}")
    period = pick_occurrence(ctx, P.quarter_occurrences(number, ctx.dct), ctx.direction(start, end))
    return expression(m, "DATE", period.value) if period else None


@rule(
    r"(?<![\w-])(?:Q(?P<q>[1-4])\s*(?:(?P<y>%(YEAR)s)|['’](?P<yy>\d\d))|(?P<y2>%(YEAR)s)\s*Q(?P<q2>[1-4]))(?![\w-])",
    triggers=("#num",),
)
def quarter_code(m, ctx):
    """Q2 2018, Q2 '18, 2018 Q2."""
    number = int(m["q"] or m["q2"])
    year = _two_digit_year(int(m["yy"]), ctx.dct) if m["yy"] else int(m["y"] or m["y2"])
    return expression(m, "DATE", f"{year:04d}-Q{number}")


@rule(
    r"(?<![\w-])(?:the\s+)?(?P<ord>(?i:first|second|latter))\s+half\s+of\s+"
    r"(?:(?P<y>%(YEAR)s)|(?P<yrel>(?i:this|last|next))\s+year|(?P<cur>the\s+year))(?![\w-])",
    triggers=("half",),
)
def half_year(m, ctx):
    """the second half of next year -> 2019-H2."""
    number = 1 if m["ord"].lower() == "first" else 2
    if m["y"]:
        year = int(m["y"])
    else:
        year = year_after(ctx, m["yrel"] or "this")
    return expression(m, "DATE", f"{year:04d}-H{number}" if year else f"XXXX-H{number}")


# ---------------------------------------------------------------------------
# Holidays


@rule(
    r"(?<![\w-])(?:(?P<rel>(?i:last|next|this))\s+)?(?P<h>%(HOLIDAY)s)(?:,?\s+(?P<y>%(YEAR)s))?(?![\w-])",
    triggers=("HOLIDAY",),
)
def holiday(m, ctx):
    """Christmas, Good Friday, Eid al-Fitr, Nowruz (data/holidays.tsv)."""
    found = lexicon().holidays[re.sub(r"\s+", " ", m["h"])]
    if m["y"]:
        day = P.holiday_date(found, int(m["y"]))
        return expression(m, "DATE", day.isoformat()) if day else None
    if ctx.dct is None:
        return expression(m, "DATE", P.holiday_unresolved(found))
    start, end = m.span()
    # A holiday is often named in a noun phrase ("announced a ceasefire over the Eid
    # holiday") that a past verb does not date: only a future cue or "last/next/this"
    # moves it off the nearest occurrence.
    direction = ctx.relative_direction(m["rel"], start, end)
    if not m["rel"] and direction != "future":
        direction = "nearest"
    candidates = P.holiday_occurrences(found, ctx.dct)
    if direction == "current":
        candidates = [p for p in candidates if p.start.year == ctx.dct.year]
    period = pick_occurrence(ctx, candidates, direction)
    return expression(m, "DATE", period.value) if period else None
