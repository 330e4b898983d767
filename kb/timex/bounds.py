"""The time bounds an expression gives the event it dates: :func:`event_time`.

* a day (also a TIME: "Tuesday morning", "4 a.m.") -> [d, d], precision ``day``;
* a week -> its Monday..Sunday, precision ``week`` (a weekend: its Saturday..Sunday,
  still precision ``week``, the smallest unit of the data model holding it);
* a month -> its first..last day, precision ``month``;
* a quarter, a half-year or a season -> its exact first..last day, precision ``year``:
  a three-month period is not a month, and ``year`` is the finest unit of the data
  model that a quarter never straddles (a winter, December to February, is filed
  under the year it begins in, like its TIMEX3 value);
* a year -> 1 January..31 December; a decade -> its ten years; a century -> its
  hundred years; all precision ``year``;
* ``PRESENT_REF`` ("now", "currently") -> the publication date at precision ``day``:
  news uses these words for the state of things on the day of writing;
* anything else (``PAST_REF``, ``FUTURE_REF``, durations, sets, values with X
  placeholders) does not date an event: the event is ``unanchored``, bounded by the
  publication date when it is known. An unanchored time carries no expression or
  value, since no words dated it.

``stamp`` is always the first day of the bounds.
"""

from __future__ import annotations

from datetime import date, datetime

from kb.model import EventTime, TimeExpression
from kb.timex.periods import period_of_value


def unanchored(dct: date | None) -> EventTime:
    """No time in the text: the event is bounded by the publication date, if known."""
    if dct is None:
        return EventTime(precision="unanchored")
    return EventTime(precision="unanchored", earliest=dct, latest=dct, stamp=dct)


def event_time(expr: TimeExpression | None, dct: date | None) -> EventTime:
    """The bounds and precision of an event dated by ``expr`` (None: no expression)."""
    if isinstance(dct, datetime):
        dct = dct.date()
    if expr is None:
        return unanchored(dct)
    if expr.value == "PRESENT_REF":
        if dct is None:
            return unanchored(None)
        return EventTime("day", dct, dct, dct, expr.text, expr.value)
    if expr.type not in ("DATE", "TIME"):
        return unanchored(dct)
    period = period_of_value(expr.value)
    if period is None:
        return unanchored(dct)
    return EventTime(period.precision, period.start, period.end, period.start, expr.text, expr.value)
