"""Triggers as news writes them: light verbs, misread participles, rare verb forms, mines, headlines."""

from __future__ import annotations

from datetime import date

import pytest

from kb.extract import extract
from kb.model import Article, Extraction

PUBLISHED = date(2019, 4, 12)  # a Friday


def run(text: str, published: date | None = PUBLISHED) -> Extraction:
    return extract(Article(identifier="test", text=text, published=published))


@pytest.mark.parametrize(
    "text, event_class, perpetrator",
    [
        ("Israeli jets carried out air strikes against militant positions near Khan Younis overnight.",
         "Airstrike", "israel"),
        ("Coalition warplanes conducted strikes on an Islamic State depot outside Hajin on Wednesday.",
         "Airstrike", None),
        ("The Pakistani Taliban staged an attack on an army post near Wana.", "Attack", "ttp"),
        ("Boko Haram launched an offensive against the garrison town of Monguno.", "ArmedClash", "boko-haram"),
    ],
)
def test_a_light_verb_carries_its_object_event(text, event_class, perpetrator):
    events = run(text).events
    assert events and events[0].event_class == event_class
    if perpetrator:
        assert events[0].roles.get("perpetrator") == [perpetrator]


def test_attacks_carried_out_as_a_habit_are_no_event():
    assert run("The group has carried out attacks across the north for a decade.").events == []


def test_a_participle_tagged_as_a_noun_is_still_a_verb():
    (event,) = run("Kunduz, a provincial capital in the north, was briefly overrun by the Taliban in 2015.").events
    assert (event.event_class, event.roles.get("perpetrator")) == ("Takeover", ["taliban"])
    assert event.time.value == "2015"


def test_a_verb_the_lemmatizer_misreads_is_found_by_its_stem():
    (event,) = run("In Ayacucho, rebels machinegunned a bus on Tuesday.", published=date(1989, 3, 2)).events
    assert event.event_class == "ArmedAssault"


def test_a_mine_with_explosive_words_is_a_bombing():
    (event,) = run("A soldier was killed when he stepped on a mine planted by rebels near Tame on Sunday.").events
    assert event.event_class == "Bombing" and event.killed == 1


def test_a_gold_mine_is_no_bombing():
    assert run("Gunmen killed three miners at a gold mine near Kidal on Monday.").events[0].event_class != "Bombing"


def test_ceasefire_talks_in_a_headline_are_talks_about_a_proposed_ceasefire():
    text = "Rebels in ceasefire talks with Manila: envoy\n\nThe talks are held in Oslo."
    extraction = run(text)
    ceasefires = [e for e in extraction.events if e.event_class == "Ceasefire"]
    assert ceasefires and all(e.status == "Proposed" for e in ceasefires)
