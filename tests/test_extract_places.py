"""Places: gazetteer lookups, context disambiguation, descriptions, sites, containment, datelines."""

from __future__ import annotations

from datetime import date

import pytest

from kb.extract import extract
from kb.gazetteer import get_gazetteer
from kb.model import Article, Extraction

PUBLISHED = date(2018, 5, 31)  # a Thursday


def run(text: str, published: date | None = PUBLISHED, identifier: str = "test") -> Extraction:
    return extract(Article(identifier=identifier, text=text, published=published))


def place_of(text: str, index: int = 0):
    extraction = run(text)
    event = extraction.events[index]
    chain, key = [], event.place
    while key:
        place = extraction.places[key]
        chain.append((place.label, place.place_type))
        key = place.contained_in
    return chain


@pytest.mark.parametrize(
    "text, chain",
    [
        ("Gunmen attacked a checkpoint in Farah city on Tuesday.",
         [("checkpoint, Farah", "Site"), ("Farah", "City"), ("Farah", "Province"), ("Afghanistan", "CountryPlace")]),
        ("The Taliban claimed an attack on a police station in the capital of Logar province.",
         [("police station, Pul-e Alam", "Site"), ("Pul-e Alam", "City"), ("Logar", "Province"),
          ("Afghanistan", "CountryPlace")]),
        ("Militants launched an assault on the interior ministry in Kabul on Wednesday.",
         [("interior ministry, Kabul", "Site"), ("Kabul", "City"), ("Kabul", "Province"), ("Afghanistan", "CountryPlace")]),
        ("A car bomb exploded in Helmand province on Monday.", [("Helmand", "Province"), ("Afghanistan", "CountryPlace")]),
        ("A bomb exploded in the Afghan capital on Monday.",
         [("Kabul", "City"), ("Kabul", "Province"), ("Afghanistan", "CountryPlace")]),
        ("Clashes erupted on the outskirts of Kunduz on Saturday.",
         [("Kunduz", "City"), ("Kunduz", "Province"), ("Afghanistan", "CountryPlace")]),
        ("A bomb exploded in Yemen's northwestern Hajjah province on Sunday.",
         [("Hajjah", "Province"), ("Yemen", "CountryPlace")]),
        ("An airstrike hit Falluja in western Iraq.", [("Al Fallūjah", "City"), ("Al Anbar", "Province"), ("Iraq", "CountryPlace")]),
    ],
)
def test_event_places(text, chain):
    assert place_of(text) == chain


def test_country_context_chooses_among_namesakes():
    # Córdoba: a city in Argentina, a department of Colombia and a city in Spain
    argentina = run("CORDOBA, Argentina (AP) - A bomb exploded outside a bank in Cordoba on Sunday.")
    colombia = run("BOGOTA (Reuters) - Guerrillas attacked a village in Cordoba department, Colombia, on Sunday.")
    countries = []
    for extraction in (argentina, colombia):
        key = extraction.events[0].place
        while extraction.places[key].contained_in:
            key = extraction.places[key].contained_in
        countries.append(extraction.places[key].label)
    assert countries == ["Argentina", "Colombia"]


def test_dateline_is_the_fallback_place():
    extraction = run("GHAZNI, Afghanistan — A suicide car bomber killed seven soldiers on Tuesday.")
    assert extraction.places[extraction.events[0].place].label == "Ghazni"


def test_place_keys_are_geonames_ids_or_slugs():
    extraction = run("Militants launched an assault on the interior ministry in Kabul on Wednesday.")
    for key, place in extraction.places.items():
        assert key == (str(place.geonames_id) if place.geonames_id else key)
        if place.place_type == "Site":
            assert place.geonames_id is None and place.contained_in
    kabul = extraction.places["1138958"]
    assert (kabul.lat, kabul.long) == pytest.approx((34.52813, 69.17233))


@pytest.mark.parametrize("name, kind, geonames_id", [
    ("Pul-e-Alam", "city", 1130497), ("Herat", "city", 1140026), ("Uruzgan", "admin1", 1131461),
    ("Raqqa", "city", 172955), ("Bogota", "city", 3688689), ("Britain", "country", 2635167),
])
def test_gazetteer_spellings(name, kind, geonames_id):
    assert any(e.kind == kind and e.geonames_id == geonames_id for e in get_gazetteer().lookup(name))


def test_gazetteer_containment_and_capitals():
    gaz = get_gazetteer()
    seat = gaz.division_capital("AF.17")
    assert [p.label for p in gaz.places(seat)] == ["Pul-e Alam", "Logar", "Afghanistan"]
    assert gaz.national_capital("AF").name == "Kabul"
    assert gaz.demonym_country("Salvadoran") == "SV"


def test_common_words_are_not_places():
    gaz = get_gazetteer()
    assert gaz.lookup("Police") == [] and gaz.lookup("Of") == []
