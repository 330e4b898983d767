"""Rules for lengths of time (DURATION: "three years", "the past several months") and
recurring times (SET: "every Friday", "annually", "twice a week").

A "number + unit" in front of "ago" is a date (see ``relative.ago``); with "old" or
"and older" it is an age, which TimeML does not annotate; "in three weeks" is a
DURATION (P3W): TimeML annotates the length, and the TempEval-3 gold does the same.
"""

from __future__ import annotations

import re

from kb.timex.grammar.base import Found, expression, number_of, rule
from kb.timex.lexicon import Unit, lexicon

# A half in the next smaller unit: P1.5Y is written P18M.
_SMALLER = {"Y": ("M", 12), "M": ("D", 30), "W": ("D", 7), "D": ("H", 24), "H": ("MIN", 60)}


def duration_value(quantity: int | float | str, unit: Unit) -> str | None:
    """TIMEX3 duration: P3Y, P10Y (a decade), PT2H, P18M (one and a half years), PXD."""
    if quantity == "X":
        code = {"decade": "DE", "century": "CE"}.get(unit.name, unit.code)
        return f"PTX{code[0]}" if unit.is_clock else f"PX{code}"
    amount = quantity * unit.size
    code = unit.code
    if amount != int(amount) and code in _SMALLER:
        code, factor = _SMALLER[code]
        amount *= factor
    if amount != int(amount):
        return None
    if code in ("H", "MIN", "S"):
        return f"PT{int(amount)}{code[0]}"
    return f"P{int(amount)}{code}"


def _unit(m) -> Unit:
    return lexicon().units[m["unit"].lower()]


# Words before "one day" / bare plural units that make them lengths ("for days").
_DURATION_SIGNALS = frozenset(
    "for in within after than over about around nearly almost least only just some the a another "
    "lasted lasting last lasts took take takes taking spent spend spending wait waited".split()
)
_AGE_AFTER = re.compile(r"\s*(?:-\s*)?old\b|\s+of\s+age\b|\s+(?:and|or)\s+(?:older|over|above|up|younger|under)\b")


@rule(
    r"(?<![\w$€£.,/-])(?:(?P<the>(?i:the))\s+)?"
    r"(?:(?P<rel>(?i:past|last|next|coming|previous|following|first|final|latest|remaining|initial|recent))\s+)?"
    r"(?:(?P<pre>(?i:a\s+mere|a\s+full|another|a\s+further|an\s+additional|an\s+extra))\s+)?"
    r"(?P<q>%(NUM)s)(?P<half>\s+and\s+a\s+half|\s+1/2|\s?½)?"
    r"(?:\s+(?i:more|full|long|straight|consecutive|additional|further|whole|entire))?"
    r"(?P<sep>[\s-]+)(?P<unit>%(UNIT)s)(?P<long>-(?i:long|old))?(?![\w-])",
    triggers=("UNIT",),
)
def duration(m, ctx):
    """three years, a decade (P10Y), 90 days, two hours (PT2H), the past two years,
    two and a half years (P30M), a three-day ceasefire, the 90 years."""
    unit = _unit(m)
    word = m["q"].lower()
    hyphenated = m["sep"].strip() == "-"
    if m["long"] and m["long"].lower() == "-old":
        return None  # ages are not time expressions in TimeML
    if m["long"] and word in ("a", "an"):
        return None  # "a week-long truce": the article belongs to the noun (see long_adjective)
    if _AGE_AFTER.match(ctx.text, m.end()) or ctx.previous_word(m.start()).lower() in ("aged", "age", "ages"):
        return None  # "babies 9 months and older"
    if unit.name == "second" and word in ("a", "an", "one", "second"):
        return None  # "a second time"
    if word in ("some", "many") and m["unit"].lower() == unit.name:
        return None  # "some day", "many a year"
    if unit.name == "day" and word == "one" and not (m["the"] or m["pre"] or m["rel"]):
        if ctx.previous_word(m.start()).lower() not in _DURATION_SIGNALS:
            return None  # "One day, he ..." is an indefinite time, not a length
    if m.group()[:1].isupper() and re.match(r"\s+[A-Z]", ctx.next_text(m.end())):
        if hyphenated or not ctx.is_sentence_start(m.start()):
            return None  # a name: "the Six-Day War"
    quantity = number_of(m["q"])
    if quantity != "X" and m["half"]:
        quantity += 0.5
    value = duration_value(quantity, unit)
    if value is None:
        return None
    if hyphenated and not m["rel"]:
        # "the five-year plan": an adjective, whose article belongs to the noun
        return Found(m.start("pre") if m["pre"] else m.start("q"), m.end(), "DURATION", value)
    return expression(m, "DURATION", value)


@rule(
    r"(?<![\w$€£.,-])(?P<q1>%(NUM)s)\s+(?:and|or|to|-|–)\s+(?P<q2>%(NUM)s)(?:\s+(?i:more|full))?[\s-]+"
    r"(?P<unit>%(UNIT)s)(?![\w-])",
    triggers=("UNIT",),
)
def duration_pair(m, ctx):
    """"six and nine months", "three to four years": each number is its own duration."""
    unit = _unit(m)
    first, second = number_of(m["q1"]), number_of(m["q2"])
    if "X" in (first, second) or _AGE_AFTER.match(ctx.text, m.end()):
        return None
    first_value, second_value = duration_value(first, unit), duration_value(second, unit)
    if first_value is None or second_value is None:
        return None
    return [
        Found(m.start("q1"), m.end("q1"), "DURATION", first_value),
        Found(m.start("q2"), m.end(), "DURATION", second_value),
    ]


@rule(
    r"(?<![\w-])(?:(?P<the>(?i:the))\s+)?(?:(?P<rel>(?i:past|last|next|coming|recent|following|previous|first))\s+)?"
    r"(?:(?P<q>(?i:a\s+few|few|several|many|a\s+couple\s+of|couple\s+of|a\s+number\s+of|dozens\s+of"
    r"|hundreds\s+of))\s+)?(?P<unit>%(UNITS)s)(?![\w-])",
    triggers=("UNIT",),
)
def vague_duration(m, ctx):
    """for years (PXY), recent weeks (PXW), the coming days, the next few months,
    within hours, days after the attack."""
    unit = _unit(m)
    if not (m["rel"] or m["q"]):
        # a bare plural is a length only after a signal ("for years", "over the years")
        # or before "later/after/of" ("days later", "decades of war")
        before = ctx.previous_word(m.start()).lower()
        if m["the"]:
            if before not in ("over", "for", "in", "within", "during", "through", "throughout"):
                return None
        elif before not in _DURATION_SIGNALS and not re.match(
            r"\s+(?i:before|after|later|earlier|of\s+[a-z])", ctx.next_text(m.end())
        ):
            return None
        if unit.name == "second":
            return None
    if m["rel"] and not m["the"] and m["rel"].lower() in ("last", "past", "next", "first", "following", "previous"):
        return None  # "last years" is not English
    quantity = 2 if m["q"] and "couple" in m["q"].lower() else "X"
    return expression(m, "DURATION", duration_value(quantity, unit))


@rule(r"(?<![\w-])(?P<unit>%(UNIT)s)-long(?![\w-])", triggers=("long",))
def long_adjective(m, ctx):
    """decade-long (P10Y), week-long (P1W), months-long (PXM)."""
    unit = _unit(m)
    plural = m["unit"].lower() != unit.name
    return expression(m, "DURATION", duration_value("X" if plural else 1, unit))


@rule(r"(?<![\w-])(?i:half\s+(?:an?|the)\s+)(?P<unit>%(UNIT)s)(?![\w-])", triggers=("half",))
def half_unit(m, ctx):
    """half an hour (PT30M), half a century (P50Y)."""
    value = duration_value(0.5, _unit(m))
    return expression(m, "DURATION", value) if value else None


# ---------------------------------------------------------------------------
# Sets (recurring times)


@rule(
    r"(?<![\w-])(?i:every|each)\s+(?:(?P<other>(?i:other))\s+)?(?:(?P<q>%(NUM)s)\s+)?(?P<unit>%(UNIT)s)(?![\w-])",
    triggers=("every", "each"),
)
def every_unit(m, ctx):
    """each year (P1Y, as TimeML writes a yearly set), every two weeks (P2W), every other day."""
    quantity = number_of(m["q"]) if m["q"] else (2 if m["other"] else 1)
    value = duration_value(quantity, _unit(m))
    return expression(m, "SET", value) if value else None


@rule(
    r"(?<![\w-])(?i:every|each)\s+(?:(?P<wd>%(WEEKDAY)s)|(?P<dp>%(DAYPART)s)|(?P<s>%(SEASON)s)|(?P<mon>%(MONTH)s)"
    r"|(?P<we>(?i:weekend)))(?![\w-])",
    triggers=("every", "each"),
)
def every_named(m, ctx):
    """every Friday (XXXX-WXX-5), every morning (XXXX-XX-XXTMO), each summer, every May."""
    lex = lexicon()
    if m["wd"]:
        return expression(m, "SET", f"XXXX-WXX-{lex.weekdays[m['wd']]}")
    if m["dp"]:
        return expression(m, "SET", f"XXXX-XX-XXT{lex.dayparts[m['dp'].lower()]}")
    if m["s"]:
        return expression(m, "SET", f"XXXX-{lex.seasons[m['s'].lower()].code}")
    if m["mon"]:
        return expression(m, "SET", f"XXXX-{lex.months[m['mon']]:02d}")
    return expression(m, "SET", "XXXX-WXX-WE")


_AFTER_ADVERB = frozenset("and or in on at to for from since until by with as over through but".split())


@rule(r"(?<![\w-])(?P<adv>%(ADVERB)s)(?![\w-])", triggers=("ADVERB",))
def adverb_set(m, ctx):
    """annually (P1Y), daily (P1D), weekly (P1W) used as adverbs (data/adverb_sets.tsv)."""
    adverb = m["adv"]
    if adverb != "annually":
        following = re.match(r"\s+([a-z]+)", ctx.next_text(m.end()))
        if following and following.group(1) not in _AFTER_ADVERB:
            return None  # an adjective: "daily attacks", "weekly newspaper"
        if ctx.previous_word(m.start()).lower() in ("a", "the", "its", "their"):
            return None  # "on a daily basis", "the weekly"
    return expression(m, "SET", lexicon().adverb_sets[adverb])


@rule(
    r"(?<![\w-])(?i:once|twice|thrice|(?:%(NUM)s)\s+times)\s+(?i:a|an|per|every|each)\s+(?P<unit>%(UNIT)s)(?![\w-])",
    triggers=("once", "twice", "thrice", "times"),
)
def frequency(m, ctx):
    """twice a week (P1W; TimeML would add freq="2X", which the data model does not keep)."""
    value = duration_value(1, _unit(m))
    return expression(m, "SET", value) if value else None


@rule(r"(?<![\w-])(?i:per)\s+(?P<unit>%(UNIT)s)(?![\w-])", triggers=("per",))
def per_unit(m, ctx):
    """per day (P1D)."""
    value = duration_value(1, _unit(m))
    return expression(m, "SET", value) if value else None


@rule(
    r"(?<![\w-])(?P<wd>%(WEEKDAYS)s)(?:\s+(?P<dp>(?i:mornings|afternoons|evenings|nights)))?(?![\w-])",
    triggers=("WEEKDAYS",),
)
def weekday_plural(m, ctx):
    """on Fridays (XXXX-WXX-5), Sunday nights (XXXX-WXX-7TNI)."""
    lex = lexicon()
    number = lex.weekdays[m["wd"][:-1]]
    if m["dp"]:
        return expression(m, "SET", f"XXXX-WXX-{number}T{lex.dayparts[m['dp'][:-1].lower()]}")
    return expression(m, "SET", f"XXXX-WXX-{number}")
