"""Event time bounds from a time expression: ``kb.timex.event_time``."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from kb.model import PRECISIONS, EventTime, TimeExpression
from kb.timex import event_time, tag

DCT = date(2018, 5, 31)


def expr(value: str, type_: str = "DATE", text: str = "words") -> TimeExpression:
    return TimeExpression(0, len(text), text, type_, value)


# (TIMEX3 type, value, precision, earliest, latest)
BOUNDS = [
    ("DATE", "2018-05-30", "day", date(2018, 5, 30), date(2018, 5, 30)),
    ("TIME", "2018-05-29TMO", "day", date(2018, 5, 29), date(2018, 5, 29)),
    ("TIME", "2018-05-31T04:00", "day", date(2018, 5, 31), date(2018, 5, 31)),
    ("DATE", "2018-W22", "week", date(2018, 5, 28), date(2018, 6, 3)),
    ("DATE", "2019-W01", "week", date(2018, 12, 31), date(2019, 1, 6)),
    ("DATE", "2018-W22-WE", "week", date(2018, 6, 2), date(2018, 6, 3)),
    ("DATE", "2018-02", "month", date(2018, 2, 1), date(2018, 2, 28)),
    ("DATE", "2016-02", "month", date(2016, 2, 1), date(2016, 2, 29)),
    ("DATE", "2018-Q2", "year", date(2018, 4, 1), date(2018, 6, 30)),
    ("DATE", "2018-H2", "year", date(2018, 7, 1), date(2018, 12, 31)),
    ("DATE", "2017-SU", "year", date(2017, 6, 1), date(2017, 8, 31)),
    ("DATE", "2018-WI", "year", date(2018, 12, 1), date(2019, 2, 28)),
    ("DATE", "2016", "year", date(2016, 1, 1), date(2016, 12, 31)),
    ("DATE", "199", "year", date(1990, 1, 1), date(1999, 12, 31)),
    ("DATE", "19", "year", date(1900, 1, 1), date(1999, 12, 31)),
]


@pytest.mark.parametrize(("type_", "value", "precision", "earliest", "latest"), BOUNDS, ids=[b[1] for b in BOUNDS])
def test_bounds_cover_the_whole_period_named_by_the_value(type_, value, precision, earliest, latest):
    time = event_time(expr(value, type_), DCT)
    assert (time.precision, time.earliest, time.latest) == (precision, earliest, latest)
    assert time.stamp == earliest
    assert time.value == value and time.expression == "words"
    assert time.precision in PRECISIONS


def test_present_ref_dates_the_event_on_the_publication_day():
    time = event_time(expr("PRESENT_REF", text="now"), DCT)
    assert time == EventTime("day", DCT, DCT, DCT, "now", "PRESENT_REF")


@pytest.mark.parametrize(
    ("type_", "value"),
    [
        ("DATE", "PAST_REF"),
        ("DATE", "FUTURE_REF"),
        ("DURATION", "P3D"),
        ("SET", "XXXX-WXX-5"),
        ("DATE", "XXXX-WXX-3"),
        ("DATE", "XXXX-02"),
        ("DATE", "2018-02-30"),
    ],
)
def test_expressions_that_do_not_date_an_event_leave_it_unanchored(type_, value):
    assert event_time(expr(value, type_), DCT) == EventTime("unanchored", DCT, DCT, DCT)


def test_no_expression_with_a_publication_date_is_unanchored_on_that_date():
    assert event_time(None, DCT) == EventTime(precision="unanchored", earliest=DCT, latest=DCT, stamp=DCT)


def test_no_expression_and_no_publication_date_has_no_bounds():
    assert event_time(None, None) == EventTime(precision="unanchored")


def test_present_ref_without_publication_date_is_unanchored():
    assert event_time(expr("PRESENT_REF"), None) == EventTime(precision="unanchored")


def test_absolute_value_dates_the_event_even_without_publication_date():
    assert event_time(expr("2018-02"), None).earliest == date(2018, 2, 1)


def test_publication_datetime_is_taken_at_its_day():
    assert event_time(None, datetime(2018, 5, 31, 23, 59)).stamp == DCT


def test_seed_events_get_their_dates_from_the_tagger():
    """The Kabul assault is dated to the day, Ghani's offer to the month."""
    text = (
        "In February, Afghan President Ashraf Ghani suggested peace talks with the Taliban.\n\n"
        "On Wednesday, militants launched an assault on the interior ministry in Kabul."
    )
    february, wednesday = tag(text, DCT)
    assert event_time(wednesday, DCT) == EventTime("day", date(2018, 5, 30), date(2018, 5, 30), date(2018, 5, 30), "Wednesday", "2018-05-30")
    offer = event_time(february, DCT)
    assert (offer.precision, offer.earliest, offer.latest) == ("month", date(2018, 2, 1), date(2018, 2, 28))
