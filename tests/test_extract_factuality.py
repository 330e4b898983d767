"""Factuality: kb:status from modality, negation, conditions, proposals and tense."""

from __future__ import annotations

from datetime import date

import pytest

from kb.extract import extract
from kb.model import Article, Event, Extraction

PUBLISHED = date(2018, 5, 31)  # a Thursday


def run(text: str, published: date | None = PUBLISHED, identifier: str = "test") -> Extraction:
    return extract(Article(identifier=identifier, text=text, published=published))


def event_with_trigger(extraction: Extraction, trigger: str) -> Event:
    found = [e for e in extraction.events if e.trigger.text.lower() == trigger.lower()]
    assert found, f"no event triggered by {trigger!r} in {[e.trigger.text for e in extraction.events]}"
    return found[0]


@pytest.mark.parametrize(
    "text, trigger, status",
    [
        ("Taliban commanders have held secret talks with Afghan government officials.", "talks", "Occurred"),
        ("Taliban commanders are in talks with the Afghan government.", "talks", "Ongoing"),
        ("The talks between the Taliban and the government are taking place in Doha.", "talks", "Ongoing"),
        ("The Taliban and the government discussed a possible ceasefire.", "ceasefire", "Proposed"),
        ("Ghani said the Taliban could become a party if they accepted a ceasefire.", "ceasefire", "Hypothetical"),
        ("The US hopes to pressure the Taliban into a peace deal.", "peace deal", "Proposed"),
        ("A government spokesman said talks with the Taliban would resume next week.", "talks", "Planned"),
        ("The Taliban will hold talks with US envoys in Doha.", "talks", "Planned"),
        ("Militants tried to storm the police headquarters in Kandahar.", "storm", "Attempted"),
        ("The Taliban denied that they had attacked the checkpoint in Ghazni.", "attacked", "Denied"),
        ("The Taliban did not attack the convoy in Ghazni, officials said.", "attack", "Denied"),
        ("Gunmen attacked a checkpoint in Ghazni on Tuesday, police said.", "attacked", "Occurred"),
        ("The two sides agreed to a ceasefire in Kunduz on Monday.", "ceasefire", "Occurred"),
        ("Nigerian troops repelled an attack by ISWAP fighters on Damasak on Tuesday.", "attack", "Occurred"),
    ],
)
def test_status_table(text, trigger, status):
    assert event_with_trigger(run(text), trigger).status == status


def test_the_proposal_happened_and_what_it_proposes_is_proposed():
    extraction = run("In February, Afghan President Ashraf Ghani suggested peace talks with the Taliban.")
    offer = event_with_trigger(extraction, "suggested")
    talks = event_with_trigger(extraction, "peace talks")
    assert (offer.event_class, offer.status) == ("PeaceProposal", "Occurred")
    assert (talks.event_class, talks.status) == ("Talks", "Proposed")
    assert ("relatedEvent", extraction.events.index(offer)) in talks.related


def test_a_date_after_publication_makes_an_event_planned():
    extraction = run("The Taliban and the government hold talks in Doha on 4 June.")
    assert event_with_trigger(extraction, "talks").status == "Planned"


def test_hedged_attribution_is_not_a_hedged_event():
    extraction = run("A bomb exploded in Kabul on Tuesday. The US said the Taliban could be behind the attack.")
    (bombing,) = [e for e in extraction.events if e.event_class == "Bombing"]
    assert bombing.status == "Occurred"
    assert bombing.roles["allegedPerpetrator"] == ["taliban"]


def test_reports_an_army_debunks_tell_of_a_takeover_that_did_not_happen():
    extraction = run("The army debunked reports that militants had overrun the base in Marte.")
    assert event_with_trigger(extraction, "overrun").status == "Denied"


def test_forces_that_pressed_on_with_a_raid_are_still_raiding_and_a_call_pressed_for_is_a_proposal():
    raid = event_with_trigger(run("Israeli forces pressed on with a large-scale raid in Jenin on Wednesday."), "raid")
    assert raid.status == "Ongoing"
    assert raid.roles.get("perpetrator")
    ceasefire = event_with_trigger(run("The United Nations pressed for a ceasefire in Gaza on Wednesday."), "ceasefire")
    assert ceasefire.status == "Proposed"


def test_talks_held_since_last_year_and_fighting_that_has_raged_since_thursday_are_going_on():
    talks = event_with_trigger(run("Saudi and Houthi negotiators have been holding talks in Muscat since last year."), "talks")
    assert talks.status == "Ongoing"
    fighting = event_with_trigger(run("Fighting between ELN guerrillas and FARC dissidents has raged in Catatumbo "
                                      "since Monday."), "Fighting")
    assert fighting.status == "Ongoing"
