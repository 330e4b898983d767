"""Places as news gives them: names the gazetteer does not know, parts of towns, seats of
government, bearings from a city, sites named again, places of clauses and objects."""

from __future__ import annotations

from datetime import date

from kb.extract import extract
from kb.model import Article, Extraction

PUBLISHED = date(2019, 4, 12)  # a Friday


def run(text: str, published: date | None = PUBLISHED) -> Extraction:
    return extract(Article(identifier="test", text=text, published=published))


def chain(extraction: Extraction, key: str | None) -> list[str]:
    labels = []
    while key:
        place = extraction.places[key]
        labels.append(place.label)
        key = place.contained_in
    return labels


def test_an_unknown_village_said_to_be_a_place_is_a_place_in_its_region():
    text = "In Pampachacra, a hamlet in Ayacucho, rebels shot dead two peasants on Sunday."
    extraction = run(text, published=date(1989, 5, 2))
    (event,) = extraction.events
    labels = chain(extraction, event.place)
    assert labels[0] == "Pampachacra" and labels[-1] == "Peru"


def test_a_known_name_running_into_an_unknown_word_is_a_longer_unknown_name():
    text = "SAN SALVADOR, 3 May 89 (Radio) -- A bomb exploded in San Miguel Tepezontes on Tuesday."
    extraction = run(text, published=date(1989, 5, 3))
    (event,) = extraction.events
    assert chain(extraction, event.place)[0] == "San Miguel Tepezontes"


def test_the_old_city_of_a_town_is_the_town():
    text = "Syrian troops recaptured the citadel in Aleppo's Old City on Sunday."
    extraction = run(text)
    (event,) = extraction.events
    assert "Aleppo" in chain(extraction, event.place)[:2]
    assert "Old City" not in chain(extraction, event.place)


def test_a_named_neighbourhood_is_put_in_the_town_told_before():
    text = ("Fighting raged in Tripoli on Saturday.\n\n"
            "A rocket killed three civilians in the Abu Salim neighbourhood on Sunday.")
    extraction = run(text)
    rocket = [e for e in extraction.events if e.killed == 3]
    assert rocket and extraction.places[rocket[0].place].label == "Tripoli"


def test_talks_in_a_seat_of_government_are_in_its_city():
    text = ("Talks between Russian President Vladimir Putin and Turkish President Recep Tayyip Erdogan on a "
            "ceasefire in Idlib were held in the Kremlin on Thursday.")
    extraction = run(text)
    (talks,) = [e for e in extraction.events if e.event_class == "Talks"]
    assert extraction.places[talks.place].label == "Moscow"


def test_a_place_north_of_a_city_is_in_the_city_s_province_not_the_city():
    text = "Gunmen attacked a convoy 40 km north of Kandahar on Monday."
    extraction = run(text)
    (event,) = extraction.events
    place = extraction.places[event.place]
    assert place.place_type == "Province" and place.label == "Kandahar"


def test_a_site_named_again_is_the_site_told_before():
    text = ("Gunmen stormed the Al-Rasheed mosque in Mosul on Friday.\n\n"
            "Islamic State fighters later blew up the mosque.")
    extraction = run(text)
    bombing = [e for e in extraction.events if e.event_class == "Bombing"]
    assert bombing and "Mosul" in chain(extraction, bombing[0].place)


def test_the_second_verb_shares_the_place_the_sentence_opens_with():
    text = "In Tumaco, two ELN members shot a policeman and detonated a car bomb on Sunday."
    extraction = run(text)
    for event in extraction.events:
        assert extraction.places[event.place].label == "Tumaco"


def test_a_place_hung_on_the_victims_is_the_event_s_place():
    text = "Government artillery fire killed three people in the rebel-held town of Kafr Nabl on Monday."
    extraction = run(text)
    (event,) = extraction.events
    assert chain(extraction, event.place)[0] not in ("Syria", "Idlib") and chain(extraction, event.place)[-1] == "Syria"


def test_the_place_of_the_main_clause_is_not_lent_to_a_clause_after_after():
    text = ("Rebels bombed a pipeline in Arauca on Wednesday, hours after a ceasefire between the ELN "
            "and the government expired.")
    extraction = run(text)
    (ceasefire,) = [e for e in extraction.events if e.event_class == "Ceasefire"]
    assert ceasefire.place is None


def test_a_place_named_in_the_text_beats_an_unknown_dateline():
    text = ("ISTANBUL (AP) — Negotiators met in Istanbul on Tuesday.\n\n"
            "Hours before the talks opened, a missile hit the regional administration building in the "
            "southern city of Mykolaiv, killing seven people.")
    extraction = run(text, published=date(2022, 3, 29))
    (strike,) = [e for e in extraction.events if e.family == "Attack"]
    assert "Mykolaiv" in chain(extraction, strike.place)
    assert strike.time.value == "2022-03-29"  # hours before the talks of Tuesday
    assert "government-of-turkey" not in strike.roles.get("target", [])


def test_a_city_called_city_is_named_without_it_too():
    text = "Militants seized parts of Marawi on Tuesday, a day after the army raided a hideout in Cotabato."
    extraction = run(text)
    (takeover,) = [e for e in extraction.events if e.event_class == "Takeover"]
    assert extraction.places[takeover.place].label == "Marawi City"


def test_an_unknown_place_is_keyed_by_its_name_and_its_container():
    # Actors and places of every article share one graph: the key must not give one
    # unknown village two enclosing places when two articles place it differently.
    in_ayacucho = run("In Pampachacra, a hamlet in Ayacucho, rebels shot dead two peasants on Sunday.",
                      published=date(1989, 5, 2))
    (event,) = in_ayacucho.events
    village = in_ayacucho.places[event.place]
    assert village.label == "Pampachacra" and village.key == f"pampachacra-{village.contained_in}"
