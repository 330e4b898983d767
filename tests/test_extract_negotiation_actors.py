"""Who proposes, who talks: proposers of offers (with their government), listed heads of state
named by surname, capitals standing for governments, the nominal forms of a ceasefire, offers
referred to later, and UN missions in the actor lexicon."""

from __future__ import annotations

from datetime import date

import pytest

from kb.extract import extract
from kb.extract.lexicon import get_lexicon
from kb.model import Article, Event, Extraction

PUBLISHED = date(2021, 3, 10)  # a Wednesday


def run(text: str) -> Extraction:
    return extract(Article(identifier="test", text=text, published=PUBLISHED))


def events_of(extraction: Extraction, event_class: str) -> list[Event]:
    return [e for e in extraction.events if e.event_class == event_class]


# -- proposers -------------------------------------------------------------------------------------


def test_a_president_who_offers_talks_proposes_them_with_his_government():
    extraction = run("Colombian President Ivan Duque on Monday offered to resume peace talks with the ELN rebels.")
    (proposal,) = events_of(extraction, "PeaceProposal")
    assert proposal.roles["proposer"] == ["ivan-duque", "government-of-colombia"]


def test_a_listed_head_of_government_named_by_surname_alone_is_the_proposer():
    extraction = run("Duterte last week offered peace talks to the communist rebels.")
    (proposal,) = events_of(extraction, "PeaceProposal")
    assert proposal.roles["proposer"] == ["rodrigo-duterte", "government-of-philippines"]


def test_a_surname_inside_another_persons_name_is_not_the_listed_person():
    extraction = run("Mullah Abdul Ghani Baradar, the Taliban's deputy leader, offered peace talks to the Afghan "
                     "government on Sunday.")
    (proposal,) = events_of(extraction, "PeaceProposal")
    assert "ashraf-ghani" not in proposal.actors()


def test_a_listed_surname_standing_alone_beside_a_longer_name_is_the_listed_person():
    extraction = run("Taliban deputy leader Abdul Ghani Baradar met Ghani in Kabul on Sunday.")
    (talks,) = events_of(extraction, "Talks")
    assert {"abdul-ghani-baradar", "ashraf-ghani"} <= set(talks.roles["participant"])


def test_two_proposals_joined_by_and_share_their_subject_and_are_one_offer():
    extraction = run("President Ivan Duque on Monday offered to release rebel prisoners and proposed a ceasefire "
                     "with the ELN.")
    (proposal,) = events_of(extraction, "PeaceProposal")
    assert "ivan-duque" in proposal.roles["proposer"]


def test_the_shared_subject_of_a_second_verb_proposes():
    extraction = run("Prime Minister Abiy Ahmed on Tuesday welcomed the mediators and proposed a ceasefire with the "
                     "Tigrayan forces.")
    (proposal,) = events_of(extraction, "PeaceProposal")
    assert proposal.roles["proposer"] == ["abiy-ahmed", "government-of-ethiopia"]


def test_an_offer_referred_to_after_talks_is_a_proposal_by_whoever_made_it():
    extraction = run("Government and rebel negotiators held talks in Oslo on Monday. The rebels said they were "
                     "studying the offer that Duterte made in March.")
    (proposal,) = events_of(extraction, "PeaceProposal")
    assert "rodrigo-duterte" in proposal.roles["proposer"]
    assert proposal.time.value == "2021-03"


def test_an_offer_restated_in_its_own_sentence_is_not_a_second_proposal():
    extraction = run("The council has offered to mediate talks between the government and the rebels, a proposal "
                     "the army has not yet answered.")
    assert len([e for e in extraction.events if e.event_class == "PeaceProposal" and e.status == "Occurred"]) == 1


def test_an_offer_of_something_else_is_no_peace_proposal():
    extraction = run("The company offered a discount to its customers on Monday.")
    assert not extraction.events


# -- a capital standing for its government ---------------------------------------------------------


def test_a_capital_that_urges_is_its_government():
    extraction = run("Washington has urged the Houthis to accept a ceasefire, the State Department said.")
    (proposal,) = events_of(extraction, "PeaceProposal")
    assert proposal.roles["proposer"] == ["government-of-united-states"]
    assert proposal.roles["addressee"] == ["houthis"]


def test_a_capital_as_a_side_of_talks_is_its_government_and_not_their_place():
    extraction = run("Talks between Kabul and the Taliban resumed in Doha on Saturday.")
    (talks,) = events_of(extraction, "Talks")
    assert "government-of-afghanistan" in talks.roles["participant"]
    assert extraction.places[talks.place].label == "Doha"


def test_a_capital_that_proposes_is_its_government():
    extraction = run("Moscow proposed peace talks between Kyiv and the separatists on Tuesday.")
    (proposal,) = events_of(extraction, "PeaceProposal")
    assert proposal.roles["proposer"] == ["government-of-russia"]


def test_a_capital_where_something_happens_is_a_place():
    extraction = run("A car bomb exploded in Kabul on Monday, killing five people.")
    (bombing,) = extraction.events
    assert extraction.places[bombing.place].label == "Kabul"
    assert not bombing.actors()


def test_a_country_and_its_government_in_one_role_are_named_once():
    extraction = run("Colombia and the ELN signed a peace accord in Havana on Friday, with President Ivan Duque "
                     "signing for the government.")
    (accord,) = events_of(extraction, "PeaceAgreement")
    parties = accord.roles["participant"]
    assert "colombia" in parties and "government-of-colombia" not in parties


# -- a ceasefire said with a noun phrase -----------------------------------------------------------


@pytest.mark.parametrize(
    "text, status",
    [
        ("The army and the rebels agreed on Monday to a halt to hostilities in the south, mediators said.", "Occurred"),
        ("Both sides announced a pause in the fighting on Monday.", "Occurred"),
        # a truce that took effect (and is not said to have ended) is in course at publication
        ("A reduction in violence between the army and the militants took effect on Saturday.", "Ongoing"),
        ("The rebels rejected calls for a cessation of hostilities.", "Proposed"),
        ("A truce between the two clans held for a second day on Monday, elders said.", "Occurred"),
    ],
)
def test_nominal_forms_of_a_ceasefire_are_ceasefires(text, status):
    (ceasefire,) = events_of(run(text), "Ceasefire")
    assert ceasefire.status == status


def test_a_reduction_in_violence_names_its_parties():
    extraction = run("A reduction in violence agreed between the army and the Houthis held on Sunday, "
                     "officials said.")
    (ceasefire,) = events_of(extraction, "Ceasefire")
    assert "houthis" in ceasefire.roles.get("participant", [])


# -- UN and AU missions ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, member_of",
    [("MINUSMA", "united-nations"), ("MONUSCO", "united-nations"), ("UNMISS", "united-nations"),
     ("UNIFIL", "united-nations"), ("UNAMA", "united-nations"), ("AMISOM", "african-union"),
     ("ATMIS", "african-union")],
)
def test_peace_missions_belong_to_their_organisation(name, member_of):
    entry = get_lexicon().find(name)
    assert entry is not None and entry.member_of == member_of


def test_an_attack_on_a_un_mission_targets_the_mission_of_the_united_nations():
    extraction = run("Gunmen attacked a MINUSMA convoy near Gao on Friday, killing two peacekeepers.")
    (attack,) = extraction.events
    assert attack.roles.get("target") == ["minusma"]
    assert extraction.actors["minusma"].member_of == "united-nations"
    assert "united-nations" in extraction.actors


# -- talks that go on with the story -----------------------------------------------------------------


def test_further_talks_with_a_place_and_date_of_their_own_go_on_with_the_story():
    extraction = run("Ethiopia and the Oromo Liberation Army ended a first round of peace talks in Zanzibar on "
                     "Monday. Further talks will be held in Nairobi next week, the mediators said.")
    talks = events_of(extraction, "Talks")
    assert len(talks) == 2
    planned = next(t for t in talks if t.status == "Planned")
    assert planned.time is not None and planned.time.precision == "week"


def test_talks_with_no_party_of_a_conflict_and_no_story_before_them_are_no_event():
    extraction = run("Officials said further talks would be held in Nairobi next week.")
    assert events_of(extraction, "Talks") == []


def test_the_topic_of_a_meeting_is_not_talks_of_its_own():
    extraction = run("The government and the rebels held talks in Geneva on Monday. The two delegations will meet "
                     "again next month to discuss a framework for political negotiations.")
    assert len(events_of(extraction, "Talks")) == 2


def test_a_ceasefire_called_off_happened_and_was_kept_by_both_sides_no_one_proposed_it():
    extraction = run("Attacks have risen since the TTP called off a ceasefire with the government in November.")
    assert events_of(extraction, "PeaceProposal") == []
    ceasefire = events_of(extraction, "Ceasefire")[0]
    assert ceasefire.status == "Occurred"
    assert "proposer" not in ceasefire.roles and len(ceasefire.roles["participant"]) == 2


def test_talks_of_a_kind_are_no_event():
    extraction = run("The governor offered to hold talks with any bandit leader who frees captives and surrenders "
                     "weapons. Such talks have a poor record in Zamfara.")
    assert [t.status for t in events_of(extraction, "Talks")] == ["Proposed"]


def test_the_sides_that_ended_or_suspended_talks_are_their_participants():
    ended = events_of(run("Ethiopia and the OLA ended a first round of peace talks in Zanzibar on Monday."), "Talks")[0]
    assert set(ended.roles["participant"]) >= {"ethiopia", "ola"}
    suspended = events_of(run("President Gustavo Petro suspended peace talks with the ELN on Friday."), "Talks")[0]
    assert "eln" in suspended.roles["participant"] and "government-of-colombia" in suspended.roles["participant"]


def test_talks_that_could_resume_go_on_with_the_story_of_the_talks_before():
    extraction = run("President Gustavo Petro suspended peace talks with the ELN on Friday. Petro said on Tuesday "
                     "that talks could only resume if the ELN stopped attacking civilians.")
    assert sorted(t.status for t in events_of(extraction, "Talks")) == ["Hypothetical", "Occurred"]
    assert [e for e in extraction.events if e.event_class not in ("Talks",)] == []  # attacks given up are no attack
