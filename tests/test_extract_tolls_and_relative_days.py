"""Updated death tolls, events dated "a day after" another, and bombs dropped from the air."""

from __future__ import annotations

from datetime import date

import pytest

from kb.extract import extract
from kb.model import Article, Extraction

PUBLISHED = date(2021, 3, 10)  # a Wednesday


def run(text: str) -> Extraction:
    return extract(Article(identifier="test", text=text, published=PUBLISHED))


@pytest.mark.parametrize(
    "text, killed",
    [
        ("The death toll from Friday's bombing at a mosque in Quetta has risen to 41, hospital officials said.", 41),
        ("The toll from the attack on a mosque in Herat climbed to 19 on Thursday.", 19),
        ("The death toll from the ambush near a checkpoint in Zamfara reached 27, police said.", 27),
        ("Officials put the death toll at 14 after the ambush in Zamfara on Sunday.", 14),
    ],
)
def test_a_toll_that_has_risen_gives_the_new_total(text, killed):
    (event,) = run(text).events
    assert event.killed == killed


def test_a_place_after_at_in_a_toll_is_no_count():
    # "the toll from the blast at a wedding hall": the hall is where, not how many
    (event,) = run("The toll from Saturday's blast at a wedding hall in Kandahar is not yet known.").events
    assert event.killed is None


def test_a_later_update_of_the_toll_replaces_the_first_figure():
    extraction = run("Gunmen killed a police officer in Kano on Sunday. The death toll later rose to three, "
                     "police said.")
    (event,) = extraction.events
    assert event.killed == 3


def test_an_event_told_a_day_after_another_is_dated_the_day_before():
    extraction = run("Jets struck the town of Saraqeb again on Thursday, a day after a bakery in the town "
                     "was bombed.")
    dates = sorted(e.time.value for e in extraction.events)
    assert dates == ["2021-03-03", "2021-03-04"]


def test_bombs_dropped_by_aircraft_are_an_air_strike():
    extraction = run("Jets struck the town of Saraqeb again on Thursday, a day after a bakery in the town "
                     "was bombed.")
    assert {e.event_class for e in extraction.events} == {"Airstrike"}


def test_a_bomb_planted_on_the_ground_stays_a_bombing():
    (event,) = run("Militants bombed a bus station in Kirkuk on Monday, killing six people.").events
    assert event.event_class == "Bombing"
