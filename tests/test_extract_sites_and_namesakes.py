"""Places that took the wrong country or another clause's site: nationality adjectives on sites,
local names that share a name with a town abroad, names glued to an Arabic article, places that
describe a group, air bases, and sentences that tell another event of the day."""

from __future__ import annotations

from datetime import date

from kb.extract import extract
from kb.model import Article, Event, Extraction

PUBLISHED = date(2021, 3, 10)  # a Wednesday


def run(text: str) -> Extraction:
    return extract(Article(identifier="test", text=text, published=PUBLISHED))


def chain(extraction: Extraction, event: Event) -> list[str]:
    """The labels of the event's place and every place containing it."""
    out, key = [], event.place
    while key and key in extraction.places and len(out) < 10:
        out.append(extraction.places[key].label)
        key = extraction.places[key].contained_in
    return out


def only_event(extraction: Extraction) -> Event:
    assert len(extraction.events) == 1, [e.event_class for e in extraction.events]
    return extraction.events[0]


# -- a country or nationality adjective on a site names its owner, not where it is ----------------


def test_an_embassy_named_with_its_country_lies_in_the_city_it_is_in():
    extraction = run("Two mortar rounds hit the British embassy in Kabul on Monday, police said.")
    places = chain(extraction, only_event(extraction))
    assert "Kabul" in places and "Afghanistan" in places
    assert "United Kingdom" not in places


def test_a_consulate_named_by_a_demonym_lies_in_its_city():
    extraction = run("Gunmen opened fire near the Turkish consulate in Basra on Friday, wounding a guard.")
    places = chain(extraction, only_event(extraction))
    assert "Iraq" in places and "Turkey" not in places


def test_a_foreign_base_near_a_town_is_near_that_town():
    extraction = run("Militants shelled a French army base near Menaka on Thursday, the army said.")
    places = chain(extraction, only_event(extraction))
    assert "Mali" in places and "France" not in places


def test_an_embassy_with_no_city_is_not_placed_in_its_owners_country():
    extraction = run("A rocket landed near the U.S. consulate on Tuesday, a security source said.")
    assert "United States" not in chain(extraction, only_event(extraction))


def test_a_country_before_a_trigger_is_who_struck_not_where():
    extraction = run("US drone strikes killed four militants on Monday, officials said.")
    event = only_event(extraction)
    assert "United States" not in chain(extraction, event)
    assert event.roles.get("perpetrator") == ["united-states"]


# -- a known place abroad that the rest of the article never points to is a local namesake --------


def test_a_neighbourhood_sharing_its_name_with_a_town_abroad_stays_in_the_storys_country():
    # "Karama" is also a town in the United Arab Emirates; nothing else here points there
    extraction = run("A bomb exploded at a bakery in Karama, a neighbourhood of Homs, on Monday, killing three people.")
    places = chain(extraction, only_event(extraction))
    assert "Syria" in places and "United Arab Emirates" not in places


def test_a_region_of_another_country_is_not_taken_in_a_story_set_elsewhere():
    extraction = run("BAMAKO (Reuters) - Suspected jihadists ambushed a convoy in the Sahel on Sunday, killing nine "
                     "Malian soldiers, the army said.")
    places = chain(extraction, only_event(extraction))
    assert "Burkina Faso" not in places and "Mali" in places


def test_a_capital_abroad_keeps_its_reading_without_its_country_named():
    extraction = run("KABUL (Reuters) - Taliban and Afghan government negotiators held talks in Doha on Saturday.")
    assert "Qatar" in chain(extraction, extraction.events[0])


def test_a_country_named_only_as_an_owner_does_not_make_the_towns_of_the_story_foreign():
    extraction = run("US aircraft carried out airstrikes in Farah on Wednesday.")
    assert "Afghanistan" in chain(extraction, only_event(extraction))


def test_a_name_glued_to_an_arabic_article_is_no_town_of_its_own():
    # "Khair" alone is a town in India: here it ends the name "Bab al-Khair"
    extraction = run("A mortar shell struck a school in Bab al-Khair on Monday, wounding six children, Syrian "
                     "state media said.")
    assert "India" not in chain(extraction, only_event(extraction))


def test_a_town_named_after_town_of_is_a_place_whatever_the_recogniser_said():
    extraction = run("Air strikes hit a clinic in the rebel-held town of Maarat Harma on Monday, killing two nurses.")
    places = chain(extraction, only_event(extraction))
    assert any("Maarat Harma" in p for p in places)


# -- a place that describes a group or a person is not the event's ---------------------------------


def test_a_place_in_a_groups_description_is_not_where_the_attack_happened():
    extraction = run("Ansar Dine, al-Qaeda's affiliate in Timbuktu, claimed an attack that killed three "
                     "soldiers on Monday.")
    event = only_event(extraction)
    assert "Timbuktu" not in " ".join(chain(extraction, event))
    assert event.roles.get("claimedBy")


# -- sites and the towns that hold them -------------------------------------------------------------


def test_a_town_named_before_a_site_holds_it():
    extraction = run("Two rockets hit Kandahar airport on Monday, officials said.")
    event = only_event(extraction)
    assert extraction.places[event.place].place_type == "Site"
    assert any(p.startswith("Kandah") for p in chain(extraction, event)[1:])


def test_rockets_on_an_air_base_are_shelling_not_an_air_strike():
    extraction = run("Three rockets struck an air base near Kirkuk on Tuesday, causing no casualties.")
    event = only_event(extraction)
    assert event.event_class == "Shelling"
    assert event.killed == 0


def test_a_sentence_opening_with_earlier_tells_another_event_at_no_borrowed_site():
    extraction = run("Gunmen attacked a police post in Kandahar on Sunday, killing two officers. Earlier on Sunday, "
                     "a roadside bomb struck a military convoy, officials said.")
    assert [e.event_class for e in extraction.events] == ["ArmedAssault", "Bombing"]
    assault, bombing = extraction.events
    assert assault.place != bombing.place
    assert extraction.places[bombing.place].place_type != "Site"


def test_an_earlier_sentence_may_still_refer_back_to_the_attack():
    extraction = run("A car bomb exploded near a market in Kandahar on Sunday, killing four people. Earlier, police "
                     "said the attack had been carried out by the Taliban.")
    assert len(extraction.events) == 1
