"""Publication dates, as sources write them.

Parsed with python-dateutil: ISO dates and date-times, "31 May 2018",
RFC 822 dates of RSS feeds ("Wed, 13 Mar 2019 08:30:00 GMT"). Choices:

- A value without a time gives a ``date``; a value with a time gives a
  ``datetime``, aware when a zone is given, naive when not (the day is what
  matters for resolving relative dates, and no zone is invented).
- Day, month and year must all be present: "May 2018" is refused rather than
  silently read as the first of May (dateutil would fill the gap from today).
- Numeric dates with slashes follow dateutil: month first unless that is
  impossible ("03/04/2018" is 4 March, "31/05/2018" is 31 May). ISO dates avoid
  the ambiguity.
- A zone name dateutil does not know (IST is Indian, Israeli and Irish) is
  refused; the North American zone names of RFC 822 are understood.
"""

from __future__ import annotations

import warnings
from datetime import date, datetime, timezone

from dateutil import parser as date_parser
from dateutil.parser import UnknownTimezoneWarning

from kb.readers.problems import BadInput, quoted

_HOUR = 3600
# RFC 822, section 5: the zone names a feed may use besides numeric offsets.
RFC822_ZONES = {
    "UT": 0, "GMT": 0, "Z": 0,
    "EST": -5 * _HOUR, "EDT": -4 * _HOUR,
    "CST": -6 * _HOUR, "CDT": -5 * _HOUR,
    "MST": -7 * _HOUR, "MDT": -6 * _HOUR,
    "PST": -8 * _HOUR, "PDT": -7 * _HOUR,
}
# Parsing twice with two different defaults shows which parts the value gave:
# a part that differs between the two results came from the default.
_DEFAULT_A = datetime(2000, 1, 1, 0, 0, 0, 0)
_DEFAULT_B = datetime(2001, 2, 2, 1, 1, 1, 1)
_LONGEST_DATE = 100  # characters; anything longer is not a date


def parse_published(value: str) -> date | datetime:
    """The date or date-time ``value`` names; ``BadInput`` when it names none."""
    text = value.strip()
    if not text or len(text) > _LONGEST_DATE:
        raise BadInput(f"not a date: {quoted(text)}")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", UnknownTimezoneWarning)
            first = date_parser.parse(text, default=_DEFAULT_A, tzinfos=RFC822_ZONES)
            second = date_parser.parse(text, default=_DEFAULT_B, tzinfos=RFC822_ZONES)
    except UnknownTimezoneWarning:
        raise BadInput(f"unknown time zone in the date {quoted(text)} (use a numeric offset such as +0430)") from None
    except (ValueError, OverflowError):
        raise BadInput(f"not a date: {quoted(text)}") from None
    if first.date() != second.date():
        raise BadInput(f"incomplete date {quoted(text)} (day, month and year are needed)")
    if first.hour != second.hour:
        return first.date()
    if first.tzinfo is not None:
        # A fixed offset from the standard library: no dateutil zone objects
        # (or the machine's local zone, which dateutil may pick) leak out.
        first = first.replace(tzinfo=timezone(first.utcoffset()))
    return first
