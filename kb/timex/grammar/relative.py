"""Rules for times named relative to publication: weekdays, today/yesterday/tomorrow,
parts of the day, this/last/next week, "two days ago", and the words for the
present, the past and the future (PRESENT_REF, PAST_REF, FUTURE_REF)."""

from __future__ import annotations

import re

from kb.timex import periods as P
from kb.timex.grammar.base import expression, number_of, pick_occurrence, rule
from kb.timex.lexicon import lexicon

# ---------------------------------------------------------------------------
# Weekdays, days relative to publication, parts of the day


@rule(
    r"(?<![\w-])(?:(?P<rel>(?i:last|next|this\s+past|this\s+coming|this|coming|past))\s+)?"
    r"(?P<wd>%(WEEKDAY)s)(?:\s+(?P<dp>%(DAYPART)s))?(?![\w-])",
    triggers=("WEEKDAY",),
)
def weekday(m, ctx):
    """Wednesday (by tense: the latest on or before publication in a past clause, the
    next one in a future clause); last/next Friday; Tuesday morning (a TIME)."""
    lex = lexicon()
    start, end = m.span()
    if not m["rel"] and ctx.is_name_before(start):
        return None  # "Bloody Sunday", "Super Tuesday"
    number = lex.weekdays[m["wd"]]
    if ctx.dct is None:
        value = f"XXXX-WXX-{number}"
    else:
        direction = ctx.relative_direction(m["rel"], start, end)
        period = pick_occurrence(ctx, P.weekday_occurrences(number, ctx.dct), direction)
        if period is None:
            return None
        value = period.value
    if m["dp"]:
        return expression(m, "TIME", f"{value}T{lex.dayparts[m['dp'].lower()]}")
    return expression(m, "DATE", value)


_DAY_OFFSET = {
    "today": 0,
    "tonight": 0,
    "yesterday": -1,
    "tomorrow": 1,
    "the day before yesterday": -2,
    "the day after tomorrow": 2,
}


@rule(
    r"(?<![\w-])(?P<w>(?i:the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow"
    r"|today|tonight|yesterday|tomorrow))(?:\s+(?P<dp>%(DAYPART)s))?(?![\w-])",
    triggers=("today", "tonight", "yesterday", "tomorrow"),
)
def day_word(m, ctx):
    """today (the publication day), yesterday, tomorrow, tonight (a TIME, ...TNI)."""
    word = " ".join(m["w"].lower().split())
    daypart = lexicon().dayparts[m["dp"].lower()] if m["dp"] else ("NI" if word == "tonight" else None)
    if word == "today" and not daypart and ctx.previous_word(m.start()).lower() == "of":
        return expression(m, "DATE", "PRESENT_REF")  # "the Afghanistan of today": nowadays
    value = "XXXX-XX-XX" if ctx.dct is None else P.shifted(ctx.dct, "day", _DAY_OFFSET[word]).value
    if daypart:
        return expression(m, "TIME", f"{value}T{daypart}")
    return expression(m, "DATE", value)


@rule(r"(?<![\w-])(?P<rel>(?i:this|last))\s+(?P<dp>%(DAYPART)s)(?![\w-])", triggers=("DAYPART",))
def this_daypart(m, ctx):
    """"this morning" is the publication day's; "last night" the night before it."""
    daypart = lexicon().dayparts[m["dp"].lower()]
    last = m["rel"].lower() == "last"
    if last and daypart not in ("NI", "EV"):
        return None  # "last morning" is not idiomatic
    day = "XXXX-XX-XX" if ctx.dct is None else P.shifted(ctx.dct, "day", -1 if last else 0).value
    return expression(m, "TIME", f"{day}T{daypart}")


# ---------------------------------------------------------------------------
# Periods relative to publication: this week, last year, two days ago

# TimeML writes "the past year" as the stretch it is; a weekend stays two days.
_ONE_UNIT_DURATION = {
    "week": "P1W",
    "month": "P1M",
    "year": "P1Y",
    "quarter": "P3M",
    "decade": "P10Y",
    "century": "P100Y",
    "fortnight": "P2W",
}
_OFFSET = {"this": 0, "current": 0, "last": -1, "past": -1, "this past": -1, "next": 1, "coming": 1, "this coming": 1}


@rule(
    r"(?<![\w-])(?:(?P<the>(?i:the))\s+)?(?P<rel>(?i:this\s+past|this\s+coming|this|last|next|past|coming|current))\s+"
    r"(?:(?i:fiscal|financial|calendar|school|academic)\s+)?"
    r"(?P<unit>(?i:week|weekend|month|year|quarter|decade|century|fortnight))(?![\w-])",
    triggers=("week", "weekend", "month", "year", "quarter", "decade", "century", "fortnight"),
)
def relative_period(m, ctx):
    """this week -> 2018-W22; last month; next year; this fiscal year; last weekend."""
    rel = " ".join(m["rel"].lower().split())
    unit = m["unit"].lower()
    stretch = rel in ("past", "next") or (rel == "last" and unit in ("decade", "century"))
    if m["the"] and stretch and unit != "weekend":
        # "the past year", "the next decade": a stretch of time (DURATION), as in
        # the TimeML and TempEval-3 annotations; "the last week" names the previous
        # week, but "over the last decade" is a stretch again.
        return expression(m, "DURATION", _ONE_UNIT_DURATION[unit])
    if ctx.dct is None:
        return expression(m, "DATE", P.UNRESOLVED[unit])
    offset = _OFFSET[rel]
    if unit == "weekend" and offset:
        period = pick_occurrence(ctx, P.weekend_occurrences(ctx.dct), "before" if offset < 0 else "after")
        return expression(m, "DATE", period.value)
    return expression(m, "DATE", P.shifted(ctx.dct, unit, offset).value)


@rule(r"(?<![\w-])(?i:the\s+weekend)(?![\w-])", triggers=("weekend",))
def the_weekend(m, ctx):
    """"over the weekend": the weekend the clause's tense points to."""
    if ctx.dct is None:
        return expression(m, "DATE", P.UNRESOLVED["weekend"])
    period = pick_occurrence(ctx, P.weekend_occurrences(ctx.dct), ctx.direction(*m.span()))
    return expression(m, "DATE", period.value) if period else None


@rule(
    r"(?<![\w-])(?P<x>(?i:(?:the\s+(?:start|beginning|end|middle|close|rest|remainder|turn)\s+of"
    r"|(?:earlier|later)\s+in)\s+the\s+(?P<unit>year|month|week|decade|century)))(?![\w-])",
    triggers=("year", "month", "week", "decade", "century"),
)
def part_of_current(m, ctx):
    """"the end of the year", "later in the month": the period under way at publication."""
    unit = m["unit"].lower()
    if ctx.dct is None:
        return expression(m, "DATE", P.UNRESOLVED[unit])
    return expression(m, "DATE", P.period_containing(ctx.dct, unit).value)


@rule(
    r"(?<![\w-])(?P<q>%(NUM)s)(?P<half>\s+and\s+a\s+half)?[\s-]+(?:(?i:more|full|long)\s+)?"
    r"(?P<unit>%(UNIT)s)\s+(?i:ago)(?![\w-])",
    triggers=("ago",),
)
def ago(m, ctx):
    """two days ago -> a day; three weeks ago -> a week; four years ago -> a year."""
    unit = lexicon().units[m["unit"].lower()]
    quantity = number_of(m["q"])
    if quantity == "X":
        return expression(m, "DATE", "PAST_REF")  # "a few years ago"
    if m["half"]:
        quantity += 0.5
    # "a decade ago" is a year about ten years back, not the decade before this one
    grain = "year" if unit.name in ("decade", "century") else unit.name
    if ctx.dct is None:
        return expression(m, "DATE", P.UNRESOLVED[grain])
    return expression(m, "DATE", P.shifted(ctx.dct, grain, -quantity, step_unit=unit.name).value)


@rule(r"(?<![\w-])(?P<unit>%(UNITS)s)\s+(?i:ago)(?![\w-])", triggers=("ago",))
def vague_ago(m, ctx):
    """"years ago": some time in the past."""
    return expression(m, "DATE", "PAST_REF")


# ---------------------------------------------------------------------------
# The present, the past, the future

_FUNCTION_WORDS = frozenset(
    "and or but to when as is was has have had will would are were with for in on at that this it they we he "
    "she than because while if so".split()
)


@rule(r"(?<![\w-])(?P<x>%(REF)s)(?![\w-])", triggers=("REF",))
def reference(m, ctx):
    """now, currently -> PRESENT_REF; recently, the past -> PAST_REF; soon, the future
    -> FUTURE_REF (data/references.tsv)."""
    phrase = " ".join(m["x"].lower().split())
    after = ctx.next_text(m.end())
    before = ctx.previous_word(m.start()).lower()
    if phrase in ("the past", "the present", "the future", "the near future"):
        following = re.match(r"\s+([a-z]+)", after)
        if re.match(r"\s+of\b", after) or (following and following.group(1) not in _FUNCTION_WORDS):
            return None  # "the future of the country", "the past president"
    if phrase == "soon":
        if before in ("as", "so", "too", "how") or re.match(r"\s+(?:after|afterwards|thereafter|before)\b", after):
            return None  # "as soon as", "soon after the attack"
    if phrase == "at the time" and re.match(r"\s+(?:of|when)\b", after):
        return None  # anaphoric to an event
    if phrase == "now" and re.match(r"\s*-", after):
        return None  # "now-defunct"
    return expression(m, "DATE", lexicon().references[phrase])
