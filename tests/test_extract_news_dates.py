"""Days told relative to other events, and dates the story gives around an undated event."""

from __future__ import annotations

from datetime import date

import pytest

from kb.extract import extract
from kb.model import Article, Extraction

PUBLISHED = date(2019, 4, 12)  # a Friday


def run(text: str, published: date | None = PUBLISHED) -> Extraction:
    return extract(Article(identifier="test", text=text, published=published))


def day_of(extraction: Extraction, trigger: str) -> str | None:
    found = [e for e in extraction.events if e.trigger.text.lower() == trigger]
    assert found, [e.trigger.text for e in extraction.events]
    return found[0].time.value


@pytest.mark.parametrize(
    "second, expected",
    [
        ("A day later, a car bomb exploded outside a hotel in Mogadishu.", "2019-04-09"),
        ("Two days later, a car bomb exploded outside a hotel in Mogadishu.", "2019-04-10"),
        ("The next day, a car bomb exploded outside a hotel in Mogadishu.", "2019-04-09"),
        ("Hours later, a car bomb exploded outside a hotel in Mogadishu.", "2019-04-08"),
        ("Later that night, a car bomb exploded outside a hotel in Mogadishu.", "2019-04-08"),
    ],
)
def test_a_day_told_relative_to_the_event_before(second, expected):
    text = "Gunmen attacked a checkpoint in Afgoye on Monday.\n\n" + second
    assert day_of(run(text), "car bomb") == expected


def test_an_event_told_days_before_another_is_dated_back_from_it():
    text = ("The Houthis on Thursday announced a truce with the Saudi-led coalition.\n\n"
            "The move came three days after the government declared a ceasefire with the rebels.")
    extraction = run(text)
    truces = sorted(e.time.value for e in extraction.events if e.event_class == "Ceasefire")
    assert truces == ["2019-04-08", "2019-04-11"]


def test_an_event_in_a_main_clause_hours_before_another_takes_its_day():
    text = ("Delegations met in Geneva on Tuesday.\n\n"
            "Hours before the talks began, a rocket struck a school in Aleppo.")
    assert day_of(run(text), "rocket") == "2019-04-09"


def test_a_date_in_the_next_sentence_that_tells_no_event_dates_the_undated_event():
    text = ("Saboteurs blew up two power pylons in the south of the country. "
            "The blackout began on Tuesday night, 9 April, and lasted for six hours.")
    assert day_of(run(text), "blew up").startswith("2019-04-09")


def test_an_undated_event_at_the_same_place_as_the_paragraph_before_shares_its_day():
    text = ("KUNDUZ, Afghanistan — Taliban fighters attacked Kunduz city on Wednesday.\n\n"
            "US aircraft carried out air strikes on the outskirts of the city, a spokesman said.")
    assert day_of(run(text), "air strikes") == "2019-04-10"


def test_an_undated_event_elsewhere_keeps_the_publication_day():
    text = ("Taliban fighters attacked Kunduz city on Wednesday.\n\n"
            "In Herat, gunmen stormed a wedding hall, a spokesman said.")
    extraction = run(text)
    (herat,) = [e for e in extraction.events if e.trigger.text == "stormed"]
    assert herat.time.precision == "unanchored"


def test_the_day_a_fight_ended_does_not_date_its_start():
    text = ("Clashes erupted between the army and Boko Haram near Bama on Saturday.\n\n"
            "Ten soldiers were killed in the fighting, which lasted until Monday morning.")
    (clash,) = run(text).events
    assert clash.time.value == "2019-04-06"
