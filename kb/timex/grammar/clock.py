"""Rules for clock times ("4 a.m.", "15:00 GMT", "noon").

A rule here only reads the clock (``Found.clock`` = "T04:00"); the tagger gives it
its day once every expression is known: the date right next to it ("4 a.m. on
Tuesday"), else the publication date. Time zones are dropped: TimeML values keep the
local clock reading.
"""

from __future__ import annotations

from kb.timex.grammar.base import Found, number_of, rule

# Words before a bare "14:30" or "2300 hours" that show it is a clock time.
_CLOCK_SIGNALS = frozenset("at by around until till from to before after since about approximately".split())


def _clock(m, hour: int, minute: int) -> Found | None:
    if not (0 <= hour <= 24 and 0 <= minute <= 59):
        return None
    clock = f"T{hour:02d}:{minute:02d}"
    return Found(m.start(), m.end(), "TIME", clock, clock)


@rule(
    r"(?<![\w:.,])(?P<h>\d{1,2})(?:[:.](?P<mi>[0-5]\d))?\s*(?P<ap>(?i:a\.m\.?|p\.m\.?|am|pm))(?![\w])"
    r"(?:\s+(?P<tz>%(TZ)s)(?![\w]))?",
    triggers=("#num",),
)
def clock_ampm(m, ctx):
    """4 a.m., 10:30 pm, 8 PM local time."""
    hour = int(m["h"])
    if not 1 <= hour <= 12:
        return None
    if m["ap"].lower().startswith("p") and hour != 12:
        hour += 12
    elif m["ap"].lower().startswith("a") and hour == 12:
        hour = 0
    return _clock(m, hour, int(m["mi"] or 0))


@rule(
    r"(?<![\w:.,])(?P<h>[01]?\d|2[0-3])[:h](?P<mi>[0-5]\d)(?![\w:]|\.\d)(?:\s*(?P<tz>%(TZ)s)(?![\w]))?",
    triggers=("#num",),
)
def clock_24h(m, ctx):
    """15:00 GMT; at 14:30; 31 May 2018 15:30 (a dateline)."""
    before = ctx.previous_word(m.start()).lower()
    after_a_year = before.isdigit() and len(before) == 4
    if not m["tz"] and before not in _CLOCK_SIGNALS and not after_a_year:
        return None  # "3:07" alone may be a score, a ratio or a verse
    return _clock(m, int(m["h"]), int(m["mi"]))


@rule(
    r"(?<![\w:.,$])(?P<h>[01]\d|2[0-3])(?P<mi>[0-5]\d)\s*(?P<tz>GMT|UTC|local\s+time|hours|hrs)(?![\w])",
    triggers=("#num",),
)
def clock_military(m, ctx):
    """0400 GMT; at 2300 hours."""
    if m["tz"] in ("hours", "hrs") and ctx.previous_word(m.start()).lower() not in _CLOCK_SIGNALS:
        return None  # "1500 hours" of work
    return _clock(m, int(m["h"]), int(m["mi"]))


@rule(r"(?<![\w-])(?P<w>(?i:noon|midnight|midday))(?![\w-])", triggers=("noon", "midnight", "midday"))
def noon_midnight(m, ctx):
    """noon (T12:00), midnight (T24:00, the end of its day, as TIMEX3 allows)."""
    word = m["w"].lower()
    if word == "midday" and ctx.previous_word(m.start()).lower() not in _CLOCK_SIGNALS:
        return None  # "midday prayers"
    return _clock(m, 24 if word == "midnight" else 12, 0)


@rule(r"(?<![\w-])(?P<h>\d{1,2}|%(NUM)s)\s+o['’]clock(?![\w])", triggers=("clock",))
def oclock(m, ctx):
    """ten o'clock."""
    hour = number_of(m["h"])
    if hour == "X" or not 1 <= hour <= 12:
        return None
    return _clock(m, int(hour), 0)
