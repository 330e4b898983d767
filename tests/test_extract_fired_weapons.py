"""Weapons fired at a target: "launched 140 drones", "a barrage of drones and missiles", the weapons
shot down of that barrage, and where a place the gazetteer does not know lies."""

from __future__ import annotations

from datetime import date

from kb.extract import extract
from kb.model import Article, Extraction

PUBLISHED = date(2024, 1, 10)  # a Wednesday


def run(text: str) -> Extraction:
    return extract(Article(identifier="test", text=text, published=PUBLISHED))


def test_drones_launched_at_a_country_are_an_airstrike_by_who_launched_them():
    extraction = run("Russia launched 140 drones at Ukraine overnight, Ukraine's air force said.")
    assert [(e.event_class, e.roles.get("perpetrator")) for e in extraction.events] == [("Airstrike", ["russia"])]


def test_drones_that_are_not_fired_are_no_attack():
    extraction = run("Drone footage released on Tuesday showed the damaged bridge. The company sells drones to farmers.")
    assert extraction.events == []


def test_a_barrage_of_drones_and_missiles_is_one_attack_and_the_weapons_shot_down_are_part_of_it():
    extraction = run("Houthi rebels fired a barrage of drones and missiles at merchant ships in the Red Sea late on "
                     "Tuesday. American and British warships shot down 12 drones and two missiles, the Pentagon said.")
    assert len(extraction.events) == 1
    barrage = extraction.events[0]
    assert barrage.event_class == "Airstrike"
    assert barrage.roles["perpetrator"] == ["houthis"]


def test_an_unknown_town_lies_in_the_country_of_the_story_not_of_the_warplanes():
    extraction = run("SARAQIB, Syria - Russian warplanes struck a market in Kafr Nabudah on Monday, killing nine "
                     "people, the Russian defence ministry said.")
    market = extraction.places[extraction.events[0].place]
    town = extraction.places[market.contained_in]
    assert town.label == "Kafr Nabudah"
    assert extraction.places[town.contained_in].label == "Syria"


def test_a_ship_seized_is_taken_over_not_kidnapped_even_with_a_name_like_a_persons():
    extraction = run("The rebels seized the car carrier Galaxy Leader in the Red Sea in November.")
    assert [(e.event_class, e.casualties) for e in extraction.events] == [("Takeover", [])]


def test_a_fire_a_strike_set_off_is_no_arson():
    extraction = run("Drones struck an oil refinery in Ryazan on Monday, setting off a fire. Militants set fire to a "
                     "school in Borno on Tuesday.")
    assert sorted(e.event_class for e in extraction.events) == ["Airstrike", "Arson"]


def test_a_dateline_in_a_news_hub_is_not_the_place_of_strikes_told_in_another_country():
    hub = run("BEIRUT (AFP) - Warplanes carried out several strikes on Tuesday, a monitor said. The strikes came "
              "as fighting raged in Idlib province.")
    assert [e.place for e in hub.events if e.event_class == "Airstrike"] == [None]
    home = run("KABUL (Reuters) - A roadside bomb killed four soldiers on Tuesday, police said.")
    assert home.places[home.events[0].place].label == "Kabul"
