"""Calendar periods and their TIMEX3 values.

A :class:`Period` is a run of days (``start``..``end``, both included) with the TIMEX3
value that names it (``2018-05-30``, ``2018-W22``, ``2018-02``, ``2018-Q1``, ``2017-SU``,
``2018``, ``201`` for a decade, ``20`` for a century) and the precision the knowledge
base records for it.

Two families of helpers:

* *shifting* ("last week", "two months ago"): the period of a given unit that contains
  the publication date moved by n units (:func:`shifted`, :func:`period_containing`);
* *occurrences* ("Wednesday", "February", "the first quarter", "Christmas"): the
  recurring period nearest the publication date in the direction the clause's tense
  gives (:func:`pick` over the candidates that :func:`occurrences` lists).

Choices the issue leaves open, and made here:

* weeks are ISO weeks (Monday..Sunday), numbered by the ISO week-year;
* a weekend is Saturday..Sunday of its ISO week, value ``2018-W22-WE``;
* seasons are meteorological, northern hemisphere (spring = March..May and so on); a
  winter is named by the year it begins in (``2018-WI`` = December 2018..February 2019)
  so that the value, the first day and the year shown on a timeline agree;
* quarters, halves, seasons, decades and centuries are recorded at precision ``year``
  (the coarsest unit of the data model that a quarter or a season does not straddle
  in general is not ``month``: a season spans three months) while their bounds keep the
  exact first and last day, so nothing is lost;
* the publication date itself counts as "on or before" and as "on or after" it, so
  "Friday" in a Friday article, past or future tense, is that very day (the TempEval-3
  convention).
"""

from __future__ import annotations

import re
from calendar import monthrange
from dataclasses import dataclass
from datetime import date, timedelta

from dateutil.easter import easter
from dateutil.relativedelta import relativedelta

from kb.timex.lexicon import Holiday, Season, lexicon


@dataclass(frozen=True)
class Period:
    start: date
    end: date  # inclusive
    value: str
    precision: str  # one of kb.model.PRECISIONS except "unanchored"

    def contains(self, day: date) -> bool:
        return self.start <= day <= self.end


# ---------------------------------------------------------------------------
# Periods by unit


def day_period(d: date) -> Period:
    return Period(d, d, d.isoformat(), "day")


def week_period(d: date) -> Period:
    year, week, weekday = d.isocalendar()
    monday = d - timedelta(days=weekday - 1)
    return Period(monday, monday + timedelta(days=6), f"{year:04d}-W{week:02d}", "week")


def weekend_period(d: date) -> Period:
    week = week_period(d)
    return Period(week.start + timedelta(days=5), week.end, week.value + "-WE", "week")


def month_period(year: int, month: int) -> Period:
    last = monthrange(year, month)[1]
    return Period(date(year, month, 1), date(year, month, last), f"{year:04d}-{month:02d}", "month")


def quarter_period(year: int, quarter: int) -> Period:
    first = 3 * (quarter - 1) + 1
    end = month_period(year, first + 2).end
    return Period(date(year, first, 1), end, f"{year:04d}-Q{quarter}", "year")


def half_period(year: int, half: int) -> Period:
    first = 6 * (half - 1) + 1
    end = month_period(year, first + 5).end
    return Period(date(year, first, 1), end, f"{year:04d}-H{half}", "year")


def season_period(year: int, season: Season) -> Period:
    start = date(year, season.first_month, 1)
    last = start + relativedelta(months=season.months - 1)
    end = month_period(last.year, last.month).end
    return Period(start, end, f"{year:04d}-{season.code}", "year")


def year_period(year: int) -> Period:
    return Period(date(year, 1, 1), date(year, 12, 31), f"{year:04d}", "year")


def decade_period(year: int) -> Period:
    first = year - year % 10
    return Period(date(first, 1, 1), date(first + 9, 12, 31), f"{first // 10:03d}", "year")


def century_period(year: int) -> Period:
    """TIMEX3 centuries are named by their leading digits: ``19`` = 1900..1999."""
    first = year - year % 100
    return Period(date(first, 1, 1), date(first + 99, 12, 31), f"{first // 100:02d}", "year")


def quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


def season_containing(d: date) -> Period:
    """The season (as named by its starting year) that ``d`` falls in."""
    for season in lexicon().season_codes.values():
        for year in (d.year - 1, d.year):
            period = season_period(year, season)
            if period.contains(d):
                return period
    raise AssertionError("the seasons cover the year")  # the data file lists four seasons


# Units that "this/last/next <unit>" and "<n> <units> ago" move by, with the period
# each is reported at. Clock units are reported at the day: "two hours ago" is today.
GRAIN_STEP = {
    "day": relativedelta(days=1),
    "week": relativedelta(weeks=1),
    "fortnight": relativedelta(weeks=2),
    "weekend": relativedelta(weeks=1),
    "month": relativedelta(months=1),
    "quarter": relativedelta(months=3),
    "half": relativedelta(months=6),
    "year": relativedelta(years=1),
    "decade": relativedelta(years=10),
    "century": relativedelta(years=100),
}


def period_containing(d: date, grain: str) -> Period:
    """The period of unit ``grain`` that contains the day ``d``."""
    if grain in ("day", "hour", "minute", "second"):
        return day_period(d)
    if grain in ("week", "fortnight"):
        return week_period(d)
    if grain == "weekend":
        return weekend_period(d)
    if grain == "month":
        return month_period(d.year, d.month)
    if grain == "quarter":
        return quarter_period(d.year, quarter_of(d))
    if grain == "half":
        return half_period(d.year, 1 if d.month <= 6 else 2)
    if grain == "year":
        return year_period(d.year)
    if grain == "decade":
        return decade_period(d.year)
    if grain == "century":
        return century_period(d.year)
    raise ValueError(f"unknown unit {grain!r}")


def shifted(d: date, grain: str, n: int | float, step_unit: str | None = None) -> Period:
    """The ``grain`` period containing ``d`` moved by ``n`` units of ``step_unit``
    (default: ``grain``; n < 0: back)."""
    if grain in ("hour", "minute", "second"):
        return day_period(d)  # the date is all a publication date can tell
    step = GRAIN_STEP[step_unit or grain]
    moved = d + step * n if isinstance(n, int) else d + _fractional(step, n)
    return period_containing(moved, grain)


def _fractional(step: relativedelta, n: float) -> relativedelta:
    """``step * n`` for a fractional n ("two and a half years"): in months or days."""
    months = step.years * 12 + step.months
    if months:
        return relativedelta(months=round(months * n))
    return relativedelta(days=round(step.days * n))


# Placeholders for a relative period when the publication date is unknown.
UNRESOLVED = {
    "day": "XXXX-XX-XX",
    "hour": "XXXX-XX-XX",
    "minute": "XXXX-XX-XX",
    "second": "XXXX-XX-XX",
    "week": "XXXX-WXX",
    "fortnight": "XXXX-WXX",
    "weekend": "XXXX-WXX-WE",
    "month": "XXXX-XX",
    "quarter": "XXXX-QX",
    "half": "XXXX-HX",
    "year": "XXXX",
    "decade": "XXX",
    "century": "XX",
}


# ---------------------------------------------------------------------------
# Recurring periods and the choice among their occurrences

def pick(candidates: list[Period], dct: date, direction: str) -> Period | None:
    """The occurrence the clause means, among ``candidates`` around ``dct``.

    ``past``: the latest that began on or before the date (what a past-tense clause
    means); ``future``: the earliest that has not ended before it; ``before`` /
    ``after``: strictly before / after it ("last Friday", "next July"); ``current``: the
    one containing it, else the nearest; ``nearest``: the one containing it, else the
    closest (ties go to the past, as news mostly reports what happened).
    """
    if not candidates:
        return None
    if direction == "past":
        found = [p for p in candidates if p.start <= dct]
        return max(found, key=lambda p: p.start, default=None)
    if direction == "future":
        found = [p for p in candidates if p.end >= dct]
        return min(found, key=lambda p: p.start, default=None)
    if direction == "before":
        found = [p for p in candidates if p.end < dct]
        return max(found, key=lambda p: p.start, default=None)
    if direction == "after":
        found = [p for p in candidates if p.start > dct]
        return min(found, key=lambda p: p.start, default=None)
    containing = [p for p in candidates if p.contains(dct)]
    if containing:
        return containing[0]

    def distance(p: Period) -> tuple[int, int]:
        gap = (p.start - dct).days if p.start > dct else (dct - p.end).days
        return (gap, 0 if p.end < dct else 1)

    return min(candidates, key=distance)


def weekday_occurrences(weekday: int, dct: date) -> list[Period]:
    offset = (weekday - dct.isoweekday()) % 7
    first = dct + timedelta(days=offset - 21)
    return [day_period(first + timedelta(days=7 * k)) for k in range(7)]


def weekend_occurrences(dct: date) -> list[Period]:
    return [weekend_period(dct + timedelta(weeks=k)) for k in range(-3, 4)]


def month_occurrences(month: int, dct: date) -> list[Period]:
    return [month_period(y, month) for y in range(dct.year - 2, dct.year + 3)]


def month_day_occurrences(month: int, day: int, dct: date) -> list[Period]:
    out = []
    for year in range(dct.year - 2, dct.year + 3):
        if day <= monthrange(year, month)[1]:
            out.append(day_period(date(year, month, day)))
    return out


def day_of_month_occurrences(day: int, dct: date) -> list[Period]:
    out = []
    for k in range(-3, 4):
        first = date(dct.year, dct.month, 1) + relativedelta(months=k)
        if day <= monthrange(first.year, first.month)[1]:
            out.append(day_period(first.replace(day=day)))
    return out


def season_occurrences(season: Season, dct: date) -> list[Period]:
    return [season_period(y, season) for y in range(dct.year - 3, dct.year + 3)]


def quarter_occurrences(quarter: int, dct: date) -> list[Period]:
    return [quarter_period(y, quarter) for y in range(dct.year - 2, dct.year + 3)]


def half_occurrences(half: int, dct: date) -> list[Period]:
    return [half_period(y, half) for y in range(dct.year - 2, dct.year + 3)]


def holiday_date(holiday: Holiday, year: int) -> date | None:
    """The day a holiday falls on in ``year`` (None when the table has no entry)."""
    if holiday.rule == "fixed":
        month, day = (int(x) for x in holiday.args[0].split("-"))
        return date(year, month, day)
    if holiday.rule == "easter":
        return easter(year) + timedelta(days=int(holiday.args[0]))
    if holiday.rule == "nth":
        month, nth, weekday = (int(x) for x in holiday.args)
        if nth > 0:
            first = date(year, month, 1)
            offset = (weekday - first.isoweekday()) % 7
            return first + timedelta(days=offset + 7 * (nth - 1))
        last = month_period(year, month).end
        return last - timedelta(days=(last.isoweekday() - weekday) % 7)
    if holiday.rule == "table":
        found = lexicon().lunar.get((holiday.args[0], year))
        if found is None:
            return None
        month, day = (int(x) for x in found.split("-"))
        return date(year, month, day)
    raise ValueError(f"unknown holiday rule {holiday.rule!r}")


def holiday_occurrences(holiday: Holiday, dct: date) -> list[Period]:
    days = (holiday_date(holiday, y) for y in range(dct.year - 2, dct.year + 3))
    return [day_period(d) for d in days if d is not None]


def holiday_unresolved(holiday: Holiday) -> str:
    """A holiday without a publication date: its month and day when those are fixed."""
    if holiday.rule == "fixed":
        return "XXXX-" + holiday.args[0]
    return "XXXX-XX-XX"


# ---------------------------------------------------------------------------
# From a TIMEX3 value back to its period (used to bound events)

_VALUE_FORMS = [
    (re.compile(r"(\d{4})-(\d{2})-(\d{2})(?:T.*)?"), lambda y, m, d: day_period(date(int(y), int(m), int(d)))),
    (re.compile(r"(\d{4})-W(\d{2})"), lambda y, w: week_period(date.fromisocalendar(int(y), int(w), 1))),
    (re.compile(r"(\d{4})-W(\d{2})-WE"), lambda y, w: weekend_period(date.fromisocalendar(int(y), int(w), 1))),
    (
        re.compile(r"(\d{4})-W(\d{2})-([1-7])(?:T.*)?"),
        lambda y, w, d: day_period(date.fromisocalendar(int(y), int(w), int(d))),
    ),
    (re.compile(r"(\d{4})-(\d{2})"), lambda y, m: month_period(int(y), int(m))),
    (re.compile(r"(\d{4})-Q([1-4])"), lambda y, q: quarter_period(int(y), int(q))),
    (re.compile(r"(\d{4})-H([12])"), lambda y, h: half_period(int(y), int(h))),
    (re.compile(r"(\d{4})-(SP|SU|FA|WI)"), lambda y, s: season_period(int(y), lexicon().season_codes[s])),
    (re.compile(r"(\d{4})"), lambda y: year_period(int(y))),
    (re.compile(r"(\d{3})"), lambda d: decade_period(int(d) * 10)),
    (re.compile(r"(\d{2})"), lambda c: century_period(int(c) * 100)),
]


def period_of_value(value: str) -> Period | None:
    """The period a resolved TIMEX3 DATE/TIME value names; None for anything else
    (durations, sets, PAST_REF/PRESENT_REF/FUTURE_REF, values with X placeholders)."""
    for pattern, build in _VALUE_FORMS:
        match = pattern.fullmatch(value)
        if match:
            try:
                return build(*match.groups())
            except ValueError:  # 2018-02-30, week 54, month 13: not a real period
                return None
    return None
