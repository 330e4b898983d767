"""Event triggers for every class of the design, verbal and nominal, and what is not an event."""

from __future__ import annotations

from datetime import date

import pytest

from kb.extract import extract
from kb.model import Article, Extraction

PUBLISHED = date(2018, 5, 31)  # a Thursday


def run(text: str, published: date | None = PUBLISHED, identifier: str = "test") -> Extraction:
    return extract(Article(identifier=identifier, text=text, published=published))


@pytest.mark.parametrize(
    "text, event_class",
    [
        ("A suicide car bomber struck an army base in Ghazni on Tuesday.", "Bombing"),
        ("A roadside bomb killed two soldiers in Kandahar on Monday.", "Bombing"),
        ("Militants detonated explosives outside a mosque in Quetta.", "Bombing"),
        ("A US drone strike killed three militants in North Waziristan on Friday.", "Airstrike"),
        ("A bomb hidden in a cart exploded at a market in Idlib on Sunday, killing 12 people.", "Bombing"),
        ("Warplanes bombed a market in Idlib on Sunday, killing 12 people.", "Airstrike"),  # bombs from the air
        ("Government forces shelled the town of Saraqeb on Monday.", "Shelling"),
        ("Mortar fire hit a residential area of Donetsk on Tuesday.", "Shelling"),
        ("Gunmen stormed a hotel in Mogadishu on Saturday.", "ArmedAssault"),
        ("Taliban fighters ambushed a police convoy near Kunduz on Sunday.", "ArmedAssault"),
        ("Heavy clashes erupted between the army and rebels near Kunduz on Saturday.", "ArmedClash"),
        ("Taliban fighters overran the district centre of Dasht-e-Archi on Monday.", "Takeover"),
        ("The Syrian Democratic Forces captured the town of Tabqa from Islamic State.", "Takeover"),
        ("Gunmen kidnapped three Chinese engineers near Gao on Thursday.", "Kidnapping"),
        ("Gunmen shot dead the mayor of Djenne on Friday.", "Assassination"),
        ("Masked men set fire to two trucks on the highway near Popayan on Wednesday.", "Arson"),
        ("Taliban and US negotiators held talks in Doha on Saturday.", "Talks"),
        ("President Ashraf Ghani offered peace talks to the Taliban on Wednesday.", "PeaceProposal"),
        ("The Taliban announced a three-day ceasefire on Saturday.", "Ceasefire"),
        ("The government and the FARC signed a peace accord in Cartagena in 2016.", "PeaceAgreement"),
    ],
)
def test_trigger_per_class(text, event_class):
    classes = [e.event_class for e in run(text).events]
    assert classes and classes[0] == event_class, classes


@pytest.mark.parametrize(
    "text",
    [
        "The central bank held talks with money changers in Kabul on Monday.",
        "Ireland struggled against the spin attack of Rashid Khan in Dehradun.",
        "He suffered a heart attack on Monday.",
        "Floods killed 12 people in southern Somalia this week.",
        "Deadly attacks have spiked since then, particularly in Kabul.",
        "The Taliban launched a number of assaults on government areas.",
    ],
)
def test_not_events(text):
    assert run(text).events == []


def test_verbal_and_nominal_triggers_of_one_event_make_one_event():
    text = ("Gunmen attacked a police checkpoint in Ghazni on Tuesday, killing four officers.\n\n"
            "The Taliban claimed responsibility for the attack.")
    extraction = run(text)
    assert len(extraction.events) == 1
    assert extraction.events[0].roles["claimedBy"] == ["taliban"]
